"""Every error the page and the model document for CreateTaskSet: triggered, or UNTESTABLE with the reason."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from contract import checks
from contract.exchange import Exchange
from fixtures.plugin import DeniedPrincipal
from fixtures.results import untestable
from suites.scenarios import DOCUMENTED, SCENARIOS, UNDOCUMENTED, as_params


@pytest.mark.parametrize("scenario", as_params(DOCUMENTED))
def test_documented_error_is_returned(exchange_of: Callable[[str], Exchange], scenario: str) -> None:
    checks.expect_client_error(exchange_of(scenario), SCENARIOS[scenario].clause, SCENARIOS[scenario].documented)


@pytest.mark.parametrize("scenario", as_params(UNDOCUMENTED, clause="err.conventional-code"))
def test_undocumented_rejection_uses_a_generic_client_error_code(
    rejection_of: Callable[[str], Exchange], scenario: str
) -> None:
    exchange = rejection_of(scenario)
    if not 400 <= (exchange.status or 0) < 500 or checks.error_code(exchange) is None:
        untestable(f"the target did not reject {scenario} with a 4xx error code (see {SCENARIOS[scenario].clause})")
    checks.check_conventional_code(exchange)


@pytest.mark.clause("err.access-denied")
def test_principal_without_permission_gets_access_denied(denied_principal: DeniedPrincipal) -> None:
    exchange = denied_principal.wire.call("CreateTaskSet", denied_principal.request)
    checks.expect_client_error(exchange, "err.access-denied", ["AccessDeniedException"])


@pytest.mark.clause("err.server-exception")
def test_server_exception_is_http_500() -> None:
    untestable("no valid or invalid request makes a conforming server fail; a ServerException cannot be provoked")


@pytest.mark.clause("err.limit-exceeded")
def test_limit_exceeded_is_returned() -> None:
    untestable(
        "the task-set quota per service is an account setting the harness cannot lower, and reaching a "
        "target's own limit would mean creating task sets until one is refused"
    )


@pytest.mark.clause("err.namespace-not-found")
def test_namespace_not_found_is_returned() -> None:
    untestable("CreateTaskSet takes no namespace; the error comes from a service's Service Connect setup")


@pytest.mark.clause("err.unsupported-feature")
def test_unsupported_feature_is_returned() -> None:
    untestable("the harness cannot choose a Region that lacks a feature CreateTaskSet uses")
