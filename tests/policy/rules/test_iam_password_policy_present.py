import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.iam.iam_password_policy_present import check as rule
from tests.policy.rules.builders import res


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [res(t.IAM_ACCOUNT_PASSWORD_POLICY, "pms-passwords", minimumPasswordLength=14)],
            [],
            id="pass-declared",
        ),
        pytest.param(
            [res(t.IAM_ROLE, "pms-role")],
            [
                Violation(
                    "the stack declares no IAM account password policy, so AWS's weak default applies; use "
                    "the AccountGuardrails component (164.308(a)(5)(ii)(D))"
                )
            ],
            id="fail-missing",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
