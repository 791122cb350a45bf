"""The main job end to end: moto (embedded or at an endpoint), reports that agree, a report a browser renders."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from contract.catalogue import load_catalogue
from fixtures.target import EmbeddedMoto
from tests.harness import SuiteRun, clean_env, moto_left_by, run_suite
from tests.reference.faults import FAULTS
from tests.reference.server import Call, ReferenceServer, Reply
from tests.test_reference_target import PREREQUISITES

SECRETS = re.compile(r"Credential=[A-Za-z0-9]{16,}/|Signature=[0-9a-f]{64}|X-Amz-Security-Token|conformance-test")


@pytest.fixture(scope="module")
def embedded_run(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    run = run_suite(tmp_path_factory.mktemp("embedded"), html=True)
    assert not moto_left_by(run.stdout), "the embedded moto server was left running"
    return run


def junit_outcomes(path: Path) -> Counter[str]:
    root = ET.parse(path).getroot()
    return Counter(str(prop.get("value")) for prop in root.iter("property") if prop.get("name") == "outcome")


def allure_outcomes(results: Path) -> Counter[str]:
    found: Counter[str] = Counter()
    for result in results.glob("*-result.json"):
        labels = json.loads(result.read_text())["labels"]
        found.update(label["value"] for label in labels if label["name"] == "outcome")
    return found


def test_run_prints_its_target_before_anything_else(embedded_run: SuiteRun) -> None:
    assert embedded_run.stdout.splitlines()[0].startswith("target: embedded-moto"), embedded_run.stdout[:500]


def test_exit_code_follows_the_verdict(embedded_run: SuiteRun) -> None:
    failing = len(embedded_run.failing())
    assert embedded_run.returncode == (1 if failing else 0), embedded_run.stdout[-3000:]


def assert_reports_agree(run: SuiteRun) -> None:
    summary_counts = Counter({k: v for k, v in run.summary["counts"].items() if v})
    assert sum(summary_counts.values()) == len(run.summary["results"]) > 0
    assert junit_outcomes(run.reports / "junit.xml") == summary_counts
    assert allure_outcomes(run.reports / "allure-results") == summary_counts


def test_summary_json_junit_and_allure_agree(embedded_run: SuiteRun) -> None:
    assert_reports_agree(embedded_run)


def test_reports_agree_with_xdist_workers(clean_reference: ReferenceServer, tmp_path: Path) -> None:
    clean_reference.faults = [non_json_success_for_external_id]
    run = run_suite(tmp_path, "--endpoint-url", clean_reference.url, "-n", "2", *PREREQUISITES)
    assert run.returncode == 1, run.stdout[-2000:]
    assert_reports_agree(run)


def test_summary_names_target_fingerprint_and_counts(embedded_run: SuiteRun) -> None:
    run = embedded_run.summary["run"]
    assert run["target_kind"] == "embedded-moto"
    assert run["implementation"].startswith("moto ")
    assert run["contract_fingerprint"].startswith("botocore-")
    assert run["requests_sent"] > 0
    printed = embedded_run.stdout
    for needle in ("CreateTaskSet conformance", run["contract_fingerprint"], "outcomes", "report "):
        assert needle in printed


def test_failures_name_clause_sent_expected_received(embedded_run: SuiteRun) -> None:
    for failure in embedded_run.failing():
        message = failure["message"]
        assert message.startswith(f"[{failure['clauses'][0]}]"), message
        for part in ("sent:", "expected:", "received:"):
            assert part in message, message


def test_no_credentials_or_signatures_in_reports(embedded_run: SuiteRun) -> None:
    leaks = [
        str(path)
        for path in embedded_run.reports.rglob("*")
        if path.is_file()
        and path.suffix in (".json", ".xml", ".properties", ".html")
        and SECRETS.search(path.read_text(errors="replace"))
    ]
    assert not leaks


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(_chromium() is None, reason="Debian's chromium is not installed here (.ci/run installs it)")
def test_single_file_report_renders_a_clause_id_in_chromium(embedded_run: SuiteRun, tmp_path: Path) -> None:
    index = embedded_run.reports / "allure-report" / "index.html"
    assert index.is_file(), embedded_run.stdout[-2000:]
    chromium = _chromium()
    assert chromium is not None
    dom = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=20000",
            "--dump-dom",
            index.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    ).stdout
    rendered = [clause for clause in load_catalogue().clauses if clause in dom]
    assert rendered, "no clause id in the rendered report: " + dom[-2000:]


@pytest.fixture
def moto_endpoint(tmp_path: Path) -> Iterator[str]:
    """moto standing in for a remote endpoint (LocalStack, real ECS): the run only gets its URL."""
    server = EmbeddedMoto(tmp_path / "moto.log")
    try:
        yield server.start()
    finally:
        server.stop()


def test_endpoint_from_aws_endpoint_url_is_tested_and_left_clean(moto_endpoint: str, tmp_path: Path) -> None:
    run = run_suite(tmp_path / "reports", env=clean_env(AWS_ENDPOINT_URL=moto_endpoint, AWS_REGION="eu-west-1"))
    assert run.stdout.startswith(f"target: endpoint at {moto_endpoint} (chosen by AWS_ENDPOINT_URL; region eu-west-1)")
    assert run.summary["run"]["region"] == "eu-west-1"
    ecs = boto3.client(
        "ecs", endpoint_url=moto_endpoint, region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    clusters = ecs.list_clusters()["clusterArns"]
    described = ecs.describe_clusters(clusters=clusters)["clusters"] if clusters else []
    assert [c["clusterArn"] for c in described if c["status"] != "INACTIVE"] == []
    for cluster in clusters:
        services = ecs.list_services(cluster=cluster)["serviceArns"]
        described_services = ecs.describe_services(cluster=cluster, services=services)["services"] if services else []
        assert [s["serviceArn"] for s in described_services if s["status"] == "ACTIVE"] == []
    assert ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"] == []


def test_cleanup_failures_are_reported_not_hidden(clean_reference: ReferenceServer, tmp_path: Path) -> None:
    def refuse_cluster_deletion(call: Call, reply: Reply) -> Reply:
        if call.operation == "DeleteCluster":
            return Reply(400, b'{"__type":"ClusterContainsServicesException","message":"still in use"}')
        return reply

    clean_reference.faults = [refuse_cluster_deletion]
    run = run_suite(tmp_path, "--endpoint-url", clean_reference.url)
    assert run.returncode == 0, run.stdout[-2000:]
    (failure,) = run.summary["run"]["cleanup_failures"]
    assert failure.startswith("cluster: ")
    assert "ClusterContainsServicesException" in failure
    assert "left behind cluster: " in run.stdout


def non_json_success_for_external_id(call: Call, reply: Reply) -> Reply:
    if call.operation == "CreateTaskSet" and "externalId" in call.request and reply.status == 200:
        return Reply(200, b"task set created", content_type="text/plain")
    return reply


# Faults that make the target answer some cases with garbage: an HTML 500 page, a non-JSON 200,
# a truncated body, a dropped connection. (A non-JSON 200 to every valid request would be
# "not implemented": see test_targets.)
GARBAGE = {
    "html-500": next(fault.apply for fault in FAULTS if fault.name == "html-500-unknown-cluster"),
    "non-json-200": non_json_success_for_external_id,
    "truncated": next(fault.apply for fault in FAULTS if fault.name == "unknown-service-truncated"),
    "dropped": next(fault.apply for fault in FAULTS if fault.name == "missing-member-dropped"),
}


@pytest.mark.parametrize("name", list(GARBAGE))
def test_garbage_answers_fail_their_cases_and_the_run_goes_on(
    clean_reference: ReferenceServer, tmp_path: Path, name: str
) -> None:
    clean_reference.faults = [GARBAGE[name]]
    run = run_suite(tmp_path, "--endpoint-url", clean_reference.url, *PREREQUISITES)
    assert run.returncode == 1, run.stdout[-2000:] + run.stderr[-2000:]
    failing = run.failing()
    assert failing
    for failure in failing:
        # An HTML error page is also mislabelled for awsJson, which the content-type check says.
        garbage = failure["kind"] in ("server-error", "not-json", "no-response")
        assert garbage or failure["clauses"] == ["proto.content-type"], failure
        assert "received: " in failure["message"]
    assert "PASS" in run.outcomes().values()
