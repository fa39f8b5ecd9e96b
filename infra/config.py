"""Typed, validated stack settings.

Every key under the ``pms-baseline`` namespace is declared here with its type and, where HIPAA sets one, its
floor. ``parse_settings`` turns the raw config map into a ``Settings`` or raises ``ConfigError`` naming the key,
the value found and the bound it breaks, before any resource is declared. Whose floors apply follows the stack,
not what it declares about itself: the first word of its name binds its environment (``named_environment``),
which the ``environment`` setting may only make stricter, and an environment tag it declares must agree.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

PROJECT = "pms-baseline"
ENVIRONMENTS = ("prod", "staging", "test")
"""From the strictest floors to the loosest."""

# The first word of a stack's name (split at - _ .; after the last / of org/project/stack) that says which
# environment it is. The floors follow the stack, not what it declares about itself: `environment` may be as strict
# as the name says or stricter, never looser, so a stack named prod (or prod-eu, production.us) cannot declare
# itself staging to get staging's floors. Only the first word: a test stack may be called peered-with-prod.
ENVIRONMENT_WORDS = {
    "prod": "prod", "production": "prod", "prd": "prod",
    "staging": "staging", "stage": "staging", "stg": "staging",
    "test": "test",
}

# CloudWatch Logs accepts only these retention periods (days).
LOG_RETENTION_VALUES = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
)

# Floors per environment. 164.308(a)(7)(ii)(A) backup plan; 164.312(b) audit; 164.316(b)(2)(i) six years.
FLOORS: dict[str, dict[str, int]] = {
    "backupRetentionDays": {"prod": 35, "staging": 7, "test": 7},
    "flowLogRetentionDays": {"prod": 365, "staging": 90, "test": 30},
    "logRetentionDays": {"prod": 365, "staging": 90, "test": 30},
    "auditRetentionDays": {"prod": 2190, "staging": 365, "test": 30},
    "backupMonthlyRetentionDays": {"prod": 2190, "staging": 365, "test": 30},
    "azCount": {"prod": 3, "staging": 2, "test": 2},
}

# Caps per environment on settings that loosen when raised. 164.308(a)(5)(ii)(C), 164.312(a)(1): the WAF's
# rate-based rule is the portal's brute-force control; above 10,000 requests per five minutes (about 33 a second,
# sustained) from one address it no longer slows a credential-stuffing client (WAF itself accepts up to 2e9).
CAPS: dict[str, dict[str, int]] = {
    "wafRateLimit": {"prod": 10_000, "staging": 10_000, "test": 10_000},
}

# A VPC block is private (RFC 1918), never link-local, and clear of the range AWS services use themselves:
# https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html ("Some AWS services use the
# 172.17.0.0/16 CIDR range. To avoid future conflicts, don't use this range when creating your VPC").
RFC1918 = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
LINK_LOCAL = ipaddress.ip_network("169.254.0.0/16")
AWS_RESERVED = {ipaddress.ip_network("172.17.0.0/16"): "AWS services (Cloud9, SageMaker) use"}

PLACEHOLDER = re.compile(r"REPLACE[-_]?ME|CHANGE[-_]?ME|PLACEHOLDER", re.IGNORECASE)
ACCOUNT_ID = re.compile(r"^\d{12}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ACM_ARN = re.compile(r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[A-Za-z0-9-]+$")
REGION = re.compile(r"^[a-z]{2}(-gov)?-[a-z]+-\d$")

# Account singletons an AWS Organizations or Control Tower landing zone may already have created in the account:
# "create" declares them (today's behaviour), "adopt" leaves the existing one in charge (see README, organisation-
# managed accounts). GuardDuty allows one detector per account and region, AWS Config one recorder and one
# delivery channel per account and region:
# https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html
# https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html
SINGLETON_MODES = ("create", "adopt")
REGIONAL_SINGLETONS = ("guardDuty", "configRecorder", "accessAnalyzer")


class ConfigError(ValueError):
    """A stack setting is missing, unknown, of the wrong type or below its compliance floor."""


@dataclass(frozen=True)
class Settings:
    """The validated settings of one stack."""

    stack: str
    """The stack name (prod, staging, test, or a user's own)."""
    environment: str
    """Which kind of environment this is: prod, staging or test; floors and isolation depend on it. At least as
    strict as the stack's name says (``named_environment``)."""
    region: str
    """The AWS region (from ``aws:region``)."""
    account_id: str
    """The 12-digit AWS account the stack deploys into."""
    vpc_cidr: str
    """The VPC's IPv4 block; it must not overlap any other stack's."""
    availability_zones: tuple[str, ...]
    """The availability zones the subnets span (at least two; three in prod)."""
    backup_retention_days: int = 35
    """RDS automated backup retention and the daily backup rule's retention (floor: 35 prod, 7 elsewhere)."""
    backup_monthly_retention_days: int = 2190
    """Retention of the monthly backup rule (floor: six years in prod)."""
    flow_log_retention_days: int = 365
    """Retention of VPC flow logs in CloudWatch Logs (floor: one year in prod)."""
    log_retention_days: int = 365
    """Retention of database and other service logs in CloudWatch Logs."""
    audit_retention_days: int = 2190
    """Object Lock default retention of the audit trail's bucket (floor: six years in prod)."""
    db_instance_class: str = "db.t4g.medium"
    """The PHI database's instance class."""
    db_allocated_storage: int = 100
    """The PHI database's storage in GiB."""
    db_engine_version: str = "16"
    """The PostgreSQL major (or major.minor) version."""
    db_name: str = "pms"
    """The initial database name."""
    multi_az: bool = True
    """Run the PHI database Multi-AZ (always on in prod)."""
    alarm_email: str = ""
    """Where security alarms are sent."""
    certificate_arn: str = ""
    """ACM certificate for the load balancer's HTTPS listener."""
    backup_copy_region: str = ""
    """A second region that receives copies of every backup (required in prod)."""
    production_identifiers: tuple[str, ...] = ()
    """Production account ids, key ARNs, VPC ids and snapshot ids that a test stack must never name."""
    db_snapshot_identifier: str = ""
    """A snapshot to restore the database from; refused for test environments."""
    peer_vpc_id: str = ""
    """A VPC to peer with; refused for test environments."""
    enable_config_rules: bool = True
    """Deploy the AWS Config recorder and the HIPAA managed rules."""
    waf_rate_limit: int = 2000
    """Requests per five minutes per client IP before the WAF blocks it."""
    extra_regions: tuple[str, ...] = ()
    """Regions beyond aws:region and backupCopyRegion where the regional account settings (EBS encryption by
    default, GuardDuty, the AWS Config recorder, IAM Access Analyzer) are applied too."""
    guard_duty: Mapping[str, str] = field(default_factory=lambda: {"*": "create"})
    """Per region, "create" the GuardDuty detector or "adopt" the one the organisation already runs ("*" is every
    region not named)."""
    config_recorder: Mapping[str, str] = field(default_factory=lambda: {"*": "create"})
    """Per region, "create" the AWS Config recorder and delivery channel or "adopt" the organisation's."""
    access_analyzer: Mapping[str, str] = field(default_factory=lambda: {"*": "create"})
    """Per region, "create" the account's IAM Access Analyzer or "adopt" the one that exists."""
    autoscaling_service_linked_role: str = "create"
    """"create" AWSServiceRoleForAutoScaling (the EBS key policy names it, so it must exist first) or "adopt" it
    when the account already has it."""
    tags: dict[str, str] = field(default_factory=dict)
    """Extra tags for every resource (the baseline's own tags win)."""
    stack_role: str = "standalone"
    """The stack's role for the gate and the pack (``pms-baseline:stackRole``, exported as the stack output of that
    name): ``standalone`` (the account's settings and the PMS in one stack) or ``account-baseline`` (workload stacks
    build on it). Never ``workload``: this stack declares the account's settings, which a workload skips."""

    @property
    def is_prod(self) -> bool:
        return self.environment == "prod"

    @property
    def is_test(self) -> bool:
        return self.environment == "test"

    @property
    def regions(self) -> tuple[str, ...]:
        """Every region the stack applies the regional account settings in: home first, then the backup copy
        region, then extraRegions."""
        found = [self.region, self.backup_copy_region, *self.extra_regions]
        return tuple(dict.fromkeys(r for r in found if r))

    def singleton_mode(self, key: str, region: str) -> str:
        """"create" or "adopt" for regional singleton ``key`` (guardDuty, configRecorder, accessAnalyzer)."""
        modes = getattr(self, _KEYS[key][0])
        return modes.get(region, modes.get("*", "create"))


# key -> (field name, kind). Kinds: str, int, bool, list, map, mode (create/adopt, or a map of region to it).
_KEYS: dict[str, tuple[str, str]] = {
    "environment": ("environment", "str"),
    "accountId": ("account_id", "str"),
    "vpcCidr": ("vpc_cidr", "str"),
    "availabilityZones": ("availability_zones", "list"),
    "backupRetentionDays": ("backup_retention_days", "int"),
    "backupMonthlyRetentionDays": ("backup_monthly_retention_days", "int"),
    "flowLogRetentionDays": ("flow_log_retention_days", "int"),
    "logRetentionDays": ("log_retention_days", "int"),
    "auditRetentionDays": ("audit_retention_days", "int"),
    "dbInstanceClass": ("db_instance_class", "str"),
    "dbAllocatedStorage": ("db_allocated_storage", "int"),
    "dbEngineVersion": ("db_engine_version", "str"),
    "dbName": ("db_name", "str"),
    "multiAz": ("multi_az", "bool"),
    "alarmEmail": ("alarm_email", "str"),
    "certificateArn": ("certificate_arn", "str"),
    "backupCopyRegion": ("backup_copy_region", "str"),
    "productionIdentifiers": ("production_identifiers", "list"),
    "dbSnapshotIdentifier": ("db_snapshot_identifier", "str"),
    "peerVpcId": ("peer_vpc_id", "str"),
    "enableConfigRules": ("enable_config_rules", "bool"),
    "wafRateLimit": ("waf_rate_limit", "int"),
    "extraRegions": ("extra_regions", "list"),
    "guardDuty": ("guard_duty", "mode"),
    "configRecorder": ("config_recorder", "mode"),
    "accessAnalyzer": ("access_analyzer", "mode"),
    "autoScalingServiceLinkedRole": ("autoscaling_service_linked_role", "str"),
    "tags": ("tags", "map"),
    "stackRole": ("stack_role", "str"),
}
BASELINE_ROLES = ("standalone", "account-baseline")
REQUIRED = ("environment", "accountId", "vpcCidr", "availabilityZones")
KNOWN_KEYS = tuple(_KEYS)


def _coerce(key: str, raw: Any, kind: str) -> Any:
    """Config values arrive as strings (objects as JSON text); turn one into its declared type."""
    full = f"{PROJECT}:{key}"
    if kind == "mode":
        return _mode(full, raw)
    if kind == "str":
        if not isinstance(raw, str):
            raise ConfigError(f"{full} must be a string, got {json.dumps(raw)}")
        return raw
    if kind == "int":
        if isinstance(raw, bool):
            raise ConfigError(f"{full}={raw} is not a whole number")
        if isinstance(raw, int):
            return raw
        if isinstance(raw, str) and re.fullmatch(r"-?\d+", raw.strip()):
            return int(raw)
        raise ConfigError(f"{full}={raw} is not a whole number")
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        raise ConfigError(f"{full}={raw} is not true or false")
    value = raw
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            raise ConfigError(f"{full} is not valid JSON: {raw!r}") from None
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{full} must be a list of strings, got {json.dumps(value)}")
        return tuple(value)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"{full} must be a map of strings, got {json.dumps(value)}")
    return dict(value)


def _mode(full: str, raw: Any) -> dict[str, str]:
    """A singleton's mode: "create" or "adopt" for every region, or a map of region to mode ("*" for the rest)."""
    if isinstance(raw, str) and raw in SINGLETON_MODES:
        return {"*": raw}
    value = raw
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
    if not isinstance(value, dict):
        raise ConfigError(
            f"{full}={raw} is not create, adopt, or a map of region to create/adopt"
        )
    for region, mode in value.items():
        if mode not in SINGLETON_MODES:
            raise ConfigError(f"{full}.{region}={mode} is not one of {', '.join(SINGLETON_MODES)}")
    return {"*": "create", **value}


def _check_floor(key: str, value: int, environment: str) -> None:
    floor = FLOORS[key][environment]
    if value < floor:
        raise ConfigError(f"{PROJECT}:{key}={value} is below the {environment} floor of {floor}")


def _check_cap(key: str, value: int, environment: str) -> None:
    cap = CAPS[key][environment]
    if value > cap:
        raise ConfigError(f"{PROJECT}:{key}={value} is above the {environment} cap of {cap}")


def named_environment(stack: str) -> str | None:
    """The environment the first word of a stack's name says it is (``ENVIRONMENT_WORDS``), or None."""
    return ENVIRONMENT_WORDS.get(re.split(r"[-_.]", stack.rsplit("/", 1)[-1].lower())[0])


def _check_bound_environment(env: str, stack: str) -> None:
    """``env`` is as strict as the stack's name says, or stricter."""
    bound = named_environment(stack)
    if bound and ENVIRONMENTS.index(env) > ENVIRONMENTS.index(bound):
        allowed = " or ".join(ENVIRONMENTS[: ENVIRONMENTS.index(bound) + 1])
        raise ConfigError(
            f"{PROJECT}:environment={env} is refused: stack '{stack}' is a {bound} stack by its name, so it gets "
            f"{bound}'s floors; environment may be {allowed}"
        )


def _declared_environment_tags(s: Settings, default_tags: Any) -> None:
    """Every environment tag the stack declares (its tags, the AWS provider's defaultTags) is its environment."""
    tagged = [(f"{PROJECT}:tags.environment", s.tags.get("environment"))]
    if isinstance(default_tags, str):
        try:
            default_tags = json.loads(default_tags)
        except json.JSONDecodeError:
            default_tags = None
    inner = default_tags.get("tags") if isinstance(default_tags, dict) else None
    if isinstance(inner, dict):
        tagged.append(("aws:defaultTags.tags.environment", inner.get("environment")))
    for key, value in tagged:
        if value is not None and value != s.environment:
            raise ConfigError(
                f"{key}={value} is refused: a {s.environment} stack is tagged environment={s.environment}"
            )


def _check_log_retention(key: str, value: int) -> None:
    if value not in LOG_RETENTION_VALUES:
        allowed = ", ".join(str(v) for v in LOG_RETENTION_VALUES)
        raise ConfigError(f"{PROJECT}:{key}={value} is not a CloudWatch Logs retention period ({allowed})")


def is_placeholder(value: str) -> bool:
    """A value a user must replace before a real deployment (marked REPLACE-ME or similar in the stack file)."""
    return bool(PLACEHOLDER.search(value))


def parse_settings(config: Mapping[str, Any], stack: str, dry_run: bool = True) -> Settings:
    """Validate a stack's raw config map (keys with or without the ``pms-baseline:`` prefix).

    ``aws:region`` is read from the same map. ``dry_run`` is False for a real deployment: only then are
    placeholder values (which a preview can carry) refused, because only then would AWS reject them.
    """
    ours: dict[str, Any] = {}
    region = default_tags = None
    for full_key, raw in config.items():
        namespace, _, key = full_key.rpartition(":")
        if namespace in ("", PROJECT):
            if key not in _KEYS:
                known = ", ".join(KNOWN_KEYS)
                raise ConfigError(f"{PROJECT}:{key} is not a known setting (known: {known})")
            ours[key] = raw
        elif namespace == "aws" and key == "region":
            region = raw
        elif namespace == "aws" and key == "defaultTags":
            default_tags = raw
    for key in REQUIRED:
        if key not in ours:
            raise ConfigError(f"{PROJECT}:{key} is required and missing from stack '{stack}'")
    if not region:
        raise ConfigError(f"aws:region is required and missing from stack '{stack}'")
    if not REGION.match(str(region)):
        raise ConfigError(f"aws:region={region} is not an AWS region name")

    values = {_KEYS[key][0]: _coerce(key, raw, _KEYS[key][1]) for key, raw in ours.items()}
    env = values["environment"]
    if env not in ENVIRONMENTS:
        raise ConfigError(f"{PROJECT}:environment={env} is not one of {', '.join(ENVIRONMENTS)}")
    _check_bound_environment(env, stack)
    settings = Settings(stack=stack, region=str(region), **values)
    _declared_environment_tags(settings, default_tags)
    _validate(settings, dry_run)
    return settings


def _validate(s: Settings, dry_run: bool) -> None:
    env = s.environment
    if not ACCOUNT_ID.match(s.account_id):
        raise ConfigError(f"{PROJECT}:accountId={s.account_id} is not a 12-digit AWS account id")
    _validate_vpc_cidr(s.vpc_cidr)

    zones = s.availability_zones
    if len(set(zones)) != len(zones):
        raise ConfigError(f"{PROJECT}:availabilityZones lists a zone twice: {', '.join(zones)}")
    floor = FLOORS["azCount"][env]
    if len(zones) < floor:
        raise ConfigError(
            f"{PROJECT}:availabilityZones has {len(zones)} zones, below the {env} floor of {floor}"
        )
    for zone in zones:
        # The form only: which letters a region has (and which an account sees) is not published offline.
        if not re.fullmatch(re.escape(s.region) + "[a-z]", zone):
            raise ConfigError(
                f"{PROJECT}:availabilityZones={zone} is not in aws:region {s.region}: an availability zone's name "
                f"is the region's and one letter, e.g. {s.region}a"
            )

    for key in ("backupRetentionDays", "backupMonthlyRetentionDays", "flowLogRetentionDays",
                "logRetentionDays", "auditRetentionDays"):
        _check_floor(key, getattr(s, _KEYS[key][0]), env)
    for key in ("flowLogRetentionDays", "logRetentionDays"):
        _check_log_retention(key, getattr(s, _KEYS[key][0]))
    if s.backup_retention_days > 35:
        # 164.308(a)(7)(ii)(A): RDS keeps automated backups for at most 35 days; longer is the vault's job.
        raise ConfigError(
            f"{PROJECT}:backupRetentionDays={s.backup_retention_days} is above RDS's maximum of 35; "
            "use backupMonthlyRetentionDays for longer retention"
        )
    if s.db_allocated_storage < 20:
        raise ConfigError(f"{PROJECT}:dbAllocatedStorage={s.db_allocated_storage} is below RDS's minimum of 20")
    if s.waf_rate_limit < 100:
        raise ConfigError(f"{PROJECT}:wafRateLimit={s.waf_rate_limit} is below WAF's minimum of 100")
    _check_cap("wafRateLimit", s.waf_rate_limit, env)
    if s.is_prod and not s.multi_az:
        raise ConfigError(f"{PROJECT}:multiAz=false is not allowed in prod (164.308(a)(7)(ii)(B))")
    if s.is_prod and not s.enable_config_rules:
        raise ConfigError(f"{PROJECT}:enableConfigRules=false is not allowed in prod (164.308(a)(8))")
    if s.alarm_email and not EMAIL.match(s.alarm_email):
        raise ConfigError(f"{PROJECT}:alarmEmail={s.alarm_email} is not an email address")
    if s.certificate_arn and not is_placeholder(s.certificate_arn) and not ACM_ARN.match(s.certificate_arn):
        raise ConfigError(f"{PROJECT}:certificateArn={s.certificate_arn} is not an ACM certificate ARN")
    if s.is_prod:
        if not s.backup_copy_region:
            raise ConfigError(f"{PROJECT}:backupCopyRegion is required in prod (164.308(a)(7)(ii)(B))")
        if not s.alarm_email:
            raise ConfigError(f"{PROJECT}:alarmEmail is required in prod (164.308(a)(1)(ii)(D))")
    if s.backup_copy_region:
        if not REGION.match(s.backup_copy_region):
            raise ConfigError(f"{PROJECT}:backupCopyRegion={s.backup_copy_region} is not an AWS region name")
        if s.backup_copy_region == s.region:
            raise ConfigError(
                f"{PROJECT}:backupCopyRegion={s.backup_copy_region} must differ from aws:region {s.region}"
            )
    _validate_regions(s)
    if s.stack_role not in BASELINE_ROLES:
        raise ConfigError(f"{PROJECT}:stackRole={s.stack_role} is not one of {', '.join(BASELINE_ROLES)}: this "
                          "stack declares the account's settings, so it is never a workload (pms_baseline.roles)")
    if s.is_test:
        _validate_sealed(s)
    if not dry_run:
        for key, (name, kind) in _KEYS.items():
            value = getattr(s, name)
            if kind == "str" and value and is_placeholder(value):
                raise ConfigError(
                    f"{PROJECT}:{key}={value} is a placeholder; set a real value before deploying"
                )


def _validate_vpc_cidr(cidr: str) -> None:
    """A private IPv4 block of /16 to /20, not link-local and clear of the ranges AWS uses."""
    try:
        net = ipaddress.ip_network(cidr)
    except ValueError:
        raise ConfigError(f"{PROJECT}:vpcCidr={cidr} is not a CIDR block") from None
    if net.version != 4 or not 16 <= net.prefixlen <= 20:
        raise ConfigError(f"{PROJECT}:vpcCidr={cidr} must be an IPv4 block from /16 to /20")
    if net.overlaps(LINK_LOCAL):
        raise ConfigError(
            f"{PROJECT}:vpcCidr={cidr} is link-local ({LINK_LOCAL}), where AWS serves instance metadata and DNS; "
            "use a private (RFC 1918) range"
        )
    if not any(net.subnet_of(block) for block in RFC1918):
        raise ConfigError(f"{PROJECT}:vpcCidr={cidr} is not a private (RFC 1918) range")
    for reserved, why in AWS_RESERVED.items():
        if net.overlaps(reserved):
            raise ConfigError(f"{PROJECT}:vpcCidr={cidr} overlaps {reserved}, which {why}; choose another range")


def _validate_regions(s: Settings) -> None:
    """extraRegions are region names the stack does not already cover; mode maps name only the stack's regions."""
    for region in s.extra_regions:
        if not REGION.match(region):
            raise ConfigError(f"{PROJECT}:extraRegions={region} is not an AWS region name")
        if region in (s.region, s.backup_copy_region):
            raise ConfigError(
                f"{PROJECT}:extraRegions={region} is already covered (aws:region or backupCopyRegion)"
            )
    if len(set(s.extra_regions)) != len(s.extra_regions):
        raise ConfigError(f"{PROJECT}:extraRegions lists a region twice: {', '.join(s.extra_regions)}")
    for key in REGIONAL_SINGLETONS:
        for region in getattr(s, _KEYS[key][0]):
            if region != "*" and region not in s.regions:
                raise ConfigError(
                    f"{PROJECT}:{key}.{region} names a region the stack does not use ({', '.join(s.regions)})"
                )
    if s.autoscaling_service_linked_role not in SINGLETON_MODES:
        raise ConfigError(
            f"{PROJECT}:autoScalingServiceLinkedRole={s.autoscaling_service_linked_role} is not one of "
            f"{', '.join(SINGLETON_MODES)}"
        )


def _validate_sealed(s: Settings) -> None:
    """A test environment holds synthetic data only and has no path to production (164.308(a)(4)(ii)(A))."""
    if s.db_snapshot_identifier:
        raise ConfigError(
            f"{PROJECT}:dbSnapshotIdentifier={s.db_snapshot_identifier} is refused: a test environment's "
            "database is created empty or from synthetic seed data, never restored from a snapshot"
        )
    if s.peer_vpc_id:
        raise ConfigError(
            f"{PROJECT}:peerVpcId={s.peer_vpc_id} is refused: a test environment has no peering connection"
        )
    for key, (name, _kind) in _KEYS.items():
        if key == "productionIdentifiers":
            continue
        value = getattr(s, name)
        texts = list(value.values()) if isinstance(value, dict) else (
            list(value) if isinstance(value, tuple) else [str(value)]
        )
        for text in texts:
            for ident in s.production_identifiers:
                if ident and ident in text:
                    raise ConfigError(
                        f"{PROJECT}:{key}={text} names production identifier {ident}; a test stack must not "
                        "reference production accounts, keys, snapshots or VPCs"
                    )
    net = ipaddress.ip_network(s.vpc_cidr)
    for ident in s.production_identifiers:
        try:
            theirs = ipaddress.ip_network(ident, strict=False)
        except ValueError:
            continue
        if theirs.version == 4 and net.overlaps(theirs):
            raise ConfigError(
                f"{PROJECT}:vpcCidr={s.vpc_cidr} overlaps production's range {ident} (productionIdentifiers); a "
                "sealed test VPC shares no address with production"
            )


def load_settings() -> Settings:
    """Read and validate the current Pulumi stack's settings; raise ConfigError before any resource exists."""
    import pulumi
    from pulumi.runtime.config import CONFIG

    return parse_settings(dict(CONFIG.get()), pulumi.get_stack(), dry_run=pulumi.runtime.is_dry_run())
