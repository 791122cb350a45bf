"""Which endpoint a run tests: DEVELOPERS.md's precedence, and refusals with one clear reason."""

from __future__ import annotations

import pytest

from fixtures.target import ConfigError, choose_endpoint, choose_target

FLAG = "http://flag:1"
MAKE = "http://make:2"
ECS = "http://ecs:3"
GLOBAL = "http://global:4"


@pytest.mark.parametrize(
    ("option", "env", "chosen"),
    [
        (
            FLAG,
            {"CONFORMANCE_ENDPOINT": MAKE, "AWS_ENDPOINT_URL_ECS": ECS, "AWS_ENDPOINT_URL": GLOBAL},
            (FLAG, "--endpoint-url"),
        ),
        (
            None,
            {"CONFORMANCE_ENDPOINT": MAKE, "AWS_ENDPOINT_URL_ECS": ECS, "AWS_ENDPOINT_URL": GLOBAL},
            (MAKE, "ENDPOINT"),
        ),
        (
            None,
            {"CONFORMANCE_ENDPOINT": "", "AWS_ENDPOINT_URL_ECS": ECS, "AWS_ENDPOINT_URL": GLOBAL},
            (ECS, "AWS_ENDPOINT_URL_ECS"),
        ),
        (None, {"AWS_ENDPOINT_URL": GLOBAL}, (GLOBAL, "AWS_ENDPOINT_URL")),
        (None, {}, None),
        ("", {"CONFORMANCE_ENDPOINT": " "}, None),
    ],
)
def test_endpoint_precedence(option: str | None, env: dict[str, str], chosen: tuple[str, str] | None) -> None:
    assert choose_endpoint(option, env) == chosen


def test_no_endpoint_means_embedded_moto() -> None:
    target = choose_target(None, False, None, {})
    assert target.kind == "embedded-moto"
    assert target.region == "us-east-1"


def test_region_option_wins() -> None:
    assert choose_target(ECS, False, "eu-west-3", {}).region == "eu-west-3"


@pytest.mark.parametrize(
    "url", ["ftp://host:1", "localhost:4566", "http://", "http://host:99999", "http://host:1/path?x=1"]
)
def test_malformed_endpoint_is_refused(url: str) -> None:
    with pytest.raises(ConfigError, match="--endpoint-url"):
        choose_target(url, False, None, {})


@pytest.mark.parametrize(
    "url",
    [
        "https://ecs.us-east-1.amazonaws.com",
        "https://ecs-fips.us-gov-west-1.amazonaws.com",
        "https://ecs.cn-north-1.amazonaws.com.cn",
        "https://ecs.eu-west-1.api.aws",
    ],
)
def test_real_aws_needs_live_aws(url: str) -> None:
    with pytest.raises(ConfigError, match="--live-aws"):
        choose_target(url, False, "us-east-1", {})
    assert choose_target(url, True, "us-east-1", {}).kind == "live-aws"


def test_region_follows_the_sdk_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-south-1")
    assert choose_target(ECS, False, None, {}).region == "ap-south-1"
    assert choose_target(ECS, False, None, {"AWS_REGION": "sa-east-1"}).region == "sa-east-1"
