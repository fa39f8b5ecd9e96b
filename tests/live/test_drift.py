"""Drift scenarios: each changes the emulated account the way a person would (console or CLI) and asserts the
exact findings verify reports, and nothing else."""

import json

import moto
import pytest

from pms_baseline.emulate import simulate_root_access_key
from pms_baseline.preview import preview_function
from tests.live.baseline_program import program
from tests.live.conftest import REGION, Emulated

pytestmark = pytest.mark.moto

TRAIL = "pms-prod-audit"
BUCKET = "pms-prod-audit-123456789012"
DB = "pms-prod-db"
R = f"{REGION}: "


def test_stopped_logging(account):
    account.client("cloudtrail").stop_logging(Name=TRAIL)
    assert account.findings() == [
        (
            "cloudtrail-trail-logging-enabled",
            R + "trail pms-prod-audit: enableLogging is false, so the trail records nothing; use "
            "AuditTrail or set "
            "enable_logging=True (164.312(b))",
        )
    ]


def test_trail_made_single_region(account):
    account.client("cloudtrail").update_trail(Name=TRAIL, IsMultiRegionTrail=False)
    assert account.findings() == [
        (
            "cloudtrail-multi-region-trail-present",
            R + "trail pms-prod-audit: IsMultiRegionTrail is false and no logging trail covers every "
            "region; set "
            "is_multi_region_trail=True (164.312(b))",
        )
    ]


def test_log_file_validation_off(account):
    account.client("cloudtrail").update_trail(Name=TRAIL, EnableLogFileValidation=False)
    assert account.findings() == [
        (
            "cloudtrail-trail-log-file-validation-enabled",
            R + "trail pms-prod-audit: enableLogFileValidation is false; use AuditTrail or set "
            "enable_log_file_validation=True so tampering with delivered log files is detectable "
            "(164.312(c)(1))",
        )
    ]


def test_key_rotation_off(account):
    account.client("kms").disable_key_rotation(KeyId=account.resource("pms-phi-key").id)
    assert account.findings() == [
        (
            "kms-key-rotation-enabled",
            R + "key alias/pms-prod-phi: enableKeyRotation is false; use Keyring or set "
            "enable_key_rotation=True "
            "(164.312(a)(2)(iv))",
        )
    ]


def test_key_scheduled_for_deletion(account):
    key = account.resource("pms-phi-key").id
    got = account.client("kms").schedule_key_deletion(KeyId=key, PendingWindowInDays=30)
    when = got["DeletionDate"].date().isoformat()
    assert account.findings() == [
        (
            "kms-key-not-pending-deletion",
            R + f"key alias/pms-prod-phi: KeyState is PendingDeletion (deleted on {when}); run `aws kms "
            f"cancel-key-deletion --key-id {key}` and enable the key (164.312(a)(2)(iv))",
        )
    ]


def _public_read_statement():
    return {
        "Sid": "VendorRead",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{BUCKET}/*",
    }


PAB_OFF = (
    "s3-bucket-public-access-blocked",
    R + f"bucket {BUCKET}: has no public access block; block all four settings (164.312(a)(1))",
)


def test_bucket_made_public_by_policy(account):
    s3 = account.client("s3")
    # AWS refuses a public policy while the public access block is on (moto does not), so a person removes
    # the block first, as they would have to.
    s3.delete_public_access_block(Bucket=BUCKET)
    policy = json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])
    policy["Statement"].append(_public_read_statement())
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(policy))
    assert account.findings() == [
        (
            "s3-bucket-policy-not-public",
            R + f"bucket {BUCKET}: policy statement VendorRead allows s3:GetObject to Principal '*'; "
            "remove it or "
            "restrict it to named accounts (164.312(a)(1))",
        ),
        PAB_OFF,
    ]


def test_bucket_made_public_by_acl(account):
    s3 = account.client("s3")
    s3.delete_public_access_block(Bucket=BUCKET)
    s3.put_bucket_acl(Bucket=BUCKET, ACL="public-read")
    assert account.findings() == [
        (
            "s3-bucket-acl-not-public",
            R + f"bucket {BUCKET}: ACL grants READ to AllUsers; remove the grant and disable ACLs with "
            "BucketOwnerEnforced (164.312(a)(1))",
        ),
        PAB_OFF,
    ]


def test_bucket_public_access_block_removed(account):
    account.client("s3").delete_public_access_block(Bucket=BUCKET)
    assert account.findings() == [PAB_OFF]


def test_bucket_public_access_block_weakened(account):
    account.client("s3").put_public_access_block(
        Bucket=BUCKET,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False,
        },
    )
    assert account.findings() == [
        (
            "s3-bucket-public-access-blocked",
            R + f"bucket {BUCKET}: public access block has BlockPublicPolicy, RestrictPublicBuckets off; "
            "turn all "
            "four on (164.312(a)(1))",
        )
    ]


def test_account_public_access_block_removed(account):
    account.client("s3control").delete_public_access_block(AccountId="123456789012")
    assert account.findings() == [
        (
            "account-s3-public-access-blocked",
            "the account has no public access block; deploy AccountGuardrails (164.312(a)(1))",
        )
    ]


def test_default_encryption_removed(account):
    account.client("s3").delete_bucket_encryption(Bucket=BUCKET)
    assert account.findings() == [
        (
            "s3-bucket-kms-encrypted",
            R + f"bucket {BUCKET} has no server-side encryption configuration, so S3 falls back to SSE-S3; "
            "declare a BucketServerSideEncryptionConfiguration with sse_algorithm='aws:kms' and a "
            "customer-managed key (164.312(a)(2)(iv))",
        )
    ]


def test_tls_only_policy_removed(account):
    account.client("s3").delete_bucket_policy(Bucket=BUCKET)
    assert account.findings() == [
        (
            "s3-bucket-tls-only",
            R + f"bucket {BUCKET}: policy has no Deny of s3:* when aws:SecureTransport is false, so "
            "plain HTTP is "
            "accepted; add the TLS-only statement (164.312(e)(1))",
        )
    ]


def _set_default_retention(mode, days):
    """PutObjectLockConfiguration as AWS performs it on a bucket that holds objects.

    moto gap: moto refuses the call once the bucket has objects ("Bucket needs to be empty"); AWS accepts it
    (the default applies to new objects), which is exactly the drift verify must catch. So the test sets
    what AWS would store, in moto's bucket model.
    """
    from moto.s3.models import s3_backends

    bucket = s3_backends["123456789012"]["aws"].get_bucket(BUCKET)
    bucket.default_lock_mode, bucket.default_lock_days = mode, days


def test_object_lock_retention_shortened(account):
    _set_default_retention("COMPLIANCE", 30)
    assert account.findings() == [
        (
            "cloudtrail-bucket-object-lock-retention",
            R + f"audit bucket {BUCKET} of trail pms-prod-audit: default retention is 30 days, below the "
            "six-year "
            "floor of 2190; set it back (164.316(b)(2)(i))",
        )
    ]


def test_object_lock_switched_to_governance(account):
    _set_default_retention("GOVERNANCE", 2190)
    assert account.findings() == [
        (
            "cloudtrail-bucket-object-lock-enabled",
            R + f"audit bucket {BUCKET} of trail pms-prod-audit: Object Lock default retention mode is "
            "GOVERNANCE, "
            "not COMPLIANCE, so logs can be unlocked; use AuditTrail (164.312(c)(1))",
        )
    ]


def _modify_db(account, **kwargs):
    account.client("rds").modify_db_instance(DBInstanceIdentifier=DB, ApplyImmediately=True, **kwargs)


def test_database_made_public(account):
    _modify_db(account, PubliclyAccessible=True)
    assert account.findings() == [
        (
            "rds-instance-not-publicly-accessible",
            R + f"database {DB}: publiclyAccessible is true; use PhiDatabase or set "
            "publicly_accessible=False so the "
            "database is reachable only from the app tier (164.312(a)(1))",
        )
    ]


def test_database_backups_shortened(account):
    _modify_db(account, BackupRetentionPeriod=3)
    assert account.findings() == [
        (
            "rds-instance-backup-retention-minimum",
            R + f"database {DB}: backupRetentionPeriod is 3, below the minimum of 7 days; use "
            "PhiDatabase or set "
            "backup_retention_period=7 or more (164.308(a)(7)(ii)(A))",
        )
    ]


def test_database_deletion_protection_off(account):
    _modify_db(account, DeletionProtection=False)
    assert account.findings() == [
        (
            "rds-instance-deletion-protection-enabled",
            R + f"database {DB}: deletionProtection is false; use PhiDatabase or set "
            "deletion_protection=True so the "
            "PHI database cannot be destroyed by one command (164.312(c)(1))",
        )
    ]


def test_database_iam_authentication_off(account):
    _modify_db(account, EnableIAMDatabaseAuthentication=False)
    assert account.findings() == [
        (
            "rds-instance-iam-authentication-enabled",
            R + f"database {DB}: iamDatabaseAuthenticationEnabled is false; use PhiDatabase or set "
            "iam_database_authentication_enabled=True so each user authenticates with their own "
            "identity (164.312(d))",
        )
    ]


def test_unencrypted_snapshot_shared_publicly(account):
    rds = account.client("rds")
    rds.create_db_instance(
        DBInstanceIdentifier="scratch",
        Engine="postgres",
        DBInstanceClass="db.t3.micro",
        AllocatedStorage=20,
        MasterUsername="admin",
        MasterUserPassword="Scratch-password-1",
        StorageEncrypted=False,
        BackupRetentionPeriod=1,
    )
    rds.create_db_snapshot(DBSnapshotIdentifier="scratch-export", DBInstanceIdentifier="scratch")
    rds.delete_db_instance(DBInstanceIdentifier="scratch", SkipFinalSnapshot=True)
    rds.modify_db_snapshot_attribute(
        DBSnapshotIdentifier="scratch-export", AttributeName="restore", ValuesToAdd=["all"]
    )
    assert account.findings() == [
        (
            "rds-snapshot-encrypted",
            R + "snapshot scratch-export: encrypted is false; snapshot only instances with storage "
            "encrypted by the PHI "
            "data key, or copy the snapshot with kms_key_id set to a customer-managed key "
            "(164.312(a)(2)(iv))",
        ),
        (
            "rds-snapshot-not-public",
            R + "snapshot scratch-export: sharedAccounts includes 'all', which makes the snapshot "
            "restorable by any "
            "AWS account; remove it (164.312(a)(1))",
        ),
    ]


def test_ssh_opened_to_the_world(account):
    sg = account.resource("pms-app-sg")
    account.client("ec2").authorize_security_group_ingress(
        GroupId=sg.id,
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
        ],
    )
    name = sg.outputs["name"]
    assert account.findings() == [
        (
            "ec2-security-group-ingress-restricted",
            R + f"security group {name} ({sg.id}): ingress on port 22 is open to 0.0.0.0/0; remove the "
            "rule and allow "
            "only named security groups (164.312(a)(1))",
        )
    ]


def test_default_security_group_opened(account):
    sg = account.resource("pms-default-sg")
    account.client("ec2").authorize_security_group_ingress(
        GroupId=sg.id, IpPermissions=[{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": sg.id}]}]
    )
    vpc = account.resource("pms-vpc").id
    assert account.findings() == [
        (
            "ec2-default-security-group-closed",
            R + f"default security group {sg.id} of {vpc} has 1 ingress and 0 egress rules; remove them all "
            "(164.312(a)(1))",
        )
    ]


def test_route_from_data_subnet_to_internet_gateway(account):
    rt, igw, subnet = (account.resource(n).id for n in ("pms-data-rt", "pms-igw", "pms-data-a"))
    account.client("ec2").create_route(RouteTableId=rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    assert account.findings() == [
        (
            "ec2-data-subnet-no-internet-route",
            R + f"data subnet {subnet}: route table {rt} routes 0.0.0.0/0 to {igw}; delete the route, "
            "data subnets "
            "reach nothing outside the VPC (164.312(a)(1))",
        )
    ]


def test_subnet_auto_assigns_public_ips(account):
    subnet = account.resource("pms-data-a").id
    account.client("ec2").modify_subnet_attribute(SubnetId=subnet, MapPublicIpOnLaunch={"Value": True})
    assert account.findings() == [
        (
            "ec2-subnet-public-ip-on-launch-disabled",
            R + f"subnet {subnet}: mapPublicIpOnLaunch is true; use SegmentedNetwork or set "
            "map_public_ip_on_launch=False (164.312(a)(1))",
        )
    ]


def test_flow_logs_deleted(account):
    vpc = account.resource("pms-vpc").id
    account.client("ec2").delete_flow_logs(FlowLogIds=[account.resource("pms-flow-log").id])
    assert account.findings() == [
        (
            "ec2-vpc-flow-logs-enabled",
            R + f"VPC {vpc} has no active flow log, so its traffic is not recorded; deploy "
            "SegmentedNetwork's flow log "
            "(164.312(b))",
        )
    ]


@pytest.fixture(scope="module")
def test_environment_document():
    return preview_function(
        lambda: program(environment="test", cidr="10.20.0.0/16", prefix="pmstest"), stack="test"
    )


def test_peering_from_test_vpc_to_prod(baseline_document, test_environment_document):
    with moto.mock_aws():
        prod = Emulated(baseline_document)
        test = Emulated(test_environment_document)
        assert prod.findings() == []
        test_vpc, prod_vpc = test.resource("pmstest-vpc").id, prod.resource("pms-vpc").id
        pcx = prod.client("ec2").create_vpc_peering_connection(VpcId=test_vpc, PeerVpcId=prod_vpc)
        pid = pcx["VpcPeeringConnection"]["VpcPeeringConnectionId"]
        assert prod.findings() == [
            (
                "ec2-no-test-prod-vpc-peering",
                R + f"peering connection {pid} joins {test_vpc} (test) and {prod_vpc} (prod); delete it, "
                "a test "
                "environment has no path to production (164.308(a)(4)(ii)(A))",
            )
        ]


def test_password_policy_weakened(account):
    account.client("iam").update_account_password_policy(
        MinimumPasswordLength=8,
        PasswordReusePrevention=24,
        MaxPasswordAge=90,
        RequireSymbols=True,
        RequireNumbers=True,
        RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True,
    )
    assert account.findings() == [
        (
            "iam-password-policy-strong",
            "password policy: minimumPasswordLength is 8; set minimum_password_length=14 or more "
            "(164.308(a)(5)(ii)(D))",
        )
    ]


def test_password_policy_deleted(account):
    account.client("iam").delete_account_password_policy()
    assert account.findings() == [
        (
            "iam-password-policy-present",
            "the account has no IAM password policy, so AWS's weak default applies; deploy AccountGuardrails "
            "(164.308(a)(5)(ii)(D))",
        )
    ]


def test_root_access_key_created(account):
    simulate_root_access_key()
    assert account.findings() == [
        (
            "iam-root-access-key-absent",
            "AccountAccessKeysPresent is 1: the root user has an access key; delete it and use "
            "roles (164.312(a)(1))",
        )
    ]


def test_log_retention_shortened(account):
    account.client("logs").put_retention_policy(logGroupName="/pms/prod/cloudtrail", retentionInDays=30)
    assert account.findings() == [
        (
            "logs-log-group-retention-minimum",
            R + "log group /pms/prod/cloudtrail: retentionInDays is 30, below the floor of 365; set "
            "retention_in_days=365 or more (164.312(b))",
        )
    ]


def test_guardduty_disabled(account):
    det = account.resource("pms-detector").id
    account.client("guardduty").update_detector(DetectorId=det, Enable=False)
    assert account.findings() == [
        (
            "guardduty-detector-enabled",
            R + f"detector {det}: Status is DISABLED; enable it (164.308(a)(5)(ii)(B))",
        )
    ]


def test_state_drift_and_missing_resources(account):
    account.client("kms").disable_key_rotation(KeyId=account.resource("pms-phi-key").id)
    account.client("logs").delete_log_group(logGroupName="/pms/prod/vpc-flow-logs")
    account.client("s3").delete_public_access_block(Bucket=BUCKET)
    group = account.resource("pms-flow-logs")
    key = account.resource("pms-phi-key")
    drift = sorted(
        (f.rule, f.message, f.resource.urn)
        for f in account.verify(state=True).findings
        if f.rule.startswith("live-")
    )
    pab = account.resource("pms-audit-pab")
    assert drift == sorted(
        [
            (
                "live-resource-missing",
                "aws:cloudwatch/logGroup:LogGroup pms-flow-logs (/pms/prod/vpc-flow-logs) is in "
                "the state but not in "
                "the account",
                group.urn,
            ),
            (
                "live-setting-drift",
                "pms-phi-key: enableKeyRotation is False in the account, True in the state",
                key.urn,
            ),
        ]
        + [
            (
                "live-setting-drift",
                f"bucket {BUCKET}: {prop} is False in the account, True in the state",
                pab.urn,
            )
            for prop in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")
        ]
    )


def test_backup_vault_lock_removed(account):
    account.client("backup").delete_backup_vault_lock_configuration(BackupVaultName="pms-prod-vault")
    assert account.findings() == [
        (
            "backup-vault-lock-enabled",
            R
            + "backup vault pms-prod-vault: Locked is false, so recovery points can be deleted early; put a "
            "vault lock with min_retention_days=7 and changeable_for_days set (164.308(a)(7)(ii)(A))",
        )
    ]


def test_backup_plan_deleted(account):
    backup = account.client("backup")
    backup.delete_backup_plan(BackupPlanId=account.resource("pms-plan").id)
    assert account.findings() == [
        (
            "backup-plan-present",
            R + "no AWS Backup plan in the region, so databases pms-prod-db have only automated backups; "
            "deploy "
            "BackupVault (164.308(a)(7)(ii)(A))",
        )
    ]


def _sse_s3(s3, bucket):
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        },
    )


def test_default_encryption_switched_to_sse_s3(account):
    _sse_s3(account.client("s3"), BUCKET)
    assert account.findings() == [
        (
            "s3-bucket-kms-encrypted",
            R + f"bucket {BUCKET} sseAlgorithm is AES256; set sse_algorithm='aws:kms' with a "
            "customer-managed key (164.312(a)(2)(iv))",
        )
    ]


def test_load_balancer_log_bucket_may_use_sse_s3(account):
    s3 = account.client("s3")
    for name, role in (("pms-prod-alb-logs", "load-balancer-logs"), ("pms-prod-exports", "exports")):
        s3.create_bucket(Bucket=name)
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": "pms-role", "Value": role}]})
        _sse_s3(s3, name)
    encryption = [m for rule, m in account.findings() if rule == "s3-bucket-kms-encrypted"]
    assert encryption == [
        R + "bucket pms-prod-exports sseAlgorithm is AES256; set sse_algorithm='aws:kms' with a "
        "customer-managed key (164.312(a)(2)(iv))"
    ]
