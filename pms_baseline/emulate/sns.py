"""SNS: topics, subscriptions and topic policies."""

from __future__ import annotations

from typing import Any

from pms_baseline.emulate.context import Context, handles, kw, policy_text, present, tag_list
from pms_baseline.state import Resource
from pms_baseline_pack import tokens as t


@handles(t.SNS_TOPIC)
def _topic(c: Context, r: Resource, p: dict[str, Any]):
    name = p.get("name") or r.name
    attrs = kw(
        KmsMasterKeyId=p.get("kmsMasterKeyId"),
        Policy=policy_text(p["policy"]) if present(p.get("policy")) else None,
    )
    arn = c.client("sns").create_topic(Name=name, Attributes=attrs, Tags=tag_list(p))["TopicArn"]
    return arn, {"arn": arn}


@handles(t.SNS_TOPIC_SUBSCRIPTION)
def _subscription(c: Context, r: Resource, p: dict[str, Any]):
    arn = c.client("sns").subscribe(
        TopicArn=p["topic"], Protocol=p["protocol"], Endpoint=p["endpoint"], ReturnSubscriptionArn=True
    )["SubscriptionArn"]
    return arn, {"arn": arn}


@handles(t.SNS_TOPIC_POLICY)
def _topic_policy(c: Context, r: Resource, p: dict[str, Any]):
    c.client("sns").set_topic_attributes(
        TopicArn=p["arn"], AttributeName="Policy", AttributeValue=policy_text(p["policy"])
    )
    return p["arn"], {}
