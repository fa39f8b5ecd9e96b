"""The single-policy evaluator: effects, principals, actions, resources and every condition operator AWS uses."""

import pytest

from pms_baseline_pack.iam.evaluate import ALLOW, DENY, IMPLICIT_DENY, Principal, Request, allows, decide

ACCOUNT = "111122223333"
KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
TRAIL = Principal.of_service("cloudtrail.amazonaws.com")
ROLE = Principal.of_arn(f"arn:aws:iam::{ACCOUNT}:role/deployer")


def doc(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(**extra):
    return {
        "Effect": "Allow",
        "Principal": {"Service": "cloudtrail.amazonaws.com"},
        "Action": "kms:GenerateDataKey*",
        "Resource": "*",
        **extra,
    }


def req(action="kms:GenerateDataKey", who=TRAIL, resource=KEY, **context):
    return Request(action=action, resource=resource, principal=who, context=context)


@pytest.mark.parametrize(
    ("policy", "request_", "expected"),
    [
        pytest.param(doc(allow()), req(), ALLOW, id="allow-wildcard-action"),
        pytest.param(doc(allow()), req("kms:Decrypt"), IMPLICIT_DENY, id="implicit-deny-other-action"),
        pytest.param(doc(allow(), {**allow(), "Effect": "Deny"}), req(), DENY, id="explicit-deny-wins"),
        pytest.param(doc({**allow(), "Effect": "Deny"}, allow()), req(), DENY, id="deny-wins-in-any-order"),
        pytest.param(doc(allow(Action="KMS:generatedatakey")), req(), ALLOW, id="actions-ignore-case"),
        pytest.param(doc(allow(Action="kms:GenerateDataKe?")), req(), ALLOW, id="question-mark-one-char"),
        pytest.param(
            doc(allow(Action="kms:GenerateDataKe?")),
            req("kms:GenerateDataKeyPair"),
            IMPLICIT_DENY,
            id="question-mark-only-one-char",
        ),
        pytest.param(
            doc({k: v for k, v in allow().items() if k != "Action"} | {"NotAction": "kms:Decrypt"}),
            req(),
            ALLOW,
            id="not-action-allows-others",
        ),
        pytest.param(
            doc({k: v for k, v in allow().items() if k != "Action"} | {"NotAction": "kms:Gen*"}),
            req(),
            IMPLICIT_DENY,
            id="not-action-excludes",
        ),
        pytest.param(doc(allow(Resource=KEY)), req(), ALLOW, id="resource-exact"),
        pytest.param(doc(allow(Resource=KEY.upper())), req(), IMPLICIT_DENY, id="resource-case-sensitive"),
        pytest.param(doc(allow(Resource=f"arn:aws:kms:*:{ACCOUNT}:key/*")), req(), ALLOW, id="resource-wildcard"),
        pytest.param(
            doc({k: v for k, v in allow().items() if k != "Resource"} | {"NotResource": KEY}),
            req(),
            IMPLICIT_DENY,
            id="not-resource-excludes",
        ),
        pytest.param(doc(allow(Principal="*")), req(), ALLOW, id="principal-star"),
        pytest.param(doc(allow(Principal={"AWS": "*"})), req(who=ROLE), ALLOW, id="principal-aws-star"),
        pytest.param(doc(allow(Principal={"Service": "logs.amazonaws.com"})), req(), IMPLICIT_DENY, id="other-service"),
        pytest.param(
            doc(allow(Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"})),
            req(who=ROLE),
            ALLOW,
            id="account-root-covers-its-roles",
        ),
        pytest.param(doc(allow(Principal={"AWS": ACCOUNT})), req(who=ROLE), ALLOW, id="account-id-covers-roles"),
        pytest.param(
            doc(allow(Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:root"})),
            req(),
            IMPLICIT_DENY,
            id="account-root-is-not-a-service",
        ),
        pytest.param(
            doc(allow(Principal={"AWS": "arn:aws:iam::999988887777:root"})),
            req(who=ROLE),
            IMPLICIT_DENY,
            id="other-account",
        ),
        pytest.param(
            doc(allow(Principal={"AWS": f"arn:aws:iam::{ACCOUNT}:role/deployer"})),
            req(who=Principal.of_arn(f"arn:aws:sts::{ACCOUNT}:assumed-role/deployer/ci")),
            ALLOW,
            id="session-of-named-role",
        ),
        pytest.param(
            doc(
                {k: v for k, v in allow().items() if k != "Principal"}
                | {"NotPrincipal": {"Service": "logs.amazonaws.com"}}
            ),
            req(),
            ALLOW,
            id="not-principal-allows-others",
        ),
        pytest.param(
            doc({k: v for k, v in allow().items() if k != "Principal"}),
            req(),
            IMPLICIT_DENY,
            id="resource-policy-statement-without-principal-matches-nothing",
        ),
    ],
)
def test_decide(policy, request_, expected):
    assert decide(policy, request_) == expected


def test_identity_policies_have_no_principal():
    policy = doc({"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"})
    assert allows(policy, req("s3:PutObject", ROLE, "arn:aws:s3:::logs/AWSLogs/x"), resource_policy=False)
    assert not allows(policy, req("s3:PutObject", ROLE, "arn:aws:s3:::other/x"), resource_policy=False)


def test_single_statement_object_and_empty_documents():
    assert allows({"Statement": allow()}, req())
    assert decide(None, req()) == IMPLICIT_DENY
    assert decide({}, req()) == IMPLICIT_DENY


def test_policy_variables_in_resources():
    policy = doc(allow(Resource="arn:aws:kms:us-east-1:${aws:SourceAccount}:key/*"))
    assert allows(policy, req(**{"aws:SourceAccount": ACCOUNT}))
    assert not allows(policy, req())


TRAIL_ARN = f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/audit"


def cond(block):
    return doc(allow(Condition=block))


@pytest.mark.parametrize(
    ("block", "context", "expected"),
    [
        pytest.param(
            {"StringEquals": {"aws:SourceArn": TRAIL_ARN}}, {"aws:SourceArn": TRAIL_ARN}, True, id="string-equals"
        ),
        pytest.param(
            {"StringEquals": {"aws:SourceArn": [TRAIL_ARN, "x"]}}, {"aws:SourceArn": "x"}, True, id="values-are-ored"
        ),
        pytest.param(
            {"StringEquals": {"aws:SourceArn": TRAIL_ARN}}, {"aws:sourcearn": TRAIL_ARN}, True, id="keys-ignore-case"
        ),
        pytest.param(
            {"StringEquals": {"aws:SourceArn": TRAIL_ARN.upper()}},
            {"aws:SourceArn": TRAIL_ARN},
            False,
            id="string-equals-is-case-sensitive",
        ),
        pytest.param(
            {"StringEqualsIgnoreCase": {"aws:SourceArn": TRAIL_ARN.upper()}},
            {"aws:SourceArn": TRAIL_ARN},
            True,
            id="string-equals-ignore-case",
        ),
        pytest.param({"StringEquals": {"aws:SourceArn": TRAIL_ARN}}, {}, False, id="missing-key-fails"),
        pytest.param({"StringEqualsIfExists": {"aws:SourceArn": TRAIL_ARN}}, {}, True, id="if-exists-missing"),
        pytest.param(
            {"StringEqualsIfExists": {"aws:SourceArn": TRAIL_ARN}},
            {"aws:SourceArn": "x"},
            False,
            id="if-exists-present-mismatch",
        ),
        pytest.param(
            {"StringNotEquals": {"aws:SourceAccount": "999988887777"}},
            {"aws:SourceAccount": ACCOUNT},
            True,
            id="string-not-equals",
        ),
        pytest.param(
            {"StringNotEquals": {"aws:SourceAccount": [ACCOUNT, "1"]}},
            {"aws:SourceAccount": ACCOUNT},
            False,
            id="not-equals-none-of-the-values",
        ),
        pytest.param({"StringNotEquals": {"aws:PrincipalOrgID": "o-1"}}, {}, True, id="negated-missing-key-true"),
        pytest.param(
            {"StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": f"arn:aws:cloudtrail:*:{ACCOUNT}:trail/*"}},
            {"kms:EncryptionContext:aws:cloudtrail:arn": TRAIL_ARN},
            True,
            id="string-like",
        ),
        pytest.param(
            {"StringNotLike": {"aws:SourceArn": "arn:aws:logs:*"}},
            {"aws:SourceArn": TRAIL_ARN},
            True,
            id="string-not-like",
        ),
        pytest.param(
            {"ArnLike": {"aws:SourceArn": f"arn:aws:cloudtrail:*:{ACCOUNT}:trail/*"}},
            {"aws:SourceArn": TRAIL_ARN},
            True,
            id="arn-like",
        ),
        pytest.param(
            {"ArnEquals": {"aws:SourceArn": f"arn:aws:cloudtrail:*:{ACCOUNT}:trail/*"}},
            {"aws:SourceArn": TRAIL_ARN},
            True,
            id="arn-equals-takes-wildcards",
        ),
        pytest.param(
            {"ArnLike": {"aws:SourceArn": "arn:aws:cloudtrail:*"}},
            {"aws:SourceArn": TRAIL_ARN},
            False,
            id="arn-like-needs-six-parts",
        ),
        pytest.param(
            {"ArnNotEquals": {"aws:SourceArn": TRAIL_ARN}}, {"aws:SourceArn": TRAIL_ARN}, False, id="arn-not-equals"
        ),
        pytest.param({"Bool": {"aws:SecureTransport": "true"}}, {"aws:SecureTransport": True}, True, id="bool"),
        pytest.param(
            {"Bool": {"aws:SecureTransport": "false"}}, {"aws:SecureTransport": "true"}, False, id="bool-mismatch"
        ),
        pytest.param({"NumericLessThanEquals": {"s3:max-keys": "10"}}, {"s3:max-keys": "10"}, True, id="numeric-le"),
        pytest.param({"NumericGreaterThan": {"s3:max-keys": 10}}, {"s3:max-keys": "9"}, False, id="numeric-gt"),
        pytest.param({"NumericNotEquals": {"s3:max-keys": 10}}, {"s3:max-keys": "9"}, True, id="numeric-ne"),
        pytest.param(
            {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}},
            {"aws:CurrentTime": "2026-06-01T12:00:00Z"},
            True,
            id="date-lt",
        ),
        pytest.param({"DateGreaterThan": {"aws:EpochTime": 100}}, {"aws:EpochTime": "50"}, False, id="date-epoch"),
        pytest.param(
            {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, {"aws:SourceIp": "203.0.113.9"}, True, id="ip-address"
        ),
        pytest.param(
            {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}},
            {"aws:SourceIp": "203.0.113.9"},
            False,
            id="not-ip-address",
        ),
        pytest.param({"Null": {"aws:SourceArn": "true"}}, {}, True, id="null-true-absent"),
        pytest.param({"Null": {"aws:SourceArn": "false"}}, {}, False, id="null-false-absent"),
        pytest.param({"Null": {"aws:SourceArn": "false"}}, {"aws:SourceArn": TRAIL_ARN}, True, id="null-false-present"),
        pytest.param(
            {"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}},
            {"aws:TagKeys": ["b", "c"]},
            True,
            id="for-any-value",
        ),
        pytest.param({"ForAnyValue:StringEquals": {"aws:TagKeys": ["a"]}}, {}, False, id="for-any-value-missing"),
        pytest.param(
            {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}},
            {"aws:TagKeys": ["b", "c"]},
            False,
            id="for-all-values",
        ),
        pytest.param(
            {"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}},
            {"aws:TagKeys": ["b"]},
            True,
            id="for-all-values-subset",
        ),
        pytest.param({"ForAllValues:StringEquals": {"aws:TagKeys": ["a"]}}, {}, True, id="for-all-values-missing"),
        pytest.param(
            {"ForAllValues:StringNotEquals": {"aws:TagKeys": ["a"]}},
            {"aws:TagKeys": ["b", "c"]},
            True,
            id="for-all-values-negated",
        ),
        pytest.param(
            {"ForAnyValue:StringNotEquals": {"aws:TagKeys": ["a"]}},
            {"aws:TagKeys": ["a"]},
            False,
            id="for-any-value-negated",
        ),
        pytest.param(
            {"StringEquals": {"aws:SourceArn": TRAIL_ARN, "aws:SourceAccount": ACCOUNT}},
            {"aws:SourceArn": TRAIL_ARN},
            False,
            id="keys-are-anded",
        ),
        pytest.param(
            {"StringEquals": {"aws:SourceAccount": ACCOUNT}, "ArnLike": {"aws:SourceArn": "arn:*:*:*:*:*"}},
            {"aws:SourceArn": TRAIL_ARN, "aws:SourceAccount": ACCOUNT},
            True,
            id="operators-are-anded",
        ),
        pytest.param(
            {"StringEquals": {"aws:SourceArn": "${aws:SourceArn}"}},
            {"aws:SourceArn": TRAIL_ARN},
            True,
            id="variable-in-value",
        ),
        pytest.param(
            {"StringMatches": {"aws:SourceArn": TRAIL_ARN}},
            {"aws:SourceArn": TRAIL_ARN},
            False,
            id="unknown-operator-matches-nothing",
        ),
        pytest.param(
            {"ForSomeValues:StringEquals": {"aws:TagKeys": "a"}},
            {"aws:TagKeys": ["a"]},
            False,
            id="unknown-qualifier-matches-nothing",
        ),
    ],
)
def test_conditions(block, context, expected):
    assert allows(cond(block), req(**context)) is expected


def test_a_conditioned_deny_applies_only_when_it_matches():
    tls = {
        "Effect": "Deny",
        "Principal": "*",
        "Action": "*",
        "Resource": "*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    policy = doc(allow(), tls)
    assert decide(policy, req(**{"aws:SecureTransport": "true"})) == ALLOW
    assert decide(policy, req(**{"aws:SecureTransport": "false"})) == DENY
