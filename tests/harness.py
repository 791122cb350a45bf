"""Running the conformance suite the way a user does, in a subprocess, for the self-tests."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class SuiteRun:
    returncode: int
    stdout: str
    stderr: str
    reports: Path

    @property
    def summary(self) -> dict[str, Any]:
        return dict(json.loads((self.reports / "summary.json").read_text()))

    def outcomes(self) -> dict[str, str]:
        return {r["nodeid"]: r["outcome"] for r in self.summary["results"]}

    def failing(self) -> list[dict[str, Any]]:
        return [r for r in self.summary["results"] if r["outcome"] in ("FAIL", "UNEXPECTED-PASS")]


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without any AWS or endpoint setting of the machine, and without metadata look-ups."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k != "CONFORMANCE_ENDPOINT"}
    env.update(AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull)
    env.update(extra)
    return env


def run_suite(
    reports: Path, *args: str, env: dict[str, str] | None = None, html: bool = False, timeout: float = 600
) -> SuiteRun:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "suites",
        "--reports-dir",
        str(reports),
        "-q",
        "--html-report",
        "single-file" if html else "none",
        *args,
    ]
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=env if env is not None else clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return SuiteRun(done.returncode, done.stdout, done.stderr, reports)


def moto_left_by(output: str) -> set[int]:
    """Processes still serving the embedded moto a run announced ("embedded moto listening on URL")."""
    found = re.search(r"embedded moto listening on http://127\.0\.0\.1:(\d+)", output)
    if not found:
        return set()
    port_argument = f"\0-p\0{found.group(1)}\0".encode()
    pids = set()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"moto.server" in (text := cmdline.read_bytes()) and port_argument in text + b"\0":
                pids.add(int(cmdline.parent.name))
        except OSError:
            continue
    return pids
