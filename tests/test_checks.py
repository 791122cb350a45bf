"""The checks on hand-made exchanges: what they accept, what they refuse, and how a refusal reads."""

from __future__ import annotations

import json

import pytest

from contract import checks
from contract.exchange import REDACTED, Exchange, redact_headers


def exchange(
    status: int | None, body: object, content_type: str = "application/x-amz-json-1.1", **headers: str
) -> Exchange:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Exchange(
        "CreateTaskSet",
        "http://127.0.0.1:1/",
        {"Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, Signature=" + "a" * 64},
        b'{"cluster": "c"}',
        status=status,
        response_headers={"Content-Type": content_type, **headers},
        response_body=raw,
    )


@pytest.mark.parametrize(
    ("body", "headers", "code"),
    [
        ({"__type": "ClusterNotFoundException"}, {}, "ClusterNotFoundException"),
        ({"__type": "com.amazonaws.ecs#ClusterNotFoundException"}, {}, "ClusterNotFoundException"),
        ({"__type": "ClusterNotFoundException:http://internal.amazon.com/"}, {}, "ClusterNotFoundException"),
        ({"code": "ClientException"}, {}, "ClientException"),
        ({}, {"X-Amzn-Errortype": "ServerException:http://x/"}, "ServerException"),
        ({"message": "no type"}, {}, None),
    ],
)
def test_error_code_is_read_as_awsjson_clients_read_it(
    body: dict[str, str], headers: dict[str, str], code: str | None
) -> None:
    assert checks.error_code(exchange(400, body, **headers)) == code


def test_violation_names_clause_sent_expected_received() -> None:
    with pytest.raises(checks.ContractViolation) as caught:
        checks.expect_client_error(
            exchange(500, b"<html>oops</html>", "text/html"), "err.cluster-not-found", ["ClusterNotFoundException"]
        )
    text = str(caught.value)
    assert text.startswith("[err.cluster-not-found] (MUST, server-error)")
    assert '{"cluster": "c"}' in text
    assert "expected: HTTP 400 JSON error ClusterNotFoundException" in text
    assert "received: HTTP 500 (text/html) <html>oops</html>" in text
    assert caught.value.severity == "blocker"


def test_should_clause_failures_are_minor() -> None:
    with pytest.raises(checks.ContractViolation) as caught:
        checks.check_content_type(exchange(200, {}, "application/json"))
    assert caught.value.severity == "minor"


def test_no_response_is_a_blocker_with_its_reason() -> None:
    dropped = exchange(None, b"")
    dropped.transport_error = "connection dropped or body truncated (IncompleteRead)"
    with pytest.raises(checks.ContractViolation, match="no HTTP response: connection dropped") as caught:
        checks.expect_success(dropped, "req.minimal-valid")
    assert caught.value.kind is checks.Kind.NO_RESPONSE


def test_unknown_members_and_enum_values_are_drift_not_failures() -> None:
    task_set = {"id": "ecs-svc/1", "launchType": "QUANTUM", "newMember": 1, "createdAt": 1.5}
    drift = checks.check_task_set_shape(exchange(200, {"taskSet": task_set}))
    assert any("newMember" in note for note in drift)
    assert any("QUANTUM" in note for note in drift)


@pytest.mark.parametrize("value", [True, "1", 1.5, [1]])
def test_a_non_integer_count_is_a_shape_failure(value: object) -> None:
    with pytest.raises(checks.ContractViolation, match="computedDesiredCount"):
        checks.check_task_set_shape(exchange(200, {"taskSet": {"computedDesiredCount": value}}))


def test_null_members_read_as_absent() -> None:
    assert checks.check_task_set_shape(exchange(200, {"taskSet": {"computedDesiredCount": None}})) == []


def test_secrets_are_redacted_from_reports() -> None:
    headers = redact_headers(
        {
            "Authorization": "AWS4-HMAC-SHA256 Credential=AKID/20261203/us-east-1/ecs/aws4_request, Signature=ab",
            "X-Amz-Security-Token": "token",
            "X-Debug": "Credential=AKID/x Signature=cd",
        }
    )
    assert headers["Authorization"] == REDACTED
    assert headers["X-Amz-Security-Token"] == REDACTED
    assert "AKID" not in headers["X-Debug"]
    assert "cd" not in headers["X-Debug"]
    assert "AKIDEXAMPLE" not in json.dumps(exchange(200, {}).to_report())
