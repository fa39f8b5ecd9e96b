"""Systems Manager over EC2 in a live account: a running instance SSM does not manage, or whose association or
patch compliance is not COMPLIANT, is a finding (three AWS Config HIPAA rows only the account answers)."""

import pytest

from tests.live.conftest import R
from tests.live.systems_manager import answer_ssm

pytestmark = pytest.mark.moto

RULES = ("ec2-instance-managed-by-systems-manager", "ec2-managedinstance-association-compliance-status-check",
         "ec2-managedinstance-patch-compliance-status-check")


def run_instances(account, n=2):
    ec2 = account.client("ec2")
    image = "ami-0abcdef1234567890"  # moto's catalogue of public AMIs is not loaded (tests/conftest.py)
    return sorted(i["InstanceId"] for i in ec2.run_instances(ImageId=image, MinCount=n, MaxCount=n)["Instances"])


def ssm_findings(account):
    return sorted((f.rule, f.resource.name, f.message) for f in account.verify(state=False).findings
                  if f.rule in RULES)


def test_without_instances_systems_manager_is_not_asked(account):
    answered = answer_ssm(account.session, {}, {})
    assert ssm_findings(account) == [] and answered == []


def test_managed_compliant_instances_pass(account):
    a, b = run_instances(account)
    answered = answer_ssm(account.session, {a: "Online", b: "Online"},
                          {"Association": {a: "COMPLIANT", b: "COMPLIANT"}, "Patch": {a: "COMPLIANT"}})
    assert ssm_findings(account) == []
    assert sorted(answered) == ["DescribeInstanceInformation", "ListResourceComplianceSummaries",
                                "ListResourceComplianceSummaries"]


def test_an_unmanaged_or_unreachable_instance_is_a_finding(account):
    a, b = run_instances(account)
    answer_ssm(account.session, {a: "ConnectionLost"}, {})
    assert ssm_findings(account) == [
        ("ec2-instance-managed-by-systems-manager", a,
         R + f"running instance {a} has SSM Agent PingStatus ConnectionLost, so Systems Manager cannot patch, "
         "inventory or run commands on it; give it an instance profile with AmazonSSMManagedInstanceCore and a route "
         "to the ssm, ssmmessages and ec2messages endpoints (164.308(a)(5)(ii)(B))"),
        ("ec2-instance-managed-by-systems-manager", b,
         R + f"running instance {b} is not a managed instance, so Systems Manager cannot patch, inventory or run "
         "commands on it; give it an instance profile with AmazonSSMManagedInstanceCore and a route to the ssm, "
         "ssmmessages and ec2messages endpoints (164.308(a)(5)(ii)(B))"),
    ]


def test_non_compliant_associations_and_patches_are_findings(account):
    a, b = run_instances(account)
    answer_ssm(account.session, {a: "Online", b: "Online"},
               {"Association": {a: "COMPLIANT", b: "NON_COMPLIANT"}, "Patch": {a: "NON_COMPLIANT", b: "COMPLIANT"}})
    assert ssm_findings(account) == [
        ("ec2-managedinstance-association-compliance-status-check", b,
         R + f"managed instance {b} is NON_COMPLIANT for Systems Manager Association compliance; re-run the failed "
         "State Manager association and fix what it reports (164.308(a)(1)(ii)(B))"),
        ("ec2-managedinstance-patch-compliance-status-check", a,
         R + f"managed instance {a} is NON_COMPLIANT for Systems Manager Patch compliance; install the missing "
         "patches (Patch Manager, AWS-RunPatchBaseline with Install) (164.308(a)(5)(ii)(B))"),
    ]


def test_a_stopped_instance_is_not_asked_about(account):
    (a,) = run_instances(account, 1)
    account.client("ec2").stop_instances(InstanceIds=[a])
    answered = answer_ssm(account.session, {}, {})
    assert ssm_findings(account) == [] and answered == []
