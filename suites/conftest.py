from __future__ import annotations

from collections.abc import Callable

import pytest

from contract.exchange import Exchange
from fixtures.plugin import attach_exchange
from fixtures.prerequisites import Prerequisites
from fixtures.results import untestable
from fixtures.wire import WireClient
from suites.scenarios import SCENARIOS, build

Answer = Callable[[str], Exchange]


@pytest.fixture(scope="session")
def _sent_scenarios() -> dict[str, Exchange]:
    return {}


@pytest.fixture
def exchange_of(_sent_scenarios: dict[str, Exchange], wire: WireClient, prerequisites: Prerequisites) -> Answer:
    """The target's answer to a named scenario, sent on first use and shared by later tests."""

    def answer(name: str) -> Exchange:
        if name in _sent_scenarios:
            attach_exchange(_sent_scenarios[name])
        else:
            _sent_scenarios[name] = wire.call("CreateTaskSet", build(name, prerequisites))
        return _sent_scenarios[name]

    return answer


def _only(exchange_of: Answer, statuses: range, missing: str) -> Answer:
    """Answers whose status is in `statuses`. Where the target answered otherwise there is nothing for
    the check to look at; that failure is reported once, by the scenario's own clause."""

    def answer(name: str) -> Exchange:
        exchange = exchange_of(name)
        if exchange.status is None or exchange.status not in statuses:
            untestable(f"the target did not {missing} {name} (see {SCENARIOS[name].clause})")
        return exchange

    return answer


@pytest.fixture
def success_of(exchange_of: Answer) -> Answer:
    """The answer to a valid scenario, for checks of what a success carries."""
    return _only(exchange_of, range(200, 300), "accept")


@pytest.fixture
def rejection_of(exchange_of: Answer) -> Answer:
    """The answer to a rejected scenario, for checks of how an error is told."""
    return _only(exchange_of, range(400, 600), "reject")
