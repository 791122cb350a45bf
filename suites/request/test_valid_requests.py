"""Requests the contract says must succeed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract import checks
from contract.exchange import Exchange


@pytest.mark.clause("req.minimal-valid")
def test_minimal_request_succeeds(exchange_of: Callable[[str], Exchange]) -> None:
    checks.expect_success(exchange_of("minimal"), "req.minimal-valid")
