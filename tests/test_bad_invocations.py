"""Bad input gets one clear line on stderr and a non-zero exit, never a traceback, and leaves nothing behind."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.harness import ROOT, clean_env, moto_left_by, run_suite


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def not_http_port() -> Iterator[int]:
    """A 127.0.0.1 port that answers every connection with an SSH banner, as a wrong port would."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    thread.join(timeout=5)
    server.close()


@dataclass(frozen=True)
class BadInvocation:
    args: Callable[[int], list[str]]  # given the port of the case's endpoint
    reason: str  # a regex the one stderr line must match
    env: dict[str, str] = field(default_factory=dict)
    not_http: bool = False  # the port answers with a non-HTTP banner (else nothing listens)


CASES = {
    "unreachable endpoint": BadInvocation(
        lambda port: ["--endpoint-url", f"http://127.0.0.1:{port}"], r"cannot be used: .*(refused|Failed to establish)"
    ),
    "malformed URL": BadInvocation(lambda port: ["--endpoint-url", "htp:/not a url"], r"is not an http\(s\) URL"),
    "unknown option value": BadInvocation(
        lambda port: ["--html-report", "sometimes"], r"--html-report 'sometimes' is not one of"
    ),
    "timeout not a number": BadInvocation(lambda port: ["--request-timeout", "soon"], r"--request-timeout 'soon'"),
    "real AWS without --live-aws": BadInvocation(
        lambda port: ["--endpoint-url", "https://ecs.us-east-1.amazonaws.com"], r"is real AWS: pass --live-aws"
    ),
    "missing credentials with --live-aws": BadInvocation(
        lambda port: ["--live-aws", "--region", "us-east-1"], r"--live-aws needs AWS credentials"
    ),
    "port that answers non-HTTP": BadInvocation(
        lambda port: ["--endpoint-url", f"http://127.0.0.1:{port}"],
        r"cannot be used: connection dropped or body truncated",
        not_http=True,
    ),
    "unknown AWS profile": BadInvocation(
        lambda port: [], r"AWS configuration error: .*no-such-profile", env={"AWS_PROFILE": "no-such-profile"}
    ),
    "IPv6 URL without its bracket": BadInvocation(lambda port: ["--endpoint-url", "http://[::1"], "not a valid URL"),
    "URL with a password": BadInvocation(
        lambda port: ["--endpoint-url", f"http://bob:hunter2@127.0.0.1:{port}"], "must not carry a user name"
    ),
    "region that is no region": BadInvocation(lambda port: ["--region", "not a region"], "is not a region name"),
    "region moto does not know": BadInvocation(lambda port: ["--region", "xx-fake-9"], "is not an ECS region"),
    "empty reports folder": BadInvocation(lambda port: ["--reports-dir", ""], "--reports-dir is empty"),
    "unknown target profile": BadInvocation(lambda port: ["--target", "nowhere"], "target profile 'nowhere' does"),
    "credential process that fails, with --live-aws": BadInvocation(
        lambda port: ["--live-aws", "--region", "us-east-1"],
        "cannot load AWS credentials",
        env={"AWS_PROFILE": "broken", "AWS_CONFIG_FILE": "{tmp}/config"},
    ),
    "reports folder not writable": BadInvocation(
        lambda port: ["--reports-dir", "/proc/no-such-dir"], r"--reports-dir '/proc/no-such-dir' is not a writable"
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_invocation_gets_one_clear_line(case: str, tmp_path: Path, not_http_port: int) -> None:
    bad = CASES[case]
    port = not_http_port if bad.not_http else _free_port()
    (tmp_path / "config").write_text("[profile broken]\ncredential_process = /nonexistent/credential-helper\n")
    env = clean_env(**{key: value.replace("{tmp}", str(tmp_path)) for key, value in bad.env.items()})
    run = run_suite(tmp_path / "reports", *bad.args(port), env=env, timeout=120)
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert run.returncode not in (0, 1), (run.returncode, run.stdout, run.stderr)
    assert "Traceback" not in run.stdout + run.stderr, run.stdout + run.stderr
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith("ERROR: ")
    assert re.search(bad.reason, lines[0]), lines[0]
    assert not moto_left_by(run.stdout), "an embedded moto server was left running"


def test_killed_run_takes_the_embedded_moto_with_it(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "pytest", "suites", "-q", "--reports-dir", str(tmp_path), "--html-report", "none"]
    run = subprocess.Popen(command, cwd=ROOT, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert run.stdout is not None
    started = ""
    for line in run.stdout:  # wait until the run has started its moto
        started = line.decode(errors="replace")
        if "embedded moto listening" in started:
            break
    assert moto_left_by(started), "no embedded moto was started"
    run.kill()
    run.wait(timeout=30)
    deadline = time.monotonic() + 10
    while moto_left_by(started) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not moto_left_by(started), "the embedded moto outlived the run that started it"
