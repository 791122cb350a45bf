"""Targets: the shipped moto profile, strict expectations, and the not-implemented verdict."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fixtures.expectations import Expectation, dump, fingerprint_of, load, regenerate
from fixtures.plugin import exit_code
from fixtures.results import Verdict
from fixtures.target import ROOT, ConfigError, load_profile
from tests.harness import SuiteRun, run_suite
from tests.reference.server import ReferenceServer
from tests.test_reference_target import PREREQUISITES

MOTO_EXPECTATIONS = ROOT / "expectations" / "moto.toml"


@pytest.fixture(scope="module")
def moto_with_profile(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    return run_suite(tmp_path_factory.mktemp("moto-profile"))


def test_embedded_moto_matches_its_shipped_profile(moto_with_profile: SuiteRun) -> None:
    run = moto_with_profile
    unexpected = [(r["nodeid"], r["outcome"], r["message"][:300]) for r in run.failing()]
    assert run.returncode == 0, unexpected or run.stdout[-3000:]
    assert run.summary["verdict"] == "known-deviations-only"
    listed = load(MOTO_EXPECTATIONS)
    assert {d["test"] for d in run.summary["known_deviations"]} == set(listed)
    assert f"known deviations {len(listed)} matched entries of expectations/moto.toml" in run.stdout


def test_without_expectations_the_same_run_fails(tmp_path: Path) -> None:
    run = run_suite(tmp_path, "--expectations", "none")
    assert run.returncode == 1
    assert {r["nodeid"] for r in run.failing()} == set(load(MOTO_EXPECTATIONS))


def _write(path: Path, entries: list[Expectation]) -> Path:
    path.write_text(dump(entries, "test expectations"))
    return path


def test_a_deleted_expectation_fails_naming_its_clause(tmp_path: Path) -> None:
    entries = sorted(load(MOTO_EXPECTATIONS).values(), key=lambda e: e.test)
    removed = entries[0]
    trimmed = _write(tmp_path / "trimmed.toml", entries[1:])
    run = run_suite(tmp_path / "reports", "--expectations", str(trimmed), "--clause", removed.clause)
    assert run.returncode == 1
    (failure,) = run.failing()
    assert failure["nodeid"] == removed.test
    assert failure["message"].startswith(f"[{removed.clause}]")


def test_a_changed_failure_is_not_the_known_one(tmp_path: Path) -> None:
    entry = next(e for e in load(MOTO_EXPECTATIONS).values() if e.clause == "req.tags.max-count")
    changed = Expectation(
        entry.test,
        entry.clause,
        entry.reason,
        entry.recorded,
        fingerprint_of("wrong-code, HTTP 4xx"),
        "wrong-code, HTTP 4xx",
    )
    path = _write(tmp_path / "changed.toml", [changed])
    run = run_suite(tmp_path / "reports", "--expectations", str(path), "--clause", entry.clause)
    assert run.returncode == 1
    (failure,) = run.failing()
    assert "known deviation changed: listed as failing with 'wrong-code, HTTP 4xx'" in failure["message"]


def test_a_fixed_deviation_is_an_unexpected_pass(reference: ReferenceServer, tmp_path: Path) -> None:
    test_id = "suites/errors/test_documented_errors.py::test_documented_error_is_returned[unknown-cluster]"
    fixed = Expectation(test_id, "err.cluster-not-found", "pretend it failed", "2026-12-01", fingerprint_of("x"), "x")
    path = _write(tmp_path / "fixed.toml", [fixed])
    reference.faults = []
    run = run_suite(
        tmp_path / "reports",
        "--endpoint-url",
        reference.url,
        "--expectations",
        str(path),
        "--clause",
        "err.cluster-not-found",
        *PREREQUISITES,
    )
    assert run.returncode == 1
    (failure,) = run.failing()
    assert failure["outcome"] == "UNEXPECTED-PASS"
    assert "fixed? remove the expectation" in failure["message"]


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("[[deviation]]\ntest = 'x'\n", "missing clause"),
        ("[[deviation\n", "not valid TOML"),
        ("[[deviations]]\ntest = 'x'\n", "unknown keys deviations"),
        ("[deviation]\ntest = 'x'\n", "[[deviation]] tables"),
        (
            dump([Expectation("t", "c", "r", "2026-01-01", "123456789abc", "invalid-accepted, HTTP 2xx")], "x"),
            "is not that of observed",
        ),
        (
            dump([Expectation("t", "c", "r", "2026-01-01", fingerprint_of("o"), "o", expires="2026-01-02")], "old"),
            "expired expectations",
        ),
    ],
)
def test_a_bad_expectations_file_is_a_config_error(tmp_path: Path, content: str, complaint: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content)
    run = run_suite(tmp_path / "reports", "--expectations", str(path))
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert run.returncode == 4
    assert len(lines) == 1, run.stderr
    assert complaint in lines[0]


def test_an_expectation_for_a_test_that_does_not_exist_is_a_config_error(tmp_path: Path) -> None:
    observed = "invalid-accepted, HTTP 2xx"
    ghost = Expectation(
        "suites/request/test_gone.py::test_gone",
        "req.tags.max-count",
        "r",
        "2026-01-01",
        fingerprint_of(observed),
        observed,
    )
    run = run_suite(tmp_path / "reports", "--expectations", str(_write(tmp_path / "ghost.toml", [ghost])))
    assert run.returncode == 4
    assert "no such test: suites/request/test_gone.py::test_gone" in run.stderr


def test_regeneration_refuses_a_partial_run(tmp_path: Path) -> None:
    summary = tmp_path / "summary.json"
    summary.write_text(
        json.dumps({"run": {"scope": "partial", "implementation": "x"}, "verdict": "partial", "results": []})
    )
    before = MOTO_EXPECTATIONS.read_text()
    done = subprocess.run(
        [sys.executable, "-m", "fixtures.expectations", "moto", str(summary)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "left as it was: the run was partial" in done.stderr
    assert MOTO_EXPECTATIONS.read_text() == before


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("endpont = 'http://x:1'\n", "unknown keys endpont"),
        ("endpoint = 47200\n", "endpoint: str"),
        ("[prerequisites]\nsubnets = ['a', 'b']\n", "prerequisites.subnets"),
    ],
)
def test_a_malformed_profile_is_a_config_error(content: str, complaint: str) -> None:
    path = ROOT / "targets" / "selftest-malformed.toml"
    path.write_text(content)
    try:
        with pytest.raises(ConfigError, match=re.escape(complaint)):
            load_profile("selftest-malformed")
    finally:
        path.unlink()


def test_expiry_is_judged_by_date(tmp_path: Path) -> None:
    entry = Expectation("t", "c", "r", "2026-01-01", fingerprint_of("o"), "o", expires="2026-06-01")
    path = _write(tmp_path / "expiry.toml", [entry])
    assert load(path, today=dt.date(2026, 6, 1))
    with pytest.raises(ConfigError, match="expired"):
        load(path, today=dt.date(2026, 6, 2))


class _LocalStackCommunity(BaseHTTPRequestHandler):
    """Answers every ECS call the way LocalStack's community edition does: 501, not in the license."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps(
            {
                "__type": "InternalFailure",
                "message": "API for service 'ecs' not yet implemented or "
                "pro feature - please check https://docs.localstack.cloud/references/coverage/",
            }
        ).encode()
        self.send_response(501)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        del format, args


@pytest.fixture
def localstack_community() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LocalStackCommunity)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def test_a_target_without_ecs_gets_one_not_implemented_verdict(localstack_community: str, tmp_path: Path) -> None:
    run = run_suite(tmp_path, "--endpoint-url", localstack_community)
    assert run.returncode == 6, run.stdout + run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "NOT IMPLEMENTED" in lines[0]
    assert "HTTP 501" in lines[0]
    assert "Traceback" not in run.stdout + run.stderr
    assert run.summary["verdict"] == "not-implemented"
    assert run.summary["results"] == []


def _result(nodeid: str, outcome: str, fingerprint: str, observed: str) -> dict[str, object]:
    return {
        "nodeid": nodeid,
        "outcome": outcome,
        "clauses": ["req.tags.max-count"],
        "fingerprint": fingerprint,
        "observed": observed,
        "message": "m",
    }


def test_regenerating_keeps_reasons_of_unchanged_failures_only() -> None:
    kept = Expectation("a", "req.tags.max-count", "a known reason", "2026-01-01", "f1", "invalid-accepted, HTTP 2xx")
    changed = Expectation("b", "req.tags.max-count", "an old reason", "2026-01-01", "f2", "wrong-code, HTTP 4xx")
    summary = {
        "results": [
            _result("a", "EXPECTED-FAIL", "f1", "invalid-accepted, HTTP 2xx"),
            _result("b", "FAIL", "f9", "server-error, HTTP 5xx"),
            _result("c", "FAIL", "f3", "not-json, HTTP 5xx"),
            _result("d", "PASS", "", ""),
        ]
    }
    entries = {e.test: e for e in regenerate(summary, {"a": kept, "b": changed}, "2026-12-03")}
    assert set(entries) == {"a", "b", "c"}
    assert entries["a"] == kept
    assert entries["b"].reason.startswith("UNREVIEWED")
    assert entries["b"].fingerprint == "f9"
    assert entries["c"].recorded == "2026-12-03"


@pytest.mark.parametrize(
    ("kinds_outcomes", "code"),
    [
        ([("", "PASS"), ("", "EXPECTED-FAIL"), ("", "UNTESTABLE")], 0),
        ([("", "PASS"), ("invalid-accepted", "FAIL")], 1),
        ([("unexpected-pass", "UNEXPECTED-PASS")], 1),
        ([("invalid-accepted", "FAIL"), ("harness-error", "FAIL")], 3),
    ],
)
def test_exit_code_follows_the_verdicts(kinds_outcomes: list[tuple[str, str]], code: int) -> None:
    verdicts = [
        Verdict(f"t{i}", outcome, ["c"], "request", "MUST", "normal", kind)
        for i, (kind, outcome) in enumerate(kinds_outcomes)
    ]
    assert exit_code(verdicts) == code
