"""KMS key policies against the services that use the keys, read live under the pack's seven ``kms-key-grants-*``
stack rules (and key and vault access policies under ``iam-policy-document-valid``): per Region, each
customer-managed key (``kms.py``'s reader: its policy from GetKeyPolicy) with the trails, log groups, DB instances
and clusters, backup vaults, SNS topics and the alarms that publish to them, AWS Config's delivery channel and
recorder, and EBS encryption by default that use it.

No call of its own: the using resources are the descriptions other collectors already read, presented here as the
pack reads them (readers over ``cloudtrail``'s trails, ``logs``' log groups, ``sns``' topics, ``config``'s delivery
channels and recorders; ``rds_settings.py``, ``rds_clusters.py``, ``backup_coverage.py`` and ``cloudwatch.py``
declare theirs).
https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DescribeTrails.html (KmsKeyId, S3BucketName)
https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html (kmsKeyId, arn)
https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html (KmsMasterKeyId)
https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeDeliveryChannels.html (s3KmsKeyArn)
https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationRecorders.html (roleARN)
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetEbsDefaultKmsKeyId.html

A stack rule is judged in a Region only when every inventory it draws on listed completely and every description
is readable (``readers.stack_rule``). What these views cannot show, so the rules judge less than before deploy:
- EventBridge targets publishing to a topic are not read (no collector lists rules' targets): only alarms are
  checked as the topic's publishers.
- Buckets are not in the views: a trail's bucket using an S3 Bucket Key (which adds kms:Decrypt for CloudTrail) and
  a delivery channel without s3KmsKeyArn whose bucket's default encryption names the key are not judged.
- DB instances are judged as ``rds_settings.py`` presents them, which has no ``arn`` or ``kmsKeyId``: until it does,
  only Aurora and Multi-AZ DB clusters' storage keys are judged.
"""

from __future__ import annotations

from typing import Any

from pms_baseline.live import backup_coverage, cloudwatch, kms, rds_clusters, rds_settings  # noqa: F401 - readers
from pms_baseline.live.ec2 import default_key_view
from pms_baseline.live.readers import READERS, judge_stack_violations, reader, stack_rule, unreadable
from pms_baseline.live.registry import UNREADABLE, Account, check, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource


def trail_props(trail: dict) -> dict:
    """A trail (aws:cloudtrail/trail:Trail) with the settings the grants rule reads."""
    return {"name": trail.get("Name"), "arn": trail.get("TrailARN"), "kmsKeyId": trail.get("KmsKeyId"),
            "s3BucketName": trail.get("S3BucketName")}


def log_group_props(group: dict) -> dict:
    """A log group (aws:cloudwatch/logGroup:LogGroup); its ARN without the ``:*`` DescribeLogGroups appends."""
    return {"name": group.get("logGroupName"), "arn": (group.get("arn") or "").removesuffix(":*"),
            "kmsKeyId": group.get("kmsKeyId"), "retentionInDays": group.get("retentionInDays")}


def topic_props(topic: dict) -> dict:
    """A topic (aws:sns/topic:Topic); its key unreadable when GetTopicAttributes was refused."""
    attrs = topic["Attributes"]
    return {"name": topic["TopicArn"].rsplit(":", 1)[-1], "arn": topic["TopicArn"],
            "kmsMasterKeyId": attrs.get("KmsMasterKeyId") if readable(attrs) else UNREADABLE}


reader(t.CLOUDTRAIL, "cloudtrail", "trails", "trail", name=lambda tr: tr["Name"],
       ids=lambda tr: (tr["Name"], tr.get("TrailARN")), props=trail_props)
reader(t.LOG_GROUP, "logs", "groups", "log group", name=lambda g: g["logGroupName"], props=log_group_props)
reader(t.SNS_TOPIC, "sns", "topics", "topic", name=lambda tp: tp["TopicArn"].rsplit(":", 1)[-1],
       ids=lambda tp: (tp["TopicArn"],), props=topic_props)
reader(t.CONFIG_DELIVERY_CHANNEL, "config", "channels", "delivery channel", name=lambda ch: ch["name"],
       props=lambda ch: {"name": ch["name"], "s3BucketName": ch.get("s3BucketName"),
                         "s3KeyPrefix": ch.get("s3KeyPrefix"), "s3KmsKeyArn": ch.get("s3KmsKeyArn"),
                         "snsTopicArn": ch.get("snsTopicARN")})
reader(t.CONFIG_RECORDER, "config", "recorders", "configuration recorder", name=lambda rec: rec["name"],
       props=lambda rec: {"name": rec["name"], "roleArn": rec.get("roleARN")})

stack_rule("kms-key-grants-cloudtrail", "kms", (t.KMS_KEY, t.CLOUDTRAIL))
stack_rule("kms-key-grants-cloudwatch-logs", "kms", (t.KMS_KEY, t.LOG_GROUP))
stack_rule("kms-key-grants-rds", "kms", (t.KMS_KEY, t.RDS_INSTANCE, t.RDS_CLUSTER))
stack_rule("kms-key-grants-backup-vault", "kms", (t.KMS_KEY, t.BACKUP_VAULT))
stack_rule("kms-key-grants-sns-publishers", "kms", (t.KMS_KEY, t.SNS_TOPIC, t.METRIC_ALARM))
stack_rule("kms-key-grants-config-delivery", "kms", (t.KMS_KEY, t.CONFIG_DELIVERY_CHANNEL, t.CONFIG_RECORDER))

# The key policies and vault access policies follow the policy grammar too (iam_policies.py judges IAM's own
# documents account-wide; these are regional, so judged per Region where their listings are).
stack_rule("iam-policy-document-valid", "kms", (t.KMS_KEY,))
stack_rule("iam-policy-document-valid", "backup-coverage", (t.BACKUP_VAULT_POLICY,))

EBS_RULE = "kms-key-grants-autoscaling-ebs-default"


@check(EBS_RULE, "kms")
def ebs_default_key(acct: Account):
    """The Region's EBS default key (``ec2.py`` reads it; not a list a reader can declare) with the Region's keys."""
    keys_reader = READERS[t.KMS_KEY]
    config = acct.live.rule_config(EBS_RULE)
    for inv in acct.each("ec2"):
        ref = inv.items.get("ebs_default_kms_key")
        kms_inv = acct.inventories.get(("kms", inv.region))
        if not ref or not readable(ref) or kms_inv is None or not kms_inv.complete:
            continue
        keys = [(k, keys_reader.props(k)) for k in kms_inv.items.get("keys", [])]
        if any(unreadable(p) for _, p in keys):
            continue
        views: list[Any] = [StackResource(urn=f"live:{k['meta']['Arn']}", type=t.KMS_KEY, name=keys_reader.name(k),
                                          props=p, id=k["meta"]["KeyId"]) for k, p in keys]
        views.append(StackResource(urn="", type=t.EBS_DEFAULT_KMS_KEY, name="ebs",
                                   props={"keyArn": default_key_view(acct, inv)}))
        named = {v.urn: v for v in views}
        for violation in judge_stack_violations(EBS_RULE, views, config):
            key = named.get(violation.urn)
            name, ident = (key.name, key.props["arn"]) if key else (f"ebs-{inv.region}", inv.region)
            yield acct.live.finding(EBS_RULE, t.KMS_KEY, name, ident, violation.message, inv.region)
