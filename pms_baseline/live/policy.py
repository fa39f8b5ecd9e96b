"""The read-only IAM policy verify needs: exactly the actions it calls, derived from the API operations.

Most IAM actions are ``<signing name>:<Operation>``; the S3 ones below are spelled differently in IAM.
``verify-readonly-policy.json`` next to this module is the published policy; a test runs a full verify,
records every call, and holds the file to exactly that set.
"""

from __future__ import annotations

import json
from pathlib import Path

POLICY_FILE = Path(__file__).resolve().parent / "verify-readonly-policy.json"
READ_PREFIXES = ("Describe", "Get", "List")
READ_ONLY_OTHERS = frozenset({"GenerateCredentialReport", "BatchGetProjects"})
"""Operations that read though their names do not say so: GenerateCredentialReport only asks IAM to build the
account's credential report, which GetCredentialReport then reads; it changes no user, key or setting
(https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html). BatchGetProjects is the
only CodeBuild call that describes a project (access level Read:
https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscodebuild.html)."""

# API operation -> IAM action, where IAM names the permission differently from the operation.
IAM_ACTION = {
    "s3:ListBuckets": "s3:ListAllMyBuckets",
    "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
    "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
    "s3:GetObjectLockConfiguration": "s3:GetBucketObjectLockConfiguration",
    "s3control:GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
    "s3:GetBucketLifecycleConfiguration": "s3:GetLifecycleConfiguration",
    # API Gateway's management API is authorised by HTTP verb on the resource path: every read is apigateway:GET
    # (https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html)
    "apigateway:GetRestApis": "apigateway:GET",
    "apigateway:GetStages": "apigateway:GET",
}


def iam_action(service: str, operation: str) -> str:
    """The IAM action for a call, from the client's service id (e.g. ``s3control``) and operation name."""
    key = f"{service}:{operation}"
    if key in IAM_ACTION:
        return IAM_ACTION[key]
    # IAM's prefix is the service's signing name where that differs from the client's name.
    prefix = {"s3control": "s3", "elbv2": "elasticloadbalancing", "elb": "elasticloadbalancing",
              "efs": "elasticfilesystem", "opensearch": "es", "emr": "elasticmapreduce"}.get(service, service)
    return f"{prefix}:{operation}"


def is_read_only(operation: str) -> bool:
    return operation.startswith(READ_PREFIXES) or operation in READ_ONLY_OTHERS


def policy_actions() -> list[str]:
    doc = json.loads(POLICY_FILE.read_text())
    return sorted(a for s in doc["Statement"] for a in s["Action"])


def render(actions: list[str]) -> str:
    """The policy document for ``actions``, as the file holds it."""
    doc = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PmsBaselineVerifyReadOnly",
                "Effect": "Allow",
                "Action": sorted(set(actions)),
                "Resource": "*",
            }
        ],
    }
    return json.dumps(doc, indent=2) + "\n"
