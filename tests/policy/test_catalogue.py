"""Catalogue invariants: every rule's metadata is complete and names only real references."""

import re
from pathlib import Path

import checkov
import pytest

from pms_baseline_pack import tokens
from pms_baseline_pack.reference import aws_config_rules, citations
from pms_baseline_pack.rules import SEVERITIES, catalogue

RULES = catalogue()
TOKENS = {v for k, v in vars(tokens).items() if k.isupper() and isinstance(v, str)} | {
    x for k, v in vars(tokens).items() if k.isupper() and isinstance(v, tuple) for x in v
}


def test_catalogue_is_not_empty():
    assert len(RULES) >= 35


def test_ids_are_unique():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_id_matches_file_name(rule):
    assert rule.id == rule.module.rsplit(".", 1)[-1].replace("_", "-")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_metadata_is_complete(rule):
    assert rule.title and rule.remediation and rule.resource_types
    assert rule.severity in SEVERITIES
    # A HIPAA rule cites the Security Rule; an AWS service contract rule names the AWS page it encodes.
    assert rule.citations or rule.sources


@pytest.mark.parametrize("rule", [r for r in RULES if r.sources], ids=lambda r: r.id)
def test_sources_are_aws_documentation(rule):
    assert all(u.startswith("https://docs.aws.amazon.com/") for u in rule.sources), rule.sources


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_citations_are_real(rule):
    assert set(rule.citations) <= set(citations()), set(rule.citations) - set(citations())


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_aws_config_rule_names_are_real(rule):
    assert set(rule.aws_config_rules) <= set(aws_config_rules()), set(rule.aws_config_rules) - set(
        aws_config_rules()
    )


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_resource_types_are_tokens(rule):
    assert set(rule.resource_types) <= TOKENS, set(rule.resource_types) - TOKENS


@pytest.fixture(scope="module")
def checkov_aws_ids():
    """Every AWS check id of the installed checkov's Terraform checks (Python and graph checks)."""
    root = Path(checkov.__file__).parent / "terraform" / "checks"
    found = set()
    for path in [*root.rglob("*.py"), *root.rglob("*.json"), *root.rglob("*.yaml")]:
        found.update(re.findall(r"\bCKV2?_AWS_\d+\b", path.read_text(errors="ignore")))
    return found


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_checkov_ids_exist(rule, checkov_aws_ids):
    assert set(rule.checkov_ids) <= checkov_aws_ids, set(rule.checkov_ids) - checkov_aws_ids


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_config_defaults_respect_their_floor(rule):
    for param in rule.config.values():
        if param.minimum is not None:
            assert param.default >= param.minimum
