"""A conforming reference target: a small in-memory ECS built to the clause catalogue.

It serves CreateTaskSet and the calls the harness needs around it (prerequisites, DescribeTaskSets,
DeleteTaskSet) over awsJson1_1. The self-tests prove the suite against it: the suite passes on it,
and each planted fault (tests/reference/faults.py) makes the check for its clause fail.
One server serves many runs; the self-tests switch its planted faults between them.
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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ACCOUNT = "123456789012"
PREFIX = "AmazonEC2ContainerServiceV20141113."
JSON_TYPE = "application/x-amz-json-1.1"


class ApiError(Exception):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


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


Fault = Callable[[Call, Reply], Reply]


@dataclass
class Service:
    arn: str
    name: str
    controller: str
    desired_count: int
    status: str = "ACTIVE"
    task_sets: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class State:
    clusters: dict[str, str] = field(default_factory=dict)  # name -> arn
    task_definitions: dict[str, list[str]] = field(default_factory=dict)  # family -> revision arns
    services: dict[tuple[str, str], Service] = field(default_factory=dict)


def _arn(region: str, resource: str) -> str:
    return f"arn:aws:ecs:{region}:{ACCOUNT}:{resource}"


def _name(value: Any, member: str) -> str:
    if not isinstance(value, str) or not value:
        raise ApiError("InvalidParameterException", f"{member} must be a non-empty string")
    return value.split("/")[-1] if value.startswith("arn:") else value


class ReferenceEcs:
    """The operations, over plain dicts. Not thread-safe by itself: the server serialises calls."""

    def __init__(self) -> None:
        self.state = State()

    def handle(self, call: Call) -> dict[str, Any]:
        method = getattr(self, "op_" + call.operation, None)
        if method is None:
            raise ApiError("UnknownOperationException", f"{call.operation} is not supported")
        result: dict[str, Any] = method(call.request, call.region)
        return result

    # -------------------------------------------------------------- prerequisites

    def op_ListClusters(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        return {"clusterArns": sorted(self.state.clusters.values())}

    def op_CreateCluster(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        name = request.get("clusterName", "default")
        arn = self.state.clusters.setdefault(name, _arn(region, f"cluster/{name}"))
        return {"cluster": {"clusterArn": arn, "clusterName": name, "status": "ACTIVE"}}

    def op_DeleteCluster(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        name = self._cluster(request.get("cluster"))
        arn = self.state.clusters.pop(name)
        return {"cluster": {"clusterArn": arn, "clusterName": name, "status": "INACTIVE"}}

    def op_RegisterTaskDefinition(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        family = request["family"]
        revisions = self.state.task_definitions.setdefault(family, [])
        arn = _arn(region, f"task-definition/{family}:{len(revisions) + 1}")
        revisions.append(arn)
        return {
            "taskDefinition": {
                "taskDefinitionArn": arn,
                "family": family,
                "revision": len(revisions),
                "status": "ACTIVE",
                "containerDefinitions": request.get("containerDefinitions", []),
            }
        }

    def op_DeregisterTaskDefinition(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        arn = self._task_definition(request.get("taskDefinition"))
        return {"taskDefinition": {"taskDefinitionArn": arn, "status": "INACTIVE"}}

    def op_CreateService(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        cluster = self._cluster(request.get("cluster", "default"))
        name = _name(request.get("serviceName"), "serviceName")
        controller = (request.get("deploymentController") or {}).get("type", "ECS")
        service = Service(
            _arn(region, f"service/{cluster}/{name}"), name, controller, int(request.get("desiredCount", 0))
        )
        self.state.services[(cluster, name)] = service
        return {"service": self._describe_service(service, cluster, region)}

    def op_DeleteService(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        cluster = self._cluster(request.get("cluster", "default"))
        service = self._service(cluster, request.get("service"))
        service.status = "INACTIVE"
        service.task_sets.clear()
        return {"service": self._describe_service(service, cluster, region)}

    def _describe_service(self, service: Service, cluster: str, region: str) -> dict[str, Any]:
        return {
            "serviceArn": service.arn,
            "serviceName": service.name,
            "status": service.status,
            "clusterArn": self.state.clusters[cluster],
            "desiredCount": service.desired_count,
            "deploymentController": {"type": service.controller},
        }

    def op_DescribeTaskSets(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        cluster = self._cluster(request.get("cluster"))
        service = self._service(cluster, request.get("service"))
        return {"taskSets": list(service.task_sets.values()), "failures": []}

    def op_DeleteTaskSet(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        cluster = self._cluster(request.get("cluster"))
        service = self._service(cluster, request.get("service"))
        wanted = request.get("taskSet", "")
        for arn, task_set in list(service.task_sets.items()):
            if wanted in (arn, task_set["id"]):
                del service.task_sets[arn]
                return {"taskSet": {**task_set, "status": "DRAINING"}}
        raise ApiError("TaskSetNotFoundException", f"task set {wanted} not found")

    # -------------------------------------------------------------- lookups

    def _cluster(self, value: Any) -> str:
        name = _name(value, "cluster")
        if name not in self.state.clusters:
            raise ApiError("ClusterNotFoundException", "Cluster not found.")
        return name

    def _service(self, cluster: str, value: Any) -> Service:
        name = _name(value, "service")
        service = self.state.services.get((cluster, name))
        if service is None:
            raise ApiError("ServiceNotFoundException", "Service not found.")
        return service

    def _task_definition(self, value: Any) -> str:
        name = _name(value, "taskDefinition")
        family, _, revision = name.partition(":")
        revisions = self.state.task_definitions.get(family, [])
        if revisions and not revision:
            return revisions[-1]
        if revision.isdigit() and 0 < int(revision) <= len(revisions):
            return revisions[int(revision) - 1]
        raise ApiError("ClientException", f"Unable to describe task definition {name}.")

    # -------------------------------------------------------------- the operation under test

    def op_CreateTaskSet(self, request: dict[str, Any], region: str) -> dict[str, Any]:
        for member in ("service", "cluster", "taskDefinition"):
            if member not in request:
                raise ApiError("InvalidParameterException", f"{member} is required")
        cluster = self._cluster(request["cluster"])
        service = self._service(cluster, request["service"])
        if service.status != "ACTIVE":
            raise ApiError("ServiceNotActiveException", "Service was not ACTIVE.")
        if service.controller != "EXTERNAL":
            raise ApiError("InvalidParameterException", "The service must use the EXTERNAL deployment controller.")
        task_definition = self._task_definition(request["taskDefinition"])
        scale = request.get("scale") or {"value": 100.0, "unit": "PERCENT"}
        task_set_id = "ecs-svc/" + "".join(random.choices("0123456789", k=19))
        now = round(time.time(), 3)
        task_set: dict[str, Any] = {
            "id": task_set_id,
            "taskSetArn": _arn(region, f"task-set/{cluster}/{service.name}/{task_set_id}"),
            "serviceArn": service.arn,
            "clusterArn": self.state.clusters[cluster],
            "externalId": request.get("externalId", ""),
            "status": "ACTIVE",
            "taskDefinition": task_definition,
            "computedDesiredCount": math.ceil(service.desired_count * float(scale["value"]) / 100),
            "pendingCount": 0,
            "runningCount": 0,
            "createdAt": now,
            "updatedAt": now,
            "launchType": request.get("launchType", "EC2"),
            "loadBalancers": request.get("loadBalancers", []),
            "serviceRegistries": request.get("serviceRegistries", []),
            "scale": scale,
            "stabilityStatus": "STABILIZING",
            "stabilityStatusAt": now,
            "tags": request.get("tags", []),
        }
        service.task_sets[task_set["taskSetArn"]] = task_set
        return {"taskSet": task_set}


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
        region_match = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/", authorization)
        region = region_match.group(1) if region_match else "us-east-1"
        if not target.startswith(PREFIX):
            return _error_reply(ApiError("UnknownOperationException", f"unknown target {target!r}"))
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return _error_reply(ApiError("SerializationException", "body is not JSON"))
        if not isinstance(request, dict):
            return _error_reply(ApiError("SerializationException", "body is not a JSON object"))
        call = Call(target.removeprefix(PREFIX), request, region)
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
