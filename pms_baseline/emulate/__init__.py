"""An emulated account: a state document's resources created in moto through boto3, one module per AWS service.

``realize`` (in ``runner``) walks the document in dependency order and creates each resource with the same
settings the state records, translating the state's ids and ARNs to the ones moto hands back (so references
between resources, and ARNs inside policies, still point at the right thing). It returns the document as it
would look exported after a real deploy: the same resources with the account's ids, which ``verify --state``
then compares against the account. Only the kinds the baseline uses are emulated (each service module
registers its handlers in ``context.HANDLERS``); anything else, or anything moto refuses, is reported by kind
and name, never skipped silently.

Before each resource is created, the pack's AWS service contract rules that AWS applies to that call are checked
over what exists at that step (``contracts``): a trail's key policy at CreateTrail, a delivery channel's bucket at
PutDeliveryChannel, a role's boundary at CreateRole, ... A violation refuses the resource as AWS would, reported
like a moto refusal with the rule id and message (``Realized.refused``), so "the stack realizes in moto" means
AWS would accept it, as far as the rules know.

Known moto 5.2.5 gaps and how the service modules deal with them:
- ``backup:CreateBackupSelection`` and ``backup:PutBackupVaultAccessPolicy`` are not implemented: selections
  and vault access policies are reported as not emulated.
- ``logs:AssociateKmsKey`` is not implemented: the key is passed to ``CreateLogGroup`` instead.
- A TLS-only Deny policy on a bucket blocks moto's own (plain HTTP) object writes: a first log delivery is
  written to every Object Lock bucket before its policy is applied, so there is a locked object to test.
- A public access block is not enforced against a public bucket policy, and Object Lock default retention
  can be shortened: nothing to do here, but drift tests must make changes in the order AWS would accept.
- ``access-analyzer:CreateAnalyzer`` is not implemented: analyzers are reported as not emulated.
- ``s3:PutBucketLogging`` fails inside moto on a target bucket whose policy grants the logging service
  (it expects ACL grants): reported, after a second attempt once every other resource exists.
- AWS managed IAM policies exist only with ``MOTO_IAM_LOAD_MANAGED_POLICIES=true`` (the command sets it).
- Managed Config rules need parameters AWS defaults: AWS's defaults are passed.
- The ACM certificate a stack names lives in the real account: the listener gets a stand-in certificate.
- ``ec2:GetEbsDefaultKmsKeyId`` is not implemented: ``moto_gaps`` answers it from the key moto keeps.
"""

from pms_baseline.emulate.command import add_emulate_parser, emulate_main
from pms_baseline.emulate.context import NotEmulated
from pms_baseline.emulate.iam import simulate_root_access_key
from pms_baseline.emulate.runner import DEFAULT_REGION, Realized, realize

__all__ = [
    "DEFAULT_REGION",
    "NotEmulated",
    "Realized",
    "add_emulate_parser",
    "emulate_main",
    "realize",
    "simulate_root_access_key",
]
