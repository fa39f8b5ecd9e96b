from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.redshift.redshift_cluster_requires_tls import check as rule
from tests.policy.rules.builders import res

FIX = "set the parameter require_ssl to \"true\" so the cluster refuses unencrypted connections (164.312(e)(1))"


def cluster(**props):
    return res(t.REDSHIFT_CLUSTER, "warehouse", clusterIdentifier="analytics", **props)


def group(value):
    return res(t.REDSHIFT_PARAMETER_GROUP, "tls", name="analytics-tls", family="redshift-1.0",
               parameters=[{"name": "enable_user_activity_logging", "value": "true"},
                           {"name": "require_ssl", "value": value}])


def test_pass_group_requires_ssl():
    assert rule.run_stack([cluster(clusterParameterGroupName="analytics-tls"), group("true")]) == []


def test_fail_group_without_require_ssl():
    g = group("false")
    assert rule.run_stack([cluster(clusterParameterGroupName="analytics-tls"), g]) == [
        Violation(f"parameter group analytics-tls sets require_ssl to false; {FIX}", g.urn)]


def test_fail_default_group():
    c = cluster()
    assert rule.run_stack([c]) == [Violation(
        "clusterParameterGroupName is unset, so the cluster uses the default parameter group (require_ssl false); "
        f"give it a parameter group and {FIX}", c.urn)]
    c = cluster(clusterParameterGroupName="default.redshift-1.0")
    assert [v.message.split(",")[0] for v in rule.run_stack([c])] == [
        "clusterParameterGroupName is default.redshift-1.0"]


def test_fail_group_not_in_the_stack():
    c = cluster(clusterParameterGroupName="shared-tls")
    assert rule.run_stack([c]) == [Violation(
        "clusterParameterGroupName is shared-tls, a parameter group this stack does not declare, so TLS "
        f"enforcement cannot be verified; declare the group and {FIX}", c.urn)]
