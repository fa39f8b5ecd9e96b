"""Read operations AWS has and moto (5.2) lacks, answered from moto's own state in AWS's documented shape, so
``verify`` reads an emulated account through the same calls it makes against AWS.

- ``ec2:GetEbsDefaultKmsKeyId``: moto keeps the key ModifyEbsDefaultKmsKeyId sets but does not serve the read.
  AWS answers the key's ARN (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsDefaultKmsKeyId.html),
  and names the AWS managed ``aws/ebs`` key by its alias when none was set; the answer here is that alias's ARN,
  so reading never creates the key (a read that changed the account would race the KMS listing).
- ``wafv2:ListResourcesForWebACL``: moto keeps each web ACL's associations (AssociateWebACL) but does not serve
  the listing. AWS answers the ARNs of the associated resources of one ``ResourceType`` (default
  APPLICATION_LOAD_BALANCER): https://docs.aws.amazon.com/waf/latest/APIReference/API_ListResourcesForWebACL.html

Installed when ``pms_baseline.emulate`` is imported: the emulate command's server and the tests' in-process
mock both dispatch to moto's response classes in this process.
"""

from __future__ import annotations

import json
from typing import Any


def _get_ebs_default_kms_key_id(self: Any) -> Any:
    from moto.core.responses import ActionResult

    backend = self.ec2_backend
    arn = backend.default_kms_key_id or f"arn:aws:kms:{backend.region_name}:{backend.account_id}:alias/aws/ebs"
    return ActionResult({"KmsKeyId": arn})


# ResourceType -> what the ARNs of that kind of resource contain.
WAF_RESOURCE_KINDS = {
    "APPLICATION_LOAD_BALANCER": ":loadbalancer/app/",
    "API_GATEWAY": ":apigateway:",
    "APPSYNC": ":appsync:",
    "COGNITO_USER_POOL": ":userpool/",
    "APP_RUNNER_SERVICE": ":apprunner:",
    "VERIFIED_ACCESS_INSTANCE": ":verified-access-instance/",
}


def _list_resources_for_web_acl(self: Any) -> Any:
    body = json.loads(self.body)
    acl = self.wafv2_backend.wacls.get(body.get("WebACLArn"))
    marker = WAF_RESOURCE_KINDS.get(body.get("ResourceType") or "APPLICATION_LOAD_BALANCER")
    found = [arn for arn in (acl.associated_resources if acl and marker else []) if marker in arn]
    return 200, {"Content-Type": "application/json"}, json.dumps({"ResourceArns": found})


def install() -> None:
    """Add the missing operations to moto's responses (idempotent; moto's own, if it gains them, win)."""
    from moto.ec2.responses.elastic_block_store import ElasticBlockStore
    from moto.wafv2.responses import WAFV2Response

    if not hasattr(ElasticBlockStore, "get_ebs_default_kms_key_id"):
        ElasticBlockStore.get_ebs_default_kms_key_id = _get_ebs_default_kms_key_id
    if not hasattr(WAFV2Response, "list_resources_for_web_acl"):
        WAFV2Response.list_resources_for_web_acl = _list_resources_for_web_acl
