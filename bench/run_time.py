"""How long the default conformance run takes and how many requests it sends, serial vs xdist.

Run: .venv/bin/python bench/run_time.py [--rounds N] [--workers N]
Each round runs the suite against a fresh embedded moto, once without workers and once with -n N,
back to back, so the ratio compares runs made under the same machine load. Only ratios measured in
one invocation are comparable; absolute seconds depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(extra: list[str]) -> tuple[float, int, int]:
    """(wall seconds, requests sent, tests) of one run of the suite."""
    with tempfile.TemporaryDirectory() as reports:
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "-m", "pytest", "suites", "-q", "--reports-dir", reports, "--html-report", "none", *extra],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        wall = time.monotonic() - started
        summary = json.loads((Path(reports) / "summary.json").read_text())
    return wall, summary["run"]["requests_sent"], len(summary["results"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    serial, parallel = [], []
    for _ in range(args.rounds):
        serial.append(one_run([]))
        parallel.append(one_run(["-n", str(args.workers)]))
    s_wall = statistics.median(r[0] for r in serial)
    p_wall = statistics.median(r[0] for r in parallel)
    print(f"tests per run:        {serial[0][2]}")
    print(f"requests per run:     {serial[0][1]} (serial), {parallel[0][1]} (-n {args.workers})")
    print(f"wall, median of {args.rounds}:   {s_wall:.1f} s serial, {p_wall:.1f} s with -n {args.workers}")
    print(f"ratio -n {args.workers} / serial: {p_wall / s_wall:.2f}")


if __name__ == "__main__":
    main()
