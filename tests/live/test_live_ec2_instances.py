"""EC2 instances read live under the pre-deploy rules' ids (IMDSv2 required, in a VPC subnet, no public IP, an
instance profile attached), and drift of an instance against the state. moto places every instance in a VPC, so
the instance outside one is the answer AWS gives for an EC2-Classic instance (no SubnetId), made by
ec2_classic.py."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.ec2_classic import answer_without_subnet
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

AMI = "ami-12c6146b"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def private_subnet(account, public=False):
    ec2 = account.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.42.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]
    if public:
        ec2.modify_subnet_attribute(SubnetId=subnet["SubnetId"], MapPublicIpOnLaunch={"Value": True})
    return subnet["SubnetId"]


def instance(account, tokens="required", profile=True, public=False):
    extra = {}
    if profile:
        iam = account.client("iam")
        iam.create_instance_profile(InstanceProfileName="claims-worker")
        extra["IamInstanceProfile"] = {"Name": "claims-worker"}
    return account.client("ec2").run_instances(
        ImageId=AMI, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=private_subnet(account, public),
        MetadataOptions={"HttpTokens": tokens, "HttpEndpoint": "enabled"}, **extra,
    )["Instances"][0]["InstanceId"]


def exercise(account):
    """One compliant running instance: verify lists it (ec2:DescribeInstances)."""
    return instance(account)


def test_an_instance_requiring_imdsv2_passes(account):
    instance(account)
    assert findings(account, "ec2-instance-imdsv2-required") == []


def test_an_instance_allowing_imdsv1_is_a_finding(account):
    iid = instance(account, tokens="optional")
    assert findings(account, "ec2-instance-imdsv2-required") == [(
        iid, R + f"instance {iid}: metadataOptions.httpTokens is optional, so the instance role's credentials "
        "answer a plain GET (IMDSv1, reachable through server-side request forgery); set "
        "metadata_options={'http_tokens': 'required'} (164.312(a)(1))")]


def test_an_instance_in_a_subnet_passes(account):
    instance(account)
    assert findings(account, "ec2-instance-in-vpc-subnet") == []


def test_an_instance_outside_a_vpc_is_a_finding(account):
    iid = instance(account)
    answer_without_subnet(account.session, iid)
    assert findings(account, "ec2-instance-in-vpc-subnet") == [(
        iid, R + f"instance {iid}: subnetId is unset, so the instance launches in the default VPC's public "
        "subnets; set subnet_id to a private subnet of the SegmentedNetwork (164.312(a)(1))")]


def test_an_instance_without_a_public_ip_passes(account):
    instance(account)
    assert findings(account, "ec2-instance-no-public-ip") == []


def test_an_instance_with_a_public_ip_is_a_finding(account):
    iid = instance(account, public=True)
    assert findings(account, "ec2-instance-no-public-ip") == [(
        iid, R + f"instance {iid}: associatePublicIpAddress is true, so the instance is reachable from the "
        "internet; set associate_public_ip_address=False (164.312(a)(1))")]


def test_an_instance_with_a_profile_passes(account):
    instance(account)
    assert findings(account, "ec2-instance-profile-attached") == []


def test_an_instance_without_a_profile_is_a_finding(account):
    iid = instance(account, profile=False)
    assert findings(account, "ec2-instance-profile-attached") == [(
        iid, R + f"instance {iid}: iamInstanceProfile is unset, so software on the instance gets AWS access only "
        "from stored keys; set iam_instance_profile to a profile whose role grants what it needs (164.312(a)(1))")]


def test_imdsv1_allowed_again_is_drift(account):
    iid = instance(account, tokens="optional")
    state = state_of(resource(t.EC2_INSTANCE, "claims-worker", iid, instanceType="t3.micro",
                              metadataOptions={"httpTokens": "required"}, associatePublicIpAddress=False))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-worker", "claims-worker: metadataOptions.httpTokens is 'optional' in the account, 'required' in "
         "the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_terminated_instance_is_missing(account):
    iid = instance(account)
    account.client("ec2").terminate_instances(InstanceIds=[iid])
    state = state_of(resource(t.EC2_INSTANCE, "claims-worker", iid, instanceType="t3.micro"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-worker"]
