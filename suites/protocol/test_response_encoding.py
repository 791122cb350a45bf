"""awsJson1_1 encoding of CreateTaskSet answers, success and error alike."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract import checks
from contract.exchange import Exchange
from suites.scenarios import DOCUMENTED, SCENARIOS, VALID

# A success and one answer per documented error: enough to see how the target encodes each kind.
ANSWERS = [SCENARIOS["minimal"], *DOCUMENTED]


@pytest.mark.clause("proto.response-json")
@pytest.mark.parametrize("scenario", [s.name for s in ANSWERS])
def test_response_body_is_a_json_object(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_json_body(exchange_of(scenario))


@pytest.mark.clause("proto.content-type")
@pytest.mark.parametrize("scenario", [s.name for s in ANSWERS])
def test_response_is_labelled_amz_json_1_1(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_content_type(exchange_of(scenario))


@pytest.mark.clause("proto.error-type")
@pytest.mark.parametrize("scenario", [s.name for s in DOCUMENTED])
def test_error_names_its_code(rejection_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_error_type(rejection_of(scenario))


@pytest.mark.clause("proto.error-message")
@pytest.mark.parametrize("scenario", [s.name for s in DOCUMENTED])
def test_error_carries_a_message(rejection_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_error_message(rejection_of(scenario))


@pytest.mark.clause("proto.timestamp-epoch")
@pytest.mark.parametrize("scenario", [s.name for s in VALID])
def test_timestamps_are_epoch_second_numbers(success_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.check_timestamps(success_of(scenario))
