"""The contract is derived from botocore's pinned model, and the catalogue is well-formed and honest."""

from __future__ import annotations

import re

import botocore
import pytest

from contract.catalogue import fingerprint, load_catalogue, parse_catalogue
from contract.model import ContractError, load_contract, read_lock


def test_installed_botocore_is_the_pinned_model() -> None:
    lock = read_lock()
    assert botocore.__version__ == lock["botocore_version"]
    assert load_contract().slice_sha256 == lock["slice_sha256"]


def test_contract_comes_from_the_model() -> None:
    contract = load_contract()
    assert contract.required_members == ["service", "cluster", "taskDefinition"]
    assert contract.target_prefix == "AmazonEC2ContainerServiceV20141113"
    assert contract.json_version == "1.1"
    assert [code for code, err in contract.errors.items() if err.fault] == ["ServerException"]
    assert "ClusterNotFoundException" in contract.client_error_codes


def test_fingerprint_names_model_and_catalogue() -> None:
    assert re.fullmatch(r"botocore-[\d.]+\+model-[0-9a-f]{12}\+catalogue-[0-9a-f]{12}", fingerprint())


def test_every_page_model_disagreement_still_holds() -> None:
    contract = load_contract()
    for row in load_catalogue().disagreements:
        check = row.get("check", {})
        if "model_enum_extra" in check:
            assert set(check["model_enum_extra"]) <= set(contract.enum(*check["path"])), row["topic"]
        if "model_error_extra" in check:
            assert set(check["model_error_extra"]) <= set(contract.errors), row["topic"]
        if "input_member" in check:
            contract.enum(*check["input_member"])  # raises if the member path does not exist
        if "task_set_member" in check:
            assert check["task_set_member"] in contract.task_set_shape.members, row["topic"]


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('page = "p"\n[[clause]]\nid = "a"\n', "missing"),
        (
            'page = "p"\n[[clause]]\nid="a"\narea="nowhere"\nlevel="L1"\nstrength="MUST"\ntitle="t"\n'
            'anchor="x"\nsource={kind="page", ref="r"}\n',
            "area",
        ),
        (
            'page = "p"\n[[clause]]\nid="a"\narea="protocol"\nlevel="L1"\nstrength="MAY"\ntitle="t"\n'
            'anchor="x"\nsource={kind="page", ref="r"}\n',
            "strength",
        ),
        (
            'page = "p"\n[[clause]]\nid="a"\narea="protocol"\nlevel="L1"\nstrength="MUST"\ntitle="t"\n'
            'anchor="x"\nsource={kind="rumour", ref="r"}\n',
            "source",
        ),
        ("page = \n", "not valid TOML"),
    ],
)
def test_malformed_catalogue_is_refused(text: str, complaint: str) -> None:
    with pytest.raises(ContractError, match=complaint):
        parse_catalogue(text.encode())


def test_duplicate_clause_ids_are_refused() -> None:
    entry = (
        '[[clause]]\nid="a"\narea="protocol"\nlevel="L1"\nstrength="MUST"\ntitle="t"\n'
        'anchor="x"\nsource={kind="page", ref="r"}\n'
    )
    with pytest.raises(ContractError, match="twice"):
        parse_catalogue(('page = "p"\n' + entry + entry).encode())
