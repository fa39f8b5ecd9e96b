"""The KMS key of an SNS topic lets the AWS services that publish to the topic use it."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.iam.evaluate import Principal
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.contracts import (
    OPAQUE,
    find_key,
    key_index,
    key_label,
    label,
    missing_key_grants,
    place,
    text,
)
from pms_baseline_pack.rules.props import blocks, of_type

SOURCE = "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services"
ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey")
_ALARM_ACTIONS = ("alarmActions", "okActions", "insufficientDataActions")


def _publishers(resources, topic_arn: str, account: str):
    """(service principal, publisher, request context) for each alarm and EventBridge target of the topic.
    EventBridge's KMS requests carry no aws:SourceAccount or aws:SourceArn (the SNS guide says so)."""
    for service, r in _by_topic(resources).get(topic_arn, ()):
        if service == "cloudwatch.amazonaws.com":
            yield service, r, {"aws:SourceAccount": account, "aws:SourceArn": text(r.props.get("arn"))}
        else:
            yield service, r, {}


_INDEX: list = [None, -1, {}]
"""The last stack's publishers by the topic ARN they publish to: [the list, its length, {arn: [(service, r)]}]."""


def _by_topic(resources):
    """The alarms and EventBridge targets of the stack by topic ARN, in stack order; built once per stack list
    (one scan of the stack instead of one per topic)."""
    if _INDEX[0] is resources and _INDEX[1] == len(resources):
        return _INDEX[2]
    index: dict[str, list] = {}
    for r in of_type(resources, t.METRIC_ALARM, t.EVENT_TARGET):
        if r.type == t.METRIC_ALARM:
            arns = {text(a) for k in _ALARM_ACTIONS for a in blocks(r.props.get(k))}
            for arn in sorted(arns - {""}):
                index.setdefault(arn, []).append(("cloudwatch.amazonaws.com", r))
        elif text(r.props.get("arn")):
            index.setdefault(text(r.props.get("arn")), []).append(("events.amazonaws.com", r))
    _INDEX[:] = [resources, len(resources), index]
    return index


@stack_rule(
    id="kms-key-grants-sns-publishers",
    title="The KMS key of an SNS topic lets the CloudWatch alarms and EventBridge rules that publish to it",
    severity="high",
    citations=(),
    sources=(SOURCE,),
    resource_types=(t.SNS_TOPIC, t.KMS_KEY, t.METRIC_ALARM, t.EVENT_TARGET),
    remediation=(
        "Encrypt the topic with a customer-managed key (the AWS managed alias/aws/sns cannot be changed) whose "
        "policy allows kms:Decrypt and kms:GenerateDataKey* to cloudwatch.amazonaws.com (alarms) and "
        "events.amazonaws.com (EventBridge; without aws:SourceAccount or aws:SourceArn conditions, which "
        "EventBridge does not send)."
    ),
)
def check(resources, config):
    """For each topic with kmsMasterKeyId and each alarm or EventBridge target publishing to it, the key's
    policy lets that service kms:Decrypt and kms:GenerateDataKey."""
    index = key_index(resources)
    found = []
    for topic in [r for r in resources if r.type == t.SNS_TOPIC]:
        ref, topic_arn = topic.props.get("kmsMasterKeyId"), text(topic.props.get("arn"))
        if not topic_arn or not text(ref):
            continue
        account, _ = place(topic)
        publishers = list(_publishers(resources, topic_arn, account))
        if text(ref).endswith("alias/aws/sns") and publishers:
            services = ", ".join(dict.fromkeys(s for s, _, _ in publishers))
            found.append(
                Violation(
                    f"topic {label(topic)} is encrypted with the AWS managed key alias/aws/sns, whose policy cannot "
                    f"grant {services}, so their notifications are dropped; encrypt the topic with a customer-managed "
                    "key that allows them kms:Decrypt and kms:GenerateDataKey*",
                    topic.urn,
                )
            )
            continue
        key = find_key(index, ref)
        if key is None or key is OPAQUE:
            continue
        for service, publisher, context in publishers:
            missing = missing_key_grants(key, Principal.of_service(service), ACTIONS, context)
            if missing is OPAQUE or not missing:
                continue
            kind = "alarm" if publisher.type == t.METRIC_ALARM else "EventBridge target"
            found.append(
                Violation(
                    f"{kind} {label(publisher)} publishes to topic {label(topic)}, whose key {key_label(key)} does not "
                    f"let {service} {', '.join(missing)}, so SNS drops every message it publishes; allow {service} "
                    "kms:Decrypt and kms:GenerateDataKey* in the key policy",
                    key.urn,
                )
            )
    return found
