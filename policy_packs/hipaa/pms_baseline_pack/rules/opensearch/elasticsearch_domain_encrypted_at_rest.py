"""Elasticsearch domains are encrypted at rest.

AWS Config elasticsearch-encrypted-at-rest: NON_COMPLIANT when EncryptionAtRestOptions is not enabled.
https://docs.aws.amazon.com/config/latest/developerguide/elasticsearch-encrypted-at-rest.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.opensearch import encrypted_at_rest


@resource_rule(
    id="elasticsearch-domain-encrypted-at-rest",
    title="Elasticsearch domains are encrypted at rest",
    severity="high",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.ELASTICSEARCH_DOMAIN,),
    remediation="Set encrypt_at_rest enabled with a customer-managed kms_key_id (a new domain is needed on old engine"
    " versions).",
    aws_config_rules=("elasticsearch-encrypted-at-rest",),
    checkov_ids=("CKV_AWS_5",),
)
def check(props, config):
    """encryptAtRest.enabled is true."""
    return encrypted_at_rest(props)
