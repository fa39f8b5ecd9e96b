"""EMR clusters read live: Kerberos authentication (emr-cluster-kerberos-enabled, the pack's stack rule over the
clusters and the security configurations they name) and a master without a public IP
(emr-cluster-master-no-public-ip, the pack's stack rule over the clusters and the subnets they name), with the
cluster's settings compared with the state.

https://docs.aws.amazon.com/emr/latest/APIReference/API_ListClusters.html (ClusterStates STARTING, BOOTSTRAPPING,
RUNNING, WAITING: the clusters still running)
https://docs.aws.amazon.com/emr/latest/APIReference/API_DescribeCluster.html (SecurityConfiguration,
KerberosAttributes without the KDC admin password, Ec2InstanceAttributes.Ec2SubnetId and RequestedEc2SubnetIds)
https://docs.aws.amazon.com/emr/latest/APIReference/API_DescribeSecurityConfiguration.html (the configuration's
JSON text, as the state's configuration holds it)
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSubnets.html (MapPublicIpOnLaunch of the
subnets the clusters name)

Only the security configurations and subnets the clusters name are described (a listing of every security
configuration would add nothing the rules read). A configuration that no longer exists is absent, as an
undeclared one is from a stack. Either rule runs on a Region only when every cluster and everything it names
could be read.
"""

from __future__ import annotations

from pms_baseline.live.readers import READERS, inventories, judge_stack_violations, reader, stack_rule
from pms_baseline.live.registry import UNREADABLE, Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import StackResource

ACTIVE = ("STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING")
MASTER_RULE = "emr-cluster-master-no-public-ip"


@collector("emr")
def collect(live, inv: Inventory) -> None:
    emr = live.client("emr", inv.region)
    listed = inv.read(lambda: list(live.pages(emr, "list_clusters", "Clusters", ClusterStates=list(ACTIVE))))
    inv.complete = readable(listed)
    clusters = [inv.read(lambda c=c: live.call(emr, "describe_cluster", ClusterId=c["Id"])["Cluster"])
                for c in (listed if readable(listed) else [])]
    inv.items["clusters"] = clusters
    named = sorted({c["SecurityConfiguration"] for c in clusters if readable(c) and c.get("SecurityConfiguration")})
    configs = [inv.read(lambda n=n: live.call(emr, "describe_security_configuration", Name=n,
                                              missing=("InvalidRequestException",))) for n in named]
    inv.items["security_configurations"] = [c for c in configs if c is not None]
    subnet_ids = sorted({s for c in clusters if readable(c) for s in _subnets(c)})
    ec2 = live.client("ec2", inv.region)
    subnets = inv.read(lambda: list(live.pages(ec2, "describe_subnets", "Subnets", SubnetIds=subnet_ids))
                       ) if subnet_ids else []
    inv.items["subnets"] = subnets if readable(subnets) else [UNREADABLE]


def _subnets(c: dict) -> list[str]:
    attrs = c.get("Ec2InstanceAttributes") or {}
    return [s for s in [attrs.get("Ec2SubnetId"), *(attrs.get("RequestedEc2SubnetIds") or [])] if s]


def cluster_props(c: dict) -> dict:
    """A cluster's description in the engine's property names."""
    attrs = c.get("Ec2InstanceAttributes") or {}
    kerberos = c.get("KerberosAttributes") or {}
    return {
        "name": c.get("Name"),
        "arn": c.get("ClusterArn"),
        "releaseLabel": c.get("ReleaseLabel"),
        "securityConfiguration": c.get("SecurityConfiguration"),
        "kerberosAttributes": {"realm": kerberos.get("Realm")} if kerberos else None,
        "ec2Attributes": {"subnetId": attrs.get("Ec2SubnetId"), "subnetIds": attrs.get("RequestedEc2SubnetIds")
                          or [], "instanceProfile": attrs.get("IamInstanceProfile")},
        "terminationProtection": c.get("TerminationProtected"),
    }


def security_configuration_props(sc: dict) -> dict:
    """A security configuration in the engine's property names."""
    return {"name": sc.get("Name"), "configuration": sc.get("SecurityConfiguration")}


reader(
    t.EMR_CLUSTER, "emr", "clusters", "cluster",
    name=lambda c: c.get("Name") or c["Id"],
    ids=lambda c: (c["Id"], c.get("ClusterArn")),
    props=cluster_props,
    compare=("releaseLabel", "terminationProtection", "securityConfiguration"),
)
reader(
    t.EMR_SECURITY_CONFIGURATION, "emr", "security_configurations", "security configuration",
    name=lambda sc: sc["Name"],
    props=security_configuration_props,
)
stack_rule("emr-cluster-kerberos-enabled", "emr", (t.EMR_CLUSTER, t.EMR_SECURITY_CONFIGURATION))


@check(MASTER_RULE, "emr")
def master_no_public_ip(acct: Account):
    """The stack rule over a Region's clusters and the subnets they name (as the clusters' own view of them, not
    a reader of subnets: those belong to the network's checks)."""
    clusters = READERS[t.EMR_CLUSTER]
    config = acct.live.rule_config(MASTER_RULE)
    for inv in inventories(acct, "emr"):
        items, subnets = inv.items.get("clusters", []), inv.items.get("subnets", [])
        if not inv.complete or not readable(*items, *subnets):
            continue
        views, where = [], {}
        for c in items:
            urn = f"live:{t.EMR_CLUSTER}:{inv.region}:{c['Id']}"
            views.append(StackResource(urn=urn, type=t.EMR_CLUSTER, name=clusters.name(c), props=cluster_props(c),
                                       id=c["Id"]))
            where[urn] = (clusters.name(c), c["Id"])
        views += [StackResource(urn=f"live:{t.SUBNET}:{inv.region}:{s['SubnetId']}", type=t.SUBNET,
                                name=s["SubnetId"], id=s["SubnetId"],
                                props={"id": s["SubnetId"], "vpcId": s.get("VpcId"),
                                       "mapPublicIpOnLaunch": s.get("MapPublicIpOnLaunch")})
                  for s in subnets]
        for v in judge_stack_violations(MASTER_RULE, views, config):
            name, ident = where.get(v.urn, (f"emr-{inv.region}", inv.region))
            yield acct.live.finding(MASTER_RULE, t.EMR_CLUSTER, name, ident, v.message, inv.region)
