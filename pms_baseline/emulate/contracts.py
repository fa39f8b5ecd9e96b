"""The AWS service contracts, checked when AWS checks them: at the call that creates a resource.

Before a resource is created, each contract rule AWS applies to that call runs over what AWS would hold at that
step (every resource before it in the document that no contract refused, whether or not moto could create it)
plus the resource. A violation the resource brings (one the rule does not report without it) refuses it as AWS
would refuse the call, recorded like a moto refusal but with the rule's id and message. A contract refusal is
final: moto's refusals are tried again once everything else exists, a contract's is not, because AWS would not
have accepted the call at that step either (a role created before the boundary it names stays refused).

The rules are the pack's own (``pms_baseline_pack.rules``), run unchanged; this module only says where each one
is checked (``CHECKED_AT``):

- ``kms-key-grants-cloudtrail``: CreateTrail (InsufficientEncryptionPolicyException).
- ``kms-key-grants-cloudwatch-logs``: CreateLogGroup with a key (AssociateKmsKey).
- ``kms-key-grants-backup-vault``: CreateBackupVault. ``kms-key-grants-rds``: CreateDBInstance, CreateDBCluster.
- ``kms-key-grants-config-delivery``, ``config-delivery-bucket-object-lock-disabled``,
  ``config-delivery-bucket-writable``: PutDeliveryChannel (InsufficientDeliveryPolicyException).
- ``elb-access-log-bucket-accepts-delivery``: CreateLoadBalancer with its access-log attributes (Access Denied
  for the bucket); then PutBucketEncryption and PutBucketPolicy on that bucket, which would stop the delivery.
- ``s3-access-log-target-accepts-delivery``: PutBucketLogging (a BucketLogging, or a bucket with inline
  logging); then PutBucketEncryption and PutObjectLockConfiguration on the target, which would stop it.
- ``wafv2-logging-destination-named-aws-waf-logs``: PutLoggingConfiguration.
- ``iam-role-depends-on-named-policies``: CreateRole and AttachRolePolicy. The rule asks whether the role
  depends on a policy of the program it names; at the call, AWS asks whether the policy exists, so the role is
  judged as depending on exactly what exists at that step (NoSuchEntity otherwise).
- ``iam-policy-document-valid``: every call that takes a policy document (CreatePolicy, PutRolePolicy, CreateRole,
  CreateKey, PutBucketPolicy, SetTopicAttributes, PutBackupVaultAccessPolicy, ...): the rule's own types.
- ``account-singletons-declared-once``: the second CreateDetector, PutConfigurationRecorder, ... in an account
  (and Region): the rule's own types.
- ``kms-key-grants-sns-publishers``: PutMetricAlarm and PutTargets that publish to the topic.
- ``kms-key-grants-autoscaling-ebs-default``: ModifyEbsDefaultKmsKeyId.

Some of these calls AWS accepts and then fails silently (SNS drops the alarm, Auto Scaling cannot launch, no
access log arrives: the rule's message says so); the emulator refuses them at the call that sets up the failure,
so that "the stack realizes" means AWS would accept it and it would work, as far as the rules know.
"""

from __future__ import annotations

from dataclasses import replace

from pms_baseline.judge import stack_view
from pms_baseline.state import Resource, StateDocument
from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Rule, StackResource, by_id

CONTRACT = "contract refused it: "
"""How the reason of a resource refused by a contract rule begins (then the rule id, ': ', its message)."""

NAMED_POLICIES = "iam-role-depends-on-named-policies"

# Contract rule id -> the resource types whose creation is the call AWS checks it at; None: the rule's own
# resource types (each of them is such a call).
CHECKED_AT: dict[str, tuple[str, ...] | None] = {
    "kms-key-grants-cloudtrail": (t.CLOUDTRAIL,),
    "kms-key-grants-cloudwatch-logs": (t.LOG_GROUP,),
    "kms-key-grants-sns-publishers": (t.METRIC_ALARM, t.EVENT_TARGET),
    "kms-key-grants-config-delivery": (t.CONFIG_DELIVERY_CHANNEL,),
    "kms-key-grants-backup-vault": (t.BACKUP_VAULT,),
    "kms-key-grants-rds": (t.RDS_INSTANCE, t.RDS_CLUSTER),
    "kms-key-grants-autoscaling-ebs-default": (t.EBS_DEFAULT_KMS_KEY,),
    "config-delivery-bucket-object-lock-disabled": (t.CONFIG_DELIVERY_CHANNEL,),
    "config-delivery-bucket-writable": (t.CONFIG_DELIVERY_CHANNEL,),
    "elb-access-log-bucket-accepts-delivery": (*t.LOAD_BALANCERS, *t.S3_SSES, t.S3_POLICY),
    "s3-access-log-target-accepts-delivery": (*t.S3_LOGGINGS, *t.S3_BUCKETS, *t.S3_SSES, *t.S3_OBJECT_LOCKS),
    "wafv2-logging-destination-named-aws-waf-logs": (t.WAF_LOGGING,),
    NAMED_POLICIES: (t.IAM_ROLE, t.IAM_ROLE_POLICY_ATTACHMENT),
    "iam-policy-document-valid": None,
    "account-singletons-declared-once": None,
}


class Contracts:
    """The contract rules over an emulated account as it grows: record what exists, ask before each creation."""

    def __init__(self, doc: StateDocument) -> None:
        self._doc = doc
        rules = by_id()
        self._at: dict[str, list[Rule]] = {}
        for rule_id, kinds in CHECKED_AT.items():
            rule = rules[rule_id]
            for kind in dict.fromkeys(kinds or rule.resource_types):
                self._at.setdefault(kind, []).append(rule)
        self._existing: dict[str, StackResource] = {}
        self._known: dict[str, tuple[int, set[tuple[str, str]]]] = {}

    def refusal(self, r: Resource) -> str:
        """Why AWS would refuse creating ``r`` now: the first contract violation it brings; '' when none, and
        then ``r`` exists for every later check (asking again, as moto's retry does, finds it accepted)."""
        if r.urn in self._existing:
            return ""
        view = stack_view(r)
        for rule in self._at.get(r.type, ()):
            if rule.kind == "resource":
                brought = rule.run_resource(view.props)
            else:
                before, after = self._scopes(rule, view)
                known = self._reported(rule, before)
                brought = [v.message for v in rule.run_stack(after) if (v.urn, v.message) not in known]
            if brought:
                return f"{CONTRACT}{rule.id}: {brought[0]}"
        self._existing[r.urn] = view
        return ""

    def _scopes(self, rule: Rule, candidate: StackResource) -> tuple[list[StackResource], list[StackResource]]:
        """What the rule sees without the candidate and with it."""
        existing = list(self._existing.values())
        if rule.id == NAMED_POLICIES:
            # AWS resolves a named policy at the call: the candidate depends on what exists, and a policy of the
            # program not created yet is one it does not depend on.
            made = {v.urn for v in existing}
            pending = [stack_view(p) for p in self._doc.resources if p.type == t.IAM_POLICY and p.urn not in made]
            candidate = replace(candidate, dependencies=tuple(made), property_dependencies={})
            existing = [*existing, *pending]
        return existing, [*existing, candidate]

    def _reported(self, rule: Rule, before: list[StackResource]) -> set[tuple[str, str]]:
        """The rule's violations without the candidate, reused while nothing new exists."""
        step = len(self._existing)
        cached = self._known.get(rule.id)
        if cached is None or cached[0] != step:
            cached = (step, {(v.urn, v.message) for v in rule.run_stack(before)})
            self._known[rule.id] = cached
        return cached[1]
