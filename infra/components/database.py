"""PhiDatabase: the RDS PostgreSQL instance that holds PHI, with every safeguard fixed on."""

from __future__ import annotations

from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.trust import service_trust_policy
from pms_baseline_pack import tokens as t

PORT = 5432
LOG_EXPORTS = ("postgresql", "upgrade")
MONITORING_INTERVAL_SECONDS = 60
MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
# 164.308(a)(7)(ii)(A): the least automated backup retention a PHI database may have, per environment.
BACKUP_RETENTION_FLOORS = {"prod": 35}
DEFAULT_BACKUP_RETENTION_FLOOR = 7
MASTER_USERNAME = "pms_admin"


@dataclass
class PhiDatabaseArgs:
    """Inputs of a PhiDatabase."""

    vpc_id: pulumi.Input[str]
    """The VPC of the database's security group."""
    subnet_ids: list[pulumi.Input[str]]
    """The isolated data subnets the instance lives in."""
    app_security_group_id: pulumi.Input[str]
    """The app tier's security group, the only source admitted on the database port."""
    data_key_arn: pulumi.Input[str]
    """The PHI key: storage and Performance Insights encryption."""
    secrets_key_arn: pulumi.Input[str]
    """The secrets key: encrypts the RDS-managed master secret."""
    log_key_arn: pulumi.Input[str]
    """The audit key: encrypts the exported log groups."""
    environment: str
    """prod, staging or test; sets the backup retention floor and forces Multi-AZ in prod."""
    backup_retention_days: int
    """Automated backup retention (at least 35 in prod, 7 elsewhere)."""
    log_retention_days: int
    """Retention of the exported log groups."""
    instance_class: str = "db.t4g.medium"
    """The instance class."""
    allocated_storage: int = 100
    """Storage in GiB."""
    engine_version: str = "16"
    """PostgreSQL major (or major.minor) version; the parameter group family follows the major."""
    db_name: str = "pms"
    """The initial database."""
    multi_az: bool = True
    """Standby in a second zone; always on in prod whatever this says."""
    data_classification: str = "phi"
    """Value of the data-classification tag."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for every resource."""


def backup_retention_floor(environment: str) -> int:
    return BACKUP_RETENTION_FLOORS.get(environment, DEFAULT_BACKUP_RETENTION_FLOOR)


class PhiDatabase(pulumi.ComponentResource):
    """An encrypted, private, TLS-only PostgreSQL with managed credentials, backups and audit logs."""

    instance: aws.rds.Instance
    security_group: aws.ec2.SecurityGroup
    parameter_group: aws.rds.ParameterGroup
    subnet_group: aws.rds.SubnetGroup
    master_secret_arn: pulumi.Output[str]
    log_groups: dict[str, aws.cloudwatch.LogGroup]

    def __init__(self, name: str, args: PhiDatabaseArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__(t.PMS_DATABASE, name, None, opts)
        floor = backup_retention_floor(args.environment)
        if args.backup_retention_days < floor:
            # 164.308(a)(7)(ii)(A): config validation enforces this first; a component used directly must too.
            raise ValueError(
                f"backup_retention_days={args.backup_retention_days} is below the {args.environment} floor "
                f"of {floor}"
            )
        child = pulumi.ResourceOptions(parent=self)
        tags = {**args.tags, "data-classification": args.data_classification}
        scope = pulumi.get_stack() or args.environment
        identifier = f"{name}-{scope}-phi"
        major = args.engine_version.split(".")[0]

        # 164.312(a)(1): the database port from the app tier's security group only; no CIDR, no egress.
        self.security_group = aws.ec2.SecurityGroup(
            f"{name}-db-sg",
            vpc_id=args.vpc_id,
            description="PHI database: PostgreSQL from the app tier only",
            tags={**tags, "pms-tier": "data", "pms-role": "database"},
            opts=child,
        )
        aws.vpc.SecurityGroupIngressRule(
            f"{name}-db-from-app",
            security_group_id=self.security_group.id,
            referenced_security_group_id=args.app_security_group_id,
            ip_protocol="tcp",
            from_port=PORT,
            to_port=PORT,
            description="PostgreSQL from the PMS app tier",
            tags=tags,
            opts=child,
        )

        self.subnet_group = aws.rds.SubnetGroup(
            f"{name}-db-subnets",
            subnet_ids=args.subnet_ids,
            description="PHI database: isolated data subnets",
            tags=tags,
            opts=child,
        )

        self.parameter_group = aws.rds.ParameterGroup(
            f"{name}-db-params",
            family=f"postgres{major}",
            description="PHI database: TLS only, connection logging",
            parameters=[
                # 164.312(e)(1), 164.312(e)(2)(ii): refuse every connection that is not TLS-encrypted.
                aws.rds.ParameterGroupParameterArgs(name="rds.force_ssl", value="1"),
                # 164.312(b): record who connected and when they left.
                aws.rds.ParameterGroupParameterArgs(name="log_connections", value="1"),
                aws.rds.ParameterGroupParameterArgs(name="log_disconnections", value="1"),
            ],
            tags=tags,
            opts=child,
        )

        # 164.312(b): the exported logs land in groups created here (encrypted, with retention) instead of the
        # unencrypted, never-expiring groups RDS would create on its own.
        self.log_groups = {
            export: aws.cloudwatch.LogGroup(
                f"{name}-db-{export}-logs",
                name=f"/aws/rds/instance/{identifier}/{export}",
                kms_key_id=args.log_key_arn,
                retention_in_days=args.log_retention_days,
                tags=tags,
                opts=child,
            )
            for export in LOG_EXPORTS
        }

        monitoring_role = aws.iam.Role(
            f"{name}-db-monitoring",
            assume_role_policy=service_trust_policy("monitoring.rds.amazonaws.com"),
            tags=tags,
            opts=child,
        )
        # 164.308(a)(4)(ii)(B): the AWS managed policy and nothing else.
        monitoring_attachment = aws.iam.RolePolicyAttachment(
            f"{name}-db-monitoring",
            role=monitoring_role.name,
            policy_arn=MONITORING_POLICY_ARN,
            opts=child,
        )

        self.instance = aws.rds.Instance(
            f"{name}-db",
            identifier=identifier,
            engine="postgres",
            engine_version=args.engine_version,
            instance_class=args.instance_class,
            allocated_storage=args.allocated_storage,
            max_allocated_storage=args.allocated_storage * 2,
            storage_type="gp3",
            db_name=args.db_name,
            port=PORT,
            username=MASTER_USERNAME,
            # 164.312(a)(2)(iv), 164.308(a)(5)(ii)(D): RDS generates and rotates the master password in
            # Secrets Manager under the secrets key; no password ever appears in config or state.
            manage_master_user_password=True,
            master_user_secret_kms_key_id=args.secrets_key_arn,
            # 164.312(d): people and services authenticate with IAM instead of shared passwords.
            iam_database_authentication_enabled=True,
            # 164.312(a)(2)(iv): PHI at rest encrypted with the customer-managed PHI key.
            storage_encrypted=True,
            kms_key_id=args.data_key_arn,
            # 164.312(a)(1): no public endpoint; reachable only from the data subnets' security group.
            publicly_accessible=False,
            db_subnet_group_name=self.subnet_group.name,
            vpc_security_group_ids=[self.security_group.id],
            # 164.312(e)(1): TLS forced by the parameter group, with a current RDS certificate authority.
            parameter_group_name=self.parameter_group.name,
            ca_cert_identifier="rds-ca-rsa2048-g1",
            # 164.308(a)(7)(ii)(B): a standby in a second zone for disaster recovery; always on in prod.
            multi_az=args.multi_az or args.environment == "prod",
            # 164.308(a)(7)(ii)(A): automated backups kept for the configured retention (floors above).
            backup_retention_period=args.backup_retention_days,
            # 164.308(a)(7)(ii)(A): deleting the instance keeps its automated backups.
            delete_automated_backups=False,
            # 164.308(a)(7)(ii)(A), 164.310(d)(2)(iv): snapshots carry the data-classification tag.
            copy_tags_to_snapshot=True,
            # 164.308(a)(7)(ii)(A): deleting needs protection lifted first and leaves a final snapshot.
            skip_final_snapshot=False,
            final_snapshot_identifier=f"{identifier}-final",
            deletion_protection=True,
            # 164.312(b): engine and upgrade logs exported to CloudWatch Logs.
            enabled_cloudwatch_logs_exports=list(LOG_EXPORTS),
            # 164.308(a)(1)(ii)(D): Performance Insights (encrypted with the PHI key: query text is PHI)
            # and OS-level enhanced monitoring for activity review.
            performance_insights_enabled=True,
            performance_insights_kms_key_id=args.data_key_arn,
            monitoring_interval=MONITORING_INTERVAL_SECONDS,
            monitoring_role_arn=monitoring_role.arn,
            # 164.308(a)(1)(ii)(B): security patches of the minor versions are applied automatically.
            auto_minor_version_upgrade=True,
            tags=tags,
            opts=pulumi.ResourceOptions(
                parent=self, depends_on=[*self.log_groups.values(), monitoring_attachment]
            ),
        )
        self.master_secret_arn = self.instance.master_user_secrets.apply(
            lambda secrets: secrets[0].secret_arn if secrets else ""
        )
        self.register_outputs(
            {
                "instanceArn": self.instance.arn,
                "endpoint": self.instance.endpoint,
                "masterSecretArn": self.master_secret_arn,
            }
        )
