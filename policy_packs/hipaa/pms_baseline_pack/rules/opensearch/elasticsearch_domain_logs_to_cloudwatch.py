"""Elasticsearch domains publish logs to CloudWatch Logs.

AWS Config elasticsearch-logs-to-cloudwatch: COMPLIANT when a log is enabled, NON_COMPLIANT when logging is not
configured; its optional logTypes parameter is the rule's logTypes config.
https://docs.aws.amazon.com/config/latest/developerguide/elasticsearch-logs-to-cloudwatch.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.opensearch import log_types_param, logs_to_cloudwatch


@resource_rule(
    id="elasticsearch-domain-logs-to-cloudwatch",
    title="Elasticsearch domains publish logs to CloudWatch Logs",
    severity="medium",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.ELASTICSEARCH_DOMAIN,),
    remediation="Add log_publishing_options entries (ES_APPLICATION_LOGS at least) with a cloudwatch_log_group_arn "
    "whose resource policy lets the service write.",
    aws_config_rules=("elasticsearch-logs-to-cloudwatch",),
    checkov_ids=("CKV_AWS_84",),
    config={"logTypes": log_types_param()},
)
def check(props, config):
    """logPublishingOptions publishes an enabled log (each required type) to a log group."""
    return logs_to_cloudwatch(props, config["logTypes"])
