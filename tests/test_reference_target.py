"""The suite is proven on a conforming reference target: it passes there, and every planted fault
is caught by the check for the clause the fault breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from contract.catalogue import load_catalogue
from tests.harness import run_suite
from tests.reference.faults import FAULTS, PlantedFault
from tests.reference.server import ReferenceServer

# What a real account would supply; the reference accepts these ids and denies the DENIED key.
PREREQUISITES = [
    "--prerequisite=subnets=subnet-0ref0000000000001,subnet-0ref0000000000002",
    "--prerequisite=security-groups=sg-0ref0000000000001",
    "--prerequisite=target-group-arn=arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/ref/0ref1",
    "--prerequisite=registry-arn=arn:aws:servicediscovery:us-east-1:123456789012:service/srv-0ref1",
    "--prerequisite=managed-instances=yes",
    "--prerequisite=denied-credentials=DENIED:denied-secret",
]
# Clauses no target can be brought to trigger: their tests are UNTESTABLE everywhere, faults cannot show.
UNTESTABLE_CLAUSES = {
    "err.server-exception",
    "err.limit-exceeded",
    "err.namespace-not-found",
    "err.unsupported-feature",
}

# (clause, fault, outcome of the clause's checks on the reference, on the mutant), for the kill table
KILLS: list[tuple[str, str, str, str]] = []


@pytest.fixture(scope="module")
def reference_outcomes(
    reference: ReferenceServer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each test's outcome and clauses on the conforming reference."""
    reference.faults = []
    run = run_suite(tmp_path_factory.mktemp("reference"), "--endpoint-url", reference.url, *PREREQUISITES)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    return {r["nodeid"]: (r["outcome"], tuple(r["clauses"])) for r in run.summary["results"]}


def test_suite_passes_on_the_reference_target(reference_outcomes: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    assert reference_outcomes
    not_passing = {
        nodeid: outcome
        for nodeid, (outcome, clauses) in reference_outcomes.items()
        if outcome != "PASS" and not (outcome == "UNTESTABLE" and set(clauses) <= UNTESTABLE_CLAUSES)
    }
    assert not not_passing, not_passing


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_planted_fault_is_killed_by_its_clause(
    clean_reference: ReferenceServer,
    reference_outcomes: dict[str, tuple[str, tuple[str, ...]]],
    fault: PlantedFault,
    tmp_path: Path,
) -> None:
    clean_reference.faults = [fault.apply]
    run = run_suite(tmp_path, "--endpoint-url", clean_reference.url, "--clause", fault.clause, *PREREQUISITES)
    killers = [r for r in run.failing() if fault.clause in r["clauses"]]
    KILLS.append((fault.clause, fault.name, "PASS", "FAIL" if killers else "not killed"))
    assert run.returncode == 1, f"{fault.name}: exit {run.returncode}\n{run.stdout[-2000:]}{run.stderr[-1000:]}"
    assert killers, f"{fault.name} ({fault.what}) was not caught by a check of {fault.clause}: {run.failing()}"
    for killer in killers:
        assert killer["message"].startswith(f"[{fault.clause}]"), killer
        assert reference_outcomes[killer["nodeid"]][0] == "PASS"


def test_every_testable_clause_has_a_planted_fault() -> None:
    missing = set(load_catalogue().clauses) - UNTESTABLE_CLAUSES - {fault.clause for fault in FAULTS}
    assert not missing, f"clauses no planted fault proves: {sorted(missing)}"
