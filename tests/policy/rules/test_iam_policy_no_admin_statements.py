import json

import pytest

from pms_baseline.state import SECRET
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.iam.iam_policy_no_admin_statements import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn


def doc(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


ADMIN = {"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}
DENY_PROD = {
    "Effect": "Deny",
    "Action": "*",
    "Resource": "*",
    "Condition": {"StringEquals": {"aws:ResourceTag/environment": "prod"}},
}
BOUNDARY_ARN = f"arn:aws:iam::{ACCOUNT}:policy/pms-test-boundary"
BOUNDARY = res(t.IAM_POLICY, "pms-boundary", arn=BOUNDARY_ARN, policy=doc(ADMIN, DENY_PROD))
ROLE = res(t.IAM_ROLE, "pms-test-role", permissionsBoundary=BOUNDARY_ARN, assumeRolePolicy="{}")


def fail(where, label, type_, name):
    return Violation(
        f'{where} statement {label} allows Action "*" on Resource "*" (full administrator access); grant '
        "only the actions and resources the principal needs (164.308(a)(4)(ii)(B))",
        urn(type_, name),
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param(
            [
                res(
                    t.IAM_POLICY,
                    "p",
                    policy=doc({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}),
                )
            ],
            [],
            id="pass-scoped",
        ),
        pytest.param([res(t.IAM_POLICY, "p", policy=doc({**ADMIN, "Effect": "Deny"}))], [], id="pass-deny"),
        pytest.param([res(t.IAM_ROLE_POLICY, "p", policy=SECRET)], [], id="pass-opaque"),
        pytest.param([BOUNDARY, ROLE], [], id="pass-permissions-boundary"),
        pytest.param(
            [res(t.IAM_POLICY, "p", policy=doc(ADMIN))],
            [fail("policy", "Admin", t.IAM_POLICY, "p")],
            id="fail-admin",
        ),
        pytest.param(
            [
                res(
                    t.IAM_ROLE_POLICY,
                    "p",
                    policy={"Statement": {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}},
                )
            ],
            [fail("policy", "0", t.IAM_ROLE_POLICY, "p")],
            id="fail-admin-object-and-lists",
        ),
        pytest.param(
            [res(t.IAM_ROLE, "r", inlinePolicies=[{"name": "everything", "policy": doc(ADMIN)}])],
            [fail("inlinePolicies[everything]", "Admin", t.IAM_ROLE, "r")],
            id="fail-role-inline",
        ),
        pytest.param(
            [
                BOUNDARY,
                ROLE,
                res(t.IAM_ROLE_POLICY_ATTACHMENT, "grant", role="pms-test-role", policyArn=BOUNDARY_ARN),
            ],
            [fail("policy", "Admin", t.IAM_POLICY, "pms-boundary")],
            id="fail-boundary-also-attached",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
