"""OpenSearch domains require HTTPS.

AWS Config opensearch-https-required: NON_COMPLIANT when HTTPS is not required on the domain endpoint; its optional
tlsPolicies parameter has no default and is not used.
https://docs.aws.amazon.com/config/latest/developerguide/opensearch-https-required.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.opensearch import https_required


@resource_rule(
    id="opensearch-domain-https-required",
    title="OpenSearch domains require HTTPS",
    severity="high",
    citations=("164.312(e)(1)", "164.312(e)(2)(ii)"),
    resource_types=(t.OPENSEARCH_DOMAIN,),
    remediation="Leave domain_endpoint_options enforce_https at True (the provider's default) with "
    "tls_security_policy Policy-Min-TLS-1-2-2019-07.",
    aws_config_rules=("opensearch-https-required",),
    checkov_ids=("CKV_AWS_83",),
)
def check(props, config):
    """domainEndpointOptions.enforceHttps is not false (unset is true)."""
    return https_required(props)
