"""SealedTestEnvironment: a test environment with no network, data or key path to production."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pulumi
import pulumi_aws as aws

from pms_baseline_infra.components.database import PhiDatabase, PhiDatabaseArgs
from pms_baseline_infra.components.network import SegmentedNetwork, SegmentedNetworkArgs

if TYPE_CHECKING:
    from pms_baseline_infra.components.keyring import Keyring
    from pms_baseline_infra.config import Settings

_ACCOUNT_ID = re.compile(r"^\d{12}$")


@dataclass
class SealedTestEnvironmentArgs:
    """Inputs of a SealedTestEnvironment."""

    settings: Settings
    """The test stack's validated settings (environment must be ``test``)."""
    keyring: Keyring
    """The test account's keys."""
    boundary: aws.iam.Policy
    """The permissions boundary (``permissions_boundary``), declared before any role of the stack."""
    tags: dict[str, str] = field(default_factory=dict)
    """Tags for every resource."""


def refuse_production_paths(s: Settings) -> None:
    """Raise ValueError, naming the problem, if ``s`` is not a sealed test stack."""
    if s.environment != "test":
        raise ValueError(
            f"environment is {s.environment!r}; a SealedTestEnvironment is only for 'test' stacks"
        )
    # 164.308(a)(4)(ii)(A), 164.514(b): PHI from production never reaches a test environment.
    if s.db_snapshot_identifier:
        raise ValueError(
            f"dbSnapshotIdentifier is {s.db_snapshot_identifier!r}; a test database is created empty with "
            "synthetic data, never restored from a snapshot"
        )
    # 164.312(a)(1): no network path to production.
    if s.peer_vpc_id:
        raise ValueError(f"peerVpcId is {s.peer_vpc_id!r}; a sealed test VPC is never peered")


def boundary_policy_name(stack: str) -> str:
    """The boundary policy's fixed IAM name: an operator finds it by name in every test account."""
    return f"pms-{stack}-boundary"


def permissions_boundary(s: Settings, tags: dict[str, str]) -> aws.iam.Policy:
    """The test stack's permissions boundary, declared before any role so every role can depend on it.

    IAM refuses CreateRole with a PermissionsBoundary that does not exist yet (NoSuchEntity), and the provider
    does not retry that error, so a role that names the boundary by an ARN string can race the policy on the first
    ``pulumi up``: a role takes the policy's ``arn`` output, which makes the engine create the policy first.
    https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html (PermissionsBoundary, NoSuchEntity)
    """
    # 164.308(a)(3)(ii)(A), 164.308(a)(4)(ii)(B): test roles cannot touch production.
    return aws.iam.Policy(
        "pms-test-boundary",
        name=boundary_policy_name(s.stack),
        description="Permissions boundary of every test role: no production access",
        policy=json.dumps(boundary_document(s.production_identifiers)),
        tags=tags,
    )


def bound_every_role(boundary: aws.iam.Policy) -> None:
    """164.308(a)(4)(ii)(A): every IAM role the test stack declares, in any component, carries the boundary that
    denies production and depends on it; a stack transformation reaches roles that components create internally."""

    def transform(args: pulumi.ResourceTransformationArgs):
        if args.type_ == "aws:iam/role:Role":
            opts = pulumi.ResourceOptions.merge(args.opts, pulumi.ResourceOptions(depends_on=[boundary]))
            return pulumi.ResourceTransformationResult(
                props={**args.props, "permissions_boundary": boundary.arn}, opts=opts
            )
        return None

    pulumi.runtime.register_stack_transformation(transform)


def boundary_document(production_identifiers: tuple[str, ...] | list[str]) -> dict:
    """The permissions boundary of every test role: deny anything tagged environment=prod and anything in, or
    named by, the production identifiers (account ids, ARNs, VPC and snapshot ids)."""
    statements: list[dict] = [
        {"Sid": "AllowWithinBoundary", "Effect": "Allow", "Action": "*", "Resource": "*"},
        {
            "Sid": "DenyProductionTaggedResources",
            "Effect": "Deny",
            "Action": "*",
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:ResourceTag/environment": "prod"}},
        },
    ]
    accounts = sorted(i for i in production_identifiers if _ACCOUNT_ID.match(i))
    resources: list[str] = []
    for ident in production_identifiers:
        if ident.startswith("arn:"):
            resources.append(ident)
        elif ident.startswith("vpc-"):
            resources.append(f"arn:aws:ec2:*:*:vpc/{ident}")
        elif ident.startswith(("snap-", "rds:")) or ident.startswith("snapshot"):
            resources.append(f"arn:aws:rds:*:*:snapshot:{ident}")
        # CIDR blocks are not resources; the sealed VPC's routing already excludes them.
    if accounts:
        statements.append(
            {
                "Sid": "DenyProductionAccounts",
                "Effect": "Deny",
                "Action": "*",
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:ResourceAccount": accounts}},
            }
        )
    if resources:
        statements.append(
            {
                "Sid": "DenyProductionResources",
                "Effect": "Deny",
                "Action": "*",
                "Resource": sorted(resources),
            }
        )
    return {"Version": "2012-10-17", "Statement": statements}


class SealedTestEnvironment(pulumi.ComponentResource):
    """A VPC with no internet gateway, NAT, peering, transit gateway or VPN, an empty database tagged
    data-classification=synthetic, and a permissions boundary that denies every action on production."""

    network: SegmentedNetwork
    database: PhiDatabase
    boundary: aws.iam.Policy

    def __init__(
        self, name: str, args: SealedTestEnvironmentArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        # Second guard: config validation refuses these too, but this component must never build them.
        refuse_production_paths(args.settings)
        super().__init__("pms:isolation:SealedTestEnvironment", name, None, opts)
        s, keys = args.settings, args.keyring
        child = pulumi.ResourceOptions(parent=self)
        tags = dict(args.tags)

        # 164.312(a)(1): no internet path at all (no public subnets, IGW or NAT); nothing peers with it.
        self.network = SegmentedNetwork(
            name,
            SegmentedNetworkArgs(
                cidr=s.vpc_cidr,
                availability_zones=s.availability_zones,
                region=s.region,
                environment=s.environment,
                flow_log_key_arn=keys.audit_key.arn,
                flow_log_retention_days=s.flow_log_retention_days,
                internet_access=False,
                tags=tags,
            ),
            opts=child,
        )
        # Created empty: PhiDatabaseArgs has no snapshot field, and none is ever passed.
        self.database = PhiDatabase(
            name,
            PhiDatabaseArgs(
                vpc_id=self.network.vpc.id,
                subnet_ids=self.network.data_subnet_ids,
                app_security_group_id=self.network.app_security_group.id,
                data_key_arn=keys.phi_key.arn,
                secrets_key_arn=keys.secrets_key.arn,
                log_key_arn=keys.audit_key.arn,
                environment=s.environment,
                backup_retention_days=s.backup_retention_days,
                log_retention_days=s.log_retention_days,
                instance_class=s.db_instance_class,
                allocated_storage=s.db_allocated_storage,
                engine_version=s.db_engine_version,
                db_name=s.db_name,
                multi_az=s.multi_az,
                data_classification="synthetic",
                tags=tags,
            ),
            opts=child,
        )
        self.boundary = args.boundary
        self.register_outputs({"boundaryArn": self.boundary.arn, "vpcId": self.network.vpc.id})
