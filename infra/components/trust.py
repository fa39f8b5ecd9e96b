"""Trust policies for the roles AWS services assume on the baseline's behalf."""

from __future__ import annotations

import json
from typing import Any


def service_trust_policy(service: str, condition: dict[str, Any] | None = None) -> str:
    """The assume-role policy that lets one AWS service principal (``backup.amazonaws.com``) assume a role, only
    under ``condition`` when given (a confused-deputy guard such as ``aws:SourceAccount`` or ``aws:SourceArn``)."""
    statement: dict[str, Any] = {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def managed_role_policy(
    name: str,
    role: Any,
    description: str,
    document: Any,
    opts: Any,
    tags: dict[str, str] | None = None,
) -> Any:
    """A customer managed policy with ``document`` (JSON text or an Output of it), attached to ``role``; returns
    the attachment, which is what a resource using the role must wait for. Never an inline policy: AWS Config's
    iam-no-inline-policy-check, which the baseline deploys, flags inline role policies.
    https://docs.aws.amazon.com/config/latest/developerguide/iam-no-inline-policy-check.html"""
    import pulumi_aws as aws

    policy = aws.iam.Policy(name, description=description, policy=document, tags=tags or {}, opts=opts)
    return aws.iam.RolePolicyAttachment(name, role=role.name, policy_arn=policy.arn, opts=opts)
