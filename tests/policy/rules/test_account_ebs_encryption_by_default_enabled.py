import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.account.account_ebs_encryption_by_default_enabled import check as rule
from tests.policy.rules.builders import KEY_ARN, res, urn

ON = res(t.EBS_ENCRYPTION_BY_DEFAULT, "pms-ebs-default", enabled=True)
KEY = res(t.EBS_DEFAULT_KMS_KEY, "pms-ebs-key", keyArn=KEY_ARN)
NO_KEY = Violation(
    "the stack declares no EBS default KMS key, so default encryption uses the AWS-managed aws/ebs key; "
    "declare a DefaultKmsKey with the PHI key's ARN (164.312(a)(2)(iv))"
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([ON, KEY], [], id="pass-on-with-cmk"),
        pytest.param(
            [res(t.EBS_ENCRYPTION_BY_DEFAULT, "pms-ebs-default"), KEY], [], id="pass-default-enabled"
        ),
        pytest.param(
            [KEY],
            [
                Violation(
                    "the stack declares no EBS encryption by default, so a new volume may be unencrypted; "
                    "use the AccountGuardrails component (164.312(a)(2)(iv))"
                )
            ],
            id="fail-missing",
        ),
        pytest.param(
            [res(t.EBS_ENCRYPTION_BY_DEFAULT, "pms-ebs-default", enabled=False), KEY],
            [
                Violation(
                    "EBS encryption by default has enabled false; set enabled=True (164.312(a)(2)(iv))",
                    urn(t.EBS_ENCRYPTION_BY_DEFAULT, "pms-ebs-default"),
                )
            ],
            id="fail-disabled",
        ),
        pytest.param([ON], [NO_KEY], id="fail-no-default-key"),
        pytest.param(
            [ON, res(t.EBS_DEFAULT_KMS_KEY, "pms-ebs-key", keyArn="alias/aws/ebs")],
            [
                Violation(
                    "EBS default KMS key keyArn is alias/aws/ebs, not a customer-managed key; set key_arn "
                    "to the PHI key's ARN (164.312(a)(2)(iv))",
                    urn(t.EBS_DEFAULT_KMS_KEY, "pms-ebs-key"),
                )
            ],
            id="fail-aws-managed-key",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
