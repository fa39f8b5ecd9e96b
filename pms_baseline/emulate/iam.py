"""IAM: roles (service-linked too), policies, attachments, the password policy, the access analyzer; a root access
key for drift tests."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, NotEmulated, handles, kw, policy_text, present, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.IAM_ROLE)
def _role(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    role = c.client("iam").create_role(
        **kw(
            RoleName=name,
            Path=p.get("path"),
            AssumeRolePolicyDocument=policy_text(p["assumeRolePolicy"]),
            Description=p.get("description"),
            Tags=tag_list(p) or None,
        )
    )["Role"]
    for inline in p.get("inlinePolicies") or []:
        if present(inline.get("policy")):
            c.client("iam").put_role_policy(
                RoleName=name, PolicyName=inline["name"], PolicyDocument=policy_text(inline["policy"])
            )
    return name, {"arn": role["Arn"], "uniqueId": role["RoleId"]}


@handles(t.IAM_ROLE_POLICY)
def _role_policy(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    c.client("iam").put_role_policy(
        RoleName=p["role"], PolicyName=name, PolicyDocument=policy_text(p["policy"])
    )
    return f"{p['role']}:{name}", {}


@handles(t.IAM_POLICY)
def _iam_policy(c: Context, r: Resource, p: dict[str, Any]):
    pol = c.client("iam").create_policy(
        **kw(
            PolicyName=p.get("name") or r.name,
            Path=p.get("path"),
            PolicyDocument=policy_text(p["policy"]),
            Description=p.get("description"),
        )
    )["Policy"]
    return pol["Arn"], {"arn": pol["Arn"]}


@handles(t.IAM_ROLE_POLICY_ATTACHMENT)
def _role_attach(c: Context, r: Resource, p: dict[str, Any]):
    from botocore.exceptions import ClientError

    try:
        c.client("iam").attach_role_policy(RoleName=p["role"], PolicyArn=p["policyArn"])
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "NoSuchEntity" and ":iam::aws:policy/" in p["policyArn"]:
            raise NotEmulated(
                "moto has no AWS managed policies unless MOTO_IAM_LOAD_MANAGED_POLICIES=true "
                "(emulate sets it for its server)"
            ) from None
        raise
    return f"{p['role']}-{p['policyArn']}", {}


@handles(t.IAM_SERVICE_LINKED_ROLE)
def _service_linked_role(c: Context, r: Resource, p: dict[str, Any]):
    role = c.client("iam").create_service_linked_role(
        **kw(
            AWSServiceName=p["awsServiceName"],
            Description=p.get("description"),
            CustomSuffix=p.get("customSuffix"),
        )
    )["Role"]
    outputs = {"arn": role["Arn"], "name": role["RoleName"], "path": role["Path"], "uniqueId": role["RoleId"]}
    return role["Arn"], outputs


@handles(t.IAM_ACCOUNT_PASSWORD_POLICY)
def _password_policy(c: Context, r: Resource, p: dict[str, Any]):
    c.client("iam").update_account_password_policy(
        **kw(
            MinimumPasswordLength=p.get("minimumPasswordLength"),
            RequireSymbols=p.get("requireSymbols"),
            RequireNumbers=p.get("requireNumbers"),
            RequireUppercaseCharacters=p.get("requireUppercaseCharacters"),
            RequireLowercaseCharacters=p.get("requireLowercaseCharacters"),
            AllowUsersToChangePassword=p.get("allowUsersToChangePassword"),
            MaxPasswordAge=p.get("maxPasswordAge"),
            PasswordReusePrevention=p.get("passwordReusePrevention"),
            HardExpiry=p.get("hardExpiry"),
        )
    )
    return "iam-account-password-policy", {}


@handles(t.ACCESS_ANALYZER)
def _analyzer(c: Context, r: Resource, p: dict[str, Any]):
    from botocore.exceptions import ClientError

    name = p.get("analyzerName") or r.name
    try:
        arn = c.client("accessanalyzer").create_analyzer(analyzerName=name, type=p.get("type", "ACCOUNT"))[
            "arn"
        ]
    except ClientError as exc:
        if exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
            raise NotEmulated("moto 5.2.5 does not implement access-analyzer:CreateAnalyzer") from None
        raise
    return name, {"arn": arn}


def simulate_root_access_key(account_id: str = "123456789012") -> None:
    """Give the emulated root user an access key (in-process moto only).

    AWS offers no API to create root keys (only the root user's console does), and moto 5.2.5 keeps
    ``AccountAccessKeysPresent`` at 0, so the drift test sets moto's account summary the way the
    console would.
    """
    from moto.iam.models import iam_backends

    iam_backends[account_id]["global"].account_summary._account_access_keys_present = 1
