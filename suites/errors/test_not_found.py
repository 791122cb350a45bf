"""Resources named in the request that do not exist get the error the page documents for them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract import checks
from contract.exchange import Exchange


@pytest.mark.clause("err.cluster-not-found")
def test_unknown_cluster_is_cluster_not_found(exchange_of: Callable[[str], Exchange]) -> None:
    checks.expect_client_error(exchange_of("unknown-cluster"), "err.cluster-not-found", ["ClusterNotFoundException"])


@pytest.mark.clause("err.service-not-found")
def test_unknown_service_is_service_not_found(exchange_of: Callable[[str], Exchange]) -> None:
    checks.expect_client_error(exchange_of("unknown-service"), "err.service-not-found", ["ServiceNotFoundException"])
