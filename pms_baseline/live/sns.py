"""SNS: every topic (the alarm topic's messages may name patients' records) is encrypted with a customer-managed
key."""

from __future__ import annotations

from pms_baseline.live.registry import Account, Inventory, check, collector, judge, readable
from pms_baseline_pack import tokens as t

RULE = "sns-topic-kms-encrypted"


@collector("sns")
def collect(live, inv: Inventory) -> None:
    sns = live.client("sns", inv.region)
    arns = inv.read(lambda: [x["TopicArn"] for x in live.pages(sns, "list_topics", "Topics")])
    if not readable(arns):
        inv.complete = False
        return
    topics = []
    for arn in arns:
        # https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html: KmsMasterKeyId, absent when the
        # topic is not encrypted.
        attrs = inv.read(lambda a=arn: live.call(sns, "get_topic_attributes", TopicArn=a)["Attributes"])
        topics.append({"TopicArn": arn, "Attributes": attrs})
    inv.items["topics"] = topics


@check(RULE, "sns")
def topic_encrypted(acct: Account):
    for inv in acct.each("sns"):
        for topic in inv.items.get("topics", []):
            attrs = topic["Attributes"]
            if not readable(attrs):
                continue
            arn = topic["TopicArn"]
            name = arn.rsplit(":", 1)[-1]
            for msg in judge(RULE, {"kmsMasterKeyId": attrs.get("KmsMasterKeyId")}, acct.live.rule_config(RULE)):
                yield acct.live.finding(RULE, t.SNS_TOPIC, name, arn, f"topic {name}: {msg}", inv.region)
