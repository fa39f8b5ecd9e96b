from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.redshift.redshift_cluster_audit_logging_enabled import check as rule
from tests.policy.rules.builders import res

CLUSTER = res(t.REDSHIFT_CLUSTER, "warehouse", clusterIdentifier="analytics")


def test_pass_logging_names_the_cluster():
    logging = res(t.REDSHIFT_LOGGING, "audit", clusterIdentifier="analytics", logDestinationType="cloudwatch",
                  logExports=["connectionlog", "userlog", "useractivitylog"])
    assert rule.run_stack([CLUSTER, logging]) == []


def test_pass_logging_cluster_unknown_at_preview():
    assert rule.run_stack([CLUSTER, res(t.REDSHIFT_LOGGING, "audit", clusterIdentifier=UNKNOWN)]) == []


def test_fail_no_logging_resource():
    assert rule.run_stack([CLUSTER]) == [Violation(
        "cluster analytics has no aws.redshift.Logging resource, so connections and queries are not logged; "
        "declare one for its cluster_identifier (164.312(b))", CLUSTER.urn)]


def test_fail_logging_of_another_cluster():
    other = res(t.REDSHIFT_LOGGING, "audit", clusterIdentifier="reporting", bucketName="logs")
    assert [v.urn for v in rule.run_stack([CLUSTER, other])] == [CLUSTER.urn]
