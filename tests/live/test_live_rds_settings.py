"""RDS DB instances' settings read live (pms_baseline/live/rds_settings.py) under the pre-deploy rules' ids:
minor version upgrades, tags copied to snapshots, Enhanced Monitoring, the managed master password and its key,
the Performance Insights key, and a parameter group forcing TLS; a parameter group's drift and absence.

moto does not keep Performance Insights settings: tests/live/rds_answers.py adds them to DescribeDBInstances'
answer in the documented shape."""

import pytest

import pms_baseline.live.rds_settings  # noqa: F401 - registers its checks until the runner imports it
from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.rds_answers import answer_performance_insights
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

ROLE = "arn:aws:iam::123456789012:role/rds-monitoring"
RULES = ("rds-instance-auto-minor-version-upgrade", "rds-instance-copy-tags-to-snapshot",
         "rds-instance-enhanced-monitoring-enabled", "rds-instance-master-password-managed",
         "rds-instance-master-secret-encrypted", "rds-instance-performance-insights-encrypted",
         "rds-instance-parameter-group-forces-tls")


def findings(account, rule, state=None):
    """The rule's findings on the test's own resources (named claims*), not the baseline's database."""
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings
            if f.rule == rule and f.resource.name.startswith("claims")]


def key(account):
    return account.client("kms").create_key(Description="PHI data key")["KeyMetadata"]["Arn"]


def aws_managed_key(account, alias):
    """The ARN of the AWS managed key ``alias`` (moto makes it when first described, and lists its alias)."""
    return account.client("kms").describe_key(KeyId=alias)["KeyMetadata"]["Arn"]


def parameter_group(account, name="claims-tls", force_ssl="1"):
    rds = account.client("rds")
    rds.create_db_parameter_group(DBParameterGroupName=name, DBParameterGroupFamily="postgres16",
                                  Description="forces TLS")
    rds.modify_db_parameter_group(DBParameterGroupName=name, Parameters=[
        {"ParameterName": "rds.force_ssl", "ParameterValue": force_ssl, "ApplyMethod": "immediate"}])
    return name


def database(account, name="claims", group="claims-tls", secret_key="customer", **settings):
    """A compliant PostgreSQL instance, but for ``settings``."""
    if group == "claims-tls":
        parameter_group(account)
    if secret_key == "customer":
        secret_key = key(account)
    password = {"MasterUserPassword": "Correct-horse-1"} if settings.pop("unmanaged", False) else {
        "ManageMasterUserPassword": True, **({"MasterUserSecretKmsKeyId": secret_key} if secret_key else {})}
    account.client("rds").create_db_instance(**{
        "DBInstanceIdentifier": name, "Engine": "postgres", "EngineVersion": "16.4",
        "DBInstanceClass": "db.t3.medium", "AllocatedStorage": 20, "MasterUsername": "pms",
        "CopyTagsToSnapshot": True, "AutoMinorVersionUpgrade": True, "MonitoringInterval": 30,
        "MonitoringRoleArn": ROLE, "DBParameterGroupName": group, **password, **settings})
    return name


def exercise(account):
    """A compliant instance with a parameter group of its own and its master secret under a customer key: verify
    lists instances and parameter groups, reads the group's parameters and the key (rds:DescribeDBInstances,
    DescribeDBParameterGroups, DescribeDBParameters; kms:ListAliases, DescribeKey)."""
    return database(account)


def test_a_compliant_database_passes_every_rule(account):
    database(account)
    answer_performance_insights(account.session, {"claims": key(account)})
    result = verify(session=account.session, regions=["us-east-1"])
    assert [(f.rule, f.message) for f in result.findings
            if f.rule in RULES and f.resource.name.startswith("claims")] == []


def test_minor_version_upgrades_turned_off_is_a_finding(account):
    database(account, AutoMinorVersionUpgrade=False)
    assert findings(account, "rds-instance-auto-minor-version-upgrade") == [(
        "claims", R + "database claims: autoMinorVersionUpgrade is false; use PhiDatabase or set "
        "auto_minor_version_upgrade=True so engine security fixes are applied in the maintenance window "
        "(164.308(a)(5)(ii)(B))")]


def test_tags_not_copied_to_snapshots_is_a_finding(account):
    database(account, CopyTagsToSnapshot=False)
    assert findings(account, "rds-instance-copy-tags-to-snapshot") == [(
        "claims", R + "database claims: copyTagsToSnapshot is false; use PhiDatabase or set "
        "copy_tags_to_snapshot=True so every snapshot carries the data classification of its database "
        "(164.310(d)(2)(iii))")]


def test_no_enhanced_monitoring_is_a_finding(account):
    database(account, MonitoringInterval=0, MonitoringRoleArn="")
    assert findings(account, "rds-instance-enhanced-monitoring-enabled") == [(
        "claims", R + "database claims: monitoringInterval is 0; use PhiDatabase or set monitoring_interval to at "
        "most 60 seconds with a monitoring role (164.308(a)(1)(ii)(D))")]


def test_a_master_password_rds_does_not_manage_is_a_finding(account):
    database(account, unmanaged=True)
    assert findings(account, "rds-instance-master-password-managed") == [(
        "claims", R + "database claims: manageMasterUserPassword is false; use PhiDatabase or set "
        "manage_master_user_password=True so Secrets Manager generates and rotates the password "
        "(164.308(a)(5)(ii)(D))")]


def test_a_master_secret_under_the_aws_managed_key_is_a_finding(account):
    database(account, secret_key=None)
    assert findings(account, "rds-instance-master-secret-encrypted") == [(
        "claims", R + "database claims: masterUserSecretKmsKeyId is alias/aws/secretsmanager, an AWS-managed key; "
        "use PhiDatabase or set master_user_secret_kms_key_id to the secrets key (164.312(a)(2)(iv))")]


def test_performance_insights_under_the_aws_managed_key_is_a_finding(account):
    database(account)
    answer_performance_insights(account.session, {"claims": aws_managed_key(account, "alias/aws/rds")})
    assert findings(account, "rds-instance-performance-insights-encrypted") == [(
        "claims", R + "database claims: performanceInsightsKmsKeyId is alias/aws/rds, an AWS-managed key; use "
        "PhiDatabase or set performance_insights_kms_key_id to the PHI data key (164.312(a)(2)(iv))")]


def test_a_parameter_group_not_forcing_tls_is_a_finding(account):
    database(account, group=parameter_group(account, "claims-lax", force_ssl="0"))
    assert findings(account, "rds-instance-parameter-group-forces-tls") == [(
        "claims-lax", R + "parameter group claims-lax sets rds.force_ssl to 0; set rds.force_ssl=1 so the database "
        "refuses unencrypted connections (164.312(e)(1))")]


def test_a_parameter_group_of_another_family_is_drift_and_a_deleted_one_missing(account):
    database(account)
    state = state_of(resource(t.RDS_PARAMETER_GROUP, "claims-tls", "claims-tls", family="postgres15"),
                     resource(t.RDS_PARAMETER_GROUP, "claims-old", "claims-old", family="postgres16"))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-tls", "claims-tls: family is 'postgres16' in the account, 'postgres15' in the state")]
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-old"]
