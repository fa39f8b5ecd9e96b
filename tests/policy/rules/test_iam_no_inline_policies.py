import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.iam.iam_no_inline_policies import check as rule
from tests.policy.rules.builders import res, urn

DOC = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}]}'
ROLE = res(t.IAM_ROLE, "trail-logs", name="trail-logs-role", inlinePolicies=[{"name": "", "policy": ""}])
FIX = "write it as a managed policy (aws.iam.Policy) and attach it, so it can be reviewed and versioned"


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([ROLE, res(t.IAM_POLICY, "write", policy=DOC),
                      res(t.IAM_ROLE_POLICY_ATTACHMENT, "write", role="trail-logs-role")], [],
                     id="pass-managed-policy"),
        pytest.param([res(t.IAM_ROLE, "r", name="r")], [], id="pass-no-inline-block"),
        pytest.param([res(t.IAM_ROLE, "r", name="r", inlinePolicies=UNKNOWN)], [], id="pass-unknown"),
        pytest.param(
            [ROLE, res(t.IAM_ROLE_POLICY, "write", name="write", role="trail-logs-role", policy=DOC)],
            [(f"inline policy write is attached to role trail-logs-role; {FIX} (164.308(a)(4)(ii)(B))",
              urn(t.IAM_ROLE_POLICY, "write"))],
            id="fail-role-policy",
        ),
        pytest.param(
            [res(t.IAM_USER_POLICY, "u", user=UNKNOWN, policy=DOC)],
            [(f"inline policy u is attached to user [unknown]; {FIX} (164.308(a)(4)(ii)(B))",
              urn(t.IAM_USER_POLICY, "u"))],
            id="fail-user-policy",
        ),
        pytest.param(
            [res(t.IAM_ROLE, "r", name="r", inlinePolicies=[{"name": "write", "policy": DOC}])],
            [(f"role r declares inlinePolicies write; {FIX} (164.308(a)(4)(ii)(B))", urn(t.IAM_ROLE, "r"))],
            id="fail-inline-policies-block",
        ),
    ],
)
def test_check(resources, expected):
    assert [(v.message, v.urn) for v in rule.run_stack(resources)] == expected
