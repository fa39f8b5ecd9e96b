"""Systems Manager over EC2: every running instance is a managed instance, and its associations and patches are
compliant (three AWS Config HIPAA rows only a running account answers).

- ec2-instance-managed-by-systems-manager: a running instance that DescribeInstanceInformation does not list, or
  lists with a PingStatus other than Online, is not managed by SSM Agent (no patching, no inventory, no Run Command).
  https://docs.aws.amazon.com/config/latest/developerguide/ec2-instance-managed-by-systems-manager.html
- ec2-managedinstance-association-compliance-status-check and ec2-managedinstance-patch-compliance-status-check:
  the instance's compliance summary of type Association, or Patch, is COMPLIANT
  (ListResourceComplianceSummaries, ResourceType ManagedInstance).
  https://docs.aws.amazon.com/config/latest/developerguide/ec2-managedinstance-association-compliance-status-check.html
  https://docs.aws.amazon.com/config/latest/developerguide/ec2-managedinstance-patch-compliance-status-check.html
  https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ListResourceComplianceSummaries.html

Systems Manager is read only when the region runs an instance, so an account without instances costs no call.
"""

from __future__ import annotations

from pms_baseline.live.ec2_instances import instances_in_state
from pms_baseline.live.registry import Account, Inventory, check, collector, readable
from pms_baseline_pack import tokens as t

MANAGED = "ec2-instance-managed-by-systems-manager"
ASSOCIATION = "ec2-managedinstance-association-compliance-status-check"
PATCH = "ec2-managedinstance-patch-compliance-status-check"
COMPLIANCE_TYPES = {ASSOCIATION: "Association", PATCH: "Patch"}


def _summaries(live, ssm, compliance_type: str) -> dict[str, str]:
    """Managed instance id -> its compliance status for ``compliance_type`` (COMPLIANT or NON_COMPLIANT)."""
    items = live.pages(ssm, "list_resource_compliance_summaries", "ResourceComplianceSummaryItems",
                       Filters=[{"Key": "ComplianceType", "Values": [compliance_type], "Type": "EQUAL"}])
    return {i["ResourceId"]: i.get("Status") or "" for i in items if i.get("ResourceType") == "ManagedInstance"}


@collector("ssm-managed")
def collect(live, inv: Inventory) -> None:
    instances = instances_in_state(live, inv, "running")
    if instances is None:
        return
    running = sorted(i["InstanceId"] for i in instances)
    inv.items["running"] = running
    if not running:
        return
    ssm = live.client("ssm", inv.region)
    info = inv.read(lambda: list(live.pages(ssm, "describe_instance_information", "InstanceInformationList")))
    inv.items["managed"] = info if not readable(info) else {
        i["InstanceId"]: i.get("PingStatus") or "" for i in info if i.get("InstanceId")}
    for rule, kind in COMPLIANCE_TYPES.items():
        inv.items[rule] = inv.read(lambda kind=kind: _summaries(live, ssm, kind))


@check(MANAGED, "ssm-managed")
def managed_by_systems_manager(acct: Account):
    for inv in acct.each("ssm-managed"):
        managed = inv.items.get("managed")
        if managed is None or not readable(managed):
            continue
        for iid in inv.items.get("running", []):
            ping = managed.get(iid)
            if ping == "Online":
                continue
            what = "is not a managed instance" if ping is None else f"has SSM Agent PingStatus {ping}"
            yield acct.live.finding(
                MANAGED, t.EC2_INSTANCE, iid, iid,
                f"running instance {iid} {what}, so Systems Manager cannot patch, inventory or run commands on it; "
                "give it an instance profile with AmazonSSMManagedInstanceCore and a route to the ssm, ssmmessages "
                "and ec2messages endpoints (164.308(a)(5)(ii)(B))",
                inv.region,
            )


def _compliance(acct: Account, rule: str):
    kind = COMPLIANCE_TYPES[rule]
    for inv in acct.each("ssm-managed"):
        statuses = inv.items.get(rule)
        if statuses is None or not readable(statuses):
            continue
        for iid, status in sorted(statuses.items()):
            if status == "COMPLIANT":
                continue
            yield acct.live.finding(
                rule, t.EC2_INSTANCE, iid, iid,
                f"managed instance {iid} is {status or 'without a status'} for Systems Manager {kind} compliance; "
                + ("re-run the failed State Manager association and fix what it reports (164.308(a)(1)(ii)(B))"
                   if kind == "Association" else
                   "install the missing patches (Patch Manager, AWS-RunPatchBaseline with Install) "
                   "(164.308(a)(5)(ii)(B))"),
                inv.region,
            )


@check(ASSOCIATION, "ssm-managed")
def association_compliant(acct: Account):
    yield from _compliance(acct, ASSOCIATION)


@check(PATCH, "ssm-managed")
def patch_compliant(acct: Account):
    yield from _compliance(acct, PATCH)
