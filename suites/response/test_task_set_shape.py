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
    success_of: Callable[[str], Exchange], drift: list[str], scenario: str
) -> None:
    drift.extend(checks.check_task_set_shape(success_of(scenario)))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.member-presence"))
def test_task_set_has_the_members_every_task_set_has(success_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_member_presence(success_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.status-values"))
def test_status_is_a_documented_value(success_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_status_value(success_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.computed-desired-count"))
def test_computed_desired_count_rounds_up(success_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_computed_desired_count(success_of(scenario), DESIRED_COUNT)


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.arn-format"))
def test_arns_are_ecs_arns_of_their_resource(success_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_arn_formats(success_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.id-in-arn"))
def test_task_set_id_is_the_last_part_of_its_arn(success_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_id_in_arn(success_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.arns-consistent"))
def test_arns_name_the_same_cluster_service_and_account(success_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_arns_consistent(success_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.timestamps-plausible"))
def test_timestamps_are_plausible(success_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_timestamps_plausible(success_of(scenario))


@pytest.mark.parametrize("scenario", as_params(VALID, clause="resp.reflects-request"))
def test_task_set_reflects_the_request(
    success_of: Callable[[str], Exchange], prerequisites: Prerequisites, scenario: str
) -> None:
    exchange = success_of(scenario)
    checks.check_reflects_request(exchange, expected_task_set(build(scenario, prerequisites), prerequisites))
