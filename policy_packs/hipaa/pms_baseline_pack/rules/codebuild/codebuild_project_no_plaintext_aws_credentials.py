"""CodeBuild projects hold no AWS access keys in plaintext environment variables.

AWS Config ``codebuild-project-envvar-awscred-check`` (NON_COMPLIANT when the project has AWS_ACCESS_KEY_ID or
AWS_SECRET_ACCESS_KEY as a plaintext environment variable):
https://docs.aws.amazon.com/config/latest/developerguide/codebuild-project-envvar-awscred-check.html
An environment variable's type defaults to PLAINTEXT
(https://docs.aws.amazon.com/codebuild/latest/APIReference/API_EnvironmentVariable.html). Values are never quoted.
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import block, blocks

_CREDENTIALS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")


@resource_rule(
    id="codebuild-project-no-plaintext-aws-credentials",
    title="CodeBuild projects keep no AWS keys in plaintext environment variables",
    severity="critical",
    citations=("164.312(a)(1)", "164.312(d)"),
    resource_types=(t.CODEBUILD_PROJECT,),
    remediation="Remove the keys: the project's service role gives the build its AWS access. A secret the build "
    "needs goes in Secrets Manager (type SECRETS_MANAGER) or Parameter Store (type PARAMETER_STORE).",
    aws_config_rules=("codebuild-project-envvar-awscred-check",),
)
def check(props, config):
    """No environment variable named AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY has type PLAINTEXT."""
    env = props.get("environment")
    variables = [] if is_opaque(env) else (block(env) or {}).get("environmentVariables")
    out = []
    for i, var in enumerate(blocks(variables) if not is_opaque(variables) else []):
        if not isinstance(var, dict) or var.get("name") not in _CREDENTIALS:
            continue
        kind = var.get("type")
        if is_opaque(kind) or (kind or "PLAINTEXT") != "PLAINTEXT":
            continue
        out.append(
            f"environment.environmentVariables[{i}] {var['name']} is a PLAINTEXT variable, so the key is readable "
            "by anyone who can read the project; remove it and rely on the project's service role "
            "(164.312(a)(1))"
        )
    return out
