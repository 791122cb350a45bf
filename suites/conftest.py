from __future__ import annotations

from collections.abc import Callable

import pytest

from contract.exchange import Exchange
from fixtures.plugin import attach_exchange
from fixtures.prerequisites import Prerequisites
from fixtures.wire import WireClient
from suites.scenarios import build


@pytest.fixture(scope="session")
def _sent_scenarios() -> dict[str, Exchange]:
    return {}


@pytest.fixture
def exchange_of(
    _sent_scenarios: dict[str, Exchange], wire: WireClient, prerequisites: Prerequisites
) -> Callable[[str], Exchange]:
    """The target's answer to a named scenario, sent on first use and shared by later tests."""

    def answer(name: str) -> Exchange:
        if name in _sent_scenarios:
            attach_exchange(_sent_scenarios[name])
        else:
            _sent_scenarios[name] = wire.call("CreateTaskSet", build(name, prerequisites))
        return _sent_scenarios[name]

    return answer
