"""Requests that break a rule the page or the model states, where the page names no error code:
the server must reject them with a 4xx JSON client error (the exact code is checked in errors/)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract import checks
from contract.exchange import Exchange
from suites.scenarios import SCENARIOS, UNDOCUMENTED, as_params


@pytest.mark.parametrize("scenario", as_params(UNDOCUMENTED))
def test_invalid_request_is_rejected(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.expect_any_client_error(exchange_of(scenario), SCENARIOS[scenario].clause)
