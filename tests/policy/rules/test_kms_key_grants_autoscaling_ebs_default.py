import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.kms.kms_key_grants_autoscaling_ebs_default import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn
from tests.policy.rules.contract_builders import KEY_ARN, ROOT, allow, key

SLR = f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
DEFAULT = res(t.EBS_DEFAULT_KMS_KEY, "ebs-default", keyArn=KEY_ARN)
USE = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [
                DEFAULT,
                key(
                    allow({"AWS": SLR}, USE),
                    allow({"AWS": SLR}, "kms:CreateGrant", Bool={"kms:GrantIsForAWSResource": "true"}),
                ),
            ],
            [],
            id="pass-role-named",
        ),
        pytest.param(
            [DEFAULT, key(allow(ROOT, "kms:*"))],
            [
                Violation(
                    (
                        "EBS encryption by default uses key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let the "
                        "Auto Scaling service-linked role "
                        "arn:aws:iam::210987654321:role/aws-service-role/autoscaling.amazonaws.com/"
                        "AWSServiceRoleForAutoScaling "
                        "kms:Encrypt, kms:Decrypt, kms:ReEncryptFrom, kms:ReEncryptTo, "
                        "kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext, "
                        "kms:DescribeKey, kms:CreateGrant, so Auto Scaling groups cannot launch "
                        "instances with encrypted volumes; name that role in the key policy with "
                        "those actions (kms:CreateGrant with kms:GrantIsForAWSResource true)"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-account-only",
        ),
        pytest.param(
            [DEFAULT, key(allow({"AWS": SLR}, USE))],
            [
                Violation(
                    (
                        "EBS encryption by default uses key audit-key "
                        "(1234abcd-12ab-34cd-56ef-1234567890ab), whose policy does not let the "
                        "Auto Scaling service-linked role "
                        "arn:aws:iam::210987654321:role/aws-service-role/autoscaling.amazonaws.com/"
                        "AWSServiceRoleForAutoScaling "
                        "kms:CreateGrant, so Auto Scaling groups cannot launch instances with "
                        "encrypted volumes; name that role in the key policy with those actions "
                        "(kms:CreateGrant with kms:GrantIsForAWSResource true)"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-no-create-grant",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
