"""OpenSearch Service domains read live: an OpenSearch domain under the opensearch-domain-* rules and an
Elasticsearch domain under the elasticsearch-domain-* rules (each judged once, by its engine), and drift of their
settings against the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

KEY = "arn:aws:kms:us-east-1:123456789012:key/0b1d2c3a-1111-2222-3333-444455556666"
GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/search"
SECURE = {
    "EncryptionAtRestOptions": {"Enabled": True, "KmsKeyId": KEY},
    "NodeToNodeEncryptionOptions": {"Enabled": True},
    "DomainEndpointOptions": {"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
    "VPCOptions": {"SubnetIds": ["subnet-0a1b2c3d"], "SecurityGroupIds": ["sg-0a1b2c3d"]},
    "LogPublishingOptions": {"ES_APPLICATION_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn": GROUP}},
}
INSECURE = {"DomainEndpointOptions": {"EnforceHTTPS": False}}


def findings(account, prefix, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return sorted((f.rule, f.resource.name, f.message) for f in result.findings if f.rule.startswith(prefix))


def opensearch_domain(account, name="search", **settings):
    account.client("opensearch").create_domain(DomainName=name, EngineVersion="OpenSearch_2.11", **settings)


def elasticsearch_domain(account, name="legacy-search", **settings):
    account.client("es").create_elasticsearch_domain(DomainName=name, ElasticsearchVersion="7.10", **settings)


def exercise(account):
    """One domain of each engine (es:ListDomainNames on both APIs, es:DescribeDomains,
    es:DescribeElasticsearchDomains)."""
    opensearch_domain(account, **SECURE)
    elasticsearch_domain(account, **SECURE)


def test_a_secure_opensearch_domain_passes(account):
    opensearch_domain(account, **SECURE)
    assert findings(account, "opensearch-") == []
    assert findings(account, "elasticsearch-") == []


def test_an_insecure_opensearch_domain_fails_each_rule(account):
    opensearch_domain(account, **INSECURE)
    d = R + "domain search: "
    assert findings(account, "opensearch-") == [
        ("opensearch-domain-encrypted-at-rest", "search", d + "encryptAtRest.enabled is false; set "
         "encrypt_at_rest={\"enabled\": True, \"kms_key_id\": <customer-managed key>} (164.312(a)(2)(iv))"),
        ("opensearch-domain-https-required", "search", d + "domainEndpointOptions.enforceHttps is false; set "
         "enforce_https=True with tls_security_policy \"Policy-Min-TLS-1-2-2019-07\" (164.312(e)(1))"),
        ("opensearch-domain-in-vpc", "search", d + "vpcOptions.subnetIds is unset, so the domain has a public "
         "endpoint; set vpc_options with private subnet_ids and security_group_ids (164.312(a)(1))"),
        ("opensearch-domain-logs-to-cloudwatch", "search", d + "logPublishingOptions publishes no log to "
         "CloudWatch Logs; add log_publishing_options with log_type ES_APPLICATION_LOGS (and AUDIT_LOGS where "
         "fine-grained access control is on) and a cloudwatch_log_group_arn (164.312(b))"),
        ("opensearch-domain-node-to-node-encrypted", "search", d + "nodeToNodeEncryption.enabled is false; set "
         "node_to_node_encryption={\"enabled\": True} so traffic between the domain's nodes is TLS-encrypted "
         "(164.312(e)(2)(ii))"),
    ]
    assert findings(account, "elasticsearch-") == []


def test_a_secure_elasticsearch_domain_passes(account):
    elasticsearch_domain(account, **SECURE)
    assert findings(account, "elasticsearch-") == []
    assert findings(account, "opensearch-") == []


def test_an_insecure_elasticsearch_domain_fails_each_rule(account):
    elasticsearch_domain(account, **INSECURE)
    d = R + "Elasticsearch domain legacy-search: "
    assert findings(account, "elasticsearch-") == [
        ("elasticsearch-domain-encrypted-at-rest", "legacy-search", d + "encryptAtRest.enabled is false; set "
         "encrypt_at_rest={\"enabled\": True, \"kms_key_id\": <customer-managed key>} (164.312(a)(2)(iv))"),
        ("elasticsearch-domain-in-vpc", "legacy-search", d + "vpcOptions.subnetIds is unset, so the domain has a "
         "public endpoint; set vpc_options with private subnet_ids and security_group_ids (164.312(a)(1))"),
        ("elasticsearch-domain-logs-to-cloudwatch", "legacy-search", d + "logPublishingOptions publishes no log "
         "to CloudWatch Logs; add log_publishing_options with log_type ES_APPLICATION_LOGS (and AUDIT_LOGS where "
         "fine-grained access control is on) and a cloudwatch_log_group_arn (164.312(b))"),
        ("elasticsearch-domain-node-to-node-encrypted", "legacy-search", d + "nodeToNodeEncryption.enabled is "
         "false; set node_to_node_encryption={\"enabled\": True} so traffic between the domain's nodes is "
         "TLS-encrypted (164.312(e)(2)(ii))"),
    ]
    assert findings(account, "opensearch-") == []


def test_settings_changed_in_the_account_are_drift(account):
    opensearch_domain(account, **INSECURE)
    elasticsearch_domain(account, **INSECURE)
    declared = {"encryptAtRest": {"enabled": True}, "nodeToNodeEncryption": {"enabled": True},
                "domainEndpointOptions": {"enforceHttps": True}}
    state = state_of(
        resource(t.OPENSEARCH_DOMAIN, "search", "arn:aws:es:us-east-1:123456789012:domain/search",
                 domainName="search", engineVersion="OpenSearch_2.11", **declared),
        resource(t.ELASTICSEARCH_DOMAIN, "legacy-search", "arn:aws:es:us-east-1:123456789012:domain/legacy-search",
                 domainName="legacy-search", elasticsearchVersion="7.10", **declared))
    assert findings(account, "live-setting-drift", state) == sorted(
        ("live-setting-drift", name, f"{name}: {setting} is False in the account, True in the state")
        for name in ("search", "legacy-search")
        for setting in ("encryptAtRest.enabled", "nodeToNodeEncryption.enabled", "domainEndpointOptions.enforceHttps"))
    assert findings(account, "live-resource-missing", state) == []


def test_deleted_domains_are_missing(account):
    state = state_of(
        resource(t.OPENSEARCH_DOMAIN, "search", "arn:aws:es:us-east-1:123456789012:domain/search",
                 domainName="search"),
        resource(t.ELASTICSEARCH_DOMAIN, "legacy-search", "arn:aws:es:us-east-1:123456789012:domain/legacy-search",
                 domainName="legacy-search"))
    assert [name for _, name, _ in findings(account, "live-resource-missing", state)] == ["legacy-search", "search"]
