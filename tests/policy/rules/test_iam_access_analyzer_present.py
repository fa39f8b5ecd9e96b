import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.iam.iam_access_analyzer_present import check as rule
from tests.policy.rules.builders import res


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([res(t.ACCESS_ANALYZER, "pms-analyzer", type="ACCOUNT")], [], id="pass-declared"),
        pytest.param(
            [],
            [
                Violation(
                    "the stack declares no IAM Access Analyzer, so resources shared outside the account go "
                    "unnoticed; use the AccountGuardrails component (164.308(a)(1)(ii)(D))"
                )
            ],
            id="fail-missing",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
