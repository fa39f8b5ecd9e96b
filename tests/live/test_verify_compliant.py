"""A compliant emulated account verifies clean, with and without its state, and the emulator reports gaps."""

import pytest

from pms_baseline.emulate import realize
from pms_baseline.state import parse_document
from pms_baseline_pack import tokens as t
from tests.live.baseline_program import declared

pytestmark = pytest.mark.moto


def test_baseline_program_realized_in_moto_has_no_findings_but_what_it_leaves_out(account):
    result = account.verify(state=True)
    assert declared(result.findings) == []
    assert sorted((f.rule, f.message) for f in result.findings) == [
        (
            "config-recorder-enabled",
            "us-east-1: AWS Config: the region has no AWS Config configuration recorder, so drift between deploys "
            "goes unrecorded; use the Monitoring component (164.308(a)(1)(ii)(D))",
        ),
        (
            "config-recorder-enabled",
            "us-east-1: AWS Config: the region has no AWS Config delivery channel, so the recorder cannot deliver; "
            "use the Monitoring component or declare a DeliveryChannel (164.308(a)(1)(ii)(D))",
        ),
        (
            "elb-load-balancer-access-logs-enabled",
            "us-east-1: load balancer pms-alb-317a3fb: accessLogs.enabled is false (bucket unset); use the Edge "
            "component or set access_logs with enabled=True and the log bucket (164.312(b))",
        ),
        (
            "s3-bucket-logging-enabled",
            "us-east-1: bucket pms-prod-audit-123456789012 has no server access logging, so reads of its objects "
            "leave no record outside CloudTrail; declare a BucketLogging with target_bucket set to the access-log "
            "bucket (164.312(b))",
        ),
    ]
    assert result.resources >= 30
    assert result.api_calls > 0


@pytest.mark.slow
def test_the_prod_stack_realized_in_moto_verifies_clean():
    """stacks/Pulumi.prod.yaml, previewed offline and deployed into an emulated account, passes verify with no
    finding at all, drift against its own state included."""
    import boto3
    import moto

    from pms_baseline.live.runner import state_regions, verify
    from tests.helpers import preview_document
    from tests.live import access_analyzer_answers, backup_answers
    from tests.live.artifact import answer_agreements
    from tests.live.organisation import enable_security_hub

    with moto.mock_aws():
        session = boto3.Session(region_name="us-east-1")
        answer_agreements(session)
        realized = realize(preview_document("prod"), session=session, region="us-east-1")
        assert sum(realized.created.values()) > 200
        state = parse_document(realized.document)
        enable_security_hub(session, ("us-east-1", *state_regions(state)))  # as the organisation does
        # What the stack declares and moto cannot create (backup selections, vault policies, analyzers).
        backup_answers.answer_declared(session, state)
        access_analyzer_answers.answer_declared(session, state)
        result = verify(session=session, regions=["us-east-1"], state=state)
    assert [(f.rule, f.resource.name, f.message) for f in result.findings] == []
    assert result.resources > 50 and result.api_calls > 50


def test_every_finding_of_an_empty_account_is_live_and_mandatory():
    import boto3
    import moto

    from pms_baseline.live.runner import verify
    from tests.live.access_analyzer_answers import answer_analyzers
    from tests.live.artifact import answer_agreements

    with moto.mock_aws():
        session = boto3.Session(region_name="us-east-1")
        answer_agreements(session, [])  # a new account has accepted no agreement in AWS Artifact
        answer_analyzers(session, [])  # nor created an IAM Access Analyzer analyzer (moto has none to list)
        result = verify(session=session, regions=["us-east-1"])
    assert sorted(f.rule for f in result.findings) == [
        "account-ebs-encryption-by-default-enabled",  # off,
        "account-ebs-encryption-by-default-enabled",  # and the default key is the AWS managed aws/ebs
        "account-s3-public-access-blocked",
        "baa-agreement-active",
        "cloudtrail-multi-region-trail-present",
        "config-recorder-enabled",
        "config-recorder-enabled",
        "guardduty-detector-enabled",
        "iam-access-analyzer-present",
        "iam-password-policy-present",
        "securityhub-enabled",
    ]
    trail = next(f for f in result.findings if f.rule == "cloudtrail-multi-region-trail-present")
    assert trail.source == "live"
    assert trail.enforcement == "mandatory"
    assert trail.citations == ("164.312(b)", "164.308(a)(1)(ii)(D)")
    assert trail.aws_config_rules == ("multi-region-cloudtrail-enabled", "cloudtrail-enabled")
    assert (
        trail.message
        == "no CloudTrail trail exists, so no API activity is recorded; deploy AuditTrail (164.312(b))"
    )


def test_deployed_state_carries_the_accounts_ids(account, baseline_document):
    vpc = account.resource("pms-vpc")
    previewed = next(r for r in baseline_document["deployment"]["resources"] if r["urn"] == vpc.urn)
    assert vpc.id != previewed["id"]
    assert account.client("ec2").describe_vpcs(VpcIds=[vpc.id])["Vpcs"][0]["CidrBlock"] == "10.10.0.0/16"
    db = account.client("rds").describe_db_instances(DBInstanceIdentifier="pms-prod-db")["DBInstances"][0]
    assert db["KmsKeyId"] == account.resource("pms-phi-key").outputs["arn"]


def test_finding_names_the_urn_the_state_declared(account):
    account.client("ec2").modify_subnet_attribute(
        SubnetId=account.resource("pms-data-a").id, MapPublicIpOnLaunch={"Value": True}
    )
    (finding,) = [f for f in account.verify().findings if f.rule == "ec2-subnet-public-ip-on-launch-disabled"]
    assert finding.resource.urn == account.resource("pms-data-a").urn
    assert finding.resource.type == t.SUBNET


def test_kinds_moto_cannot_emulate_are_reported(baseline_document):
    import copy

    import moto

    doc = copy.deepcopy(baseline_document)
    prefix = "::".join(doc["deployment"]["resources"][0]["urn"].split("::")[:2])
    doc["deployment"]["resources"] += [
        {
            "urn": f"{prefix}::aws:backup/selection:Selection::pms-extra-selection",
            "custom": True,
            "id": "sel-1",
            "type": t.BACKUP_SELECTION,
            "inputs": {"name": "db", "planId": "x", "iamRoleArn": "y"},
            "outputs": {},
        },
        {
            "urn": f"{prefix}::aws:ec2/vpnGateway:VpnGateway::pms-vgw",
            "custom": True,
            "id": "vgw-1",
            "type": t.VPN_GATEWAY,
            "inputs": {},
            "outputs": {},
        },
        {
            "urn": f"{prefix}::aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration::pms-waf-log",
            "custom": True,
            "id": "waf-log",
            "type": t.WAF_LOGGING,
            "inputs": {},
            "outputs": {},
        },
    ]
    with moto.mock_aws():
        result = realize(doc, region="us-east-1")
    # The baseline program's own analyzer, vault policy and selection first (moto has none of the three).
    assert result.skipped == [
        (t.ACCESS_ANALYZER, "pms-analyzer", "moto 5.2.5 does not implement access-analyzer:CreateAnalyzer"),
        (t.BACKUP_VAULT_POLICY, "pms-vault-policy", "moto 5.2.5 does not implement backup:PutBackupVaultAccessPolicy"),
        (t.BACKUP_SELECTION, "pms-selection", "moto 5.2.5 does not implement backup:CreateBackupSelection"),
        (t.BACKUP_SELECTION, "pms-extra-selection", "moto 5.2.5 does not implement backup:CreateBackupSelection"),
        (t.VPN_GATEWAY, "pms-vgw", "kind not emulated"),
        (t.WAF_LOGGING, "pms-waf-log", "the state records no resourceArn"),
    ]
    assert "6 resources not emulated:" in result.summary()


def test_locked_log_object_version_cannot_be_deleted(account):
    s3 = account.client("s3")
    bucket = "pms-prod-audit-123456789012"
    # moto gap: moto's requests are never TLS, so the TLS-only Deny would refuse this call on its own;
    # without the policy, only Object Lock stands between the caller and the log.
    s3.delete_bucket_policy(Bucket=bucket)
    (version,) = s3.list_object_versions(Bucket=bucket)["Versions"]
    head = s3.head_object(Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])
    assert head["ObjectLockMode"] == "COMPLIANCE"
    with pytest.raises(s3.exceptions.ClientError) as err:
        s3.delete_object(Bucket=bucket, Key=version["Key"], VersionId=version["VersionId"])
    assert err.value.response["Error"]["Code"] == "AccessDenied"
    assert s3.list_object_versions(Bucket=bucket)["Versions"][0]["VersionId"] == version["VersionId"]


@pytest.fixture(scope="module")
def prod_document(repo_root):
    from pms_baseline.preview import preview

    return preview(repo_root, "prod").document


def _gate_messages(document, rule_id):
    """The pre-deploy rule's verdict on the same document (the live check judges with the same rule)."""
    from pms_baseline.gate import stack_view
    from pms_baseline_pack.rules import by_id

    views = [stack_view(r) for r in parse_document(document).resources]
    return [v.message for v in by_id()[rule_id].run_stack(views)]


def test_prod_stack_realized_in_moto_has_no_mandatory_findings(prod_document, monkeypatch):
    import moto

    from tests.live.conftest import Emulated

    # The stack's roles attach AWS managed policies, which moto loads only when asked (0.7 s per account).
    monkeypatch.setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
    with moto.mock_aws():
        prod = Emulated(prod_document)
        result = prod.verify(state=True)
    # Verify adds nothing the pre-deploy pack does not already report on the same program: the only live
    # findings are the buckets the pack itself rejects (SSE-S3 log buckets without the exemption tag),
    # and none once the program and the pack agree.
    expected = [
        ("s3-bucket-kms-encrypted", f"us-east-1: {m}")
        for m in _gate_messages(prod_document, "s3-bucket-kms-encrypted")
    ]
    assert [(f.rule, f.message) for f in result.mandatory] == expected
    # Every kind the prod stack declares is emulated but those moto cannot create (named in the module doc).
    skipped = {kind for kind, _name, _why in prod.realized.skipped}
    assert skipped <= {t.BACKUP_SELECTION, t.BACKUP_VAULT_POLICY, t.ACCESS_ANALYZER}
    assert sum(prod.realized.created.values()) >= 200


def test_each_region_is_collected_and_judged(account):
    from pms_baseline.live.runner import verify
    from tests.live.organisation import enable_security_hub

    enable_security_hub(account.session, ("eu-west-1",))
    result = verify(session=account.session, regions=["us-east-1", "eu-west-1"], state=account.state)
    assert declared(result.findings) == [
        (
            "account-ebs-encryption-by-default-enabled",
            "eu-west-1: EBS encryption by default has enabled false; set enabled=True (164.312(a)(2)(iv))",
        ),
        (
            "account-ebs-encryption-by-default-enabled",
            "eu-west-1: EBS default KMS key keyArn is alias/aws/ebs, not a customer-managed key; set key_arn to the "
            "PHI key's ARN (164.312(a)(2)(iv))",
        ),
        (
            "guardduty-detector-enabled",
            "eu-west-1: no GuardDuty detector, so nothing watches for malicious activity; deploy Monitoring "
            "or run `aws guardduty create-detector --enable` (164.308(a)(5)(ii)(B))",
        )
    ]
    assert result.calls.count("ec2:DescribeVpcs") == 2
    assert result.calls.count("iam:GetAccountSummary") == 1
