"""Every Redshift cluster has audit logging, declared by a logging resource of the stack.

AWS Config redshift-cluster-configuration-check (loggingEnabled true, the HIPAA pack's value): NON_COMPLIANT when
a cluster's audit logging is off. pulumi-aws v7 declares it with aws:redshift/logging:Logging (the cluster has no
logging block any more), so this is a stack rule joining a cluster to its logging resource.
https://docs.aws.amazon.com/config/latest/developerguide/redshift-cluster-configuration-check.html
https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, stack_rule
from pms_baseline_pack.rules.props import of_type, ref, resource_identities


@stack_rule(
    id="redshift-cluster-audit-logging-enabled",
    title="Redshift clusters have audit logging",
    severity="high",
    citations=("164.312(b)", "164.308(a)(1)(ii)(D)"),
    resource_types=(t.REDSHIFT_CLUSTER, t.REDSHIFT_LOGGING),
    remediation="Declare aws.redshift.Logging for the cluster (log_destination_type \"cloudwatch\" with "
    "log_exports connectionlog, userlog and useractivitylog, or \"s3\" with a bucket_name).",
    aws_config_rules=("redshift-cluster-configuration-check",),
    checkov_ids=("CKV_AWS_71",),
)
def check(resources, config):
    """Each cluster's identifier is the clusterIdentifier of a logging resource."""
    logs = of_type(resources, t.REDSHIFT_LOGGING)
    if any(is_opaque(x.props.get("clusterIdentifier")) for x in logs):
        return []
    logged = {ref(x.props.get("clusterIdentifier")) for x in logs}
    found = []
    for cluster in of_type(resources, t.REDSHIFT_CLUSTER):
        name = cluster.props.get("clusterIdentifier")
        if is_opaque(name) or resource_identities(cluster, "clusterIdentifier") & logged:
            continue
        found.append(Violation(
            f"cluster {name if isinstance(name, str) and name else cluster.name} has no aws.redshift.Logging "
            "resource, so connections and queries are not logged; declare one for its cluster_identifier "
            "(164.312(b))",
            cluster.urn,
        ))
    return found
