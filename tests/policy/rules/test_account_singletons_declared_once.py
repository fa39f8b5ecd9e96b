import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.account.account_singletons_declared_once import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn


def detector(name, region="us-east-1"):
    return res(t.GUARDDUTY_DETECTOR, name, arn=f"arn:aws:guardduty:{region}:{ACCOUNT}:detector/{name}")


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([detector("east"), detector("west", "us-west-2")], [], id="pass-one-per-region"),
        pytest.param(
            [detector("east"), detector("again")],
            [
                Violation(
                    (
                        "Detector is declared 2 times in Region us-east-1 (east, again); AWS keeps "
                        "one per account and Region, so the second refuses or overwrites the "
                        "first; declare it once"
                    ),
                    urn("aws:guardduty/detector:Detector", "again"),
                ),
            ],
            id="fail-two-detectors",
        ),
        pytest.param(
            [res(t.IAM_ACCOUNT_PASSWORD_POLICY, "strict"), res(t.IAM_ACCOUNT_PASSWORD_POLICY, "lenient")],
            [
                Violation(
                    (
                        "AccountPasswordPolicy is declared 2 times in the account (strict, "
                        "lenient); AWS keeps one per account, so the second refuses or overwrites "
                        "the first; declare it once"
                    ),
                    urn("aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "lenient"),
                ),
            ],
            id="fail-two-password-policies",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
