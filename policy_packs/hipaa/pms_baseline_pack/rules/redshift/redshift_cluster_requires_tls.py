"""Every Redshift cluster uses a parameter group, declared in the stack, with require_ssl true.

AWS Config redshift-require-tls-ssl: NON_COMPLIANT when a cluster's parameter group has require_ssl false (the
default parameter group's value).
https://docs.aws.amazon.com/config/latest/developerguide/redshift-require-tls-ssl.html
https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import blocks, by_identity, of_type, shown

_FIX = "set the parameter require_ssl to \"true\" so the cluster refuses unencrypted connections (164.312(e)(1))"


@stack_rule(
    id="redshift-cluster-requires-tls",
    title="Redshift clusters refuse connections without TLS",
    severity="high",
    citations=("164.312(e)(1)", "164.312(e)(2)(ii)"),
    resource_types=(t.REDSHIFT_CLUSTER, t.REDSHIFT_PARAMETER_GROUP),
    remediation="Give the cluster cluster_parameter_group_name of an aws.redshift.ParameterGroup with "
    "parameters=[{\"name\": \"require_ssl\", \"value\": \"true\"}].",
    aws_config_rules=("redshift-require-tls-ssl",),
    checkov_ids=("CKV_AWS_105",),
)
def check(resources, config):
    """Each cluster's clusterParameterGroupName names a parameter group of the stack that sets require_ssl."""
    groups = by_identity(of_type(resources, t.REDSHIFT_PARAMETER_GROUP))
    found = []
    for cluster in of_type(resources, t.REDSHIFT_CLUSTER):
        name = cluster.props.get("clusterParameterGroupName")
        if is_opaque(name):
            continue
        if not isinstance(name, str) or not name or name.startswith("default."):
            found.append(Violation(
                f"clusterParameterGroupName is {shown(name)}, so the cluster uses the default parameter group "
                f"(require_ssl false); give it a parameter group and {_FIX}", cluster.urn))
            continue
        group = next(iter(groups.get(name, ())), None)
        if group is None:
            found.append(Violation(
                f"clusterParameterGroupName is {name}, a parameter group this stack does not declare, so TLS "
                f"enforcement cannot be verified; declare the group and {_FIX}", cluster.urn))
            continue
        value = next((p.get("value") for p in blocks(group.props.get("parameters"))
                      if isinstance(p, dict) and p.get("name") == "require_ssl"), None)
        if is_opaque(value) or str(value).strip().lower() == "true":
            continue
        found.append(Violation(f"parameter group {name} sets require_ssl to {shown(value)}; {_FIX}", group.urn))
    return list(dict.fromkeys(found))
