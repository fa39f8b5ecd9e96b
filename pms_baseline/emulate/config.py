"""AWS Config: the recorder, its delivery channel and status, and rules."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, policy_text, present, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.CONFIG_RECORDER)
def _recorder(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    group = p.get("recordingGroup") or {}
    c.client("config").put_configuration_recorder(
        ConfigurationRecorder={
            "name": name,
            "roleARN": p["roleArn"],
            "recordingGroup": kw(
                allSupported=group.get("allSupported", True),
                includeGlobalResourceTypes=group.get("includeGlobalResourceTypes"),
            ),
        }
    )
    return name, {}


@handles(t.CONFIG_DELIVERY_CHANNEL)
def _delivery_channel(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    c.client("config").put_delivery_channel(
        DeliveryChannel=kw(
            name=name,
            s3BucketName=p.get("s3BucketName"),
            s3KeyPrefix=p.get("s3KeyPrefix"),
            snsTopicARN=p.get("snsTopicArn"),
        )
    )
    return name, {}


@handles(t.CONFIG_RECORDER_STATUS)
def _recorder_status(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    if p.get("isEnabled", True):
        c.client("config").start_configuration_recorder(ConfigurationRecorderName=name)
    return name, {}


MANAGED_RULE_DEFAULTS = {
    "CLOUDWATCH_ALARM_ACTION_CHECK": {
        "alarmActionRequired": "true",
        "insufficientDataActionRequired": "true",
        "okActionRequired": "false",
    },
}


@handles(t.CONFIG_RULE)
def _config_rule(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    source = p.get("source") or {}
    rule = {
        "ConfigRuleName": name,
        "Source": kw(Owner=source.get("owner", "AWS"), SourceIdentifier=source.get("sourceIdentifier")),
    }
    params = p.get("inputParameters")
    ident = rule["Source"].get("SourceIdentifier", "")
    if not present(params) and ident in MANAGED_RULE_DEFAULTS:
        # moto gap: moto requires parameters AWS defaults for managed rules; pass AWS's defaults.
        params = MANAGED_RULE_DEFAULTS[ident]
    if present(params):
        rule["InputParameters"] = policy_text(params)
    c.client("config").put_config_rule(ConfigRule=rule, **kw(Tags=tag_list(p) or None))
    got = c.client("config").describe_config_rules(ConfigRuleNames=[name])["ConfigRules"][0]
    return name, {"arn": got.get("ConfigRuleArn", ""), "ruleId": got.get("ConfigRuleId", "")}
