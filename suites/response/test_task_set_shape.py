"""Every successful answer: the pinned model's shape, and what the page and model say a task set is."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract import checks
from contract.exchange import Exchange
from fixtures.prerequisites import DESIRED_COUNT, Prerequisites
from suites.scenarios import VALID, as_params, build, expected_task_set


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.taskset-shape"))
def test_response_matches_the_task_set_shape(
    exchange_of: Callable[[str], Exchange], drift: list[str], scenario: str
) -> None:
    drift.extend(checks.check_task_set_shape(exchange_of(scenario)))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.member-presence"))
def test_task_set_has_the_members_every_task_set_has(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_member_presence(exchange_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.status-values"))
def test_status_is_a_documented_value(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_status_value(exchange_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.computed-desired-count"))
def test_computed_desired_count_rounds_up(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_computed_desired_count(exchange_of(scenario), DESIRED_COUNT)


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.arn-format"))
def test_arns_are_ecs_arns_of_their_resource(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_arn_formats(exchange_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.id-in-arn"))
def test_task_set_id_is_the_last_part_of_its_arn(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_id_in_arn(exchange_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.arns-consistent"))
def test_arns_name_the_same_cluster_service_and_account(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_arns_consistent(exchange_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.timestamps-plausible"))
def test_timestamps_are_plausible(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_timestamps_plausible(exchange_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.reflects-request"))
def test_task_set_reflects_the_request(
    exchange_of: Callable[[str], Exchange], prerequisites: Prerequisites, scenario: str
) -> None:
    exchange = exchange_of(scenario)
    checks.check_reflects_request(exchange, expected_task_set(build(scenario, prerequisites), prerequisites))
