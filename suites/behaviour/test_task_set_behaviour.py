"""What CreateTaskSet does beyond answering: which revision it uses, and idempotency by clientToken."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract import checks
from contract.exchange import Exchange
from fixtures.prerequisites import Prerequisites
from fixtures.wire import WireClient


@pytest.mark.clause("behav.task-definition-latest-active")
def test_family_without_revision_uses_latest_active_revision(
    success_of: Callable[[str], Exchange], prerequisites: Prerequisites
) -> None:
    checks.check_reflects_request(
        success_of("minimal"),
        {"taskDefinition": prerequisites.task_definition_arn},
        "behav.task-definition-latest-active",
    )


@pytest.mark.clause("behav.client-token-idempotent")
def test_repeated_client_token_creates_one_task_set(wire: WireClient, prerequisites: Prerequisites) -> None:
    request = {**prerequisites.minimal_request(), "clientToken": f"idempotency-{prerequisites.run_id}"}
    first = wire.call("CreateTaskSet", request)
    second = wire.call("CreateTaskSet", request)
    checks.check_idempotent(first, second)
