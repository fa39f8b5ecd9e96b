"""Compose the baseline's components for one stack. Wiring only: every secure setting lives in a component."""

from __future__ import annotations

from typing import Any

import pulumi_aws as aws

from pms_baseline_infra.components.audit_trail import AuditTrail, AuditTrailArgs
from pms_baseline_infra.components.backups import BackupVault, BackupVaultArgs
from pms_baseline_infra.components.config_delivery import ConfigDelivery, ConfigDeliveryArgs
from pms_baseline_infra.components.config_rules import ConfigRuleDesign
from pms_baseline_infra.components.database import PhiDatabase, PhiDatabaseArgs
from pms_baseline_infra.components.edge import Edge, EdgeArgs
from pms_baseline_infra.components.guardrails import AccountGuardrails, AccountGuardrailsArgs
from pms_baseline_infra.components.keyring import Keyring, KeyringArgs
from pms_baseline_infra.components.monitoring import Monitoring, MonitoringArgs
from pms_baseline_infra.components.network import SegmentedNetwork, SegmentedNetworkArgs
from pms_baseline_infra.components.regions import StackRegion
from pms_baseline_infra.components.sealed_test import (
    SealedTestEnvironment,
    SealedTestEnvironmentArgs,
    bound_every_role,
    permissions_boundary,
)
from pms_baseline_infra.config import Settings


def base_tags(s: Settings) -> dict[str, str]:
    """Tags on every resource; the baseline's own keys win over the user's."""
    return {**s.tags, "project": "pms-baseline", "environment": s.environment, "stack": s.stack,
            "managed-by": "pulumi"}


def trail_name(s: Settings) -> str:
    """The trail's name is fixed up front so key and bucket policies can name its ARN (aws:SourceArn)."""
    return f"pms-{s.stack}-audit"


def stack_regions(s: Settings) -> list[StackRegion]:
    """Every region of the stack (home, backup copy, extraRegions) with the singleton modes the settings choose
    there; a region other than home gets an explicit provider."""
    found = []
    for name in s.regions:
        home = name == s.region
        found.append(StackRegion(
            name=name, home=home, provider=None if home else aws.Provider(f"pms-{name}", region=name),
            guard_duty=s.singleton_mode("guardDuty", name), config_recorder=s.singleton_mode("configRecorder", name),
            access_analyzer=s.singleton_mode("accessAnalyzer", name),
        ))
    return found


def build(s: Settings) -> dict[str, Any]:
    """Declare the whole environment for ``s`` and return the stack outputs."""
    tags = base_tags(s)
    boundary = None
    if s.is_test:
        boundary = permissions_boundary(s, tags)
        bound_every_role(boundary)
    keys = Keyring("pms", KeyringArgs(
        account_id=s.account_id, region=s.region, environment=s.environment, trail_name=trail_name(s),
        autoscaling_service_linked_role=s.autoscaling_service_linked_role, tags=tags,
    ))
    regions = stack_regions(s)

    if s.is_test:
        sealed = SealedTestEnvironment("pms", SealedTestEnvironmentArgs(
            settings=s, keyring=keys, boundary=boundary, tags=tags))
        network, database = sealed.network, sealed.database
    else:
        network = SegmentedNetwork("pms", SegmentedNetworkArgs(
            cidr=s.vpc_cidr, availability_zones=s.availability_zones, region=s.region,
            environment=s.environment, flow_log_key_arn=keys.audit_key.arn,
            flow_log_retention_days=s.flow_log_retention_days, internet_access=True, tags=tags,
        ))
        database = PhiDatabase("pms", PhiDatabaseArgs(
            vpc_id=network.vpc.id, subnet_ids=network.data_subnet_ids,
            app_security_group_id=network.app_security_group.id, data_key_arn=keys.phi_key.arn,
            secrets_key_arn=keys.secrets_key.arn, log_key_arn=keys.audit_key.arn, environment=s.environment,
            backup_retention_days=s.backup_retention_days, log_retention_days=s.log_retention_days,
            instance_class=s.db_instance_class, allocated_storage=s.db_allocated_storage,
            engine_version=s.db_engine_version, db_name=s.db_name, multi_az=s.multi_az or s.is_prod,
            data_classification="phi", tags=tags,
        ))

    backups = BackupVault("pms", BackupVaultArgs(
        backup_key_arn=keys.backup_key.arn, protected_resource_arns=[database.instance.arn],
        environment=s.environment, daily_retention_days=s.backup_retention_days,
        monthly_retention_days=s.backup_monthly_retention_days, copy_region=s.backup_copy_region or None,
        tags=tags,
    ))
    audit = AuditTrail("pms", AuditTrailArgs(
        trail_name=trail_name(s), account_id=s.account_id, region=s.region, audit_key_arn=keys.audit_key.arn,
        environment=s.environment, object_lock_days=s.audit_retention_days,
        log_retention_days=s.log_retention_days, tags=tags,
    ))
    # AWS Config needs the delivery bucket and role only where the stack creates a recorder.
    config = None
    if any(r.config_recorder == "create" for r in regions):
        config = ConfigDelivery("pms", ConfigDeliveryArgs(
            account_id=s.account_id, key_arn=keys.audit_key.arn, access_log_bucket=audit.access_log_bucket.id,
            tags=tags,
        ))
    monitoring = Monitoring("pms", MonitoringArgs(
        trail_log_group_name=audit.log_group.name, alarm_email=s.alarm_email, topic_key_arn=keys.audit_key.arn,
        config_bucket_name=config.bucket.bucket if config else "", config_role_arn=config.role.arn if config else "",
        config_ready=config.ready if config else (), config_role_ready=config.role_ready if config else (),
        account_id=s.account_id, region=s.region, environment=s.environment,
        enable_config_rules=s.enable_config_rules, regions=regions, tags=tags,
        config_rule_design=ConfigRuleDesign(
            backup_retention_days=s.backup_retention_days, multi_az=s.multi_az or s.is_prod,
            # A sealed test stack has no internet-facing tier: no VPC may have an internet gateway there.
            internet_vpc_ids=[] if s.is_test else [network.vpc.id],
            internet_route_table_ids=network.public_route_table_ids,
        ),
    ))
    AccountGuardrails("pms", AccountGuardrailsArgs(
        ebs_key_arn=keys.phi_key.arn, account_id=s.account_id, home_region=s.region, regions=regions,
        ebs_key_dependencies=keys.ebs_key_dependencies, tags=tags,
    ))

    outputs: dict[str, Any] = {
        "environment": s.environment,
        "vpcId": network.vpc.id,
        "appSubnetIds": network.app_subnet_ids,
        # A workload stack's load balancer (an Edge of its own) goes in these (examples/pms-workload).
        "publicSubnetIds": network.public_subnet_ids,
        "dataSubnetIds": network.data_subnet_ids,
        "appSecurityGroupId": network.app_security_group.id,
        "databaseEndpoint": database.instance.endpoint,
        "databaseSecretArn": database.master_secret_arn,
        "backupVaultName": backups.vault.name,
        "trailArn": audit.trail.arn,
        "auditBucket": audit.bucket.bucket,
        "accessLogBucket": audit.access_log_bucket.bucket,
        "alarmTopicArn": monitoring.topic.arn,
        "keyArns": {name: key.arn for name, key in keys.keys.items()},
        # What a real `pulumi stack export` carries of the stack's role, for the gate and the pack.
        "pms-baseline:stackRole": s.stack_role,
    }
    if not s.is_test:
        # A sealed test environment has no internet path, so it has no internet-facing edge.
        edge = Edge("pms", EdgeArgs(
            vpc_id=network.vpc.id, public_subnet_ids=network.public_subnet_ids,
            app_security_group_id=network.app_security_group.id, certificate_arn=s.certificate_arn,
            waf_rate_limit=s.waf_rate_limit, log_key_arn=keys.audit_key.arn,
            log_retention_days=s.log_retention_days, environment=s.environment,
            access_log_bucket=audit.access_log_bucket.id, tags=tags,
        ))
        outputs.update(loadBalancerDns=edge.load_balancer.dns_name, targetGroupArn=edge.target_group.arn,
                       webAclArn=edge.web_acl.arn)
    return outputs
