"""AWS WAFv2 answers moto does not give: ListResourcesForWebACL is not implemented by moto (5.x), so a test gives
the session the answer AWS would, in the API's documented shape ({"ResourceArns": [...]},
https://docs.aws.amazon.com/waf/latest/APIReference/API_ListResourcesForWebACL.html), from the associations moto
keeps for AssociateWebACL; answered before the call is sent, and every other call still goes to moto."""

from __future__ import annotations

import json
from typing import Any

from botocore.awsrequest import AWSResponse
from moto.core import DEFAULT_ACCOUNT_ID
from moto.wafv2.models import wafv2_backends

KINDS = {"APPLICATION_LOAD_BALANCER": ":loadbalancer/app/", "API_GATEWAY": ":apigateway:"}


def answer_waf_resources(session: Any) -> list[str]:
    """Answer ListResourcesForWebACL on ``session``'s clients; returns the web ACL ARNs asked about."""
    asked: list[str] = []

    def answer(model: Any, params: dict[str, Any], context: Any, **_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        body = json.loads(params["body"])
        arn, kind = body["WebACLArn"], body.get("ResourceType", "APPLICATION_LOAD_BALANCER")
        asked.append(arn)
        region = arn.split(":")[3]
        acl = wafv2_backends[DEFAULT_ACCOUNT_ID][region].wacls.get(arn)
        found = [r for r in (acl.associated_resources if acl else []) if KINDS[kind] in r]
        return AWSResponse(params.get("url", ""), 200, {}, None), {
            "ResourceArns": found, "ResponseMetadata": {"HTTPStatusCode": 200}}

    session.events.register_last("before-call.wafv2.ListResourcesForWebACL", answer)
    return asked
