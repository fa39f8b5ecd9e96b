from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.emr.emr_cluster_master_no_public_ip import check as rule
from tests.policy.rules.builders import res

PRIVATE = res(t.SUBNET, "analytics-private", id="subnet-0private", mapPublicIpOnLaunch=False)
PUBLIC = res(t.SUBNET, "analytics-public", id="subnet-0public", mapPublicIpOnLaunch=True)


def cluster(**attrs):
    return res(t.EMR_CLUSTER, "analytics", name="analytics", ec2Attributes=attrs)


def test_pass_private_subnet():
    assert rule.run_stack([cluster(subnetId="subnet-0private"), PRIVATE, PUBLIC]) == []


def test_pass_subnet_unknown_at_preview():
    assert rule.run_stack([cluster(subnetId=UNKNOWN), PUBLIC]) == []


def test_fail_public_subnet():
    c = cluster(subnetIds=["subnet-0private", "subnet-0public"])
    assert rule.run_stack([c, PRIVATE, PUBLIC]) == [Violation(
        "ec2Attributes names subnet analytics-public, whose mapPublicIpOnLaunch is true, so the master gets a "
        "public IP; launch the cluster in a private subnet (164.312(a)(1))", c.urn)]


def test_fail_default_vpc():
    c = res(t.EMR_CLUSTER, "analytics", name="analytics")
    assert rule.run_stack([c]) == [Violation(
        "ec2Attributes.subnetId is unset, so the cluster launches in the default VPC, whose subnets give the master "
        "a public IP; set subnet_id to a private subnet (164.312(a)(1))", c.urn)]
