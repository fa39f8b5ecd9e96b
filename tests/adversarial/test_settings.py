"""Stack settings that hold (issue 16, points 4 and 10): the floors follow the stack, and the network is checked.

A ``Pulumi.prod.yaml`` that declared ``environment: staging`` got staging's floors and passed; a link-local, an
AWS-reserved or a production-overlapping VPC range and a zone name of another region (``us-east-12a`` in
``us-east-1``) were accepted; the WAF rate limit had no cap. Each is now refused before any resource is declared,
with one line naming the key, the value and why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pms_baseline_infra.config import ConfigError, named_environment, parse_settings
from tests.helpers import REPO_ROOT, stack_config


def parsed(stack_file: str, stack: str | None = None, **changes):
    cfg = stack_config(stack_file)
    for key, value in changes.items():
        full = key if ":" in key else f"pms-baseline:{key}"
        cfg[full] = value if isinstance(value, str) else json.dumps(value)
    return parse_settings(cfg, stack or stack_file)


def refused(stack_file: str, stack: str | None = None, **changes) -> str:
    with pytest.raises(ConfigError) as err:
        parsed(stack_file, stack, **changes)
    text = str(err.value)
    assert "\n" not in text
    return text


@pytest.mark.parametrize(("stack_file", "stack", "environment", "bound", "allowed"), [
    pytest.param("staging", "prod", "staging", "prod", "prod", id="prod-declares-staging"),
    pytest.param("test", "prod", "test", "prod", "prod", id="prod-declares-test"),
    pytest.param("staging", "prod-eu", "staging", "prod", "prod", id="prod-eu-declares-staging"),
    pytest.param("staging", "production", "staging", "prod", "prod", id="production-declares-staging"),
    pytest.param("test", "staging", "test", "staging", "prod or staging", id="staging-declares-test"),
])
def test_a_stack_cannot_declare_itself_a_looser_environment(stack_file, stack, environment, bound, allowed):
    assert refused(stack_file, stack, environment=environment) == (
        f"pms-baseline:environment={environment} is refused: stack '{stack}' is a {bound} stack by its name, so it "
        f"gets {bound}'s floors; environment may be {allowed}")


@pytest.mark.parametrize(("stack", "expected"), [
    ("prod", "prod"), ("Prod_2", "prod"), ("prd.us", "prod"), ("acme/pms-baseline/production-eu", "prod"),
    ("staging", "staging"), ("stg-2", "staging"), ("test", "test"), ("test-load", "test"),
    # Only the first word binds: a test stack may say what it is kept apart from.
    ("peered-with-prod", None), ("from-prod-snapshot", None), ("dev", None), ("preprod", None),
])
def test_the_first_word_of_the_stack_name_binds_the_environment(stack, expected):
    assert named_environment(stack) == expected


def test_an_explicit_environment_may_only_tighten():
    assert parsed("prod", "test").environment == "prod"
    assert parsed("staging", "test").environment == "staging"
    assert parsed("prod", "staging").environment == "prod"
    assert parsed("test", "sandbox").environment == "test"


@pytest.mark.parametrize(("stack_file", "stack", "changes", "message"), [
    pytest.param("staging", "rehearsal", {"tags": {"environment": "prod"}},
                 "pms-baseline:tags.environment=prod is refused: a staging stack is tagged environment=staging",
                 id="tagged-prod-declares-staging"),
    pytest.param("staging", "rehearsal", {"aws:defaultTags": {"tags": {"environment": "prod"}}},
                 "aws:defaultTags.tags.environment=prod is refused: a staging stack is tagged environment=staging",
                 id="provider-tagged-prod-declares-staging"),
    pytest.param("prod", "prod", {"tags": {"environment": "staging"}},
                 "pms-baseline:tags.environment=staging is refused: a prod stack is tagged environment=prod",
                 id="prod-tagged-staging"),
])
def test_a_stack_tagged_as_one_environment_cannot_declare_another(stack_file, stack, changes, message):
    assert refused(stack_file, stack, **changes) == message


def test_a_prod_stack_file_declaring_staging_fails_the_gate(tmp_path, cli):
    """The issue's case end to end: the baseline program with a Pulumi.prod.yaml that declares staging and keeps
    staging's floors; the gate used to pass it."""
    stack_file = yaml.safe_load((REPO_ROOT / "stacks" / "Pulumi.staging.yaml").read_text())
    (tmp_path / "Pulumi.prod.yaml").write_text(yaml.safe_dump(stack_file))
    (tmp_path / "Pulumi.yaml").write_text("name: pms-baseline\nruntime: python\n")
    main = Path(REPO_ROOT / "infra" / "__main__.py")
    (tmp_path / "__main__.py").write_text(f"import runpy\nrunpy.run_path({str(main)!r}, run_name='__main__')\n")
    proc = cli("gate", "--program", str(tmp_path), "--stack", "prod", "--no-checkov")
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1
    assert "pms-baseline:environment=staging is refused: stack 'prod' is a prod stack by its name" in proc.stderr


@pytest.mark.parametrize(("stack_file", "cidr", "message"), [
    pytest.param("prod", "169.254.0.0/16",
                 "pms-baseline:vpcCidr=169.254.0.0/16 is link-local (169.254.0.0/16), where AWS serves instance "
                 "metadata and DNS; use a private (RFC 1918) range", id="link-local"),
    pytest.param("prod", "100.64.0.0/16", "pms-baseline:vpcCidr=100.64.0.0/16 is not a private (RFC 1918) range",
                 id="shared-address-space"),
    pytest.param("prod", "198.18.0.0/16", "pms-baseline:vpcCidr=198.18.0.0/16 is not a private (RFC 1918) range",
                 id="benchmarking-range"),
    pytest.param("prod", "172.17.0.0/16",
                 "pms-baseline:vpcCidr=172.17.0.0/16 overlaps 172.17.0.0/16, which AWS services (Cloud9, SageMaker) "
                 "use; choose another range", id="aws-reserved"),
    pytest.param("staging", "172.17.64.0/20",
                 "pms-baseline:vpcCidr=172.17.64.0/20 overlaps 172.17.0.0/16, which AWS services (Cloud9, "
                 "SageMaker) use; choose another range", id="aws-reserved-part"),
    pytest.param("test", "10.10.0.0/17",
                 "pms-baseline:vpcCidr=10.10.0.0/17 overlaps production's range 10.10.0.0/16 (productionIdentifiers); "
                 "a sealed test VPC shares no address with production", id="test-overlaps-prod"),
    pytest.param("test", "10.10.240.0/20",
                 "pms-baseline:vpcCidr=10.10.240.0/20 overlaps production's range 10.10.0.0/16 "
                 "(productionIdentifiers); a sealed test VPC shares no address with production",
                 id="test-inside-prod"),
    pytest.param("test", "10.10.0.1/16", "pms-baseline:vpcCidr=10.10.0.1/16 is not a CIDR block",
                 id="host-bits-set"),
])
def test_a_vpc_range_that_is_not_private_or_overlaps_is_refused(stack_file, cidr, message):
    assert refused(stack_file, vpcCidr=cidr) == message


def test_a_production_address_inside_a_test_range_is_refused():
    message = refused("test", productionIdentifiers=["210987654321", "10.90.4.20"])
    assert message == ("pms-baseline:vpcCidr=10.90.0.0/16 overlaps production's range 10.90.4.20 "
                       "(productionIdentifiers); a sealed test VPC shares no address with production")


@pytest.mark.parametrize("zone", ["us-east-12a", "us-east-1", "us-east-1-bos-1a", "use1-az1", "us-east-1A",
                                  "us-east-1ab", "us-west-2a"])
def test_a_zone_name_not_of_the_region_is_refused(zone):
    zones = ["us-east-1a", "us-east-1b", zone]
    assert refused("prod", availabilityZones=zones) == (
        f"pms-baseline:availabilityZones={zone} is not in aws:region us-east-1: an availability zone's name is the "
        "region's and one letter, e.g. us-east-1a")


def test_the_waf_rate_limit_is_capped():
    assert refused("prod", wafRateLimit="2000000000") == (
        "pms-baseline:wafRateLimit=2000000000 is above the prod cap of 10000")
    assert parsed("prod", wafRateLimit="10000").waf_rate_limit == 10_000
