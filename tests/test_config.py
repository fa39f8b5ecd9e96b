"""Typed stack settings: every bad value fails before any resource is declared, naming key, value and bound."""

import pytest

from pms_baseline_infra.config import ConfigError, parse_settings
from tests.helpers import STACKS, stack_config


@pytest.mark.parametrize("stack", STACKS)
def test_bundled_stacks_are_valid(stack):
    s = parse_settings(stack_config(stack), stack)
    assert s.environment == stack
    assert s.stack == stack


def test_prod_settings_are_typed():
    s = parse_settings(stack_config("prod"), "prod")
    assert s.backup_retention_days == 35
    assert s.availability_zones == ("us-east-1a", "us-east-1b", "us-east-1c")
    assert s.multi_az is True
    assert s.tags == {"cost-center": "pms-platform", "owner": "platform-security"}


def test_stack_cidrs_do_not_overlap():
    import ipaddress

    nets = {s: ipaddress.ip_network(parse_settings(stack_config(s), s).vpc_cidr) for s in STACKS}
    for a in STACKS:
        for b in STACKS:
            if a < b:
                assert not nets[a].overlaps(nets[b]), f"{a} and {b} overlap"


def with_(stack: str, **changes) -> dict:
    cfg = stack_config(stack)
    for key, value in changes.items():
        full = key if ":" in key else f"pms-baseline:{key}"
        if value is None:
            cfg.pop(full, None)
        else:
            cfg[full] = value
    return cfg


@pytest.mark.parametrize(
    ("stack", "changes", "message"),
    [
        pytest.param("prod", {"backupRetentionDays": "7"},
                     "pms-baseline:backupRetentionDays=7 is below the prod floor of 35", id="fail-prod-backup-floor"),
        pytest.param("staging", {"backupRetentionDays": "3"},
                     "pms-baseline:backupRetentionDays=3 is below the staging floor of 7", id="fail-staging-backup"),
        pytest.param("prod", {"auditRetentionDays": "365"},
                     "pms-baseline:auditRetentionDays=365 is below the prod floor of 2190", id="fail-audit-six-years"),
        pytest.param("prod", {"flowLogRetentionDays": "90"},
                     "pms-baseline:flowLogRetentionDays=90 is below the prod floor of 365", id="fail-flow-log-floor"),
        pytest.param("staging", {"logRetentionDays": "100"},
                     "pms-baseline:logRetentionDays=100 is not a CloudWatch Logs retention period (1, 3, 5, 7, 14, "
                     "30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)",
                     id="fail-log-retention-value"),
        pytest.param("prod", {"backupRetentionDays": "forty"},
                     "pms-baseline:backupRetentionDays=forty is not a whole number", id="fail-type-int"),
        pytest.param("prod", {"multiAz": "yes"}, "pms-baseline:multiAz=yes is not true or false", id="fail-type-bool"),
        pytest.param("prod", {"multiAz": "false"},
                     "pms-baseline:multiAz=false is not allowed in prod (164.308(a)(7)(ii)(B))",
                     id="fail-prod-single-az"),
        pytest.param("prod", {"availabilityZones": '["us-east-1a", "us-east-1b"]'},
                     "pms-baseline:availabilityZones has 2 zones, below the prod floor of 3", id="fail-prod-az-count"),
        pytest.param("prod", {"availabilityZones": '["us-west-2a", "us-west-2b", "us-west-2c"]'},
                     "pms-baseline:availabilityZones=us-west-2a is not in aws:region us-east-1", id="fail-az-region"),
        pytest.param("prod", {"vpcCidr": "10.0.0.0/8"},
                     "pms-baseline:vpcCidr=10.0.0.0/8 must be an IPv4 block from /16 to /20", id="fail-cidr-size"),
        pytest.param("prod", {"vpcCidr": "8.8.0.0/16"},
                     "pms-baseline:vpcCidr=8.8.0.0/16 is not a private (RFC 1918) range", id="fail-cidr-public"),
        pytest.param("prod", {"accountId": "12345"},
                     "pms-baseline:accountId=12345 is not a 12-digit AWS account id", id="fail-account-id"),
        pytest.param("prod", {"backupCopyRegion": None},
                     "pms-baseline:backupCopyRegion is required in prod (164.308(a)(7)(ii)(B))", id="fail-prod-copy"),
        pytest.param("prod", {"backupCopyRegion": "us-east-1"},
                     "pms-baseline:backupCopyRegion=us-east-1 must differ from aws:region us-east-1",
                     id="fail-copy-same-region"),
        pytest.param("prod", {"vpcCidr": None},
                     "pms-baseline:vpcCidr is required and missing from stack 'prod'", id="fail-missing-key"),
        pytest.param("prod", {"aws:region": None}, "aws:region is required and missing from stack 'prod'",
                     id="fail-missing-region"),
        pytest.param("prod", {"backupRetentionDay": "35"},
                     "pms-baseline:backupRetentionDay is not a known setting", id="fail-unknown-key"),
        pytest.param("prod", {"tags": '["a"]'}, 'pms-baseline:tags must be a map of strings, got ["a"]',
                     id="fail-type-map"),
        pytest.param("prod", {"alarmEmail": "security"}, "pms-baseline:alarmEmail=security is not an email address",
                     id="fail-email"),
    ],
)
def test_bad_settings_fail_with_key_value_and_bound(stack, changes, message):
    with pytest.raises(ConfigError) as err:
        parse_settings(with_(stack, **changes), stack)
    assert str(err.value).startswith(message)


def test_placeholders_pass_a_preview_but_not_a_deployment():
    cfg = stack_config("prod")
    assert "REPLACE-ME" in cfg["pms-baseline:certificateArn"]
    parse_settings(cfg, "prod", dry_run=True)
    with pytest.raises(ConfigError, match=r"^pms-baseline:certificateArn=.*REPLACE-ME is a placeholder"):
        parse_settings(cfg, "prod", dry_run=False)


def test_real_values_pass_a_deployment():
    cert = "arn:aws:acm:us-east-1:210987654321:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
    cfg = with_("prod", certificateArn=cert)
    assert parse_settings(cfg, "prod", dry_run=False).certificate_arn.endswith("4a5b")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"dbSnapshotIdentifier": "arn:aws:rds:us-east-1:210987654321:snapshot:pms-prod-nightly"},
                     "pms-baseline:dbSnapshotIdentifier=arn:aws:rds:us-east-1:210987654321:snapshot:pms-prod-nightly "
                     "is refused: a test environment's database is created empty or from synthetic seed data, never "
                     "restored from a snapshot", id="fail-restore-prod-snapshot"),
        pytest.param({"peerVpcId": "vpc-0a1b2c3d4e5f60718"},
                     "pms-baseline:peerVpcId=vpc-0a1b2c3d4e5f60718 is refused: a test environment has no peering "
                     "connection", id="fail-peer-with-prod"),
        pytest.param({"accountId": "210987654321"},
                     "pms-baseline:accountId=210987654321 names production identifier 210987654321",
                     id="fail-prod-account"),
        pytest.param({"vpcCidr": "10.10.0.0/16"},
                     "pms-baseline:vpcCidr=10.10.0.0/16 names production identifier 10.10.0.0/16", id="fail-prod-cidr"),
        pytest.param({"tags": '{"environment": "prod"}'},
                     "pms-baseline:tags.environment=prod is refused: a test stack is tagged environment=test",
                     id="fail-prod-tag"),
    ],
)
def test_test_stack_refuses_a_path_to_production(changes, message):
    with pytest.raises(ConfigError) as err:
        parse_settings(with_("test", **changes), "test")
    assert str(err.value).startswith(message)


def test_snapshot_restore_is_allowed_outside_test():
    s = parse_settings(with_("staging", dbSnapshotIdentifier="pms-staging-seed"), "staging")
    assert s.db_snapshot_identifier == "pms-staging-seed"
