"""Planted faults for the reference target, each naming the clause whose check must catch it.

A fault rewrites the reference's reply to CreateTaskSet in one way a real server could get it
wrong. The self-tests run the suite once per fault and require a FAIL naming that clause.
A fault that changes behaviour (a rule not checked, a token ignored, a revision picked wrongly)
shows it in the reply: an invalid request answered with success, a valid one refused, a member
rewritten as the faulty server would have set it. The few that need to know earlier calls
(revisions registered, a service's desiredCount, tokens seen) remember them from the replies.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from tests.reference.server import Call, Fault, Reply


@dataclass(frozen=True)
class PlantedFault:
    name: str
    clause: str
    what: str
    apply: Fault


def _on_create(condition: Callable[[Call, Reply], bool], change: Callable[[Reply], Reply]) -> Fault:
    def fault(call: Call, reply: Reply) -> Reply:
        if call.operation == "CreateTaskSet" and condition(call, reply):
            return change(reply)
        return reply

    return fault


def _succeeded(call: Call, reply: Reply) -> bool:
    return reply.status == 200


def _failed(call: Call, reply: Reply) -> bool:
    return reply.status >= 400


def _code_is(code: str) -> Callable[[Call, Reply], bool]:
    return lambda call, reply: reply.status >= 400 and json.loads(reply.body).get("__type") == code


def _missing_member(call: Call, reply: Reply) -> bool:
    return not {"cluster", "service", "taskDefinition"} <= call.request.keys()


def _edit_body(edit: Callable[[dict[str, Any]], None]) -> Callable[[Reply], Reply]:
    def change(reply: Reply) -> Reply:
        body = json.loads(reply.body)
        edit(body)
        return replace(reply, body=json.dumps(body).encode())

    return change


def _edit_task_set(edit: Callable[[dict[str, Any]], None]) -> Callable[[Reply], Reply]:
    return _edit_body(lambda body: edit(body["taskSet"]))


def _accept(reply: Reply) -> Reply:
    return Reply(200, json.dumps({"taskSet": {"id": "ecs-svc/1", "status": "ACTIVE"}}).encode())


def _reject(code: str, status: int = 400) -> Callable[[Reply], Reply]:
    body = json.dumps({"__type": code, "message": "The specified parameter isn't valid."}).encode()
    return lambda reply: Reply(status, body)


Request = dict[str, Any]


def _invalid_accepted(breaks_rule: Callable[[Request], bool]) -> Fault:
    """A server that does not check a rule: the requests breaking it succeed."""
    return _on_create(lambda call, reply: _failed(call, reply) and breaks_rule(call.request), _accept)


def _valid_rejected(uses: Callable[[Request], bool], code: str = "InvalidParameterException") -> Fault:
    """A server with a rule the contract does not have: valid requests using something are refused."""
    return _on_create(lambda call, reply: _succeeded(call, reply) and uses(call.request), _reject(code))


def _items(request: Request, member: str) -> list[dict[str, Any]]:
    value = request.get(member)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _tag_texts(request: Request) -> list[str]:
    return [
        text for tag in _items(request, "tags") for text in (tag.get("key"), tag.get("value")) if isinstance(text, str)
    ]


def _string(request: Request, member: str) -> str:
    value = request.get(member)
    return value if isinstance(value, str) else ""


def _token(request: Request) -> str:
    return _string(request, "clientToken")


def _int(item: dict[str, Any], member: str) -> int:
    value = item.get(member)
    return value if isinstance(value, int) else 0


def _scale_value(request: Request) -> Any:
    scale = request.get("scale")
    return scale.get("value") if isinstance(scale, dict) else None


def _awsvpc(request: Request) -> dict[str, Any]:
    network = request.get("networkConfiguration")
    awsvpc = network.get("awsvpcConfiguration") if isinstance(network, dict) else None
    return awsvpc if isinstance(awsvpc, dict) else {}


def _new_task_set_id(task_set: dict[str, Any]) -> None:
    new_id = "ecs-svc/" + "".join(random.choices("0123456789", k=19))
    task_set["taskSetArn"] = task_set["taskSetArn"].removesuffix(task_set["id"]) + new_id
    task_set["id"] = new_id


def _ignores_client_token() -> Fault:
    """Every request creates a task set, whether its clientToken was seen before or not."""
    seen: set[str] = set()

    def fault(call: Call, reply: Reply) -> Reply:
        token = _token(call.request)
        if call.operation != "CreateTaskSet" or reply.status != 200 or not token:
            return reply
        if token not in seen:
            seen.add(token)
            return reply
        return _edit_task_set(_new_task_set_id)(reply)

    return fault


def _latest_revision_even_inactive() -> Fault:
    """A bare family resolved to the highest revision registered, deregistered or not."""
    highest: dict[str, str] = {}  # family -> ARN of its last registered revision

    def fault(call: Call, reply: Reply) -> Reply:
        if call.operation == "RegisterTaskDefinition" and reply.status == 200:
            registered = json.loads(reply.body)["taskDefinition"]
            highest[registered["family"]] = registered["taskDefinitionArn"]
        family = _string(call.request, "taskDefinition")
        if call.operation == "CreateTaskSet" and reply.status == 200 and family in highest:
            return _edit_task_set(lambda t: t.update({"taskDefinition": highest[family]}))(reply)
        return reply

    return fault


def _computed_count_rounded_down() -> Fault:
    """computedDesiredCount = floor(desiredCount x scale %), where the page says it is rounded up."""
    desired: dict[str, int] = {}  # service ARN -> desiredCount

    def fault(call: Call, reply: Reply) -> Reply:
        if call.operation == "CreateService" and reply.status == 200:
            service = json.loads(reply.body)["service"]
            desired[service["serviceArn"]] = service["desiredCount"]
        if call.operation == "CreateTaskSet" and reply.status == 200:
            return _edit_task_set(round_down)(reply)
        return reply

    def round_down(task_set: dict[str, Any]) -> None:
        if task_set["serviceArn"] in desired:
            percent = task_set["scale"]["value"]
            task_set["computedDesiredCount"] = math.floor(desired[task_set["serviceArn"]] * percent / 100)

    return fault


def _ignores_deployment_controller() -> Fault:
    """Task sets created for any service, whatever its deployment controller."""
    not_external: set[str] = set()  # names and ARNs of services created with another controller

    def fault(call: Call, reply: Reply) -> Reply:
        if call.operation == "CreateService" and reply.status == 200:
            service = json.loads(reply.body)["service"]
            if service["deploymentController"]["type"] != "EXTERNAL":
                not_external.update((service["serviceName"], service["serviceArn"]))
        if (
            call.operation == "CreateTaskSet"
            and reply.status >= 400
            and _string(call.request, "service") in not_external
        ):
            return _accept(reply)
        return reply

    return fault


def _service_named_as_cluster(task_set: dict[str, Any]) -> None:
    head, _, rest = task_set["taskSetArn"].partition(":task-set/")
    _cluster, service, task_set_id = rest.split("/", 2)
    task_set["taskSetArn"] = f"{head}:task-set/{service}/{service}/{task_set_id}"


FAULTS = [
    # Not on every valid request: a non-JSON 2xx to the minimal one ends the run at the preflight
    # as "not implemented" (exit 6) before any clause is judged.
    PlantedFault(
        "non-json-success",
        "req.accepts.external-id",
        "a valid request with externalId answered 200 text/plain OK",
        _on_create(
            lambda c, r: _succeeded(c, r) and "externalId" in c.request,
            lambda r: Reply(200, b"OK", content_type="text/plain"),
        ),
    ),
    PlantedFault(
        "minimal-rejected",
        "req.minimal-valid",
        "a valid request rejected as InvalidParameterException",
        _on_create(_succeeded, lambda r: Reply(400, b'{"__type":"InvalidParameterException","message":"no"}')),
    ),
    PlantedFault(
        "missing-member-accepted",
        "req.required-member",
        "a request missing a required member accepted",
        _on_create(_missing_member, _accept),
    ),
    PlantedFault(
        "missing-member-dropped",
        "req.required-member",
        "the connection dropped on a request missing a required member",
        _on_create(_missing_member, lambda r: replace(r, drop=True)),
    ),
    PlantedFault(
        "html-500-unknown-cluster",
        "err.cluster-not-found",
        "an unknown cluster answered by an HTML 500 page",
        _on_create(
            _code_is("ClusterNotFoundException"),
            lambda r: Reply(500, b"<html><body>Internal Server Error</body></html>", content_type="text/html"),
        ),
    ),
    PlantedFault(
        "unknown-cluster-wrong-code",
        "err.cluster-not-found",
        "an unknown cluster answered ClientException",
        _on_create(_code_is("ClusterNotFoundException"), _edit_body(lambda b: b.update({"__type": "ClientException"}))),
    ),
    PlantedFault(
        "unknown-service-truncated",
        "err.service-not-found",
        "the error body for an unknown service truncated",
        _on_create(_code_is("ServiceNotFoundException"), lambda r: replace(r, truncate=True)),
    ),
    PlantedFault(
        "unknown-service-status-404",
        "err.service-not-found",
        "ServiceNotFoundException sent with HTTP 404",
        _on_create(_code_is("ServiceNotFoundException"), lambda r: replace(r, status=404)),
    ),
    PlantedFault(
        "content-type-plain-json",
        "proto.content-type",
        "answers labelled application/json",
        _on_create(lambda c, r: True, lambda r: replace(r, content_type="application/json")),
    ),
    PlantedFault(
        "array-body",
        "proto.response-json",
        "error bodies sent as a JSON array",
        _on_create(_failed, lambda r: replace(r, body=b"[" + r.body + b"]")),
    ),
    PlantedFault(
        "no-error-type",
        "proto.error-type",
        "error bodies without __type",
        _on_create(_failed, _edit_body(lambda b: b.pop("__type"))),
    ),
    PlantedFault(
        "no-error-message",
        "proto.error-message",
        "error bodies without message",
        _on_create(_failed, _edit_body(lambda b: b.pop("message"))),
    ),
    PlantedFault(
        "iso-timestamps",
        "proto.timestamp-epoch",
        "createdAt as an ISO 8601 string",
        _on_create(_succeeded, _edit_task_set(lambda t: t.update({"createdAt": "2026-12-03T17:00:00Z"}))),
    ),
    PlantedFault(
        "count-as-string",
        "resp.taskset-shape",
        "computedDesiredCount as a string",
        _on_create(_succeeded, _edit_task_set(lambda t: t.update({"computedDesiredCount": "2"}))),
    ),
    PlantedFault(
        "no-task-set",
        "resp.taskset-shape",
        "a 200 body without taskSet",
        _on_create(_succeeded, _edit_body(lambda b: b.pop("taskSet"))),
    ),
    PlantedFault(
        "short-cluster-arn",
        "resp.arn-format",
        "clusterArn given as the bare cluster name",
        _on_create(_succeeded, _edit_task_set(lambda t: t.update({"clusterArn": "cluster"}))),
    ),
    PlantedFault(
        "id-not-in-arn",
        "resp.id-in-arn",
        "an id that is not the end of taskSetArn",
        _on_create(_succeeded, _edit_task_set(lambda t: t.update({"id": "ecs-svc/0"}))),
    ),
    # ---------------------------------------------------------------- valid requests refused
    PlantedFault(
        "external-id-rejected",
        "req.accepts.external-id",
        "externalId refused as an unknown parameter",
        _valid_rejected(lambda r: "externalId" in r),
    ),
    PlantedFault(
        "external-launch-type-rejected",
        "req.accepts.launch-type.page",
        "launchType EXTERNAL refused (only EC2 and FARGATE known)",
        _valid_rejected(lambda r: r.get("launchType") == "EXTERNAL"),
    ),
    PlantedFault(
        "managed-instances-rejected",
        "req.accepts.launch-type.model",
        "launchType MANAGED_INSTANCES refused (the page's enum only)",
        _valid_rejected(lambda r: r.get("launchType") == "MANAGED_INSTANCES"),
    ),
    PlantedFault(
        "fargate-provider-not-associated",
        "req.accepts.capacity-provider-strategy",
        "the cluster's FARGATE capacity provider refused as not associated with it",
        _valid_rejected(
            lambda r: any(i.get("capacityProvider") == "FARGATE" for i in _items(r, "capacityProviderStrategy"))
        ),
    ),
    PlantedFault(
        "security-groups-rejected",
        "req.accepts.network-configuration",
        "an awsvpcConfiguration naming securityGroups refused",
        _valid_rejected(lambda r: "securityGroups" in _awsvpc(r)),
    ),
    PlantedFault(
        "target-group-rejected",
        "req.accepts.load-balancers",
        "a load balancer given by targetGroupArn refused for lacking loadBalancerName",
        _valid_rejected(lambda r: any("loadBalancerName" not in lb for lb in _items(r, "loadBalancers"))),
    ),
    PlantedFault(
        "service-registries-rejected",
        "req.accepts.service-registries",
        "serviceRegistries refused",
        _valid_rejected(lambda r: bool(_items(r, "serviceRegistries"))),
    ),
    PlantedFault(
        "platform-1.4.0-unknown",
        "req.accepts.platform-version",
        "platformVersion 1.4.0 answered PlatformUnknownException (only LATEST known)",
        _valid_rejected(lambda r: r.get("platformVersion") == "1.4.0", "PlatformUnknownException"),
    ),
    PlantedFault(
        "scale-zero-rejected",
        "req.accepts.scale",
        "a scale of 0 % refused (range taken as exclusive)",
        _valid_rejected(lambda r: _scale_value(r) == 0),
    ),
    PlantedFault(
        "client-token-36-rejected",
        "req.accepts.client-token",
        "a clientToken of 36 characters refused (limit off by one)",
        _valid_rejected(lambda r: len(_token(r)) == 36),
    ),
    PlantedFault(
        "tags-50-rejected",
        "req.accepts.tags",
        "50 tags refused (limit off by one)",
        _valid_rejected(lambda r: len(_items(r, "tags")) == 50),
    ),
    PlantedFault(
        "cluster-arn-not-found",
        "req.accepts.names-and-arns",
        "a cluster given by ARN answered ClusterNotFoundException (looked up as a name)",
        _valid_rejected(lambda r: str(r.get("cluster")).startswith("arn:"), "ClusterNotFoundException"),
    ),
    # ---------------------------------------------------------------- behaviour
    PlantedFault(
        "latest-revision-even-inactive",
        "behav.task-definition-latest-active",
        "a bare family resolved to its highest revision, the deregistered one included",
        _latest_revision_even_inactive(),
    ),
    PlantedFault(
        "client-token-ignored",
        "behav.client-token-idempotent",
        "a repeated clientToken creates a second task set",
        _ignores_client_token(),
    ),
    # ---------------------------------------------------------------- invalid requests accepted
    PlantedFault(
        "tags-51-accepted",
        "req.tags.max-count",
        "51 tags accepted (limit off by one)",
        _invalid_accepted(lambda r: len(_items(r, "tags")) == 51),
    ),
    PlantedFault(
        "long-tag-key-accepted",
        "req.tags.key-length",
        "a tag key of 129 characters accepted (length unchecked)",
        _invalid_accepted(lambda r: any(len(str(t.get("key"))) > 128 for t in _items(r, "tags"))),
    ),
    PlantedFault(
        "long-tag-value-accepted",
        "req.tags.value-length",
        "a tag value of 257 characters accepted (length unchecked)",
        _invalid_accepted(lambda r: any(len(str(t.get("value"))) > 256 for t in _items(r, "tags"))),
    ),
    PlantedFault(
        "empty-tag-key-accepted",
        "req.tags.key-empty",
        "an empty tag key accepted",
        _invalid_accepted(lambda r: any(t.get("key") == "" for t in _items(r, "tags"))),
    ),
    PlantedFault(
        "duplicate-tag-keys-accepted",
        "req.tags.unique-keys",
        "two tags with one key accepted (the last one kept)",
        _invalid_accepted(lambda r: len({t.get("key") for t in _items(r, "tags")}) < len(_items(r, "tags"))),
    ),
    PlantedFault(
        "aws-prefix-case-sensitive",
        "req.tags.aws-prefix",
        "only a lowercase aws: prefix refused; AWS: and Aws: accepted",
        _invalid_accepted(
            lambda r: any(t.lower().startswith("aws:") and not t.startswith("aws:") for t in _tag_texts(r))
        ),
    ),
    PlantedFault(
        "tag-charset-unchecked",
        "req.tags.charset",
        "tag keys and values with characters outside the pattern accepted",
        _invalid_accepted(lambda r: any(c in t for t in _tag_texts(r) for c in "#<>")),
    ),
    PlantedFault(
        "client-token-37-accepted",
        "req.client-token.length",
        "a clientToken of 37 characters accepted (limit off by one)",
        _invalid_accepted(lambda r: len(_token(r)) == 37),
    ),
    PlantedFault(
        "client-token-non-ascii-accepted",
        "req.client-token.charset",
        "clientToken characters above 126 accepted (only control characters refused)",
        _invalid_accepted(lambda r: any(ord(c) > 126 for c in _token(r))),
    ),
    PlantedFault(
        "scale-truncated",
        "req.scale.range",
        "a scale of 100.5 % accepted (truncated to an integer before the range check)",
        _invalid_accepted(lambda r: isinstance(_scale_value(r), float) and 100 < _scale_value(r) < 101),
    ),
    PlantedFault(
        "scale-unit-unchecked",
        "req.scale.unit",
        "a scale unit other than PERCENT accepted",
        _invalid_accepted(lambda r: isinstance(r.get("scale"), dict) and r["scale"].get("unit") != "PERCENT"),
    ),
    PlantedFault(
        "launch-type-unchecked",
        "req.launch-type.enum",
        "an unknown launchType accepted",
        _invalid_accepted(
            lambda r: r.get("launchType") not in (None, "EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES")
        ),
    ),
    PlantedFault(
        "weight-max-unchecked",
        "req.capacity-provider.weight-range",
        "a capacity provider weight above 1000 accepted (only the minimum checked)",
        _invalid_accepted(lambda r: any(_int(i, "weight") > 1000 for i in _items(r, "capacityProviderStrategy"))),
    ),
    PlantedFault(
        "negative-base-accepted",
        "req.capacity-provider.base-range",
        "a negative capacity provider base accepted (only the maximum checked)",
        _invalid_accepted(lambda r: any(_int(i, "base") < 0 for i in _items(r, "capacityProviderStrategy"))),
    ),
    PlantedFault(
        "unnamed-provider-accepted",
        "req.capacity-provider.name-required",
        "a capacity provider strategy item without capacityProvider accepted",
        _invalid_accepted(lambda r: any("capacityProvider" not in i for i in _items(r, "capacityProviderStrategy"))),
    ),
    PlantedFault(
        "subnets-optional",
        "req.awsvpc.subnets-required",
        "an awsvpcConfiguration without subnets accepted",
        _invalid_accepted(lambda r: "networkConfiguration" in r and not _awsvpc(r).get("subnets")),
    ),
    PlantedFault(
        "assign-public-ip-unchecked",
        "req.awsvpc.assign-public-ip-enum",
        "an unknown assignPublicIp accepted",
        _invalid_accepted(lambda r: _awsvpc(r).get("assignPublicIp", "DISABLED") not in ("ENABLED", "DISABLED")),
    ),
    PlantedFault(
        "launch-type-and-strategy-accepted",
        "req.launch-type-excludes-strategy",
        "launchType together with capacityProviderStrategy accepted (the strategy silently ignored)",
        _invalid_accepted(lambda r: "launchType" in r and "capacityProviderStrategy" in r),
    ),
    PlantedFault(
        "ecs-controller-accepted",
        "req.external-controller-only",
        "a task set created for a service with the ECS deployment controller",
        _ignores_deployment_controller(),
    ),
    PlantedFault(
        "unknown-task-definition-500",
        "req.task-definition-exists",
        "an unknown task definition crashes the handler: HTTP 500 ServerException",
        _on_create(_code_is("ClientException"), _reject("ServerException", 500)),
    ),
    # ---------------------------------------------------------------- documented errors
    PlantedFault(
        "deleted-service-not-found",
        "err.service-not-active",
        "a deleted service answered ServiceNotFoundException (deleted services forgotten)",
        _on_create(
            _code_is("ServiceNotActiveException"),
            _edit_body(lambda b: b.update({"__type": "ServiceNotFoundException"})),
        ),
    ),
    PlantedFault(
        "unknown-platform-invalid-parameter",
        "err.platform-unknown",
        "an unknown platformVersion answered InvalidParameterException",
        _on_create(
            _code_is("PlatformUnknownException"),
            _edit_body(lambda b: b.update({"__type": "InvalidParameterException"})),
        ),
    ),
    PlantedFault(
        "platform-capability-unchecked",
        "err.platform-incompatible",
        "a platform version lacking the task definition's ephemeral storage accepted",
        _on_create(_code_is("PlatformTaskDefinitionIncompatibilityException"), _accept),
    ),
    PlantedFault(
        "access-denied-403",
        "err.access-denied",
        "AccessDeniedException sent with HTTP 403",
        _on_create(_code_is("AccessDeniedException"), lambda r: replace(r, status=403)),
    ),
    PlantedFault(
        "common-error-code",
        "err.conventional-code",
        "invalid parameters answered InvalidParameterValue, an AWS Common Error, not the model's code",
        _on_create(
            _code_is("InvalidParameterException"),
            _edit_body(lambda b: b.update({"__type": "InvalidParameterValue"})),
        ),
    ),
    # ---------------------------------------------------------------- task set contents
    PlantedFault(
        "no-stability-status-at",
        "resp.member-presence",
        "task sets without stabilityStatusAt",
        _on_create(_succeeded, _edit_task_set(lambda t: t.pop("stabilityStatusAt"))),
    ),
    PlantedFault(
        "status-pending",
        "resp.status-values",
        "a new task set with status PENDING",
        _on_create(_succeeded, _edit_task_set(lambda t: t.update({"status": "PENDING"}))),
    ),
    PlantedFault(
        "computed-count-rounded-down",
        "resp.computed-desired-count",
        "computedDesiredCount rounded down",
        _computed_count_rounded_down(),
    ),
    PlantedFault(
        "task-set-arn-service-as-cluster",
        "resp.arns-consistent",
        "taskSetArn naming the service where the cluster belongs",
        _on_create(_succeeded, _edit_task_set(_service_named_as_cluster)),
    ),
    PlantedFault(
        "timestamps-in-milliseconds",
        "resp.timestamps-plausible",
        "createdAt, updatedAt and stabilityStatusAt in epoch milliseconds",
        _on_create(
            _succeeded,
            _edit_task_set(
                lambda t: t.update({m: t[m] * 1000 for m in ("createdAt", "updatedAt", "stabilityStatusAt")})
            ),
        ),
    ),
    PlantedFault(
        "tags-not-echoed",
        "resp.reflects-request",
        "task sets shown without their tags",
        _on_create(_succeeded, _edit_task_set(lambda t: t.update({"tags": []}))),
    ),
    PlantedFault(
        "network-configuration-not-echoed",
        "resp.reflects-request",
        "task sets shown without their networkConfiguration",
        _on_create(_succeeded, _edit_task_set(lambda t: t.pop("networkConfiguration", None))),
    ),
]
