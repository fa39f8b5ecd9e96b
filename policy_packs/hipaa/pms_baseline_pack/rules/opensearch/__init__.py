"""Rules for Amazon OpenSearch Service domains and its legacy Elasticsearch domains.

pulumi-aws v7 declares them as two resource types with the same settings (aws:opensearch/domain:Domain and
aws:elasticsearch/domain:Domain); AWS Config has an opensearch-* and an elasticsearch-* row for each setting. The
checks here are shared, and each rule file binds one to one resource type and one AWS Config row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam
from pms_baseline_pack.rules.props import block, blocks, shown

LOG_TYPES = ("ES_APPLICATION_LOGS", "SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS", "AUDIT_LOGS")


def _enabled(props: Mapping[str, Any], key: str) -> tuple[bool, Any]:
    """(passes, value shown) for a ``{enabled: bool}`` block; an absent block is disabled."""
    got = block(props.get(key))
    value = got.get("enabled") if isinstance(got, Mapping) else got
    return is_opaque(got) or is_opaque(value) or value is True, value


def encrypted_at_rest(props: Mapping[str, Any]) -> list[str]:
    ok, value = _enabled(props, "encryptAtRest")
    if ok:
        return []
    return [f"encryptAtRest.enabled is {shown(value)}; set encrypt_at_rest={{\"enabled\": True, \"kms_key_id\": "
            "<customer-managed key>} (164.312(a)(2)(iv))"]


def node_to_node_encrypted(props: Mapping[str, Any]) -> list[str]:
    ok, value = _enabled(props, "nodeToNodeEncryption")
    if ok:
        return []
    return [f"nodeToNodeEncryption.enabled is {shown(value)}; set node_to_node_encryption={{\"enabled\": True}} "
            "so traffic between the domain's nodes is TLS-encrypted (164.312(e)(2)(ii))"]


def in_vpc(props: Mapping[str, Any]) -> list[str]:
    options = block(props.get("vpcOptions"))
    subnets = options.get("subnetIds") if isinstance(options, Mapping) else options
    if is_opaque(options) or is_opaque(subnets) or (isinstance(subnets, list) and subnets):
        return []
    return [f"vpcOptions.subnetIds is {shown(subnets)}, so the domain has a public endpoint; set "
            "vpc_options with private subnet_ids and security_group_ids (164.312(a)(1))"]


def https_required(props: Mapping[str, Any]) -> list[str]:
    options = block(props.get("domainEndpointOptions"))
    value = options.get("enforceHttps") if isinstance(options, Mapping) else None
    # The provider defaults enforce_https to true when the block or the field is absent.
    if is_opaque(options) or is_opaque(value) or value is not False:
        return []
    return ["domainEndpointOptions.enforceHttps is false; set enforce_https=True with tls_security_policy "
            "\"Policy-Min-TLS-1-2-2019-07\" (164.312(e)(1))"]


def log_types_param() -> ConfigParam:
    return ConfigParam(
        "array", [], "Log types that must each be published to CloudWatch Logs (AWS Config's logTypes); empty "
        "means any one enabled log passes, as AWS Config's default does.", items="string", choices=LOG_TYPES)


def logs_to_cloudwatch(props: Mapping[str, Any], required: list[str]) -> list[str]:
    options = props.get("logPublishingOptions")
    if is_opaque(options):
        return []
    published = set()
    for option in blocks(options):
        if not isinstance(option, Mapping) or is_opaque(option.get("logType")):
            return []
        group = option.get("cloudwatchLogGroupArn")
        if option.get("enabled", True) is not False and (is_opaque(group) or (isinstance(group, str) and group)):
            published.add(option.get("logType"))
    if not required:
        if published:
            return []
        return ["logPublishingOptions publishes no log to CloudWatch Logs; add log_publishing_options with "
                "log_type ES_APPLICATION_LOGS (and AUDIT_LOGS where fine-grained access control is on) and a "
                "cloudwatch_log_group_arn (164.312(b))"]
    missing = [x for x in required if x not in published]
    if not missing:
        return []
    return [f"logPublishingOptions does not publish {', '.join(missing)} to CloudWatch Logs; add a "
            "log_publishing_options entry with a cloudwatch_log_group_arn for each (164.312(b))"]
