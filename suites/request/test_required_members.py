"""Each member the model marks required, left out, must be rejected by the server."""

from __future__ import annotations

import pytest

from contract import checks
from contract.model import load_contract
from fixtures.prerequisites import Prerequisites
from fixtures.wire import WireClient


@pytest.mark.clause("req.required-member")
@pytest.mark.parametrize("member", load_contract().required_members)
def test_rejects_request_missing_required_member(wire: WireClient, prerequisites: Prerequisites, member: str) -> None:
    request = prerequisites.minimal_request()
    del request[member]
    checks.expect_any_client_error(wire.call("CreateTaskSet", request), "req.required-member")
