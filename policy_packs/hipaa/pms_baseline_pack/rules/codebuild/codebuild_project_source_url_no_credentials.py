"""CodeBuild projects' GitHub and Bitbucket source URLs carry no sign-in credentials.

AWS Config ``codebuild-project-source-repo-url-check`` (NON_COMPLIANT when the source repository URL contains
sign-in information): https://docs.aws.amazon.com/config/latest/developerguide/codebuild-project-source-repo-url-check.html
Credentials belong in a source credential (OAuth, a CodeConnections connection or a token in
aws:codebuild/sourceCredential), never in the URL's user-info part. The credential itself is never quoted.
"""

from urllib.parse import urlsplit

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import block, blocks

_REPOSITORY_TYPES = ("GITHUB", "GITHUB_ENTERPRISE", "BITBUCKET")


def _has_credentials(location) -> bool:
    if is_opaque(location) or not isinstance(location, str):
        return False
    try:
        parts = urlsplit(location.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and "@" in parts.netloc


@resource_rule(
    id="codebuild-project-source-url-no-credentials",
    title="CodeBuild source repository URLs carry no credentials",
    severity="critical",
    citations=("164.312(a)(1)", "164.312(d)"),
    resource_types=(t.CODEBUILD_PROJECT,),
    remediation="Use the repository's plain URL and connect CodeBuild to it with OAuth, an AWS CodeConnections "
    "connection or aws.codebuild.SourceCredential; revoke the token the URL held.",
    aws_config_rules=("codebuild-project-source-repo-url-check",),
)
def check(props, config):
    """No GitHub or Bitbucket source (primary or secondary) has user:password@ or token@ in its location."""
    sources = [("source", block(props.get("source")))]
    sources += [(f"secondarySources[{i}]", s) for i, s in enumerate(blocks(props.get("secondarySources")))]
    return [
        f"{where}.location embeds sign-in credentials in the {src.get('type')} URL, which anyone who can read "
        "the project sees; use the plain URL with a source credential and revoke the token (164.312(a)(1))"
        for where, src in sources
        if isinstance(src, dict) and src.get("type") in _REPOSITORY_TYPES and _has_credentials(src.get("location"))
    ]
