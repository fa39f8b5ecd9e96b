"""Load balancers write access logs to S3."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import block, shown


@resource_rule(
    id="elb-load-balancer-access-logs-enabled",
    title="Load balancers have access logs enabled",
    severity="high",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=t.LOAD_BALANCERS,
    remediation="Use the Edge component, or set access_logs with enabled=True and the encrypted log bucket.",
    aws_config_rules=("elb-logging-enabled",),
    checkov_ids=("CKV_AWS_91",),
)
def check(props, config):
    """accessLogs.enabled is true and accessLogs.bucket is set."""
    logs = block(props.get("accessLogs"))
    if is_opaque(logs):
        return []
    logs = logs if isinstance(logs, dict) else {}
    enabled, bucket = logs.get("enabled"), logs.get("bucket")
    if is_opaque(enabled) or is_opaque(bucket):
        return []
    if enabled is True and isinstance(bucket, str) and bucket:
        return []
    return [
        f"accessLogs.enabled is {shown(enabled)} (bucket {shown(bucket)}); use the Edge component or set "
        "access_logs with enabled=True and the log bucket (164.312(b))"
    ]
