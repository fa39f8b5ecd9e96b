import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.iam.iam_policy_document_valid import check as rule
from tests.policy.rules.builders import res, urn
from tests.policy.rules.contract_builders import ROOT, allow, key, policy


def managed(*statements):
    return res(t.IAM_POLICY, "app-policy", name="app-policy", policy=policy(*statements))


READ = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([managed(READ), key(allow(ROOT, "kms:*"))], [], id="pass-valid"),
        pytest.param([res(t.IAM_POLICY, "app-policy", policy=UNKNOWN)], [], id="pass-unknown"),
        pytest.param(
            [managed({**READ, "Action": "s3:GetObjectt"})],
            [
                Violation(
                    (
                        "app-policy policy statement #0: Action s3:GetObjectt: s3 has no action "
                        "'GetObjectt'; fix it, or AWS refuses the document "
                        "(MalformedPolicyDocument) or the statement grants nothing"
                    ),
                    urn("aws:iam/policy:Policy", "app-policy"),
                ),
            ],
            id="fail-unknown-action",
        ),
        pytest.param(
            [managed({**READ, "Principal": "*"})],
            [
                Violation(
                    (
                        "app-policy policy statement #0: an identity policy may not name a "
                        "Principal; fix it, or AWS refuses the document (MalformedPolicyDocument) "
                        "or the statement grants nothing"
                    ),
                    urn("aws:iam/policy:Policy", "app-policy"),
                ),
            ],
            id="fail-principal-in-identity-policy",
        ),
        pytest.param(
            [key({"Effect": "Allow", "Action": "kms:*", "Resource": "*"})],
            [
                Violation(
                    (
                        "1234abcd-12ab-34cd-56ef-1234567890ab policy statement #0: needs exactly "
                        "one of Principal or NotPrincipal; fix it, or AWS refuses the document "
                        "(MalformedPolicyDocument) or the statement grants nothing"
                    ),
                    urn("aws:kms/key:Key", "audit-key"),
                ),
            ],
            id="fail-key-policy-without-principal",
        ),
        pytest.param(
            [
                res(
                    t.IAM_ROLE,
                    "app-role",
                    name="app-role",
                    assumeRolePolicy=policy(
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "ec2.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                            "Resource": "*",
                        }
                    ),
                )
            ],
            [
                Violation(
                    (
                        "app-role assumeRolePolicy statement #0: a trust policy may not name a "
                        "Resource; fix it, or AWS refuses the document (MalformedPolicyDocument) "
                        "or the statement grants nothing"
                    ),
                    urn("aws:iam/role:Role", "app-role"),
                ),
            ],
            id="fail-trust-policy-with-resource",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
