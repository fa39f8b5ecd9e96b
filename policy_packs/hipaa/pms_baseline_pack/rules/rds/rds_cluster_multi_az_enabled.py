"""RDS DB clusters span availability zones, except in environments the pack's config exempts.

AWS Config ``rds-cluster-multi-az-enabled`` (Aurora clusters with DB instances in more than one availability
zone, and Multi-AZ DB clusters): https://docs.aws.amazon.com/config/latest/developerguide/rds-cluster-multi-az-enabled.html
A Multi-AZ DB cluster (dbClusterInstanceClass set) always has a writer and two readers in three zones; an Aurora
cluster is Multi-AZ once it has a second instance, which RDS places in another zone unless the program pins
both to one (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html).
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import Violation, environment_list, stack_rule
from pms_baseline_pack.rules.props import is_exempt_environment, of_type, ref, resource_identities


@stack_rule(
    id="rds-cluster-multi-az-enabled",
    title="RDS DB clusters have instances in more than one availability zone (production)",
    severity="medium",
    citations=("164.308(a)(7)(ii)(B)", "164.308(a)(7)(ii)(C)"),
    resource_types=(t.RDS_CLUSTER, t.RDS_CLUSTER_INSTANCE),
    remediation="Add a second aws.rds.ClusterInstance (a reader) to the Aurora cluster without pinning it to the "
    "writer's availability zone.",
    aws_config_rules=("rds-cluster-multi-az-enabled",),
    config={
        "exemptEnvironments": environment_list(
            ["staging", "test"],
            "Values of the 'environment' tag whose clusters may run in one AZ (untagged clusters never are).",
        )
    },
)
def check(resources, config):
    """A Multi-AZ DB cluster passes; an Aurora cluster has two or more instances not all pinned to one zone."""
    instances = of_type(resources, t.RDS_CLUSTER_INSTANCE)
    if any(is_opaque(i.props.get("clusterIdentifier")) for i in instances):
        return []
    found = []
    for cluster in of_type(resources, t.RDS_CLUSTER):
        p = cluster.props
        if p.get("dbClusterInstanceClass") or is_exempt_environment(p, config["exemptEnvironments"]):
            continue
        ids = resource_identities(cluster, "clusterIdentifier")
        members = [i for i in instances if ref(i.props.get("clusterIdentifier")) in ids]
        zones = {i.props.get("availabilityZone") for i in members}
        if any(is_opaque(z) for z in zones):
            continue
        pinned = {z for z in zones if z} if None not in zones and "" not in zones else set()
        if len(members) >= 2 and len(pinned) != 1:
            continue
        name = p.get("clusterIdentifier") if isinstance(p.get("clusterIdentifier"), str) else cluster.name
        what = (f"its {len(members)} instances are all pinned to {next(iter(pinned))}" if len(members) >= 2
                else f"it has {len(members)} DB instance{'' if len(members) == 1 else 's'}")
        found.append(Violation(
            f"DB cluster {name} runs in one availability zone ({what}); add a reader aws.rds.ClusterInstance in "
            "another zone so the cluster survives the loss of a zone (164.308(a)(7)(ii)(B))",
            cluster.urn,
        ))
    return found
