"""Redshift clusters read live under the pre-deploy rules' ids (encryption, public access, automated snapshots,
version upgrades, audit logging, TLS), and the cluster's settings compared with the state.

moto keeps no parameter values (it has no ModifyClusterParameterGroup): a group whose require_ssl is "true" is
answered by tests/live/redshift_parameters.py in DescribeClusterParameters' documented shape."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.redshift_parameters import answer_require_ssl
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def cluster(account, name="warehouse", group="tls", logging=True, **settings):
    rs = account.client("redshift")
    if group and not group.startswith("default."):
        rs.create_cluster_parameter_group(ParameterGroupName=group, ParameterGroupFamily="redshift-1.0",
                                          Description="require TLS")
    answer_require_ssl(account.session, {"tls": "true"})
    rs.create_cluster(**{
        "ClusterIdentifier": name, "NodeType": "ra3.xlplus", "ClusterType": "single-node",
        "MasterUsername": "pms", "MasterUserPassword": "Correct-horse-1", "Encrypted": True,
        "PubliclyAccessible": False, "AllowVersionUpgrade": True, "AutomatedSnapshotRetentionPeriod": 7,
        **({"ClusterParameterGroupName": group} if group else {}), **settings})
    if logging:
        rs.enable_logging(ClusterIdentifier=name, LogDestinationType="cloudwatch",
                          LogExports=["connectionlog", "userlog", "useractivitylog"])
    return name


def exercise(account):
    """A logging cluster with a parameter group of its own: verify reads the clusters, their logging, the
    parameter groups and the group's parameters (redshift:DescribeClusters, DescribeLoggingStatus,
    DescribeClusterParameterGroups, DescribeClusterParameters)."""
    return cluster(account)


def test_a_compliant_cluster_passes_every_rule(account):
    cluster(account)
    result = verify(session=account.session, regions=["us-east-1"])
    assert [(f.rule, f.message) for f in result.findings if f.rule.startswith("redshift-")] == []


def test_an_unencrypted_cluster_is_a_finding(account):
    cluster(account, Encrypted=False)
    assert findings(account, "redshift-cluster-encrypted") == [(
        "warehouse", R + "cluster warehouse: encrypted is false; set encrypted=\"true\" with a customer-managed "
        "kms_key_id (164.312(a)(2)(iv))")]


def test_a_public_cluster_is_a_finding(account):
    cluster(account, PubliclyAccessible=True)
    assert findings(account, "redshift-cluster-not-publicly-accessible") == [(
        "warehouse", R + "cluster warehouse: publiclyAccessible is true; set publicly_accessible=False so the "
        "cluster has no public endpoint (164.312(a)(1))")]


def test_a_cluster_whose_automated_snapshots_were_turned_off_is_a_finding(account):
    cluster(account)
    account.client("redshift").modify_cluster(ClusterIdentifier="warehouse", AutomatedSnapshotRetentionPeriod=0)
    assert findings(account, "redshift-cluster-automated-snapshots-enabled") == [(
        "warehouse", R + "cluster warehouse: automatedSnapshotRetentionPeriod is 0, below the minimum of 1 days; "
        "set automated_snapshot_retention_period=1 or more (164.308(a)(7)(ii)(A))")]


def test_a_cluster_refusing_version_upgrades_is_a_finding(account):
    cluster(account, AllowVersionUpgrade=False)
    assert findings(account, "redshift-cluster-version-upgrade-allowed") == [(
        "warehouse", R + "cluster warehouse: allowVersionUpgrade is false; set allow_version_upgrade=True so "
        "engine security fixes reach the cluster (164.308(a)(5)(ii)(B))")]


def test_a_cluster_without_audit_logging_is_a_finding(account):
    cluster(account, logging=False)
    assert findings(account, "redshift-cluster-audit-logging-enabled") == [(
        "warehouse", R + "cluster warehouse has no aws.redshift.Logging resource, so connections and queries are "
        "not logged; declare one for its cluster_identifier (164.312(b))")]


def test_a_cluster_on_the_default_parameter_group_is_a_finding(account):
    cluster(account, group=None)
    assert findings(account, "redshift-cluster-requires-tls") == [(
        "warehouse", R + "clusterParameterGroupName is default.redshift-1.0, so the cluster uses the default "
        "parameter group (require_ssl false); give it a parameter group and set the parameter require_ssl to "
        "\"true\" so the cluster refuses unencrypted connections (164.312(e)(1))")]


def test_a_parameter_group_not_requiring_tls_is_a_finding(account):
    cluster(account, group="analytics")  # moto answers its require_ssl as the engine's default, "false"
    assert findings(account, "redshift-cluster-requires-tls") == [(
        "analytics", R + "parameter group analytics sets require_ssl to false; set the parameter require_ssl to "
        "\"true\" so the cluster refuses unencrypted connections (164.312(e)(1))")]


def test_settings_changed_in_the_account_are_drift(account):
    cluster(account, PubliclyAccessible=True, AutomatedSnapshotRetentionPeriod=1)
    state = state_of(
        resource(t.REDSHIFT_CLUSTER, "warehouse", "warehouse", clusterIdentifier="warehouse",
                 publiclyAccessible=False, allowVersionUpgrade=True, automatedSnapshotRetentionPeriod=7,
                 clusterParameterGroupName="tls"),
        resource(t.REDSHIFT_LOGGING, "warehouse-logging", "warehouse", clusterIdentifier="warehouse",
                 logDestinationType="s3"),
        resource(t.REDSHIFT_PARAMETER_GROUP, "tls", "tls", family="redshift-1.0"))
    assert sorted(findings(account, "live-setting-drift", state)) == [
        ("warehouse", "warehouse: automatedSnapshotRetentionPeriod is 1 in the account, 7 in the state"),
        ("warehouse", "warehouse: publiclyAccessible is True in the account, False in the state"),
        ("warehouse-logging", "warehouse-logging: logDestinationType is 'cloudwatch' in the account, 's3' in the "
         "state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_cluster_its_logging_and_its_group_are_missing(account):
    state = state_of(
        resource(t.REDSHIFT_CLUSTER, "warehouse", "warehouse", clusterIdentifier="warehouse"),
        resource(t.REDSHIFT_LOGGING, "warehouse-logging", "warehouse", clusterIdentifier="warehouse"),
        resource(t.REDSHIFT_PARAMETER_GROUP, "tls", "tls", family="redshift-1.0"))
    assert sorted(name for name, _ in findings(account, "live-resource-missing", state)) == [
        "tls", "warehouse", "warehouse-logging"]
