"""Small named checks over one Exchange. Each raises ContractViolation naming its clause.

The message of every violation answers: which clause, what was sent, what was expected, what came
back. The kind of violation decides its severity in reports.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from enum import Enum
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from contract.catalogue import Catalogue, load_catalogue
from contract.exchange import Exchange
from contract.model import Contract, load_contract

JSON_MEDIA_TYPES = ("application/x-amz-json-1.1", "application/json")


class Kind(Enum):
    """What went wrong, from the worst for a client to the mildest."""

    NO_RESPONSE = ("no-response", "blocker")
    SERVER_ERROR = ("server-error", "blocker")
    NOT_JSON = ("not-json", "blocker")
    INVALID_ACCEPTED = ("invalid-accepted", "critical")
    VALID_REJECTED = ("valid-rejected", "critical")
    WRONG_STATUS = ("wrong-status", "normal")
    WRONG_CODE = ("wrong-code", "normal")
    WRONG_SHAPE = ("wrong-shape", "normal")
    WRONG_VALUE = ("wrong-value", "normal")

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def severity(self) -> str:
        return self.value[1]


class ContractViolation(AssertionError):
    def __init__(self, clause_id: str, kind: Kind, expected: str, received: str, exchange: Exchange) -> None:
        clause = load_catalogue()[clause_id]
        self.clause_id = clause_id
        self.kind = kind
        # A SHOULD clause never outranks "minor", unless the server broke outright.
        self.severity = "minor" if clause.strength == "SHOULD" and kind.severity != "blocker" else kind.severity
        self.exchange = exchange
        super().__init__(
            f"[{clause_id}] ({clause.strength}, {kind.label}) {clause.title}\n"
            f"  sent:     {exchange.describe_request()}\n"
            f"  expected: {expected}\n"
            f"  received: {received}"
        )


def error_code(exchange: Exchange) -> str | None:
    """The error code as awsJson1_1 clients read it: X-Amzn-Errortype, else __type/code, stripped."""
    raw = exchange.header("X-Amzn-Errortype")
    if not raw:
        try:
            body = exchange.json_body()
        except ValueError:
            return None
        if isinstance(body, dict):
            raw = body.get("__type") or body.get("code")
    if not isinstance(raw, str) or not raw:
        return None
    return raw.split(":")[0].split("#")[-1]


def _require_response(exchange: Exchange, clause_id: str, expected: str) -> None:
    if exchange.transport_error is not None or exchange.status is None:
        raise ContractViolation(clause_id, Kind.NO_RESPONSE, expected, exchange.describe_response(), exchange)


def _require_json_object(exchange: Exchange, clause_id: str, expected: str) -> dict[str, Any]:
    try:
        body = exchange.json_body()
    except ValueError as exc:
        raise ContractViolation(
            clause_id, Kind.NOT_JSON, expected, f"{exchange.describe_response()} (not JSON: {exc})", exchange
        ) from None
    if not isinstance(body, dict):
        raise ContractViolation(
            clause_id, Kind.NOT_JSON, expected, f"{exchange.describe_response()} (JSON, not an object)", exchange
        )
    return body


def expect_success(exchange: Exchange, clause_id: str) -> dict[str, Any]:
    """The request was valid: HTTP 200 with a JSON object body. Returns the body."""
    expected = "HTTP 200 with a JSON object body"
    _require_response(exchange, clause_id, expected)
    assert exchange.status is not None
    if exchange.status >= 500:
        raise ContractViolation(clause_id, Kind.SERVER_ERROR, expected, exchange.describe_response(), exchange)
    if exchange.status != 200:
        code = error_code(exchange) or "no error code"
        raise ContractViolation(
            clause_id, Kind.VALID_REJECTED, expected, f"{code}: {exchange.describe_response()}", exchange
        )
    return _require_json_object(exchange, clause_id, expected)


def expect_client_error(
    exchange: Exchange, clause_id: str, codes: Iterable[str], status: int = 400, codes_label: str = ""
) -> str:
    """The request must be rejected with HTTP `status`, a JSON body and one of `codes`. Returns the code."""
    allowed = sorted(set(codes))
    shown = codes_label or (allowed[0] if len(allowed) == 1 else f"one of {', '.join(allowed)}")
    expected = f"HTTP {status} JSON error {shown}"
    _require_response(exchange, clause_id, expected)
    assert exchange.status is not None
    if exchange.status < 300:
        raise ContractViolation(clause_id, Kind.INVALID_ACCEPTED, expected, exchange.describe_response(), exchange)
    if exchange.status >= 500:
        raise ContractViolation(clause_id, Kind.SERVER_ERROR, expected, exchange.describe_response(), exchange)
    _require_json_object(exchange, clause_id, expected)
    code = error_code(exchange)
    if code not in allowed:
        raise ContractViolation(
            clause_id, Kind.WRONG_CODE, expected, f"code {code or 'missing'}: {exchange.describe_response()}", exchange
        )
    if exchange.status != status:
        raise ContractViolation(clause_id, Kind.WRONG_STATUS, expected, exchange.describe_response(), exchange)
    return code


def client_error_codes(contract: Contract | None = None, catalogue: Catalogue | None = None) -> list[str]:
    """Codes a server may use to reject a request the page gives no specific code for."""
    contract = contract or load_contract()
    catalogue = catalogue or load_catalogue()
    return sorted({*contract.client_error_codes, *catalogue.common_client_errors})


def expect_any_client_error(exchange: Exchange, clause_id: str) -> str:
    """A 4xx JSON client error with a model or common client-error code (status not pinned to 400)."""
    label = "with a client-error code of the model or of AWS Common Errors"
    _require_response(exchange, clause_id, f"a 4xx JSON error {label}")
    assert exchange.status is not None
    status = exchange.status if 400 <= exchange.status < 500 else 400
    return expect_client_error(exchange, clause_id, client_error_codes(), status=status, codes_label=label)


def check_content_type(exchange: Exchange, clause_id: str = "proto.content-type") -> None:
    expected = f"Content-Type {JSON_MEDIA_TYPES[0]}"
    _require_response(exchange, clause_id, expected)
    ctype = (exchange.header("Content-Type") or "").split(";")[0].strip().lower()
    if ctype != JSON_MEDIA_TYPES[0]:
        raise ContractViolation(clause_id, Kind.WRONG_SHAPE, expected, f"Content-Type {ctype or 'missing'}", exchange)


def check_json_body(exchange: Exchange, clause_id: str = "proto.response-json") -> None:
    expected = "a JSON object body"
    _require_response(exchange, clause_id, expected)
    _require_json_object(exchange, clause_id, expected)


def check_error_type(exchange: Exchange, clause_id: str = "proto.error-type") -> None:
    expected = "the error code in __type (or X-Amzn-Errortype)"
    _require_response(exchange, clause_id, expected)
    _require_json_object(exchange, clause_id, expected)
    if error_code(exchange) is None:
        raise ContractViolation(clause_id, Kind.WRONG_CODE, expected, exchange.describe_response(), exchange)


def check_error_message(exchange: Exchange, clause_id: str = "proto.error-message") -> None:
    expected = "a non-empty string `message` (or `Message`) in the error body"
    _require_response(exchange, clause_id, expected)
    body = _require_json_object(exchange, clause_id, expected)
    message = body.get("message", body.get("Message"))
    if not isinstance(message, str) or not message.strip():
        raise ContractViolation(clause_id, Kind.WRONG_SHAPE, expected, exchange.describe_response(), exchange)


# ------------------------------------------------------------------ response shape

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "blob": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "float": (int, float),
    "double": (int, float),
    "timestamp": (int, float),
}


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number"
    )


def walk_shape(value: Any, shape: Shape, path: str, problems: list[tuple[str, str]], drift: list[str]) -> None:
    """Compare a JSON value with a model shape. Problems are (clause, text); unknowns go to drift."""
    if value is None:
        return  # awsJson clients read a null member as an absent one
    if isinstance(shape, StructureShape):
        if not isinstance(value, dict):
            problems.append(("resp.taskset-shape", f"{path} is {_type_name(value)}, model: structure {shape.name}"))
            return
        for key, item in value.items():
            if key in shape.members:
                walk_shape(item, shape.members[key], f"{path}.{key}", problems, drift)
            else:
                drift.append(f"{path}.{key}: member unknown to {shape.name} in the pinned model")
    elif isinstance(shape, ListShape):
        if not isinstance(value, list):
            problems.append(("resp.taskset-shape", f"{path} is {_type_name(value)}, model: list"))
            return
        for index, item in enumerate(value):
            walk_shape(item, shape.member, f"{path}[{index}]", problems, drift)
    elif isinstance(shape, MapShape):
        if not isinstance(value, dict):
            problems.append(("resp.taskset-shape", f"{path} is {_type_name(value)}, model: map"))
            return
        for key, item in value.items():
            walk_shape(item, shape.value, f"{path}.{key}", problems, drift)
    else:
        _walk_scalar(value, shape, path, problems, drift)


def _walk_scalar(value: Any, shape: Shape, path: str, problems: list[tuple[str, str]], drift: list[str]) -> None:
    allowed = _JSON_TYPES.get(shape.type_name, (object,))
    ok = isinstance(value, allowed) and not (isinstance(value, bool) and bool not in allowed)
    if not ok:
        clause = "proto.timestamp-epoch" if shape.type_name == "timestamp" else "resp.taskset-shape"
        wanted = "an epoch-seconds number" if shape.type_name == "timestamp" else shape.type_name
        problems.append((clause, f"{path} = {value!r} ({_type_name(value)}), model: {wanted}"))
        return
    enum = getattr(shape, "enum", None)
    if enum and value not in enum:
        drift.append(f"{path} = {value!r}: value unknown to the pinned model's enum {shape.name} {list(enum)}")


def _shape_problems(exchange: Exchange, clause_id: str) -> tuple[list[str], list[str]]:
    """(problems of `clause_id`, drift notes) of a 2xx body walked against the model's output shape."""
    body = expect_success(exchange, clause_id)
    problems: list[tuple[str, str]] = []
    drift: list[str] = []
    if not isinstance(body.get("taskSet"), dict):
        problems.append(("resp.taskset-shape", "taskSet missing or not an object"))
    walk_shape(body, load_contract().output_shape, "$", problems, drift)
    return [text for clause, text in problems if clause == clause_id], drift


def check_task_set_shape(exchange: Exchange, clause_id: str = "resp.taskset-shape") -> list[str]:
    """The 2xx body against the model's output shape. Returns drift notes; raises on a type problem."""
    problems, drift = _shape_problems(exchange, clause_id)
    if problems:
        raise ContractViolation(
            clause_id,
            Kind.WRONG_SHAPE,
            "a body matching the model's CreateTaskSetResponse",
            "; ".join(problems),
            exchange,
        )
    return drift


def check_timestamps(exchange: Exchange, clause_id: str = "proto.timestamp-epoch") -> None:
    problems, _ = _shape_problems(exchange, clause_id)
    if problems:
        raise ContractViolation(
            clause_id, Kind.WRONG_SHAPE, "timestamps as epoch-seconds JSON numbers", "; ".join(problems), exchange
        )


_ARN = r"arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:"
ARN_PATTERNS = {
    "taskSetArn": re.compile(_ARN + r"task-set/[^/]+/[^/]+/.+"),
    "serviceArn": re.compile(_ARN + r"service/(?:[^/]+/)?[^/]+"),
    "clusterArn": re.compile(_ARN + r"cluster/[^/]+"),
    "taskDefinition": re.compile(_ARN + r"task-definition/[^/:]+:\d+"),
}


def check_arn_formats(exchange: Exchange, clause_id: str = "resp.arn-format") -> None:
    body = expect_success(exchange, clause_id)
    task_set = body.get("taskSet") or {}
    wrong = [
        f"taskSet.{member} = {task_set.get(member)!r}"
        for member, pattern in ARN_PATTERNS.items()
        if not (isinstance(task_set.get(member), str) and pattern.fullmatch(task_set[member]))
    ]
    if wrong:
        raise ContractViolation(
            clause_id,
            Kind.WRONG_VALUE,
            "ECS ARNs: " + ", ".join(f"{m} ~ {p.pattern}" for m, p in ARN_PATTERNS.items()),
            "; ".join(wrong),
            exchange,
        )


def check_id_in_arn(exchange: Exchange, clause_id: str = "resp.id-in-arn") -> None:
    body = expect_success(exchange, clause_id)
    task_set = body.get("taskSet") or {}
    task_set_id, arn = task_set.get("id"), task_set.get("taskSetArn")
    if not (isinstance(task_set_id, str) and task_set_id and isinstance(arn, str) and arn.endswith("/" + task_set_id)):
        raise ContractViolation(
            clause_id,
            Kind.WRONG_VALUE,
            "taskSet.id equal to the last part of taskSet.taskSetArn",
            f"id {task_set_id!r}, taskSetArn {arn!r}",
            exchange,
        )


# ------------------------------------------------------------------ task set semantics


def _task_set(exchange: Exchange, clause_id: str) -> dict[str, Any]:
    task_set = expect_success(exchange, clause_id).get("taskSet")
    if not isinstance(task_set, dict):
        raise ContractViolation(clause_id, Kind.WRONG_SHAPE, "a taskSet object", exchange.describe_response(), exchange)
    return task_set


def check_member_presence(exchange: Exchange, clause_id: str = "resp.member-presence") -> None:
    members = load_catalogue()[clause_id].params["members"]
    task_set = _task_set(exchange, clause_id)
    missing = [member for member in members if task_set.get(member) is None]
    if missing:
        raise ContractViolation(
            clause_id,
            Kind.WRONG_SHAPE,
            f"taskSet members {', '.join(members)}",
            f"missing {', '.join(missing)}",
            exchange,
        )


def check_status_value(exchange: Exchange, clause_id: str = "resp.status-values") -> None:
    values = load_catalogue()[clause_id].params["values"]
    status = _task_set(exchange, clause_id).get("status")
    if status not in values:
        raise ContractViolation(
            clause_id, Kind.WRONG_VALUE, f"taskSet.status one of {', '.join(values)}", f"status {status!r}", exchange
        )


def check_computed_desired_count(
    exchange: Exchange, desired_count: int, clause_id: str = "resp.computed-desired-count"
) -> None:
    task_set = _task_set(exchange, clause_id)
    scale = task_set.get("scale") if isinstance(task_set.get("scale"), dict) else None
    percent = scale.get("value") if scale else None
    if not isinstance(percent, int | float) or isinstance(percent, bool):
        raise ContractViolation(
            clause_id, Kind.WRONG_SHAPE, "taskSet.scale.value to compute from", f"scale {scale!r}", exchange
        )
    expected = math.ceil(desired_count * percent / 100 - 1e-9)
    got = task_set.get("computedDesiredCount")
    if got != expected:
        raise ContractViolation(
            clause_id,
            Kind.WRONG_VALUE,
            f"computedDesiredCount = ceil({desired_count} x {percent} %) = {expected}",
            f"computedDesiredCount {got!r}",
            exchange,
        )


def check_arns_consistent(exchange: Exchange, clause_id: str = "resp.arns-consistent") -> None:
    task_set = _task_set(exchange, clause_id)
    arns = {m: task_set.get(m) for m in ("taskSetArn", "clusterArn", "serviceArn")}
    problems = []
    if all(isinstance(v, str) and v.count(":") >= 5 for v in arns.values()):
        scopes = {m: ":".join(str(v).split(":")[1:5]) for m, v in arns.items()}
        if len(set(scopes.values())) != 1:
            problems.append(f"partition/service/Region/account differ: {scopes}")
        cluster = str(arns["clusterArn"]).split("/")[-1]
        service = str(arns["serviceArn"]).split("/")[-1]
        resource = str(arns["taskSetArn"]).split(":", 5)[-1].split("/")
        if resource[1:3] != [cluster, service]:
            problems.append(f"taskSetArn names {resource[1:3]}, clusterArn/serviceArn name {[cluster, service]}")
    else:
        problems.append(f"not all three are ARNs: {arns}")
    if problems:
        raise ContractViolation(
            clause_id,
            Kind.WRONG_VALUE,
            "task-set/CLUSTER/SERVICE/ID matching clusterArn and serviceArn",
            "; ".join(problems),
            exchange,
        )


def check_timestamps_plausible(exchange: Exchange, clause_id: str = "resp.timestamps-plausible") -> None:
    skew = load_catalogue()[clause_id].params["skew_s"]
    task_set = _task_set(exchange, clause_id)
    created = task_set.get("createdAt")
    problems = []
    earliest, latest = exchange.sent_at - skew, exchange.sent_at + exchange.elapsed_s + skew
    if not isinstance(created, int | float) or not earliest <= created <= latest:
        problems.append(f"createdAt {created!r} outside [{earliest:.0f}, {latest:.0f}]")
    else:
        for member in ("updatedAt", "stabilityStatusAt"):
            value = task_set.get(member)
            if isinstance(value, int | float) and value < created - 1:
                problems.append(f"{member} {value} is before createdAt {created}")
    if problems:
        raise ContractViolation(
            clause_id,
            Kind.WRONG_VALUE,
            f"createdAt within {skew} s of the request, later stamps not before it",
            "; ".join(problems),
            exchange,
        )


def _contains(actual: Any, expected: Any) -> bool:
    """`expected` is in `actual`: dict keys recursively, lists as unordered item matches, numbers by value."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(_contains(actual.get(k), v) for k, v in expected.items())
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return False
        remaining = list(actual)
        for item in expected:
            match = next((i for i, candidate in enumerate(remaining) if _contains(candidate, item)), None)
            if match is None:
                return False
            remaining.pop(match)
        return True
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(actual, int | float) and not isinstance(actual, bool) and actual == expected
    return bool(actual == expected)


def check_reflects_request(
    exchange: Exchange, expected: dict[str, Any], clause_id: str = "resp.reflects-request"
) -> None:
    task_set = _task_set(exchange, clause_id)
    differ = [
        f"{member}: sent/expected {value!r}, got {task_set.get(member)!r}"
        for member, value in expected.items()
        if not _contains(task_set.get(member), value)
    ]
    if differ:
        raise ContractViolation(
            clause_id, Kind.WRONG_VALUE, "the task set to reflect the request", "; ".join(differ), exchange
        )


def check_conventional_code(exchange: Exchange, clause_id: str = "err.conventional-code") -> None:
    codes = load_catalogue()[clause_id].params["codes"]
    code = error_code(exchange)
    if code not in codes:
        raise ContractViolation(
            clause_id,
            Kind.WRONG_CODE,
            f"error code {' or '.join(codes)}",
            f"code {code}: {exchange.describe_response()}",
            exchange,
        )


def check_idempotent(first: Exchange, second: Exchange, clause_id: str = "behav.client-token-idempotent") -> None:
    """The same request with the same clientToken twice: both succeed and name the same task set."""
    arns = [_task_set(exchange, clause_id).get("taskSetArn") for exchange in (first, second)]
    if arns[0] is None or arns[0] != arns[1]:
        raise ContractViolation(
            clause_id,
            Kind.WRONG_VALUE,
            "the second answer to name the task set the first created",
            f"taskSetArn {arns[0]!r}, then {arns[1]!r}",
            second,
        )
