"""Floors that hold (issue 16, point 4): no policy config loosens a rule past its bound.

Only integer minimums used to be enforced: an exemption list naming prod (``exemptEnvironments: ["prod"]``), an
allow-list with an empty prefix (``allowedPolicyPrefixes: [""]``) or an uncapped ceiling (``maximumAgeDays:
3650``) turned a failing prod gate into a pass. Every tunable of the catalogue is listed here, either with a value
that would loosen it, which the gate refuses (one line naming the rule, the key and the bound; exit 2) and the
pack's JSON config schema rejects too, or with the reason no value of it loosens the rule. A tunable added
without a bound fails ``test_every_tunable_is_bounded_or_cannot_loosen``.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from pms_baseline.cli import main
from pms_baseline.errors import InputError
from pms_baseline.findings import canonical_sha256
from pms_baseline.gate import merge_config, run_gate
from pms_baseline_infra.config import FLOORS
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import by_id, catalogue
from tests.helpers import preview_state

TEST_LISTS = [r.id for r in catalogue() if "testEnvironments" in r.config]
PROD_NAME = 'names a production environment, which no exemption or test list may name'
PHI_NAME = "names an environment that holds PHI (prod or staging), which is never a sealed test environment"
TLS = ('"ELBSecurityPolicy-TLS13-1-2-", "ELBSecurityPolicy-TLS13-1-3-", "ELBSecurityPolicy-TLS-1-2-" or '
       '"ELBSecurityPolicy-FS-1-2-"')

# (rule, key, a value that loosens the rule, the refusal after "policy config '<rule>.<key>': ")
LOOSENINGS = [
    ("baa-services-eligible", "phiEnvironments", ["prod"],
     'drops "staging"; it may add items but must keep every default ("prod" and "staging")'),
    ("backup-plan-frequency-and-retention-minimum", "minimumRetentionDays", 1, "1 is below the minimum of 7"),
    ("backup-plan-frequency-and-retention-minimum", "maximumIntervalHours", 168, "168 is above the maximum of 24"),
    ("backup-vault-lock-enabled", "minimumRetentionDays", 1, "1 is below the minimum of 7"),
    ("backup-vault-lock-enabled", "requireComplianceMode", False, "false would loosen the rule; it may only be true"),
    ("cloudtrail-bucket-object-lock-retention", "minimumRetentionDays", 365, "365 is below the minimum of 2190"),
    ("cloudtrail-bucket-object-lock-retention", "exemptEnvironments", ["staging", "test", "prod"],
     f'item "prod" {PROD_NAME}'),
    ("ec2-internet-gateway-authorized-vpc", "authorizedVpcIds", ["*"],
     'item "*" is not a VPC id (vpc- and 8 or 17 hex digits)'),
    ("ec2-internet-route-authorized-tables", "routeTableIds", [""],
     'item "" is not a route table id (rtb- and 8 or 17 hex digits)'),
    ("ec2-security-group-ingress-restricted", "loadBalancerPorts", [443, 80, 22],
     "item 22 would loosen the rule; items may only be 443 or 80"),
    ("elb-listener-tls-only", "allowedPolicyPrefixes", [""], f'item "" is not a prefix that begins with {TLS}'),
    ("iam-password-policy-strong", "minimumLength", 8, "8 is below the minimum of 14"),
    ("iam-password-policy-strong", "minimumReusePrevention", 0, "0 is below the minimum of 24"),
    ("iam-password-policy-strong", "maximumAgeDays", 3650, "3650 is above the maximum of 90"),
    ("iam-policy-no-kms-decrypt-on-all-keys", "blockedActions", ["kms:ReEncryptFrom"],
     'drops "kms:Decrypt"; it may add items but must keep every default ("kms:Decrypt" and "kms:ReEncryptFrom")'),
    ("isolation-test-no-production-identifiers", "allowedAccountIds", ["*"],
     'item "*" is not a 12-digit account id'),
    ("kms-key-deletion-window-minimum", "minimumDays", 1, "1 is below the minimum of 7"),
    ("logs-log-group-retention-minimum", "minimumDays", 30, "30 is below the minimum of 365"),
    ("logs-log-group-retention-minimum", "nonProductionMinimumDays", 1, "1 is below the minimum of 30"),
    ("logs-log-group-retention-minimum", "nonProductionEnvironments", ["staging", "test", "prod-eu"],
     f'item "prod-eu" {PROD_NAME}'),
    ("rds-instance-backup-retention-minimum", "minimumDays", 1, "1 is below the minimum of 7"),
    ("rds-instance-enhanced-monitoring-enabled", "maximumIntervalSeconds", 3600, "3600 is above the maximum of 60"),
    ("rds-instance-logs-exported", "postgresExports", ["upgrade"],
     'drops "postgresql"; it may add items but must keep every default ("postgresql" and "upgrade")'),
    ("rds-instance-multi-az-enabled", "exemptEnvironments", ["prod"], f'item "prod" {PROD_NAME}'),
    ("s3-bucket-logging-enabled", "exemptRoles", ["access-logs", "audit-logs"],
     'item "audit-logs" would loosen the rule; items may only be "access-logs"'),
    ("s3-bucket-object-lock-by-default", "tagKey", "owner", '"owner" would loosen the rule; it may only be "pms-role"'),
    ("s3-bucket-object-lock-by-default", "tagValue", "none",
     '"none" would loosen the rule; it may only be "audit-logs" or ""'),
    ("s3-bucket-object-lock-by-default", "mode", "GOVERNANCE",
     '"GOVERNANCE" would loosen the rule; it may only be "COMPLIANCE"'),
    # Services teams add (issue 18.3)
    ("apigateway-stage-execution-logging-enabled", "loggingLevels", ["ERROR", "OFF"],
     'item "OFF" would loosen the rule; items may only be "ERROR" or "INFO"'),
    ("classic-elb-predefined-tls-policy", "predefinedPolicyName", "ELBSecurityPolicy-2016-08",
     '"ELBSecurityPolicy-2016-08" would loosen the rule; it may only be "ELBSecurityPolicy-TLS-1-2-2017-01"'),
    ("elasticache-redis-backup-retention-minimum", "minimumDays", 1, "1 is below the minimum of 15"),
    ("rds-cluster-multi-az-enabled", "exemptEnvironments", ["staging", "test", "prod"], f'item "prod" {PROD_NAME}'),
    ("redshift-cluster-automated-snapshots-enabled", "minimumDays", 0, "0 is below the minimum of 1"),
    *[(rule, "testEnvironments", [], 'drops "test"; it may add items but must keep every default ("test")')
      for rule in TEST_LISTS],
]

# More ways past the same bounds: too-short and wildcard prefixes, other spellings of prod, PHI environments as
# test environments, an empty retention mode.
MORE_LOOSENINGS = [
    ("elb-listener-tls-only", "allowedPolicyPrefixes", ["ELBSecurityPolicy-"],
     f'item "ELBSecurityPolicy-" is not a prefix that begins with {TLS}'),
    ("elb-listener-tls-only", "allowedPolicyPrefixes", ["ELBSecurityPolicy-TLS13-1-2-", "*"],
     f'item "*" is not a prefix that begins with {TLS}'),
    ("rds-instance-multi-az-enabled", "exemptEnvironments", ["production"], f'item "production" {PROD_NAME}'),
    ("rds-instance-multi-az-enabled", "exemptEnvironments", ["Prod"],
     'item "Prod" is not a lower-case environment name (no wildcard, no empty name)'),
    ("rds-instance-multi-az-enabled", "exemptEnvironments", ["*"],
     'item "*" is not a lower-case environment name (no wildcard, no empty name)'),
    ("cloudtrail-bucket-object-lock-retention", "exemptEnvironments", ["eu_prd"], f'item "eu_prd" {PROD_NAME}'),
    ("s3-bucket-object-lock-by-default", "mode", "", '"" would loosen the rule; it may only be "COMPLIANCE"'),
    *[(rule, "testEnvironments", ["test", "staging"], f'item "staging" {PHI_NAME}') for rule in TEST_LISTS],
    *[(rule, "testEnvironments", ["test", "prod"], f'item "prod" {PHI_NAME}') for rule in TEST_LISTS],
]

# Tunables no value of which loosens the rule: the default is already the loosest end, and the other values
# only judge more.
CANNOT_LOOSEN = {
    ("cloudwatch-alarm-actions-configured", "insufficientDataActionRequired"): "true requires one more action",
    ("cloudwatch-alarm-actions-configured", "okActionRequired"): "true requires one more action",
    ("ec2-internet-gateway-authorized-vpc", "authorizeStackVpcs"): "false judges as the AWS Config rule does",
    ("ec2-internet-route-authorized-tables", "authorizePublicTier"): "false judges as the AWS Config rule does",
    ("isolation-test-no-production-identifiers", "productionIdentifiers"): "every item is one more thing refused",
    ("elasticsearch-domain-logs-to-cloudwatch", "logTypes"): "empty passes any one log; each item is one more required",
    ("opensearch-domain-logs-to-cloudwatch", "logTypes"): "empty passes any one log; each item is one more required",
}

# Values that tighten (or keep) a rule: the bounds must not refuse them.
TIGHTENINGS = [
    ("rds-instance-multi-az-enabled", "exemptEnvironments", ["test"]),
    ("rds-instance-multi-az-enabled", "exemptEnvironments", []),
    ("logs-log-group-retention-minimum", "nonProductionEnvironments", ["test", "qa", "dev-1"]),
    ("elb-listener-tls-only", "allowedPolicyPrefixes", ["ELBSecurityPolicy-TLS13-1-2-"]),
    ("ec2-security-group-ingress-restricted", "loadBalancerPorts", [443]),
    ("ec2-internet-gateway-authorized-vpc", "authorizedVpcIds", ["vpc-0a1b2c3d4e5f60718"]),
    ("ec2-internet-route-authorized-tables", "routeTableIds", ["rtb-0a1b2c3d"]),
    ("isolation-test-no-production-identifiers", "allowedAccountIds", ["123456789012"]),
    ("isolation-test-no-production-identifiers", "productionIdentifiers", ["210987654321", "10.10.0.0/16"]),
    ("iam-password-policy-strong", "maximumAgeDays", 60),
    ("rds-instance-enhanced-monitoring-enabled", "maximumIntervalSeconds", 1),
    ("rds-instance-backup-retention-minimum", "minimumDays", 35),
    ("rds-instance-logs-exported", "postgresExports", ["postgresql", "upgrade", "iam-db-auth-error"]),
    ("baa-services-eligible", "phiEnvironments", ["prod", "staging", "uat"]),
    ("s3-bucket-object-lock-by-default", "tagValue", ""),
    ("s3-bucket-logging-enabled", "exemptRoles", []),
    ("apigateway-stage-execution-logging-enabled", "loggingLevels", ["INFO"]),
    ("elasticache-redis-backup-retention-minimum", "minimumDays", 35),
    ("opensearch-domain-logs-to-cloudwatch", "logTypes", ["AUDIT_LOGS", "ES_APPLICATION_LOGS"]),
    *[(rule, "testEnvironments", ["test", "sandbox"]) for rule in TEST_LISTS],
]


def refusal(rule: str, key: str, value) -> str:
    with pytest.raises(InputError) as err:
        merge_config({rule: {key: value}})
    return str(err.value)


def test_every_tunable_is_bounded_or_cannot_loosen():
    every = {(r.id, k) for r in catalogue() for k in r.config}
    bounded = {(rule, key) for rule, key, _, _ in LOOSENINGS}
    assert every == bounded | set(CANNOT_LOOSEN)
    assert not bounded & set(CANNOT_LOOSEN)


@pytest.mark.parametrize(("rule", "key", "value", "message"), LOOSENINGS + MORE_LOOSENINGS,
                         ids=lambda v: v if isinstance(v, str) and "-" in v else None)
def test_a_loosening_config_is_an_input_error_naming_rule_key_and_bound(rule, key, value, message):
    assert refusal(rule, key, value) == f"policy config '{rule}.{key}': {message}"


@pytest.mark.parametrize(("rule", "key", "value", "message"), LOOSENINGS + MORE_LOOSENINGS,
                         ids=lambda v: v if isinstance(v, str) and "-" in v else None)
def test_the_config_schema_refuses_the_same_loosening(rule, key, value, message):
    """What `pulumi preview --policy-pack-config` checks: the schema the pack publishes for the tunable."""
    schema = by_id()[rule].config[key].schema()
    jsonschema.Draft7Validator.check_schema(schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(value, schema, cls=jsonschema.Draft7Validator)


DEFAULTS = [(r.id, k, p.default) for r in catalogue() for k, p in r.config.items()]
OTHER_SWITCHES = [(rule, key, not by_id()[rule].config[key].default)
                  for rule, key in CANNOT_LOOSEN if by_id()[rule].config[key].type == "boolean"]


@pytest.mark.parametrize(("rule", "key", "value"), TIGHTENINGS + DEFAULTS + OTHER_SWITCHES)
def test_defaults_and_tightenings_are_accepted_by_the_gate_and_the_schema(rule, key, value):
    assert merge_config({rule: {key: value}})[rule].params[key] == value
    jsonschema.validate(value, by_id()[rule].config[key].schema(), cls=jsonschema.Draft7Validator)


def test_the_pack_floors_are_the_stack_settings_floors():
    """The pack judges any state, so its floors are the lowest of infra/config.py's floors for the environments
    a rule does not tell apart, and the environment's own where it does (logs: prod and the others)."""
    rules = by_id()
    lowest_backup = min(FLOORS["backupRetentionDays"].values())
    assert rules["rds-instance-backup-retention-minimum"].config["minimumDays"].minimum == lowest_backup
    assert rules["backup-plan-frequency-and-retention-minimum"].config["minimumRetentionDays"].minimum == lowest_backup
    assert rules["backup-vault-lock-enabled"].config["minimumRetentionDays"].minimum == lowest_backup
    logs = rules["logs-log-group-retention-minimum"].config
    assert logs["minimumDays"].minimum == FLOORS["logRetentionDays"]["prod"] == FLOORS["flowLogRetentionDays"]["prod"]
    assert logs["nonProductionMinimumDays"].minimum == min(
        FLOORS[k][e] for k in ("logRetentionDays", "flowLogRetentionDays") for e in ("staging", "test"))
    assert rules["cloudtrail-bucket-object-lock-retention"].config["minimumRetentionDays"].minimum == (
        FLOORS["auditRetentionDays"]["prod"])


# The three bypasses, end to end: the rule's check itself lets a failing prod resource through with the
# loosening value, and the gate refuses that config before judging anything.
PROD = {"environment": "prod"}
BYPASSES = [
    pytest.param(t.RDS_INSTANCE, {"engine": "postgres", "multiAz": False, "tags": PROD},
                 "rds-instance-multi-az-enabled", "exemptEnvironments", ["prod"], id="exempt-prod"),
    pytest.param(t.LB_LISTENER, {"protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-2016-08", "tags": PROD},
                 "elb-listener-tls-only", "allowedPolicyPrefixes", [""], id="empty-allow-prefix"),
    pytest.param(t.IAM_ACCOUNT_PASSWORD_POLICY,
                 {"minimumPasswordLength": 14, "passwordReusePrevention": 24, "maxPasswordAge": 3650,
                  "requireLowercaseCharacters": True, "requireUppercaseCharacters": True, "requireNumbers": True,
                  "requireSymbols": True},
                 "iam-password-policy-strong", "maximumAgeDays", 3650, id="uncapped-ceiling"),
]


def _state(tmp_path, token: str, props: dict):
    urn = f"urn:pulumi:prod::clinic::{token}::judged"
    stack = {"urn": "urn:pulumi:prod::clinic::pulumi:pulumi:Stack::clinic-prod", "custom": False,
             "type": "pulumi:pulumi:Stack"}
    resource = {"urn": urn, "custom": True, "id": "judged-1", "type": token, "inputs": props, "outputs": props,
                "parent": stack["urn"]}
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 3, "deployment": {"manifest": {}, "resources": [stack, resource]}}))
    return path


@pytest.mark.parametrize(("token", "props", "rule_id", "key", "value"), BYPASSES)
def test_a_loosening_config_no_longer_turns_a_failing_prod_gate_into_a_pass(tmp_path, capsys, token, props,
                                                                           rule_id, key, value):
    rule = by_id()[rule_id]
    assert rule.run_resource(props) != []
    assert rule.run_resource(props, {key: value}) == []  # what the config used to buy
    state = _state(tmp_path, token, props)
    argv = ["gate", "--state", str(state), "--no-checkov", "--check", rule_id, "--format", "json"]
    assert main(argv) == 1
    capsys.readouterr()
    config = tmp_path / "policy.json"
    config.write_text(json.dumps({rule_id: {key: value}}))
    assert main([*argv, "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"pms-baseline: error: policy config '{rule_id}.{key}': ")


def test_every_report_records_the_config_it_ran_with():
    """Hash of the config as given and every setting it changes from the pack's defaults, levels included."""
    config = {"rds-instance-backup-retention-minimum": {"minimumDays": 35},
              "rds-instance-multi-az-enabled": {"exemptEnvironments": ["test"]},
              "wafv2-internet-facing-alb-protected": "advisory"}
    target = run_gate(preview_state("prod"), config, checkov=False).target
    assert target["config_sha256"] == canonical_sha256(config)
    assert target["config"] == {
        "rds-instance-backup-retention-minimum": {"minimumDays": 35},
        "rds-instance-multi-az-enabled": {"exemptEnvironments": ["test"]},
        "wafv2-internet-facing-alb-protected": {"enforcementLevel": "advisory"},
    }
    defaults = run_gate(preview_state("prod"), None, checkov=False).target
    assert defaults["config"] == {} and defaults["config_sha256"] == canonical_sha256({})
