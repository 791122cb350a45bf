"""The CreateTaskSet contract as derived at run time from botocore's installed ECS model.

Nothing here is copied by hand: members, nested shapes, enums, limits, required members and
error shapes all come from the model botocore ships. The pin lives in contract/model.lock.json;
a model whose operation slice hashes differently is a deliberate upgrade, not a silent change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import botocore
import botocore.loaders
from botocore.model import OperationModel, ServiceModel, Shape, StructureShape

SERVICE = "ecs"
OPERATION = "CreateTaskSet"
LOCK_FILE = Path(__file__).with_name("model.lock.json")


class ContractError(Exception):
    """The contract cannot be built (model missing, pin broken, catalogue malformed)."""


@dataclass(frozen=True)
class ErrorShape:
    code: str
    fault: bool  # server-side (5xx) per the model's `fault` trait
    shape: Shape


@dataclass(frozen=True)
class Contract:
    botocore_version: str
    service: ServiceModel
    operation: OperationModel
    slice_sha256: str
    errors: dict[str, ErrorShape]

    @property
    def input_shape(self) -> StructureShape:
        shape = self.operation.input_shape
        assert shape is not None
        return shape

    @property
    def output_shape(self) -> StructureShape:
        shape = self.operation.output_shape
        assert shape is not None
        return shape

    @property
    def task_set_shape(self) -> StructureShape:
        shape = self.output_shape.members["taskSet"]
        assert isinstance(shape, StructureShape)
        return shape

    @property
    def required_members(self) -> list[str]:
        return list(self.input_shape.required_members)

    @property
    def target_prefix(self) -> str:
        return str(self.service.metadata["targetPrefix"])

    @property
    def json_version(self) -> str:
        return str(self.service.metadata["jsonVersion"])

    @property
    def signing_name(self) -> str:
        return str(self.service.metadata["signingName"])

    @property
    def client_error_codes(self) -> list[str]:
        return sorted(code for code, err in self.errors.items() if not err.fault)

    def shape_at(self, *path: str) -> Shape:
        """The shape reached by walking member names (and "member" for list items) from the input shape."""
        shape: Shape = self.input_shape
        for name in path:
            shape = _step(shape, name)
        return shape

    def enum(self, *path: str) -> list[str]:
        return list(getattr(self.shape_at(*path), "enum", []) or [])

    def limit(self, *path: str, bound: str) -> int:
        """A min/max trait of the member at `path` (length for strings and lists, value for numbers)."""
        value = self.shape_at(*path).metadata.get(bound)
        if value is None:
            raise ContractError(f"the model gives {'.'.join(path)} no {bound}")
        return int(value)


def _step(shape: Shape, name: str) -> Shape:
    if isinstance(shape, StructureShape):
        return shape.members[name]
    member = getattr(shape, "member", None)
    if member is not None and name == "member":
        return member  # type: ignore[no-any-return]
    raise ContractError(f"model shape {shape.name} has no member {name!r}")


def _reachable_shapes(shapes: dict[str, Any], roots: list[str]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        definition = shapes[name]
        seen[name] = definition
        for ref in definition.get("members", {}).values():
            todo.append(ref["shape"])
        for key in ("member", "key", "value"):
            if key in definition:
                todo.append(definition[key]["shape"])
    return seen


def model_slice(raw_model: dict[str, Any]) -> dict[str, Any]:
    """The part of the service model that defines CreateTaskSet: metadata, operation, reachable shapes."""
    operation = raw_model["operations"][OPERATION]
    roots = [operation["input"]["shape"], operation["output"]["shape"]]
    roots += [err["shape"] for err in operation.get("errors", [])]
    return {
        "metadata": raw_model["metadata"],
        "operation": operation,
        "shapes": _reachable_shapes(raw_model["shapes"], roots),
    }


def slice_digest(raw_model: dict[str, Any]) -> str:
    canonical = json.dumps(model_slice(raw_model), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_lock() -> dict[str, str]:
    try:
        lock = json.loads(LOCK_FILE.read_text())
    except (OSError, ValueError) as exc:
        raise ContractError(f"cannot read the model pin {LOCK_FILE}: {exc}") from exc
    if not isinstance(lock, dict) or {"botocore_version", "slice_sha256"} - lock.keys():
        raise ContractError(f"{LOCK_FILE} must hold botocore_version and slice_sha256")
    return {str(k): str(v) for k, v in lock.items()}


@cache
def load_contract() -> Contract:
    raw = botocore.loaders.create_loader().load_service_model(SERVICE, "service-2")
    digest = slice_digest(raw)
    lock = read_lock()
    if digest != lock["slice_sha256"]:
        raise ContractError(
            f"botocore {botocore.__version__} defines {OPERATION} differently from the pinned model "
            f"(botocore {lock['botocore_version']}, slice {lock['slice_sha256'][:12]}); "
            "accept the upgrade deliberately with `make contract-lock` and review its drift"
        )
    service = ServiceModel(raw, service_name=SERVICE)
    operation = service.operation_model(OPERATION)
    raw_shapes = raw["shapes"]  # Shape.metadata drops the `fault` trait; the raw model keeps it
    errors = {
        shape.name: ErrorShape(shape.name, bool(raw_shapes[shape.name].get("fault")), shape)
        for shape in operation.error_shapes
    }
    return Contract(botocore.__version__, service, operation, digest, errors)


def write_lock() -> dict[str, str]:
    raw = botocore.loaders.create_loader().load_service_model(SERVICE, "service-2")
    lock = {"botocore_version": botocore.__version__, "slice_sha256": slice_digest(raw)}
    LOCK_FILE.write_text(json.dumps(lock, indent=2) + "\n")
    return lock


if __name__ == "__main__":
    print(json.dumps(write_lock()))
