"""OpenSearch domains are in a VPC.

AWS Config opensearch-in-vpc-only: NON_COMPLIANT when the domain endpoint is public.
https://docs.aws.amazon.com/config/latest/developerguide/opensearch-in-vpc-only.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.opensearch import in_vpc


@resource_rule(
    id="opensearch-domain-in-vpc",
    title="OpenSearch domains are in a VPC",
    severity="high",
    citations=("164.312(a)(1)", "164.312(e)(1)"),
    resource_types=(t.OPENSEARCH_DOMAIN,),
    remediation="Set vpc_options with private subnet_ids and security_group_ids (a domain cannot move into a VPC: "
    "create it there).",
    aws_config_rules=("opensearch-in-vpc-only",),
    checkov_ids=("CKV_AWS_137",),
)
def check(props, config):
    """vpcOptions names at least one subnet."""
    return in_vpc(props)
