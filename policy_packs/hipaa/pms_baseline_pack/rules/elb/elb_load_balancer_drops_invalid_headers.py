"""Application Load Balancers drop HTTP headers with invalid fields (request smuggling defence)."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.elb import is_application
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="elb-load-balancer-drops-invalid-headers",
    title="Application Load Balancers drop invalid header fields",
    severity="medium",
    citations=("164.312(e)(2)(i)", "164.312(c)(1)"),
    resource_types=t.LOAD_BALANCERS,
    remediation="Use the Edge component, or set drop_invalid_header_fields=True.",
    checkov_ids=("CKV_AWS_131",),
)
def check(props, config):
    """dropInvalidHeaderFields is true on an application load balancer."""
    value = props.get("dropInvalidHeaderFields")
    if not is_application(props) or is_opaque(value) or value is True:
        return []
    return [
        f"dropInvalidHeaderFields is {shown(value)}; use the Edge component or set "
        "drop_invalid_header_fields=True so malformed headers never reach the PMS (164.312(e)(2)(i))"
    ]
