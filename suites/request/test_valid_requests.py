"""Requests the contract says must succeed: each documented optional member on its own, each name form."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract import checks
from contract.exchange import Exchange
from suites.scenarios import SCENARIOS, VALID, as_params


@pytest.mark.parametrize("scenario", as_params(VALID))
def test_valid_request_succeeds(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.expect_success(exchange_of(scenario), SCENARIOS[scenario].clause)
