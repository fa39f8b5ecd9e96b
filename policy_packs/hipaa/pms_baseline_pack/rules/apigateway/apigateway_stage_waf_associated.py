"""REST API stages are protected by an AWS WAF web ACL.

AWS Config ``api-gw-associated-with-waf`` (NON_COMPLIANT when the stage uses no web ACL):
https://docs.aws.amazon.com/config/latest/developerguide/api-gw-associated-with-waf.html
A program associates a stage through an ``aws:wafv2/webAclAssociation`` whose resourceArn is the stage's ARN,
``arn:aws:apigateway:<region>::/restapis/<api-id>/stages/<stage>``
(https://docs.aws.amazon.com/waf/latest/APIReference/API_AssociateWebACL.html); an exported stage shows the
result as its webAclArn.
"""

import re

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type, ref, resource_identities

_STAGE_ARN = re.compile(r"/restapis/([^/]+)/stages/([^/]+)$")


def _associated(resources) -> tuple[set[str], set[tuple[str, str]]] | None:
    """The ARNs and (api id, stage name) pairs web ACL associations name; None when one is unknown at preview."""
    arns, pairs = set(), set()
    for assoc in of_type(resources, t.WAF_WEB_ACL_ASSOCIATION):
        arn = assoc.props.get("resourceArn")
        if is_opaque(arn):
            return None
        if (arn := ref(arn)) is not None:
            arns.add(arn)
            if m := _STAGE_ARN.search(arn):
                pairs.add((m.group(1), m.group(2)))
    return arns, pairs


@stack_rule(
    id="apigateway-stage-waf-associated",
    title="API Gateway REST API stages are protected by a WAF web ACL",
    severity="high",
    citations=("164.308(a)(5)(ii)(B)", "164.312(e)(1)"),
    resource_types=(t.APIGATEWAY_STAGE, t.WAF_WEB_ACL_ASSOCIATION),
    remediation="Associate the stage with the regional web ACL: aws.wafv2.WebAclAssociation(resource_arn="
    "stage.arn, web_acl_arn=acl.arn).",
    aws_config_rules=("api-gw-associated-with-waf",),
    checkov_ids=("CKV2_AWS_29",),
)
def check(resources, config):
    """Each stage has a webAclArn or is the resourceArn of a web ACL association."""
    associated = _associated(resources)
    if associated is None:
        return []
    arns, pairs = associated
    found = []
    for stage in of_type(resources, t.APIGATEWAY_STAGE):
        p = stage.props
        acl = p.get("webAclArn")
        if is_opaque(acl) or (isinstance(acl, str) and acl) or resource_identities(stage) & arns:
            continue
        api, name = p.get("restApi"), p.get("stageName")
        if is_opaque(api) or is_opaque(name) or (api, name) in pairs:
            continue
        found.append(Violation(
            f"stage {name} of REST API {api} is associated with no WAF web ACL; add aws.wafv2.WebAclAssociation("
            "resource_arn=stage.arn, web_acl_arn=<regional web ACL>) (164.308(a)(5)(ii)(B))",
            stage.urn,
        ))
    return found
