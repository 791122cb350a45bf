"""A conforming reference target: a small in-memory ECS built to the clause catalogue.

It serves CreateTaskSet and the calls the harness needs around it (prerequisites, DescribeTaskSets,
DeleteTaskSet) over awsJson1_1. The self-tests prove the suite against it: the suite passes on it,
and each planted fault (tests/reference/faults.py) makes the check for its clause fail.
One server serves many runs; the self-tests switch its planted faults between them.

What it knows of the world is written here, not taken from the harness's contract, so that the
suite is checked against an independent reading of the API page and the model.
"""

from __future__ import annotations

import json
import math
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import regex

ACCOUNT = "123456789012"
PREFIX = "AmazonEC2ContainerServiceV20141113."
JSON_TYPE = "application/x-amz-json-1.1"

# Requests signed with these access key ids come from a principal without any ECS permission.
DENIED_ACCESS_KEYS = frozenset({"DENIED"})
LAUNCH_TYPES = ("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")
FARGATE_PROVIDERS = ("FARGATE", "FARGATE_SPOT")
PLATFORM_VERSIONS = ("LATEST", "1.4.0", "1.3.0")
EPHEMERAL_STORAGE_PLATFORMS = ("LATEST", "1.4.0")  # Fargate ephemeralStorage needs 1.4.0 or later
ASSIGN_PUBLIC_IP = ("ENABLED", "DISABLED")
SCALE_UNITS = ("PERCENT",)
TAGS_MAX, TAG_KEY_MAX, TAG_VALUE_MAX, RESERVED_TAG_PREFIX = 50, 128, 256, "aws:"
TAG_TEXT = regex.compile(r"[\p{L}\p{Z}\p{N}_.:/=+\-@]*")
CLIENT_TOKEN_MAX = 36
WEIGHT_MAX, BASE_MAX = 1000, 100000
# Request members a task set shows as they were sent.
ECHOED = (
    "externalId",
    "launchType",
    "capacityProviderStrategy",
    "networkConfiguration",
    "loadBalancers",
    "serviceRegistries",
    "platformVersion",
    "tags",
)


class ApiError(Exception):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def _invalid(message: str) -> ApiError:
    return ApiError("InvalidParameterException", message)


@dataclass
class Reply:
    """What the handler sends; faults rewrite it before it goes out."""

    status: int
    body: bytes
    content_type: str = JSON_TYPE
    headers: dict[str, str] = field(default_factory=dict)
    truncate: bool = False  # announce more bytes than are sent, then close
    drop: bool = False  # close the connection without any response


@dataclass
class Call:
    operation: str
    request: dict[str, Any]
    region: str
    access_key: str = ""


Fault = Callable[[Call, Reply], Reply]


@dataclass
class Cluster:
    name: str
    arn: str
    capacity_providers: list[str]


@dataclass
class TaskDefinition:
    arn: str
    definition: dict[str, Any]  # the RegisterTaskDefinition request
    status: str = "ACTIVE"


@dataclass
class Service:
    arn: str
    name: str
    controller: str
    desired_count: int
    status: str = "ACTIVE"
    task_sets: dict[str, dict[str, Any]] = field(default_factory=dict)
    client_tokens: dict[str, tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=dict)  # -> request, set


@dataclass
class State:
    clusters: dict[str, Cluster] = field(default_factory=dict)
    task_definitions: dict[str, list[TaskDefinition]] = field(default_factory=dict)  # family -> by revision
    services: dict[tuple[str, str], Service] = field(default_factory=dict)  # (cluster, service) names


def _arn(region: str, resource: str) -> str:
    return f"arn:aws:ecs:{region}:{ACCOUNT}:{resource}"


def _name(value: Any, member: str) -> str:
    if not isinstance(value, str) or not value:
        raise _invalid(f"{member} must be a non-empty string")
    return value.split("/")[-1] if value.startswith("arn:") else value


# -------------------------------------------------------------- CreateTaskSet request rules


def _validate(request: dict[str, Any]) -> None:
    """The rules of the model and the page a request keeps before anything is looked up."""
    for member in ("service", "cluster", "taskDefinition"):
        if member not in request:
            raise _invalid(f"{member} is required")
    for member in ("externalId", "platformVersion", "clientToken"):
        if not isinstance(request.get(member, ""), str):
            raise _invalid(f"{member} must be a string")
    if "clientToken" in request:
        _check_client_token(request["clientToken"])
    if request.get("launchType", LAUNCH_TYPES[0]) not in LAUNCH_TYPES:
        raise _invalid(f"launchType must be one of {', '.join(LAUNCH_TYPES)}")
    if "capacityProviderStrategy" in request:
        if "launchType" in request:
            raise _invalid("Specifying both a launchType and capacityProviderStrategy is not supported.")
        _check_strategy(request["capacityProviderStrategy"])
    if "networkConfiguration" in request:
        _check_network(request["networkConfiguration"])
    if "scale" in request:
        _check_scale(request["scale"])
    if "tags" in request:
        _check_tags(request["tags"])
    for member in ("loadBalancers", "serviceRegistries"):
        _objects(request.get(member, []), member)


def _objects(value: Any, member: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise _invalid(f"{member} must be a list of objects")
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_client_token(token: str) -> None:
    if not 0 < len(token) <= CLIENT_TOKEN_MAX or not all(33 <= ord(char) <= 126 for char in token):
        raise _invalid(f"clientToken must be 1 to {CLIENT_TOKEN_MAX} ASCII characters in the range 33-126")


def _check_strategy(strategy: Any) -> None:
    for item in _objects(strategy, "capacityProviderStrategy"):
        if not isinstance(item.get("capacityProvider"), str) or not item["capacityProvider"]:
            raise _invalid("capacityProviderStrategy.capacityProvider is required")
        for member, high in (("weight", WEIGHT_MAX), ("base", BASE_MAX)):
            value = item.get(member, 0)
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= high:
                raise _invalid(f"capacityProviderStrategy.{member} must be an integer from 0 to {high}")


def _check_network(network: Any) -> None:
    awsvpc = network.get("awsvpcConfiguration") if isinstance(network, dict) else None
    if not isinstance(awsvpc, dict):
        raise _invalid("networkConfiguration.awsvpcConfiguration is required")
    for member in ("subnets", "securityGroups"):
        ids = awsvpc.get(member, [])
        if not isinstance(ids, list) or not all(isinstance(item, str) and item for item in ids):
            raise _invalid(f"awsvpcConfiguration.{member} must be a list of ids")
    if not awsvpc.get("subnets"):
        raise _invalid("awsvpcConfiguration.subnets is required")
    if awsvpc.get("assignPublicIp", ASSIGN_PUBLIC_IP[1]) not in ASSIGN_PUBLIC_IP:
        raise _invalid(f"assignPublicIp must be one of {', '.join(ASSIGN_PUBLIC_IP)}")


def _check_scale(scale: Any) -> None:
    value: Any = scale.get("value") if isinstance(scale, dict) else None
    if not _is_number(value) or not 0 <= value <= 100:
        raise _invalid("scale.value must be a number from 0 to 100")
    if scale.get("unit", SCALE_UNITS[0]) not in SCALE_UNITS:
        raise _invalid(f"scale.unit must be one of {', '.join(SCALE_UNITS)}")


def _check_tags(tags: Any) -> None:
    tags = _objects(tags, "tags")
    if len(tags) > TAGS_MAX:
        raise _invalid(f"at most {TAGS_MAX} tags are allowed")
    keys: set[str] = set()
    for tag in tags:
        key, value = tag.get("key"), tag.get("value", "")
        if not isinstance(key, str) or not 0 < len(key) <= TAG_KEY_MAX:
            raise _invalid(f"a tag key must be 1 to {TAG_KEY_MAX} characters")
        if not isinstance(value, str) or len(value) > TAG_VALUE_MAX:
            raise _invalid(f"a tag value must be at most {TAG_VALUE_MAX} characters")
        if key in keys:
            raise _invalid(f"the tag key {key!r} is used twice")
        keys.add(key)
        for text in (key, value):
            if not TAG_TEXT.fullmatch(text):
                raise _invalid(f"the tag {text!r} has characters outside {TAG_TEXT.pattern}")
            if text.lower().startswith(RESERVED_TAG_PREFIX):
                raise _invalid(f"the prefix {RESERVED_TAG_PREFIX} is reserved for AWS use")


def _check_platform(platform: str | None, task_definition: TaskDefinition) -> None:
    if platform is None:
        return
    if platform not in PLATFORM_VERSIONS:
        raise ApiError("PlatformUnknownException", f"The specified platform version {platform} doesn't exist.")
    if "ephemeralStorage" in task_definition.definition and platform not in EPHEMERAL_STORAGE_PLATFORMS:
        raise ApiError(
            "PlatformTaskDefinitionIncompatibilityException",
            f"Platform version {platform} does not support the task definition's ephemeralStorage.",
        )


class ReferenceEcs:
    """The operations, over plain dicts. Not thread-safe by itself: the server serialises calls."""

    def __init__(self) -> None:
        self.state = State()

    def handle(self, call: Call) -> dict[str, Any]:
        method = getattr(self, "op_" + call.operation, None)
        if method is None:
            raise ApiError("UnknownOperationException", f"{call.operation} is not supported")
        if call.access_key in DENIED_ACCESS_KEYS:
            raise ApiError(
                "AccessDeniedException",
                f"User: arn:aws:iam::{ACCOUNT}:user/denied is not authorized to perform: ecs:{call.operation}",
            )
        result: dict[str, Any] = method(call.request, call.region)
        return result

    # -------------------------------------------------------------- prerequisites

    def op_ListClusters(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        return {"clusterArns": sorted(cluster.arn for cluster in self.state.clusters.values())}

    def op_CreateCluster(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        name = request.get("clusterName", "default")
        providers = list(request.get("capacityProviders", []))
        cluster = self.state.clusters.setdefault(name, Cluster(name, _arn(region, f"cluster/{name}"), providers))
        return {"cluster": self._describe_cluster(cluster, "ACTIVE")}

    def op_DeleteCluster(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        cluster = self.state.clusters.pop(self._cluster(request.get("cluster")).name)
        return {"cluster": self._describe_cluster(cluster, "INACTIVE")}

    def _describe_cluster(self, cluster: Cluster, status: str) -> dict[str, Any]:
        return {
            "clusterArn": cluster.arn,
            "clusterName": cluster.name,
            "status": status,
            "capacityProviders": cluster.capacity_providers,
        }

    def op_RegisterTaskDefinition(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        family = request["family"]
        revisions = self.state.task_definitions.setdefault(family, [])
        arn = _arn(region, f"task-definition/{family}:{len(revisions) + 1}")
        revisions.append(TaskDefinition(arn, request))
        return {"taskDefinition": self._describe_task_definition(revisions[-1])}

    def op_DeregisterTaskDefinition(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        task_definition = self._revision(request.get("taskDefinition"))
        task_definition.status = "INACTIVE"
        return {"taskDefinition": self._describe_task_definition(task_definition)}

    def _describe_task_definition(self, task_definition: TaskDefinition) -> dict[str, Any]:
        described = {key: value for key, value in task_definition.definition.items() if key != "tags"}
        revision = int(task_definition.arn.rsplit(":", 1)[1])
        return {
            **described,
            "taskDefinitionArn": task_definition.arn,
            "revision": revision,
            "status": task_definition.status,
        }

    def op_CreateService(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        cluster = self._cluster(request.get("cluster", "default"))
        name = _name(request.get("serviceName"), "serviceName")
        controller = (request.get("deploymentController") or {}).get("type", "ECS")
        service = Service(
            _arn(region, f"service/{cluster.name}/{name}"), name, controller, int(request.get("desiredCount", 0))
        )
        self.state.services[(cluster.name, name)] = service
        return {"service": self._describe_service(service, cluster)}

    def op_DeleteService(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        cluster = self._cluster(request.get("cluster", "default"))
        service = self._service(cluster, request.get("service"))
        service.status = "INACTIVE"
        service.task_sets.clear()
        return {"service": self._describe_service(service, cluster)}

    def _describe_service(self, service: Service, cluster: Cluster) -> dict[str, Any]:
        return {
            "serviceArn": service.arn,
            "serviceName": service.name,
            "status": service.status,
            "clusterArn": cluster.arn,
            "desiredCount": service.desired_count,
            "deploymentController": {"type": service.controller},
        }

    def op_DescribeTaskSets(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        service = self._service(self._cluster(request.get("cluster")), request.get("service"))
        return {"taskSets": list(service.task_sets.values()), "failures": []}

    def op_DeleteTaskSet(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        service = self._service(self._cluster(request.get("cluster")), request.get("service"))
        wanted = request.get("taskSet", "")
        for arn, task_set in list(service.task_sets.items()):
            if wanted in (arn, task_set["id"]):
                del service.task_sets[arn]
                return {"taskSet": {**task_set, "status": "DRAINING"}}
        raise ApiError("TaskSetNotFoundException", f"task set {wanted} not found")

    # -------------------------------------------------------------- lookups

    def _cluster(self, value: Any) -> Cluster:
        cluster = self.state.clusters.get(_name(value, "cluster"))
        if cluster is None:
            raise ApiError("ClusterNotFoundException", "Cluster not found.")
        return cluster

    def _service(self, cluster: Cluster, value: Any) -> Service:
        service = self.state.services.get((cluster.name, _name(value, "service")))
        if service is None:
            raise ApiError("ServiceNotFoundException", "Service not found.")
        return service

    def _revision(self, value: Any) -> TaskDefinition:
        """A task definition named by family:revision or by its ARN."""
        name = _name(value, "taskDefinition")
        family, _, revision = name.partition(":")
        revisions = self.state.task_definitions.get(family, [])
        if revision.isdigit() and 0 < int(revision) <= len(revisions):
            return revisions[int(revision) - 1]
        raise ApiError("ClientException", f"Unable to describe task definition {name}.")

    def _runnable(self, value: Any) -> TaskDefinition:
        """The revision a new task set runs: a bare family means its latest ACTIVE revision.
        An INACTIVE revision cannot be used for anything new."""
        name = _name(value, "taskDefinition")
        if ":" in name:
            task_definition = self._revision(name)
        else:
            active = [td for td in self.state.task_definitions.get(name, []) if td.status == "ACTIVE"]
            if not active:
                raise ApiError("ClientException", f"Unable to describe task definition {name}.")
            task_definition = active[-1]
        if task_definition.status != "ACTIVE":
            raise ApiError("ClientException", f"TaskDefinition {name} is inactive.")
        return task_definition

    # -------------------------------------------------------------- the operation under test

    def op_CreateTaskSet(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        _validate(request)
        cluster = self._cluster(request["cluster"])
        service = self._service(cluster, request["service"])
        if service.status != "ACTIVE":
            raise ApiError("ServiceNotActiveException", "Service was not ACTIVE.")
        if service.controller != "EXTERNAL":
            raise _invalid("The service must use the EXTERNAL deployment controller.")
        task_definition = self._runnable(request["taskDefinition"])
        _check_platform(request.get("platformVersion"), task_definition)
        for item in request.get("capacityProviderStrategy", []):
            if item["capacityProvider"] not in cluster.capacity_providers:
                raise _invalid(f"The capacity provider {item['capacityProvider']} is not associated with the cluster.")
        token = request.get("clientToken")
        if token is not None and token in service.client_tokens:
            first_request, task_set = service.client_tokens[token]
            if first_request != request:
                raise _invalid("The clientToken was already used for a different request.")
            return {"taskSet": task_set}
        task_set = self._new_task_set(request, cluster, service, task_definition, region)
        service.task_sets[task_set["taskSetArn"]] = task_set
        if token is not None:
            service.client_tokens[token] = (request, task_set)
        return {"taskSet": task_set}

    def _new_task_set(
        self, request: dict[str, Any], cluster: Cluster, service: Service, task_definition: TaskDefinition, region: str
    ) -> dict[str, Any]:
        scale = {"unit": "PERCENT", **request.get("scale", {"value": 100})}
        task_set_id = "ecs-svc/" + "".join(random.choices("0123456789", k=19))
        now = round(time.time(), 3)
        task_set: dict[str, Any] = {
            "id": task_set_id,
            "taskSetArn": _arn(region, f"task-set/{cluster.name}/{service.name}/{task_set_id}"),
            "serviceArn": service.arn,
            "clusterArn": cluster.arn,
            "status": "ACTIVE",
            "taskDefinition": task_definition.arn,
            "computedDesiredCount": math.ceil(service.desired_count * Fraction(str(scale["value"])) / 100),
            "pendingCount": 0,
            "runningCount": 0,
            "createdAt": now,
            "updatedAt": now,
            "scale": scale,
            "stabilityStatus": "STABILIZING",
            "stabilityStatusAt": now,
            "tags": [],
            **{member: request[member] for member in ECHOED if member in request},
        }
        strategy = request.get("capacityProviderStrategy")
        if strategy is None:
            task_set.setdefault("launchType", "EC2")
        fargate = task_set.get("launchType") == "FARGATE" or any(
            item["capacityProvider"] in FARGATE_PROVIDERS for item in strategy or []
        )
        if fargate:
            task_set.setdefault("platformVersion", "LATEST")
        return task_set


class ReferenceServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.ecs = ReferenceEcs()
        self.lock = threading.Lock()
        self.faults: list[Fault] = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> ReferenceServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self.thread.join(timeout=10)

    def reply_to(self, target: str, body: bytes, authorization: str) -> Reply:
        if not authorization.startswith("AWS4-HMAC-SHA256 "):
            return _error_reply(ApiError("MissingAuthenticationToken", "Request is missing a SigV4 signature"))
        scope = re.search(r"Credential=([^/]+)/\d{8}/([^/]+)/", authorization)
        access_key, region = scope.groups() if scope else ("", "us-east-1")
        if not target.startswith(PREFIX):
            return _error_reply(ApiError("UnknownOperationException", f"unknown target {target!r}"))
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return _error_reply(ApiError("SerializationException", "body is not JSON"))
        if not isinstance(request, dict):
            return _error_reply(ApiError("SerializationException", "body is not a JSON object"))
        call = Call(target.removeprefix(PREFIX), request, region, access_key)
        with self.lock:
            try:
                reply = Reply(200, json.dumps(self.ecs.handle(call)).encode())
            except ApiError as exc:
                reply = _error_reply(exc)
            for fault in self.faults:
                reply = fault(call, reply)
        return reply


def _error_reply(error: ApiError) -> Reply:
    return Reply(error.status, json.dumps({"__type": error.code, "message": error.message}).encode())


class _Handler(BaseHTTPRequestHandler):
    server: ReferenceServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        del format, args

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        reply = self.server.reply_to(self.headers.get("X-Amz-Target", ""), body, self.headers.get("Authorization", ""))
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        if reply.drop:
            self.close_connection = True
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("x-amzn-RequestId", f"ref-{random.getrandbits(64):016x}")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        length = len(reply.body) * 2 + 10 if reply.truncate else len(reply.body)
        self.send_header("Content-Length", str(length))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(reply.body)
        self.close_connection = True
