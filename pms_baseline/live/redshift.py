"""Redshift clusters read live under the pre-deploy rules' ids: encryption, public access, automated snapshots and
version upgrades on each cluster; audit logging (a stack rule over the cluster and its logging) and TLS (a stack
rule over the cluster and its parameter group's require_ssl); and the cluster's settings compared with the state.

https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeClusters.html (Encrypted, KmsKeyId,
PubliclyAccessible, AllowVersionUpgrade, AutomatedSnapshotRetentionPeriod, ClusterParameterGroups)
https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeLoggingStatus.html (LoggingEnabled,
LogDestinationType, BucketName, LogExports): a cluster whose logging is on is presented with an
aws:redshift/logging:Logging of its identifier, as a program declares one; off, it has none.
https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeClusterParameterGroups.html
https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeClusterParameters.html (require_ssl): read
for each parameter group a cluster uses but a default.* one, which the rule judges by its name (a default group's
require_ssl is false and cannot be changed). A group no cluster uses is listed (for drift) without its parameters,
which no rule reads.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t


def _group_of(cluster: dict) -> str | None:
    groups = cluster.get("ClusterParameterGroups") or []
    return groups[0].get("ParameterGroupName") if groups else None


@collector("redshift")
def collect(live, inv: Inventory) -> None:
    rs = live.client("redshift", inv.region)
    clusters = inv.read(lambda: list(live.pages(rs, "describe_clusters", "Clusters")))
    groups = inv.read(lambda: list(live.pages(rs, "describe_cluster_parameter_groups", "ParameterGroups")))
    inv.complete = readable(clusters, groups)
    inv.items["clusters"] = clusters if readable(clusters) else []
    logging = []
    for c in inv.items["clusters"]:
        status = inv.read(
            lambda c=c: live.call(rs, "describe_logging_status", ClusterIdentifier=c["ClusterIdentifier"]))
        if not readable(status):
            logging.append(UNREADABLE)  # whether this cluster logs is unknown: the stack rule is not run
        elif status.get("LoggingEnabled"):
            logging.append({**status, "ClusterIdentifier": c["ClusterIdentifier"]})
    inv.items["logging"] = logging
    used = {_group_of(c) for c in inv.items["clusters"]} - {None}
    described = []
    for g in groups if readable(groups) else []:
        name = g["ParameterGroupName"]
        params = None
        if name in used and not name.startswith("default."):
            params = inv.read(lambda name=name: list(live.pages(
                rs, "describe_cluster_parameters", "Parameters", ParameterGroupName=name)))
        described.append({**g, "Parameters": params})
    inv.items["parameter_groups"] = described


def cluster_props(c: dict) -> dict:
    """A cluster description in the engine's property names."""
    return {
        "clusterIdentifier": c.get("ClusterIdentifier"),
        "encrypted": c.get("Encrypted"),
        "kmsKeyId": c.get("KmsKeyId"),
        "publiclyAccessible": c.get("PubliclyAccessible"),
        "allowVersionUpgrade": c.get("AllowVersionUpgrade"),
        "automatedSnapshotRetentionPeriod": c.get("AutomatedSnapshotRetentionPeriod"),
        "clusterParameterGroupName": _group_of(c),
        "tags": {x["Key"]: x["Value"] for x in c.get("Tags") or []},
    }


def logging_props(status: dict) -> dict:
    """A cluster's logging (on) as an aws:redshift/logging:Logging."""
    return {
        "clusterIdentifier": status["ClusterIdentifier"],
        "logDestinationType": status.get("LogDestinationType") or None,
        "bucketName": status.get("BucketName") or None,
        "logExports": list(status.get("LogExports") or []),
    }


def parameter_group_props(g: dict) -> dict:
    """A parameter group in the engine's property names; ``parameters`` None when they were not read (no cluster
    uses the group) and unreadable when reading them failed."""
    params = g["Parameters"]
    if params is not None and readable(params):
        params = [{"name": p["ParameterName"], "value": p.get("ParameterValue")} for p in params]
    return {"name": g["ParameterGroupName"], "family": g.get("ParameterGroupFamily"), "parameters": params}


reader(
    t.REDSHIFT_CLUSTER, "redshift", "clusters", "cluster",
    name=lambda c: c["ClusterIdentifier"],
    props=cluster_props,
    rules=(
        "redshift-cluster-encrypted",
        "redshift-cluster-not-publicly-accessible",
        "redshift-cluster-automated-snapshots-enabled",
        "redshift-cluster-version-upgrade-allowed",
    ),
    compare=("publiclyAccessible", "allowVersionUpgrade", "automatedSnapshotRetentionPeriod",
             "clusterParameterGroupName"),
)
reader(
    t.REDSHIFT_LOGGING, "redshift", "logging", "logging of cluster",
    name=lambda s: s["ClusterIdentifier"],
    props=logging_props,
    compare=("logDestinationType",),
)
reader(
    t.REDSHIFT_PARAMETER_GROUP, "redshift", "parameter_groups", "parameter group",
    name=lambda g: g["ParameterGroupName"],
    props=parameter_group_props,
)
stack_rule("redshift-cluster-audit-logging-enabled", "redshift", (t.REDSHIFT_CLUSTER, t.REDSHIFT_LOGGING))
stack_rule("redshift-cluster-requires-tls", "redshift", (t.REDSHIFT_CLUSTER, t.REDSHIFT_PARAMETER_GROUP))
