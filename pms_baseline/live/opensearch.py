"""OpenSearch Service domains read live: an OpenSearch domain under the opensearch-domain-* rules, an Elasticsearch
domain (the legacy engine) under the elasticsearch-domain-* rules, and each domain's settings compared with the
state.

Each domain is judged once, under the rules of its engine, as AWS Config's rows are split: opensearch-* rules do
not evaluate Elasticsearch domains (https://docs.aws.amazon.com/config/latest/developerguide/opensearch-encrypted-at-rest.html).
Both APIs list every domain with its EngineType, so each is asked for its own engine's domains and describes them
in its own shape:
https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_ListDomainNames.html (EngineType filter)
https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DescribeDomains.html (at most 5 names a call)
https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DescribeElasticsearchDomains.html (at most 5)
(EncryptionAtRestOptions, NodeToNodeEncryptionOptions, VPCOptions, DomainEndpointOptions, LogPublishingOptions).
A describe that fails leaves its domains' settings unreadable, so no rule judges them.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

BATCH = 5
"""The most domain names one DescribeDomains (DescribeElasticsearchDomains) call takes."""
_SETTINGS = ("encryptAtRest", "nodeToNodeEncryption", "vpcOptions", "domainEndpointOptions", "logPublishingOptions")


def _domains(live, inv: Inventory, client, engine: str, describe: str, key: str) -> list[dict]:
    listed = inv.read(lambda: live.call(client, "list_domain_names", EngineType=engine)["DomainNames"])
    if not readable(listed):
        inv.complete = False
        return []
    names = [d["DomainName"] for d in listed]
    out = []
    for i in range(0, len(names), BATCH):
        batch = names[i:i + BATCH]
        got = inv.read(lambda b=batch: {d["DomainName"]: d for d in live.call(client, describe, DomainNames=b)[key]})
        out += [{"DomainName": n, "Status": got.get(n, UNREADABLE) if readable(got) else UNREADABLE} for n in batch]
    return out


@collector("opensearch")
def collect(live, inv: Inventory) -> None:
    opensearch, es = live.client("opensearch", inv.region), live.client("es", inv.region)
    inv.items["domains"] = _domains(live, inv, opensearch, "OpenSearch", "describe_domains", "DomainStatusList")
    inv.items["elasticsearch_domains"] = _domains(
        live, inv, es, "Elasticsearch", "describe_elasticsearch_domains", "DomainStatusList")


def domain_props(domain: dict) -> dict:
    """A domain's status in the engine's property names (both resource types use the same names)."""
    s = domain["Status"]
    if not readable(s):
        return {"domainName": domain["DomainName"], **dict.fromkeys(_SETTINGS, UNREADABLE)}
    rest = s.get("EncryptionAtRestOptions") or {}
    vpc = s.get("VPCOptions")
    endpoint = s.get("DomainEndpointOptions")
    return {
        "domainName": s.get("DomainName"),
        "arn": s.get("ARN"),
        "engineVersion": s.get("EngineVersion"),
        "elasticsearchVersion": s.get("ElasticsearchVersion"),
        "encryptAtRest": {"enabled": rest.get("Enabled"), "kmsKeyId": rest.get("KmsKeyId")},
        "nodeToNodeEncryption": {"enabled": (s.get("NodeToNodeEncryptionOptions") or {}).get("Enabled")},
        # No VPCOptions: the domain has a public endpoint.
        "vpcOptions": {"subnetIds": list(vpc.get("SubnetIds") or []),
                       "securityGroupIds": list(vpc.get("SecurityGroupIds") or [])} if vpc else None,
        "domainEndpointOptions": {"enforceHttps": endpoint.get("EnforceHTTPS"),
                                  "tlsSecurityPolicy": endpoint.get("TLSSecurityPolicy")} if endpoint else None,
        "logPublishingOptions": [
            {"logType": kind, "enabled": o.get("Enabled"), "cloudwatchLogGroupArn": o.get("CloudWatchLogsLogGroupArn")}
            for kind, o in sorted((s.get("LogPublishingOptions") or {}).items())
        ],
    }


def _ids(domain: dict) -> tuple:
    s = domain["Status"]
    return (domain["DomainName"], *((s.get("ARN"), s.get("DomainId")) if readable(s) else ()))


reader(
    t.OPENSEARCH_DOMAIN, "opensearch", "domains", "domain",
    name=lambda d: d["DomainName"],
    ids=_ids,
    props=domain_props,
    rules=(
        "opensearch-domain-encrypted-at-rest",
        "opensearch-domain-https-required",
        "opensearch-domain-in-vpc",
        "opensearch-domain-logs-to-cloudwatch",
        "opensearch-domain-node-to-node-encrypted",
    ),
    compare=("engineVersion", "encryptAtRest.enabled", "nodeToNodeEncryption.enabled",
             "domainEndpointOptions.enforceHttps"),
)
reader(
    t.ELASTICSEARCH_DOMAIN, "opensearch", "elasticsearch_domains", "Elasticsearch domain",
    name=lambda d: d["DomainName"],
    ids=_ids,
    props=domain_props,
    rules=(
        "elasticsearch-domain-encrypted-at-rest",
        "elasticsearch-domain-in-vpc",
        "elasticsearch-domain-logs-to-cloudwatch",
        "elasticsearch-domain-node-to-node-encrypted",
    ),
    compare=("elasticsearchVersion", "encryptAtRest.enabled", "nodeToNodeEncryption.enabled",
             "domainEndpointOptions.enforceHttps"),
)
