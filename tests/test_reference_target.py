"""The suite is proven on a conforming reference target: it passes there, and every planted fault
is caught by the check for the clause the fault breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import run_suite
from tests.reference.faults import FAULTS, PlantedFault
from tests.reference.server import ReferenceServer

# (clause, fault, outcome of the clause's checks on the reference, on the mutant), for the kill table
KILLS: list[tuple[str, str, str, str]] = []


@pytest.fixture(scope="module")
def reference_outcomes(reference: ReferenceServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    reference.faults = []
    run = run_suite(tmp_path_factory.mktemp("reference"), "--endpoint-url", reference.url)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    return run.outcomes()


def test_suite_passes_on_the_reference_target(reference_outcomes: dict[str, str]) -> None:
    not_passing = {nodeid: outcome for nodeid, outcome in reference_outcomes.items() if outcome != "PASS"}
    assert reference_outcomes
    assert not not_passing, not_passing


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_planted_fault_is_killed_by_its_clause(
    clean_reference: ReferenceServer, reference_outcomes: dict[str, str], fault: PlantedFault, tmp_path: Path
) -> None:
    clean_reference.faults = [fault.apply]
    run = run_suite(tmp_path, "--endpoint-url", clean_reference.url)
    killers = [r for r in run.failing() if fault.clause in r["clauses"]]
    KILLS.append((fault.clause, fault.name, "PASS", "FAIL" if killers else "not killed"))
    assert run.returncode == 1, f"{fault.name}: exit {run.returncode}\n{run.stdout[-2000:]}{run.stderr[-1000:]}"
    assert killers, f"{fault.name} ({fault.what}) was not caught by a check of {fault.clause}: {run.failing()}"
    for killer in killers:
        assert killer["message"].startswith(f"[{fault.clause}]"), killer
        assert reference_outcomes[killer["nodeid"]] == "PASS"
    # The run goes on: the fault breaks its own cases, not the run.
    assert any(outcome == "PASS" for outcome in run.outcomes().values())


def test_every_catalogued_clause_has_a_planted_fault() -> None:
    from contract.catalogue import load_catalogue

    covered = {fault.clause for fault in FAULTS}
    assert set(load_catalogue().clauses) <= covered, set(load_catalogue().clauses) - covered
