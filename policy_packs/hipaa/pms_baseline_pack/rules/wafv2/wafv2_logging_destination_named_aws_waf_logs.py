"""A web ACL's logging destination has a name starting with aws-waf-logs-."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.contracts import Arn
from pms_baseline_pack.rules.props import blocks

SOURCE = "https://docs.aws.amazon.com/waf/latest/developerguide/logging-destinations.html"
PREFIX = "aws-waf-logs-"


def destination_name(arn: Arn) -> str:
    """The name AWS WAF checks: the log group's, the bucket's or the Firehose stream's."""
    if arn.service == "logs":
        return arn.resource.removeprefix("log-group:").split(":", 1)[0]
    if arn.service == "firehose":
        return arn.resource.removeprefix("deliverystream/")
    return arn.resource.split("/", 1)[0]


@resource_rule(
    id="wafv2-logging-destination-named-aws-waf-logs",
    title="AWS WAF logging destinations are named aws-waf-logs-*",
    severity="high",
    citations=(),
    sources=(SOURCE,),
    resource_types=(t.WAF_LOGGING,),
    remediation="Name the CloudWatch Logs log group, S3 bucket or Firehose stream that receives the web ACL's logs "
    "with the prefix aws-waf-logs-.",
)
def check(props, config):
    """Each logDestinationConfigs ARN names a log group, bucket or delivery stream starting with aws-waf-logs-."""
    found = []
    for value in blocks(props.get("logDestinationConfigs")):
        if is_opaque(value):
            continue
        arn = Arn.parse(value)
        if arn is None:
            found.append(f"logDestinationConfigs {value!r} is not an ARN; name an aws-waf-logs-* destination by ARN")
            continue
        name = destination_name(arn)
        if not name.startswith(PREFIX):
            found.append(
                f"logDestinationConfigs names {arn.service} destination {name}, whose name does not start with "
                f"{PREFIX}, so AWS WAF refuses the logging configuration; rename it {PREFIX}{name}"
            )
    return found
