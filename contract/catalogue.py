"""The clause catalogue: stable ids for every rule the suites check, with source, level and strength."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from contract.model import Contract, ContractError, load_contract

CATALOGUE_FILE = Path(__file__).with_name("clauses.toml")

AREAS = ("protocol", "request", "response", "errors", "behaviour")
LEVELS = ("L1", "L2", "L3")
STRENGTHS = ("MUST", "SHOULD")
SOURCE_KINDS = ("page", "model", "protocol", "convention")


@dataclass(frozen=True)
class Clause:
    id: str
    area: str
    level: str
    strength: str
    title: str
    source_kind: str
    source_ref: str
    anchor: str
    params: dict[str, Any] = field(default_factory=dict)  # values a page-only rule states (limits, sets)

    def link(self, page: str) -> str:
        return f"{page}#{self.anchor}"


@dataclass(frozen=True)
class Catalogue:
    page: str
    sha256: str
    clauses: dict[str, Clause]
    common_client_errors: tuple[str, ...]
    common_server_errors: tuple[str, ...]
    disagreements: tuple[dict[str, Any], ...] = field(default=())

    def __getitem__(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]


def _clause(entry: dict[str, Any], position: int) -> Clause:
    where = f"{CATALOGUE_FILE.name} clause #{position} ({entry.get('id', 'no id')})"
    required = {"id", "area", "level", "strength", "title", "source", "anchor"}
    missing = sorted(required - entry.keys())
    if missing:
        raise ContractError(f"{where}: missing {', '.join(missing)}")
    for key, allowed in (("area", AREAS), ("level", LEVELS), ("strength", STRENGTHS)):
        if entry[key] not in allowed:
            raise ContractError(f"{where}: {key} {entry[key]!r} is not one of {', '.join(allowed)}")
    source = entry["source"]
    if not isinstance(source, dict) or source.get("kind") not in SOURCE_KINDS or not source.get("ref"):
        raise ContractError(f"{where}: source needs kind (one of {', '.join(SOURCE_KINDS)}) and ref")
    return Clause(
        id=entry["id"],
        area=entry["area"],
        level=entry["level"],
        strength=entry["strength"],
        title=entry["title"],
        source_kind=source["kind"],
        source_ref=source["ref"],
        anchor=entry["anchor"],
        params=dict(entry.get("params", {})),
    )


def parse_catalogue(data: bytes) -> Catalogue:
    try:
        doc = tomllib.loads(data.decode())
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ContractError(f"{CATALOGUE_FILE.name} is not valid TOML: {exc}") from exc
    clauses: dict[str, Clause] = {}
    for position, entry in enumerate(doc.get("clause", []), start=1):
        clause = _clause(entry, position)
        if clause.id in clauses:
            raise ContractError(f"{CATALOGUE_FILE.name}: clause id {clause.id!r} appears twice")
        clauses[clause.id] = clause
    common = doc.get("common_errors", {})
    return Catalogue(
        page=str(doc["page"]),
        sha256=hashlib.sha256(data).hexdigest(),
        clauses=clauses,
        common_client_errors=tuple(common.get("client", ())),
        common_server_errors=tuple(common.get("server", ())),
        disagreements=tuple(doc.get("disagreement", ())),
    )


@cache
def load_catalogue() -> Catalogue:
    try:
        data = CATALOGUE_FILE.read_bytes()
    except OSError as exc:
        raise ContractError(f"cannot read the clause catalogue: {exc}") from exc
    return parse_catalogue(data)


def fingerprint(contract: Contract | None = None, catalogue: Catalogue | None = None) -> str:
    """botocore version + hash of the operation's model slice + catalogue hash: names what was checked."""
    contract = contract or load_contract()
    catalogue = catalogue or load_catalogue()
    return f"botocore-{contract.botocore_version}+model-{contract.slice_sha256[:12]}+catalogue-{catalogue.sha256[:12]}"
