"""OpenSearch domains encrypt traffic between nodes.

AWS Config opensearch-node-to-node-encryption-check: NON_COMPLIANT when node-to-node encryption is disabled.
https://docs.aws.amazon.com/config/latest/developerguide/opensearch-node-to-node-encryption-check.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.opensearch import node_to_node_encrypted


@resource_rule(
    id="opensearch-domain-node-to-node-encrypted",
    title="OpenSearch domains encrypt traffic between nodes",
    severity="high",
    citations=("164.312(e)(1)", "164.312(e)(2)(ii)"),
    resource_types=(t.OPENSEARCH_DOMAIN,),
    remediation="Set node_to_node_encryption enabled=True.",
    aws_config_rules=("opensearch-node-to-node-encryption-check",),
    checkov_ids=("CKV_AWS_6",),
)
def check(props, config):
    """nodeToNodeEncryption.enabled is true."""
    return node_to_node_encrypted(props)
