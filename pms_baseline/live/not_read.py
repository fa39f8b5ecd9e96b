"""Pre-deploy rules no live check can judge, each with the reason: what they judge is how a program declares its
resources, or a setting AWS does not keep where an API can read it.

Every other pre-deploy rule is also judged live under its own id (``readers.py``); ``coverage`` counts both, and
a test fails when a pre-deploy rule has neither a live check nor a reason here, or has both.
"""

from __future__ import annotations

NOT_READ_LIVE: dict[str, str] = {
    "account-singletons-declared-once": (
        "judges how many times a program declares a per-account setting; the account holds each one once by "
        "construction, and its value is read live by the setting's own rule (the recorder, EBS encryption by "
        "default, the password policy, the account's public access block)"
    ),
    "iam-role-depends-on-named-policies": (
        "judges the order in which a program creates a role and the policies it names (a race at deploy time); "
        "a deployed account keeps no creation order to read"
    ),
    "isolation-test-database-not-restored": (
        "RDS keeps no record, on a DB instance or cluster, of the snapshot or point in time it was restored from "
        "(DescribeDBInstances and DescribeDBClusters have no such field); only CloudTrail's Restore* events show it"
    ),
    "baa-services-eligible": (
        "judges the service of every resource a program declares; an account-wide inventory of every service's "
        "resources is AWS Config's or Resource Explorer's, which verify does not read (the BAA itself is read "
        "live: baa-agreement-active)"
    ),
    "baa-services-eligible-synthetic": (
        "the same judgement as baa-services-eligible, for sealed test stacks, and not read live for the same reason"
    ),
    "rds-instance-final-snapshot-enabled": (
        "skipFinalSnapshot is an argument of the DeleteDBInstance call that a program keeps in its state; RDS "
        "stores no such setting on a DB instance (DescribeDBInstances has none)"
    ),
    "kms-key-deletion-window-minimum": (
        "the waiting period is an argument of ScheduleKeyDeletion that a program keeps in its state; KMS shows it "
        "only once a deletion is scheduled (DescribeKey's PendingDeletionWindowInDays), and a key scheduled for "
        "deletion at all is kms-key-not-pending-deletion's finding"
    ),
}
