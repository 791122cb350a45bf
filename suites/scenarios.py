"""Named CreateTaskSet requests, built from the run's prerequisites.

A scenario is sent at most once per session (see the `exchange_of` fixture); tests that check
different clauses of the same answer share it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fixtures.prerequisites import Prerequisites

Scenario = Callable[[Prerequisites], dict[str, Any]]

# Requests the contract says must succeed.
VALID: dict[str, Scenario] = {
    "minimal": lambda p: p.minimal_request(),
}

# Requests the contract says must be rejected, with the error the page documents for them.
REJECTED: dict[str, tuple[Scenario, str]] = {
    "unknown-cluster": (
        lambda p: {**p.minimal_request(), "cluster": f"{p.prefix}-no-such-cluster"},
        "ClusterNotFoundException",
    ),
    "unknown-service": (
        lambda p: {**p.minimal_request(), "service": f"{p.prefix}-no-such-service"},
        "ServiceNotFoundException",
    ),
}


def build(name: str, prerequisites: Prerequisites) -> dict[str, Any]:
    scenario = VALID[name] if name in VALID else REJECTED[name][0]
    return scenario(prerequisites)
