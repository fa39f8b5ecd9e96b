"""EMR clusters read live: Kerberos through the security configuration the cluster names, and a master launched in
a subnet that gives no public IP, under the pre-deploy stack rules' ids; drift of a cluster against the state."""

import json

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.denials import denied, deny
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

KERBEROS = "emr-cluster-kerberos-enabled"
MASTER = "emr-cluster-master-no-public-ip"
FIX = ("attach a security configuration whose AuthenticationConfiguration has a KerberosConfiguration and set "
       "kerberos_attributes (164.312(d))")
KDC = {"AuthenticationConfiguration": {"KerberosConfiguration": {
    "Provider": "ClusterDedicatedKdc", "ClusterDedicatedKdcConfiguration": {"TicketLifetimeInHours": 24}}}}
NO_KDC = {"EncryptionConfiguration": {"EnableInTransitEncryption": False, "EnableAtRestEncryption": False}}


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def subnet(account, public=False):
    ec2 = account.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.44.0.0/16")["Vpc"]["VpcId"]
    sid = ec2.create_subnet(VpcId=vpc, CidrBlock="10.44.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
    if public:
        ec2.modify_subnet_attribute(SubnetId=sid, MapPublicIpOnLaunch={"Value": True})
    return sid


def cluster(account, configuration=KDC, kerberos=True, public=False, in_subnet=True):
    emr = account.client("emr")
    extra = {}
    if configuration is not None:
        emr.create_security_configuration(Name="claims-kdc", SecurityConfiguration=json.dumps(configuration))
        extra["SecurityConfiguration"] = "claims-kdc"
    if kerberos:
        extra["KerberosAttributes"] = {"Realm": "EC2.INTERNAL", "KdcAdminPassword": "kdc-admin-secret"}
    instances = {"MasterInstanceType": "m5.xlarge", "InstanceCount": 1, "KeepJobFlowAliveWhenNoSteps": True}
    if in_subnet:
        instances["Ec2SubnetId"] = subnet(account, public)
    return emr.run_job_flow(Name="claims-etl", ReleaseLabel="emr-6.15.0", Instances=instances,
                            JobFlowRole="EMR_EC2_DefaultRole", ServiceRole="EMR_DefaultRole", **extra)["JobFlowId"]


def exercise(account):
    """One Kerberized cluster in a private subnet: verify lists and describes it, its security configuration and
    its subnet (elasticmapreduce:ListClusters, DescribeCluster, DescribeSecurityConfiguration; ec2:DescribeSubnets)."""
    return cluster(account)


def test_a_kerberized_cluster_passes(account):
    cluster(account)
    assert findings(account, KERBEROS) == []


def test_a_cluster_without_a_security_configuration_is_a_finding(account):
    cluster(account, configuration=None, kerberos=False)
    assert findings(account, KERBEROS) == [(
        "claims-etl", R + f"securityConfiguration is unset, so the cluster has no Kerberos; {FIX}")]


def test_a_security_configuration_without_kerberos_is_a_finding(account):
    cluster(account, configuration=NO_KDC, kerberos=False)
    assert findings(account, KERBEROS) == [(
        "claims-kdc", R + f"security configuration claims-kdc has no AuthenticationConfiguration."
        f"KerberosConfiguration; {FIX}")]


def test_a_master_in_a_private_subnet_passes(account):
    cluster(account)
    assert findings(account, MASTER) == []


def test_a_master_in_a_public_subnet_is_a_finding(account):
    cluster(account, public=True)
    sid = account.client("emr").describe_cluster(ClusterId=account.client("emr").list_clusters()["Clusters"][0][
        "Id"])["Cluster"]["Ec2InstanceAttributes"]["Ec2SubnetId"]
    assert findings(account, MASTER) == [(
        "claims-etl", R + f"ec2Attributes names subnet {sid}, whose mapPublicIpOnLaunch is true, so the master "
        "gets a public IP; launch the cluster in a private subnet (164.312(a)(1))")]


def test_termination_protection_turned_off_is_drift(account):
    cid = cluster(account)
    state = state_of(resource(t.EMR_CLUSTER, "claims-etl", cid, releaseLabel="emr-6.15.0",
                              terminationProtection=True, securityConfiguration="claims-kdc"))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-etl", "claims-etl: terminationProtection is False in the account, True in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_terminated_cluster_is_missing(account):
    cid = cluster(account)
    account.client("emr").terminate_job_flows(JobFlowIds=[cid])
    state = state_of(resource(t.EMR_CLUSTER, "claims-etl", cid, releaseLabel="emr-6.15.0"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-etl"]


def test_subnets_that_cannot_be_described_leave_the_master_rule_unrun(account):
    cluster(account, public=True)
    deny(account.session, "ec2", "DescribeSubnets", code="UnauthorizedOperation")
    result = verify(session=account.session, regions=["us-east-1"])
    assert [f.message for f in result.findings if f.rule == MASTER] == []
    assert denied("ec2:DescribeSubnets", code="UnauthorizedOperation") in [
        f.message for f in result.findings if f.rule == "live-api-access-denied"]
