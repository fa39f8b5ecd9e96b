from dataclasses import replace

import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.iam.iam_role_depends_on_named_policies import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

POLICY_ARN = f"arn:aws:iam::{ACCOUNT}:policy/boundary"
POLICY = res(t.IAM_POLICY, "boundary", name="boundary", arn=POLICY_ARN)
ROLE = res(t.IAM_ROLE, "app-role", name="app-role", permissionsBoundary=POLICY_ARN)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([POLICY, replace(ROLE, dependencies=(POLICY.urn,))], [], id="pass-depends-on-policy"),
        pytest.param(
            [POLICY, res(t.IAM_ROLE, "app-role", permissionsBoundary="arn:aws:iam::aws:policy/PowerUserAccess")],
            [],
            id="pass-aws-managed-boundary",
        ),
        pytest.param(
            [POLICY, ROLE],
            [
                Violation(
                    (
                        "role app-role names policy boundary in permissionsBoundary by string but "
                        "does not depend on it, so AWS may get the role before the policy exists "
                        "and refuse it (NoSuchEntity); pass the policy's arn output or add "
                        "depends_on"
                    ),
                    urn("aws:iam/role:Role", "app-role"),
                ),
            ],
            id="fail-boundary-by-string",
        ),
        pytest.param(
            [POLICY, res(t.IAM_ROLE_POLICY_ATTACHMENT, "attach", role="app-role", policyArn=POLICY_ARN)],
            [
                Violation(
                    (
                        "attachment attach names policy boundary in policyArn by string but does "
                        "not depend on it, so AWS may get the role before the policy exists and "
                        "refuse it (NoSuchEntity); pass the policy's arn output or add depends_on"
                    ),
                    urn("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "attach"),
                ),
            ],
            id="fail-attachment-by-string",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
