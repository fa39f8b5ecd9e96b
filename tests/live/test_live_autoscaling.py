"""Auto Scaling read live: launch configurations and templates assign no public IP, templates require IMDSv2, and
groups behind a load balancer use its health checks, under the pre-deploy rules' ids; drift of a group and a
launch configuration against the state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.denials import denied, deny
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

AMI = "ami-12c6146b"
PUBLIC_IP = "autoscaling-launch-no-public-ip"
IMDSV2 = "ec2-instance-imdsv2-required"
HEALTH = "autoscaling-group-elb-health-check"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def launch_configuration(account, public=False):
    account.client("autoscaling").create_launch_configuration(
        LaunchConfigurationName="claims-workers", ImageId=AMI, InstanceType="t3.micro",
        AssociatePublicIpAddress=public, MetadataOptions={"HttpTokens": "required"})


def launch_template(account, public=False, tokens="required", name="claims-workers"):
    return account.client("ec2").create_launch_template(LaunchTemplateName=name, LaunchTemplateData={
        "ImageId": AMI, "InstanceType": "t3.micro", "MetadataOptions": {"HttpTokens": tokens},
        "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": public}]})["LaunchTemplate"]


def target_group(account):
    ec2 = account.client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.43.0.0/16")["Vpc"]["VpcId"]
    return account.client("elbv2").create_target_group(
        Name="claims-workers", Protocol="HTTP", Port=8080, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]


def group(account, health="ELB", behind=True):
    launch_configuration(account)
    extra = {"TargetGroupARNs": [target_group(account)]} if behind else {}
    account.client("autoscaling").create_auto_scaling_group(
        AutoScalingGroupName="claims-workers", LaunchConfigurationName="claims-workers", MinSize=0, MaxSize=2,
        AvailabilityZones=["us-east-1a"], HealthCheckType=health, HealthCheckGracePeriod=300, **extra)


def exercise(account):
    """A group with its launch configuration, and a launch template with two versions (the default not the
    latest): verify lists and describes them all (autoscaling:DescribeAutoScalingGroups,
    DescribeLaunchConfigurations; ec2:DescribeLaunchTemplates, DescribeLaunchTemplateVersions)."""
    group(account)
    lt = launch_template(account, name="claims-template")
    account.client("ec2").create_launch_template_version(
        LaunchTemplateId=lt["LaunchTemplateId"], SourceVersion="1", LaunchTemplateData={"InstanceType": "t3.small"})


def test_a_launch_configuration_without_a_public_ip_passes(account):
    launch_configuration(account)
    assert findings(account, PUBLIC_IP) == []


def test_a_launch_configuration_with_a_public_ip_is_a_finding(account):
    launch_configuration(account, public=True)
    assert findings(account, PUBLIC_IP) == [(
        "claims-workers", R + "launch configuration claims-workers: associatePublicIpAddress is true, so every "
        "instance launched from it is reachable from the internet; set associate_public_ip_address=False "
        "(164.312(a)(1))")]


def test_a_launch_template_without_a_public_ip_passes(account):
    launch_template(account)
    assert findings(account, PUBLIC_IP) == []


def test_a_launch_template_with_a_public_ip_is_a_finding(account):
    launch_template(account, public=True)
    assert findings(account, PUBLIC_IP) == [(
        "claims-workers", R + "launch template claims-workers: networkInterfaces[0].associatePublicIpAddress is "
        "true, so every instance launched from the template is reachable from the internet; set it to 'false' "
        "(164.312(a)(1))")]


def test_a_default_version_with_a_public_ip_is_a_finding_though_the_latest_has_none(account):
    lt = launch_template(account, public=True)
    account.client("ec2").create_launch_template_version(
        LaunchTemplateId=lt["LaunchTemplateId"], SourceVersion="1", LaunchTemplateData={
            "ImageId": AMI, "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": False}],
            "MetadataOptions": {"HttpTokens": "required"}})
    assert findings(account, PUBLIC_IP) == [(
        "claims-workers (default version 1)", R + "launch template claims-workers (default version 1): "
        "networkInterfaces[0].associatePublicIpAddress is true, so every instance launched from the template is "
        "reachable from the internet; set it to 'false' (164.312(a)(1))")]


def test_a_launch_template_requiring_imdsv2_passes(account):
    launch_template(account)
    assert [f for f in findings(account, IMDSV2) if f[0].startswith("claims")] == []


def test_a_launch_template_allowing_imdsv1_is_a_finding(account):
    launch_template(account, tokens="optional")
    assert [f for f in findings(account, IMDSV2) if f[0].startswith("claims")] == [(
        "claims-workers", R + "launch template claims-workers: metadataOptions.httpTokens is optional, so the "
        "instance role's credentials answer a plain GET (IMDSv1, reachable through server-side request forgery); "
        "set metadata_options={'http_tokens': 'required'} (164.312(a)(1))")]


def test_a_group_behind_a_load_balancer_with_elb_health_checks_passes(account):
    group(account)
    assert findings(account, HEALTH) == []


def test_a_group_not_behind_a_load_balancer_passes_with_ec2_health_checks(account):
    group(account, health="EC2", behind=False)
    assert findings(account, HEALTH) == []


def test_a_group_behind_a_load_balancer_with_ec2_health_checks_is_a_finding(account):
    group(account, health="EC2")
    assert findings(account, HEALTH) == [(
        "claims-workers", R + "healthCheckType is EC2 (EC2 when unset) on a group behind a load balancer, so "
        "instances that fail the load balancer's health check stay in service; set health_check_type='ELB' "
        "(164.308(a)(7)(ii)(C))")]


def test_health_checks_switched_to_ec2_is_drift(account):
    group(account, health="EC2")
    state = state_of(resource(t.AUTOSCALING_GROUP, "claims-workers", "claims-workers", healthCheckType="ELB",
                              minSize=0, maxSize=2))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-workers", "claims-workers: healthCheckType is 'EC2' in the account, 'ELB' in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_public_ip_on_a_launch_configuration_is_drift(account):
    launch_configuration(account, public=True)
    state = state_of(resource(t.LAUNCH_CONFIGURATION, "claims-workers", "claims-workers",
                              associatePublicIpAddress=False, instanceType="t3.micro"))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-workers", "claims-workers: associatePublicIpAddress is True in the account, False in the state")]


def test_a_deleted_group_and_launch_template_are_missing(account):
    state = state_of(resource(t.AUTOSCALING_GROUP, "claims-workers", "claims-workers", healthCheckType="ELB"),
                     resource(t.LAUNCH_TEMPLATE, "claims-template", "lt-0123456789abcdef0"))
    assert sorted(name for name, _ in findings(account, "live-resource-missing", state)) == [
        "claims-template", "claims-workers"]


def test_a_template_whose_versions_cannot_be_read_is_not_judged(account):
    launch_template(account, public=True, tokens="optional")
    deny(account.session, "ec2", "DescribeLaunchTemplateVersions", code="UnauthorizedOperation")
    result = verify(session=account.session, regions=["us-east-1"])
    assert [f.message for f in result.findings if f.rule in (PUBLIC_IP, IMDSV2) and "claims" in f.message] == []
    assert [f.message for f in result.findings if f.rule == "live-api-access-denied"] == [
        denied("ec2:DescribeLaunchTemplateVersions", code="UnauthorizedOperation")]
