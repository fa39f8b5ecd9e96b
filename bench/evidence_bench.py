"""Benchmark: an evidence bundle for a 10,000-resource state, built in under 10 seconds (issue 7).

    .venv/bin/python bench/evidence_bench.py [--resources 10000] [--keep DIR] [--gate-results FILE]

The state is synthetic but realistic: one clinic of the baseline's resources (keys, network with flow logs, a
PHI database with its parameter and subnet groups, a records bucket with its public access block, encryption,
versioning, ownership and TLS policy, a secret, alarms, a backup vault, plan and selection) previewed once
under the offline preview's mocks, then repeated as N clinics, every name made unique, until the state has the
requested number of resources. The bundle is built exactly as ``pms-baseline evidence`` builds it, gate
included (unless ``--gate-results`` is given), and the figures are printed.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOKEN = "clinic0000"
TARGET_SECONDS = 10.0


def clinic_program() -> None:
    """One clinic, declared with pulumi_aws as the baseline's components declare it."""
    import json as _json

    import pulumi
    import pulumi_aws as aws

    n = TOKEN
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
        assume_role_policy=_json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "sts:AssumeRole",
                        "Principal": {"Service": "vpc-flow-logs.amazonaws.com"},
                    }
                ],
            }
        ),
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
        assume_role_policy=_json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "sts:AssumeRole",
                        "Principal": {"Service": "monitoring.rds.amazonaws.com"},
                    }
                ],
            }
        ),
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
    aws.s3.BucketPublicAccessBlock(
        f"{n}-records-pab",
        bucket=bucket.id,
        block_public_acls=True,
        block_public_policy=True,
        ignore_public_acls=True,
        restrict_public_buckets=True,
    )
    aws.s3.BucketServerSideEncryptionConfiguration(
        f"{n}-records-sse",
        bucket=bucket.id,
        rules=[
            {
                "apply_server_side_encryption_by_default": {
                    "sse_algorithm": "aws:kms",
                    "kms_master_key_id": key.arn,
                },
                "bucket_key_enabled": True,
            }
        ],
    )
    aws.s3.BucketVersioning(
        f"{n}-records-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
    )
    aws.s3.BucketOwnershipControls(
        f"{n}-records-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}
    )
    aws.s3.BucketPolicy(
        f"{n}-records-tls",
        bucket=bucket.id,
        policy=bucket.arn.apply(
            lambda arn: _json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Sid": "DenyInsecureTransport",
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [arn, f"{arn}/*"],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        }
                    ],
                }
            )
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
        assume_role_policy=_json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "sts:AssumeRole",
                        "Principal": {"Service": "backup.amazonaws.com"},
                    }
                ],
            }
        ),
    )
    aws.backup.Selection(
        f"{n}-backup-selection", plan_id=plan.id, iam_role_arn=backup_role.arn, resources=[db.arn]
    )


def synthetic_state(resources: int) -> tuple[dict, int]:
    """A state document of at least ``resources`` resources: N copies of the clinic; returns it and N."""
    from pms_baseline.preview import preview_function

    base = preview_function(clinic_program, stack="prod", project="pms-baseline")
    items = base["deployment"]["resources"]
    shared = [r for r in items if TOKEN not in r["urn"]]  # the stack and its default provider
    per_clinic = [r for r in items if TOKEN in r["urn"]]
    clinics = math.ceil((resources - len(shared)) / len(per_clinic))
    text = json.dumps(per_clinic)
    out = list(shared)
    for i in range(clinics):
        out.extend(json.loads(text.replace(TOKEN, f"clinic{i:04d}")))
    base["deployment"]["resources"] = out
    return base, clinics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--keep", help="write the state and the bundle under this directory and keep them")
    parser.add_argument("--gate-results", help="use this gate report instead of running the gate")
    args = parser.parse_args(argv)

    from pms_baseline.evidence import build_bundle

    started = time.perf_counter()
    doc, clinics = synthetic_state(args.resources)
    made = time.perf_counter() - started
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="evidence-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    state = work / "state.json"
    state.write_text(json.dumps(doc), encoding="utf-8")
    out = work / "bundle"
    result = build_bundle(state, out, gate_results=args.gate_results)
    sizes = {p.name: p.stat().st_size for p in out.iterdir()}
    leaked = any(
        f"bench-secret-clinic{i:04d}" in (out / name).read_text() for name in sizes for i in (0, clinics - 1)
    )
    print(
        f"state: {len(doc['deployment']['resources'])} resources ({clinics} clinics), "
        f"{state.stat().st_size / 1e6:.1f} MB, made in {made:.2f}s"
    )
    print(
        f"gate: {'--gate-results ' + args.gate_results if args.gate_results else 'run in process'}; "
        f"{result.model['summary']['findings']} findings"
    )
    print("bundle: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())))
    print(
        f"evidence bundle built in {result.seconds:.2f}s (target < {TARGET_SECONDS:.0f}s): "
        f"{'OK' if result.seconds < TARGET_SECONDS else 'TOO SLOW'}; "
        f"secrets leaked: {'YES' if leaked else 'no'}"
    )
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0 if result.seconds < TARGET_SECONDS and not leaked else 1


if __name__ == "__main__":
    sys.exit(main())
