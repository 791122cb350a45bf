"""Named CreateTaskSet requests, built from the run's prerequisites, each with the clause it exercises.

A scenario is sent at most once per session (see the `exchange_of` fixture); the tests that check
different clauses of the same answer share it. Limits come from the model or, for rules only the
page states, from the clause catalogue's params: nothing here restates a number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from contract.catalogue import load_catalogue
from contract.model import load_contract
from fixtures.prerequisites import CONTAINER_PORT, Prerequisites

Build = Callable[[Prerequisites], dict[str, Any]]


@dataclass(frozen=True)
class Scenario:
    name: str
    clause: str
    build: Build
    documented: tuple[str, ...] = ()  # rejections: the error code(s) the page documents for this case


def minimal(p: Prerequisites) -> dict[str, Any]:
    return p.minimal_request()


def _with(**members: Any) -> Build:
    return lambda p: {**p.minimal_request(), **members}


def _awsvpc(p: Prerequisites, **extra: Any) -> dict[str, Any]:
    return {"awsvpcConfiguration": {"subnets": p.require_list("subnets"), **extra}}


def _fargate(p: Prerequisites, **members: Any) -> dict[str, Any]:
    return {
        **p.minimal_request(),
        "taskDefinition": p.fargate_task_definition_arn,
        "networkConfiguration": _awsvpc(p),
        **members,
    }


def _launch_type(value: str) -> Build:
    """A request a target can run with this launch type: each needs a compatible task definition."""

    def build(p: Prerequisites) -> dict[str, Any]:
        if value == "EC2":
            return {**p.minimal_request(), "launchType": value}
        if value == "EXTERNAL":
            return {**p.minimal_request(), "taskDefinition": p.external_task_definition_arn, "launchType": value}
        if value == "MANAGED_INSTANCES":
            p.require("managed-instances")
            return _fargate(p, launchType=value, taskDefinition=p.managed_instances_task_definition())
        return _fargate(p, launchType=value)

    return build


def _tags(count: int, key_length: int = 3, value_length: int = 1) -> Build:
    def build(p: Prerequisites) -> dict[str, Any]:
        tags = [{"key": f"k{i:02d}".ljust(key_length, "k"), "value": "v" * value_length} for i in range(count)]
        return {**p.minimal_request(), "tags": tags}

    return build


def _tag(key: str, value: str) -> Build:
    return _with(tags=[{"key": key, "value": value}])


def _client_token(p: Prerequisites, length: int, filler: str = "x") -> str:
    """A token unique to the run, with the allowed range's first and last characters, of `length`."""
    low, high = (
        chr(CATALOGUE["req.client-token.charset"].params["min_code"]),
        chr(CATALOGUE["req.client-token.charset"].params["max_code"]),
    )
    return f"{low}{p.run_id}{high}".ljust(length, filler)[:length]


def _token_ending_in(char: str) -> Build:
    return lambda p: {**p.minimal_request(), "clientToken": _client_token(p, 20) + char}


def _strategy(**item: Any) -> Build:
    return lambda p: {**_fargate(p), "capacityProviderStrategy": [item]}


CONTRACT = load_contract()
CATALOGUE = load_catalogue()
PAGE_LAUNCH_TYPES = CATALOGUE["req.accepts.launch-type.page"].params["values"]
TAGS_MAX = CONTRACT.limit("tags", bound="max")
KEY_MAX = CONTRACT.limit("tags", "member", "key", bound="max")
KEY_MIN = CONTRACT.limit("tags", "member", "key", bound="min")
VALUE_MAX = CONTRACT.limit("tags", "member", "value", bound="max")
WEIGHT = ("capacityProviderStrategy", "member", "weight")
BASE = ("capacityProviderStrategy", "member", "base")
TOKEN_MAX = CATALOGUE["req.client-token.length"].params["max"]
SCALE = CATALOGUE["req.scale.range"].params
AWS_PREFIX = CATALOGUE["req.tags.aws-prefix"].params["prefix"]


def _not_in(values: list[str], candidate: str) -> str:
    assert candidate not in values, f"{candidate} became a valid value: pick another"
    return candidate


# Requests the contract says must succeed.
VALID: list[Scenario] = [
    Scenario("minimal", "req.minimal-valid", minimal),
    Scenario("external-id", "req.accepts.external-id", _with(externalId="conformance-external-id")),
    *[
        Scenario(
            f"launch-type-{value}",
            "req.accepts.launch-type.page" if value in PAGE_LAUNCH_TYPES else "req.accepts.launch-type.model",
            _launch_type(value),
        )
        for value in CONTRACT.enum("launchType")
    ],
    Scenario(
        "capacity-provider-strategy",
        "req.accepts.capacity-provider-strategy",
        _strategy(capacityProvider="FARGATE", weight=1, base=0),
    ),
    Scenario(
        "network-configuration",
        "req.accepts.network-configuration",
        lambda p: _fargate(
            p,
            networkConfiguration=_awsvpc(
                p, securityGroups=p.require_list("security-groups"), assignPublicIp="DISABLED"
            ),
        ),
    ),
    Scenario(
        "load-balancers",
        "req.accepts.load-balancers",
        lambda p: {
            **p.minimal_request(),
            "loadBalancers": [
                {
                    "targetGroupArn": p.require("target-group-arn"),
                    "containerName": "app",
                    "containerPort": CONTAINER_PORT,
                }
            ],
        },
    ),
    Scenario(
        "service-registries",
        "req.accepts.service-registries",
        lambda p: {
            **p.minimal_request(),
            "serviceRegistries": [
                {"registryArn": p.require("registry-arn"), "containerName": "app", "containerPort": CONTAINER_PORT}
            ],
        },
    ),
    Scenario(
        "platform-version",
        "req.accepts.platform-version",
        lambda p: _fargate(p, launchType="FARGATE", platformVersion="1.4.0"),
    ),
    *[
        Scenario(f"scale-{value}", "req.accepts.scale", _with(scale={"value": value, "unit": "PERCENT"}))
        for value in (SCALE["min"], 50, SCALE["max"])
    ],
    Scenario(
        "client-token",
        "req.accepts.client-token",
        lambda p: {**p.minimal_request(), "clientToken": _client_token(p, TOKEN_MAX)},
    ),
    Scenario("tags-0", "req.accepts.tags", _tags(0)),
    Scenario("tags-1-longest", "req.accepts.tags", _tags(1, KEY_MAX, VALUE_MAX)),
    Scenario(f"tags-{TAGS_MAX}", "req.accepts.tags", _tags(TAGS_MAX)),
    Scenario("cluster-arn", "req.accepts.names-and-arns", lambda p: {**p.minimal_request(), "cluster": p.cluster_arn}),
    Scenario("service-arn", "req.accepts.names-and-arns", lambda p: {**p.minimal_request(), "service": p.service_arn}),
    Scenario(
        "task-definition-arn",
        "req.accepts.names-and-arns",
        lambda p: {**p.minimal_request(), "taskDefinition": p.task_definition_arn},
    ),
    Scenario(
        "task-definition-family-revision",
        "req.accepts.names-and-arns",
        lambda p: {**p.minimal_request(), "taskDefinition": f"{p.task_definition_family}:1"},
    ),
]

# Requests the contract says must be rejected.
REJECTED: list[Scenario] = [
    Scenario(
        "unknown-cluster",
        "err.cluster-not-found",
        lambda p: {**p.minimal_request(), "cluster": f"{p.prefix}-no-such-cluster"},
        ("ClusterNotFoundException",),
    ),
    Scenario(
        "unknown-service",
        "err.service-not-found",
        lambda p: {**p.minimal_request(), "service": f"{p.prefix}-no-such-service"},
        ("ServiceNotFoundException",),
    ),
    Scenario(
        "deleted-service",
        "err.service-not-active",
        lambda p: {**p.minimal_request(), "service": p.deleted_service_name},
        ("ServiceNotActiveException",),
    ),
    Scenario(
        "unknown-platform-version",
        "err.platform-unknown",
        lambda p: _fargate(p, launchType="FARGATE", platformVersion="0.0.0"),
        ("PlatformUnknownException",),
    ),
    Scenario(
        "platform-lacks-capability",
        "err.platform-incompatible",
        lambda p: _fargate(
            p, launchType="FARGATE", platformVersion="1.3.0", taskDefinition=p.storage_task_definition_arn
        ),
        ("PlatformTaskDefinitionIncompatibilityException",),
    ),
    Scenario(
        "unknown-task-definition",
        "req.task-definition-exists",
        lambda p: {**p.minimal_request(), "taskDefinition": f"{p.prefix}-no-such-td"},
    ),
    Scenario(
        "ecs-controller-service",
        "req.external-controller-only",
        lambda p: {**p.minimal_request(), "service": p.ecs_controller_service_name},
    ),
    Scenario(
        "launch-type-and-strategy",
        "req.launch-type-excludes-strategy",
        lambda p: {
            **_fargate(p, launchType="FARGATE"),
            "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}],
        },
    ),
    Scenario(f"tags-{TAGS_MAX + 1}", "req.tags.max-count", _tags(TAGS_MAX + 1)),
    Scenario(f"tag-key-{KEY_MAX + 1}", "req.tags.key-length", _tags(1, key_length=KEY_MAX + 1)),
    Scenario(f"tag-value-{VALUE_MAX + 1}", "req.tags.value-length", _tags(1, value_length=VALUE_MAX + 1)),
    Scenario("tag-key-empty", "req.tags.key-empty", _tag("k" * (KEY_MIN - 1), "v")),
    Scenario(
        "tag-keys-duplicate",
        "req.tags.unique-keys",
        _with(tags=[{"key": "dup", "value": "1"}, {"key": "dup", "value": "2"}]),
    ),
    *[
        Scenario(
            f"tag-{where}-{prefix}",
            "req.tags.aws-prefix",
            _tag(f"{prefix}k", "v") if where == "key" else _tag("k", f"{prefix}v"),
        )
        for where in ("key", "value")
        for prefix in (AWS_PREFIX.lower(), AWS_PREFIX.upper(), AWS_PREFIX.title())
    ],
    Scenario("tag-key-charset", "req.tags.charset", _tag("key#1", "v")),
    Scenario("tag-value-charset", "req.tags.charset", _tag("k", "<value>")),
    Scenario(
        f"client-token-{TOKEN_MAX + 1}",
        "req.client-token.length",
        lambda p: {**p.minimal_request(), "clientToken": _client_token(p, TOKEN_MAX + 1)},
    ),
    *[
        Scenario(f"client-token-{label}", "req.client-token.charset", _token_ending_in(char))
        for label, char in (("space", " "), ("del", "\x7f"), ("non-ascii", "\u00e9"))
    ],
    Scenario("scale-below-range", "req.scale.range", _with(scale={"value": SCALE["min"] - 1, "unit": "PERCENT"})),
    Scenario("scale-above-range", "req.scale.range", _with(scale={"value": SCALE["max"] + 0.5, "unit": "PERCENT"})),
    Scenario(
        "scale-unit-unknown",
        "req.scale.unit",
        _with(scale={"value": 50, "unit": _not_in(CONTRACT.enum("scale", "unit"), "COUNT")}),
    ),
    Scenario(
        "launch-type-unknown", "req.launch-type.enum", _with(launchType=_not_in(CONTRACT.enum("launchType"), "QUANTUM"))
    ),
    Scenario(
        "capacity-provider-weight-below",
        "req.capacity-provider.weight-range",
        _strategy(capacityProvider="FARGATE", weight=CONTRACT.limit(*WEIGHT, bound="min") - 1),
    ),
    Scenario(
        "capacity-provider-weight-above",
        "req.capacity-provider.weight-range",
        _strategy(capacityProvider="FARGATE", weight=CONTRACT.limit(*WEIGHT, bound="max") + 1),
    ),
    Scenario(
        "capacity-provider-base-below",
        "req.capacity-provider.base-range",
        _strategy(capacityProvider="FARGATE", weight=1, base=CONTRACT.limit(*BASE, bound="min") - 1),
    ),
    Scenario(
        "capacity-provider-base-above",
        "req.capacity-provider.base-range",
        _strategy(capacityProvider="FARGATE", weight=1, base=CONTRACT.limit(*BASE, bound="max") + 1),
    ),
    Scenario("capacity-provider-unnamed", "req.capacity-provider.name-required", _strategy(weight=1)),
    Scenario(
        "awsvpc-without-subnets",
        "req.awsvpc.subnets-required",
        lambda p: _fargate(p, networkConfiguration={"awsvpcConfiguration": {"assignPublicIp": "DISABLED"}}),
    ),
    Scenario(
        "assign-public-ip-unknown",
        "req.awsvpc.assign-public-ip-enum",
        lambda p: _fargate(
            p,
            networkConfiguration=_awsvpc(
                p,
                assignPublicIp=_not_in(
                    CONTRACT.enum("networkConfiguration", "awsvpcConfiguration", "assignPublicIp"), "MAYBE"
                ),
            ),
        ),
    ),
]

SCENARIOS = {scenario.name: scenario for scenario in [*VALID, *REJECTED]}
assert len(SCENARIOS) == len(VALID) + len(REJECTED), "scenario names must be unique"

# Rejections the page documents an error code for, and those it does not.
DOCUMENTED = [s for s in REJECTED if s.documented]
UNDOCUMENTED = [s for s in REJECTED if not s.documented]


def as_params(scenarios: list[Scenario], clause: str | None = None) -> list[Any]:
    """pytest params for scenarios, each marked with its own clause (or the given one)."""
    return [pytest.param(s.name, marks=pytest.mark.clause(clause or s.clause), id=s.name) for s in scenarios]


def build(name: str, prerequisites: Prerequisites) -> dict[str, Any]:
    return SCENARIOS[name].build(prerequisites)


def expected_task_set(request: dict[str, Any], p: Prerequisites) -> dict[str, Any]:
    """What a conforming task set shows for a valid request: names as ARNs, a task definition named
    by revision or ARN as that revision, and every optional member as sent (empty lists may be left
    out). How a bare family resolves is behav.task-definition-latest-active's to check, not this."""
    expected = {"clusterArn": p.cluster_arn, "serviceArn": p.service_arn}
    if ":" in request["taskDefinition"]:
        expected["taskDefinition"] = p.resolve_task_definition(request["taskDefinition"])
    echoed = (
        "externalId",
        "launchType",
        "capacityProviderStrategy",
        "networkConfiguration",
        "loadBalancers",
        "serviceRegistries",
        "platformVersion",
        "scale",
        "tags",
    )
    expected.update({key: request[key] for key in echoed if key in request and request[key] != []})
    return expected
