"""Synthetic but realistic state documents and programs for the benchmarks: N clinics of the baseline's
resources (keys, network with flow logs, a PHI database with its parameter and subnet groups, a records bucket
with its public access block, encryption, versioning, ownership and TLS policy, a secret, alarms, a backup
vault, plan and selection), with a controlled fraction of clinics carrying violations.

One clinic is previewed once under the offline preview's mocks; a state of any size is that clinic repeated
with every name made unique, so 1,000, 10,000 or 50,000 resources cost a string copy, not a preview.
"""

from __future__ import annotations

import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pms_baseline_infra.components.audit_trail import harden_bucket, log_bucket_lifecycle, tls_only_statement  # noqa: E402
from pms_baseline_infra.components.trust import service_trust_policy  # noqa: E402

TOKEN = "clinic0000"
INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"


def clinic_program(n: str = TOKEN) -> None:
    """One clinic named ``n``, declared with pulumi_aws as the baseline's components declare it."""
    import json as _json

    import pulumi
    import pulumi_aws as aws

    key = aws.kms.Key(
        f"{n}-data-key", description="PHI data key", enable_key_rotation=True, deletion_window_in_days=30
    )
    aws.kms.Alias(f"{n}-data-key-alias", name=f"alias/{n}-data", target_key_id=key.key_id)
    vpc = aws.ec2.Vpc(f"{n}-vpc", cidr_block="10.20.0.0/16", enable_dns_hostnames=True)
    subnets = [
        aws.ec2.Subnet(
            f"{n}-data-{az}",
            vpc_id=vpc.id,
            cidr_block=f"10.20.{i}.0/24",
            availability_zone=f"us-east-1{az}",
            map_public_ip_on_launch=False,
            tags={"pms-tier": "data"},
        )
        for i, az in enumerate("ab")
    ]
    rt = aws.ec2.RouteTable(f"{n}-data-rt", vpc_id=vpc.id, tags={"pms-tier": "data"})
    for i, s in enumerate(subnets):
        aws.ec2.RouteTableAssociation(f"{n}-data-rta-{i}", subnet_id=s.id, route_table_id=rt.id)
    aws.ec2.DefaultSecurityGroup(f"{n}-default-sg", vpc_id=vpc.id)
    flow_group = aws.cloudwatch.LogGroup(f"{n}-flow-logs", retention_in_days=2192, kms_key_id=key.arn)
    role = aws.iam.Role(
        f"{n}-flow-role",
        assume_role_policy=service_trust_policy("vpc-flow-logs.amazonaws.com"),
    )
    aws.ec2.FlowLog(
        f"{n}-flow-log",
        vpc_id=vpc.id,
        traffic_type="ALL",
        log_destination=flow_group.arn,
        iam_role_arn=role.arn,
    )
    app_sg = aws.ec2.SecurityGroup(f"{n}-app-sg", vpc_id=vpc.id, description="app tier")
    db_sg = aws.ec2.SecurityGroup(f"{n}-db-sg", vpc_id=vpc.id, description="database tier")
    aws.vpc.SecurityGroupIngressRule(
        f"{n}-db-from-app",
        security_group_id=db_sg.id,
        ip_protocol="tcp",
        from_port=5432,
        to_port=5432,
        referenced_security_group_id=app_sg.id,
    )
    params = aws.rds.ParameterGroup(
        f"{n}-db-params", family="postgres16", parameters=[{"name": "rds.force_ssl", "value": "1"}]
    )
    subnet_group = aws.rds.SubnetGroup(f"{n}-db-subnets", subnet_ids=[s.id for s in subnets])
    monitoring = aws.iam.Role(
        f"{n}-db-monitoring",
        assume_role_policy=service_trust_policy("monitoring.rds.amazonaws.com"),
    )
    db = aws.rds.Instance(
        f"{n}-db",
        engine="postgres",
        engine_version="16.3",
        instance_class="db.m6g.large",
        allocated_storage=100,
        username="pms_admin",
        manage_master_user_password=True,
        master_user_secret_kms_key_id=key.arn,
        storage_encrypted=True,
        kms_key_id=key.arn,
        multi_az=True,
        publicly_accessible=False,
        backup_retention_period=35,
        deletion_protection=True,
        iam_database_authentication_enabled=True,
        enabled_cloudwatch_logs_exports=["postgresql", "upgrade"],
        monitoring_interval=60,
        monitoring_role_arn=monitoring.arn,
        performance_insights_enabled=True,
        performance_insights_kms_key_id=key.arn,
        copy_tags_to_snapshot=True,
        auto_minor_version_upgrade=True,
        parameter_group_name=params.name,
        db_subnet_group_name=subnet_group.name,
        vpc_security_group_ids=[db_sg.id],
        skip_final_snapshot=False,
        final_snapshot_identifier=f"{n}-db-final",
        tags={"pms-tier": "data"},
    )
    bucket = aws.s3.Bucket(f"{n}-records", tags={"pms-tier": "data"})
    harden_bucket(f"{n}-records", bucket, pulumi.ResourceOptions(), key.arn)
    log_bucket_lifecycle(f"{n}-records", bucket, pulumi.ResourceOptions())
    aws.s3.BucketLogging(f"{n}-records-logging", bucket=bucket.id, target_bucket="pms-prod-access-logs",
                         target_prefix=f"{n}/")
    aws.s3.BucketPolicy(
        f"{n}-records-tls",
        bucket=bucket.id,
        policy=bucket.arn.apply(
            lambda arn: _json.dumps({"Version": "2012-10-17", "Statement": [tls_only_statement(arn)]})
        ),
    )
    secret = aws.secretsmanager.Secret(f"{n}-app-credentials", kms_key_id=key.arn)
    aws.secretsmanager.SecretVersion(
        f"{n}-app-credentials-v1",
        secret_id=secret.id,
        secret_string=pulumi.Output.secret(f"bench-secret-{n}-do-not-leak"),
    )
    topic = aws.sns.Topic(f"{n}-alarms", kms_master_key_id=key.arn)
    aws.cloudwatch.MetricAlarm(
        f"{n}-db-cpu",
        comparison_operator="GreaterThanThreshold",
        evaluation_periods=3,
        metric_name="CPUUtilization",
        namespace="AWS/RDS",
        period=300,
        statistic="Average",
        threshold=80,
        alarm_actions=[topic.arn],
    )
    vault = aws.backup.Vault(f"{n}-backups", kms_key_arn=key.arn)
    aws.backup.VaultLockConfiguration(
        f"{n}-backups-lock",
        backup_vault_name=vault.name,
        min_retention_days=35,
        max_retention_days=3650,
        changeable_for_days=3,
    )
    plan = aws.backup.Plan(
        f"{n}-backup-plan",
        rules=[
            {
                "rule_name": "daily",
                "target_vault_name": vault.name,
                "schedule": "cron(0 5 * * ? *)",
                "lifecycle": {"delete_after": 35},
            }
        ],
    )
    backup_role = aws.iam.Role(
        f"{n}-backup-role",
        assume_role_policy=service_trust_policy("backup.amazonaws.com"),
    )
    aws.backup.Selection(
        f"{n}-backup-selection", plan_id=plan.id, iam_role_arn=backup_role.arn, resources=[db.arn]
    )


def synthetic_state(resources: int, violations: float = 0.0) -> tuple[dict, int]:
    """A state document of at least ``resources`` resources: N copies of the clinic; returns it and N.

    ``violations`` is the fraction of clinics (spread evenly) whose database is unencrypted, whose records
    bucket's public access block is off and whose app security group admits SSH from anywhere."""
    from pms_baseline.preview import preview_function

    base = preview_function(clinic_program, stack="prod", project="pms-baseline")
    items = base["deployment"]["resources"]
    shared = [r for r in items if TOKEN not in r["urn"]]  # the stack and its default provider
    per_clinic = [r for r in items if TOKEN in r["urn"]]
    clinics = math.ceil((resources - len(shared)) / len(per_clinic))
    text = json.dumps(per_clinic)
    out = list(shared)
    bad = _violating(per_clinic)
    step = round(1 / violations) if violations > 0 else 0
    # The mocks' ids and ARNs that do not carry the clinic's name get a per-clinic suffix, as real ids differ.
    ids = sorted({r["id"] for r in per_clinic if r.get("id") and TOKEN not in r["id"]}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(x) for x in ids)) if ids else None
    for i in range(clinics):
        source = (bad if step and i % step == 0 else text).replace(TOKEN, f"clinic{i:04d}")
        if pattern:
            source = pattern.sub(lambda m, i=i: f"{m.group(0)}{i:04x}", source)
        out.extend(json.loads(source))
    base["deployment"]["resources"] = out
    return base, clinics




def _violating(per_clinic: list[dict]) -> str:
    """The clinic's resources with three defects a reviewer must catch."""
    bad = json.loads(json.dumps(per_clinic))
    for r in bad:
        name = r["urn"].rsplit("::", 1)[-1]
        for props in (r.get("inputs") or {}, r.get("outputs") or {}):
            if r["type"] == "aws:rds/instance:Instance":
                props["storageEncrypted"] = False
                props.pop("kmsKeyId", None)
            elif r["type"] == "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":
                props.update(blockPublicAcls=False, blockPublicPolicy=False, ignorePublicAcls=False,
                             restrictPublicBuckets=False)
            elif r["type"] == INGRESS_RULE and name.endswith("db-from-app"):
                props.pop("referencedSecurityGroupId", None)
                props.update(cidrIpv4="0.0.0.0/0", fromPort=22, toPort=22)
    return json.dumps(bad)


def clinics_program(count: int):
    """A Pulumi program of ``count`` clinics, for timing the preview itself."""

    def program() -> None:
        for i in range(count):
            clinic_program(f"clinic{i:04d}")

    return program
