"""EBS volumes read live: encryption with a customer-managed key under ebs-volume-encrypted, and drift against the
state. moto's KMS reports its AWS managed aws/ebs key as KeyManager CUSTOMER, so the AWS-managed case is answered
the way AWS does (a DescribeKey of KeyManager AWS, ebs_keys.py)."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.denials import denied, deny
from tests.live.ebs_keys import answer_aws_managed
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

RULE = "ebs-volume-encrypted"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def volume(account, encrypted=True, key="customer"):
    extra = {}
    if encrypted and key == "customer":
        extra["KmsKeyId"] = account.client("kms").create_key(Description="phi data")["KeyMetadata"]["Arn"]
    return account.client("ec2").create_volume(AvailabilityZone="us-east-1a", Size=20, VolumeType="gp3",
                                               Encrypted=encrypted, **extra)


def exercise(account):
    """One volume encrypted with a customer-managed key: verify lists it and describes its key
    (ec2:DescribeVolumes, kms:DescribeKey)."""
    return volume(account)


def volume_findings(account, v):
    return [f for f in findings(account, RULE) if f[0] == v["VolumeId"]]


def test_a_volume_encrypted_with_a_customer_managed_key_passes(account):
    v = volume(account)
    assert volume_findings(account, v) == []


def test_an_unencrypted_volume_is_a_finding(account):
    v = volume(account, encrypted=False)
    vid = v["VolumeId"]
    assert volume_findings(account, v) == [(
        vid, R + f"volume {vid}: encrypted is false; set encrypted=True with kms_key_id set to the PHI data key "
        "(164.312(a)(2)(iv))")]


def test_a_volume_encrypted_with_the_aws_managed_key_is_a_finding(account):
    v = volume(account, key="aws")
    answer_aws_managed(account.session, v["KmsKeyId"])
    vid = v["VolumeId"]
    assert volume_findings(account, v) == [(
        vid, R + f"volume {vid}: kmsKeyId is alias/aws/ebs, an AWS-managed key; set kms_key_id to the PHI data "
        "key (164.312(a)(2)(iv))")]


def test_an_unencrypted_volume_is_drift_from_an_encrypted_one(account):
    v = volume(account, encrypted=False)
    vid = v["VolumeId"]
    state = state_of(resource(t.EBS_VOLUME, "records", vid, encrypted=True, size=20, type="gp3",
                              availabilityZone="us-east-1a"))
    assert findings(account, "live-setting-drift", state) == [
        ("records", "records: encrypted is False in the account, True in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_volume_is_missing(account):
    state = state_of(resource(t.EBS_VOLUME, "records", "vol-0123456789abcdef0", encrypted=True))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["records"]


def test_a_volume_whose_key_cannot_be_described_is_not_judged(account):
    v = volume(account)
    deny(account.session, "kms", "DescribeKey")
    result = verify(session=account.session, regions=["us-east-1"])
    assert [f for f in result.findings if f.rule == RULE and f.resource.name == v["VolumeId"]] == []
    assert denied("kms:DescribeKey") in [f.message for f in result.findings if f.rule == "live-api-access-denied"]
