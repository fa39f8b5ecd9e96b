"""Classic Load Balancers balance across availability zones.

AWS Config elb-cross-zone-load-balancing-enabled: NON_COMPLIANT when cross-zone load balancing is not enabled.
https://docs.aws.amazon.com/config/latest/developerguide/elb-cross-zone-load-balancing-enabled.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="classic-elb-cross-zone-load-balancing-enabled",
    title="Classic Load Balancers use cross-zone load balancing",
    severity="medium",
    citations=("164.308(a)(7)(ii)(B)", "164.308(a)(7)(ii)(C)"),
    resource_types=(t.CLASSIC_LOAD_BALANCER,),
    remediation="Leave cross_zone_load_balancing at True (the provider's default).",
    aws_config_rules=("elb-cross-zone-load-balancing-enabled",),
    checkov_ids=("CKV_AWS_138",),
)
def check(props, config):
    """crossZoneLoadBalancing is not false (unset is true)."""
    value = props.get("crossZoneLoadBalancing")
    if is_opaque(value) or value is not False:
        return []
    return ["crossZoneLoadBalancing is false; set cross_zone_load_balancing=True so the service stays up when an "
            "availability zone's instances fail (164.308(a)(7)(ii)(C))"]
