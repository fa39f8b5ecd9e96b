"""PhiDatabase: encrypted, private, TLS-only PostgreSQL with managed credentials, backups and audit logs."""

import dataclasses

import pulumi
import pytest

from pms_baseline_infra.components.database import PhiDatabase, PhiDatabaseArgs
from pms_baseline_pack import tokens as t
from tests.infra.conftest import (
    AUDIT_KEY,
    PHI_KEY,
    SECRETS_KEY,
    only,
    policy,
    preview,
    rule_violations,
    stack_output,
    tags_for,
)

APP_SG = "sg-0a11a11a11a11a11a"
DATA_SUBNETS = ["subnet-0d1d1d1d1d1d1d1d1", "subnet-0d2d2d2d2d2d2d2d2", "subnet-0d3d3d3d3d3d3d3d3"]
MONITORING_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"


def args(environment, **changes):
    base = PhiDatabaseArgs(
        vpc_id="vpc-0c0c0c0c0c0c0c0c0",
        subnet_ids=DATA_SUBNETS,
        app_security_group_id=APP_SG,
        data_key_arn=PHI_KEY,
        secrets_key_arn=SECRETS_KEY,
        log_key_arn=AUDIT_KEY,
        environment=environment,
        backup_retention_days=35,
        log_retention_days=400,
        instance_class="db.r6g.large",
        allocated_storage=200,
        engine_version="16",
        db_name="pms",
        multi_az=True,
        data_classification="phi",
        tags=tags_for(environment),
    )
    return dataclasses.replace(base, **changes)


def build(stack, database_args):
    def body():
        db = PhiDatabase("pms", database_args)
        pulumi.export("masterSecretArn", db.master_secret_arn)

    return preview(body, stack=stack)


@pytest.fixture(scope="module")
def doc():
    return build("prod", args("prod"))


@pytest.fixture(scope="module")
def staging():
    return build("staging", args("staging", multi_az=False, backup_retention_days=7, log_retention_days=90))


def db(doc):
    return only(doc, t.RDS_INSTANCE)


def db_sg(doc):
    return only(doc, t.SECURITY_GROUP, "pms-db-sg")


def test_component_token(doc):
    component = only(doc, t.PMS_DATABASE)
    assert db(doc).parent == component.urn


def test_postgres_in_data_subnets(doc):
    instance, group = db(doc), only(doc, t.RDS_SUBNET_GROUP)
    assert instance.inputs["engine"] == "postgres"
    assert instance.inputs["engineVersion"] == "16"
    assert group.inputs["subnetIds"] == DATA_SUBNETS
    assert instance.inputs["dbSubnetGroupName"] == group.outputs["name"]


def test_storage_encrypted_with_data_key(doc):
    assert db(doc).inputs["storageEncrypted"] is True
    assert db(doc).inputs["kmsKeyId"] == PHI_KEY


def test_not_publicly_accessible(doc):
    assert db(doc).inputs["publiclyAccessible"] is False


def test_security_group_only_ingress_is_db_port_from_app_sg(doc):
    group = db_sg(doc)
    assert db(doc).inputs["vpcSecurityGroupIds"] == [group.id]
    assert group.props.get("ingress") in (None, [])
    rules = [
        r
        for r in doc.of_type(t.SG_INGRESS_RULE, t.SECURITY_GROUP_RULE)
        if r.inputs["securityGroupId"] == group.id
    ]
    assert [
        (
            r.inputs["referencedSecurityGroupId"],
            r.inputs["ipProtocol"],
            r.inputs["fromPort"],
            r.inputs["toPort"],
        )
        for r in rules
    ] == [(APP_SG, "tcp", 5432, 5432)]
    assert not {"cidrIpv4", "cidrIpv6", "prefixListId"} & set(rules[0].inputs)


def test_rds_force_ssl_parameter(doc):
    group = only(doc, t.RDS_PARAMETER_GROUP)
    params = {p["name"]: p["value"] for p in group.inputs["parameters"]}
    assert params["rds.force_ssl"] == "1"
    assert db(doc).inputs["parameterGroupName"] == group.outputs["name"]
    assert group.inputs["family"] == "postgres16"


def test_parameter_group_logs_connections(doc):
    params = {p["name"]: p["value"] for p in only(doc, t.RDS_PARAMETER_GROUP).inputs["parameters"]}
    assert (params["log_connections"], params["log_disconnections"]) == ("1", "1")


def test_log_exports(doc):
    assert db(doc).inputs["enabledCloudwatchLogsExports"] == ["postgresql", "upgrade"]


@pytest.mark.parametrize("export", ["postgresql", "upgrade"])
def test_export_log_group_pre_created_encrypted_with_retention(doc, export):
    group = only(doc, t.LOG_GROUP, f"pms-db-{export}-logs")
    assert group.inputs["name"] == f"/aws/rds/instance/pms-prod-phi/{export}"
    assert db(doc).inputs["identifier"] == "pms-prod-phi"
    assert group.inputs["kmsKeyId"] == AUDIT_KEY
    assert group.inputs["retentionInDays"] == 400
    assert group.urn in db(doc).dependencies


def test_iam_database_authentication(doc):
    assert db(doc).inputs["iamDatabaseAuthenticationEnabled"] is True


def test_master_password_managed_under_secrets_key(doc):
    instance = db(doc)
    assert instance.inputs["manageMasterUserPassword"] is True
    assert instance.inputs["masterUserSecretKmsKeyId"] == SECRETS_KEY
    assert not {"password", "passwordWo"} & set(instance.inputs)


def test_master_secret_arn_from_instance(doc):
    expected = db(doc).outputs["masterUserSecrets"][0]["secretArn"]
    assert stack_output(doc, "masterSecretArn") == expected
    assert expected.startswith("arn:aws:secretsmanager:")


def test_deletion_protection(doc):
    assert db(doc).inputs["deletionProtection"] is True


def test_backup_retention_from_args(doc, staging):
    assert db(doc).inputs["backupRetentionPeriod"] == 35
    assert db(staging).inputs["backupRetentionPeriod"] == 7


@pytest.mark.parametrize(
    ("environment", "days", "floor"), [("prod", 34, 35), ("staging", 6, 7), ("test", 6, 7)]
)
def test_backup_retention_below_floor_raises(environment, days, floor):
    with pytest.raises(
        ValueError,
        match=rf"^backup_retention_days={days} is below the {environment} floor of "
        rf"{floor}$",
    ):
        build(environment, args(environment, backup_retention_days=days))


def test_copy_tags_to_snapshot(doc):
    assert db(doc).inputs["copyTagsToSnapshot"] is True


def test_final_snapshot(doc):
    assert db(doc).inputs["skipFinalSnapshot"] is False
    assert db(doc).inputs["finalSnapshotIdentifier"] == "pms-prod-phi-final"


def test_never_restores_from_a_snapshot(doc, staging):
    assert "snapshotIdentifier" not in db(doc).inputs
    assert "snapshotIdentifier" not in db(staging).inputs


def test_multi_az_in_prod_even_when_args_say_no():
    assert db(build("prod", args("prod", multi_az=False))).inputs["multiAz"] is True


def test_multi_az_follows_args_elsewhere(doc, staging):
    assert db(doc).inputs["multiAz"] is True
    assert db(staging).inputs["multiAz"] is False


def test_performance_insights_encrypted_with_data_key(doc):
    assert db(doc).inputs["performanceInsightsEnabled"] is True
    assert db(doc).inputs["performanceInsightsKmsKeyId"] == PHI_KEY


def test_enhanced_monitoring_with_managed_policy_only(doc):
    role = only(doc, t.IAM_ROLE)
    assert db(doc).inputs["monitoringInterval"] == 60
    assert db(doc).inputs["monitoringRoleArn"] == role.outputs["arn"]
    trust = policy(role.inputs["assumeRolePolicy"])["Statement"]
    assert [s["Principal"] for s in trust] == [{"Service": "monitoring.rds.amazonaws.com"}]
    attachments = doc.of_type(t.IAM_ROLE_POLICY_ATTACHMENT)
    assert [(a.inputs["role"], a.inputs["policyArn"]) for a in attachments] == [
        (role.outputs["name"], MONITORING_POLICY)
    ]
    assert doc.of_type(t.IAM_ROLE_POLICY, t.IAM_POLICY) == []


def test_auto_minor_version_upgrade(doc):
    assert db(doc).inputs["autoMinorVersionUpgrade"] is True


def test_data_classification_tag(doc):
    assert db(doc).inputs["tags"]["data-classification"] == "phi"


@pytest.mark.parametrize("which", ["doc", "staging"])
def test_passes_the_rds_and_log_rules(request, which):
    assert rule_violations(request.getfixturevalue(which), ("rds-", "logs-", "ec2-security-group")) == {}
