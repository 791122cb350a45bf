from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.reference.server import ReferenceServer


@pytest.fixture(scope="session")
def reference() -> Iterator[ReferenceServer]:
    """One conforming reference target for the whole self-test session; faults are switched per run."""
    server = ReferenceServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def clean_reference(reference: ReferenceServer) -> Iterator[ReferenceServer]:
    reference.faults = []
    yield reference
    reference.faults = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.test_reference_target import KILLS

    if not KILLS:
        return
    killed = sum(1 for *_, mutant in KILLS if mutant == "FAIL")
    terminalreporter.write_sep("=", f"planted faults killed: {killed}/{len(KILLS)}")
    for clause, fault, reference, mutant in sorted(KILLS):
        terminalreporter.write_line(f"  {clause:<24} reference {reference:<5} mutant {mutant:<10} ({fault})")
