"""Every successful answer against the pinned model's CreateTaskSetResponse/TaskSet shape."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract import checks
from contract.exchange import Exchange
from suites.scenarios import VALID


@pytest.mark.clause("resp.taskset-shape")
@pytest.mark.parametrize("scenario", list(VALID))
def test_response_matches_the_task_set_shape(
    exchange_of: Callable[[str], Exchange], drift: list[str], scenario: str
) -> None:
    drift.extend(checks.check_task_set_shape(exchange_of(scenario)))


@pytest.mark.clause("resp.arn-format")
@pytest.mark.parametrize("scenario", list(VALID))
def test_arns_are_ecs_arns_of_their_resource(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_arn_formats(exchange_of(scenario))


@pytest.mark.clause("resp.id-in-arn")
@pytest.mark.parametrize("scenario", list(VALID))
def test_task_set_id_is_the_last_part_of_its_arn(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_id_in_arn(exchange_of(scenario))
