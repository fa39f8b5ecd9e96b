"""Builders for the AWS service contract rules' tests: a key with a policy, policy documents and statements."""

import json

from pms_baseline_pack import tokens as t
from tests.policy.rules.builders import ACCOUNT, res

KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
KEY_ARN = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{KEY_ID}"
ROOT = {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}


def policy(*statements):
    """A policy document as JSON text, the way programs pass it."""
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def key(*statements, **props):
    """The key the tests' resources use (KEY_ARN), with a policy of ``statements``."""
    return res(t.KMS_KEY, "audit-key", arn=KEY_ARN, keyId=KEY_ID, policy=policy(*statements), **props)


def allow(principal, actions, **condition):
    """An Allow statement on every resource, with ``condition`` as its Condition block when given."""
    statement = {"Effect": "Allow", "Principal": principal, "Action": actions, "Resource": "*"}
    return {**statement, "Condition": condition} if condition else statement
