"""S3 bucket ACLs grant nothing to everyone or to every AWS account."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import block, blocks

PUBLIC_CANNED = ("public-read", "public-read-write", "authenticated-read")
PUBLIC_GROUPS = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


def _grantee_uris(props) -> list[str]:
    uris = []
    policy = block(props.get("accessControlPolicy"))
    grants = blocks(policy.get("grants")) if isinstance(policy, dict) else []
    for grant in grants:
        grantee = block(grant.get("grantee")) if isinstance(grant, dict) else None
        if isinstance(grantee, dict):
            uris.append(grantee.get("uri"))
    uris.extend(g.get("uri") for g in blocks(props.get("grants")) if isinstance(g, dict))
    return [u for u in uris if isinstance(u, str)]


@resource_rule(
    id="s3-bucket-acl-not-public",
    title="S3 bucket ACLs are not public",
    severity="critical",
    citations=("164.312(a)(1)",),
    resource_types=(*t.S3_BUCKETS, *t.S3_ACLS),
    remediation="Remove the public canned ACL or grant; disable ACLs with BucketOwnershipControls "
    "(BucketOwnerEnforced) and grant access through IAM and the bucket policy.",
    aws_config_rules=("s3-bucket-public-read-prohibited", "s3-bucket-public-write-prohibited"),
    checkov_ids=("CKV_AWS_20", "CKV_AWS_57"),
)
def check(props, config):
    """acl is not a public canned ACL and no grant names the AllUsers or AuthenticatedUsers group."""
    found = []
    acl = props.get("acl")
    if not is_opaque(acl) and acl in PUBLIC_CANNED:
        found.append(f"acl is {acl}; remove it (private is the default) (164.312(a)(1))")
    for uri in _grantee_uris(props):
        if uri in PUBLIC_GROUPS:
            found.append(f"a grant names {uri.rsplit('/', 1)[-1]}; remove it (164.312(a)(1))")
    return found
