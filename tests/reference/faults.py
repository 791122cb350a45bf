"""Planted faults for the reference target, each naming the clause whose check must catch it.

A fault rewrites the reference's reply to CreateTaskSet in one way a real server could get it
wrong. The self-tests run the suite once per fault and require a FAIL naming that clause.
"""

from __future__ import annotations

import json
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


FAULTS = [
    PlantedFault(
        "non-json-success",
        "req.minimal-valid",
        "a valid request answered 200 text/plain OK",
        _on_create(_succeeded, lambda r: Reply(200, b"OK", content_type="text/plain")),
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
]
