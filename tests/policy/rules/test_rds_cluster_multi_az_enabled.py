import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.rds.rds_cluster_multi_az_enabled import check as rule
from tests.policy.rules.builders import res, urn


def cluster(**props):
    return res(t.RDS_CLUSTER, "aurora", **{"clusterIdentifier": "pms-aurora", "engine": "aurora-postgresql", **props})


def member(n, zone=None):
    props = {"availabilityZone": zone} if zone else {}
    return res(t.RDS_CLUSTER_INSTANCE, f"aurora-{n}", clusterIdentifier="pms-aurora", instanceClass="db.r6g.large",
               **props)


def violation(what):
    return Violation(
        f"DB cluster pms-aurora runs in one availability zone ({what}); add a reader aws.rds.ClusterInstance in "
        "another zone so the cluster survives the loss of a zone (164.308(a)(7)(ii)(B))",
        urn(t.RDS_CLUSTER, "aurora"),
    )


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([cluster(), member(1), member(2)], [], id="pass-two-instances"),
        pytest.param([cluster(), member(1, "us-east-1a"), member(2, "us-east-1b")], [], id="pass-two-zones"),
        pytest.param([cluster(engine="postgres", dbClusterInstanceClass="db.m6gd.large")], [],
                     id="pass-multi-az-db-cluster"),
        pytest.param([cluster(tags={"environment": "staging"}), member(1)], [], id="pass-exempt-environment"),
        pytest.param([cluster(), member(1)], [violation("it has 1 DB instance")], id="fail-one-instance"),
        pytest.param([cluster()], [violation("it has 0 DB instances")], id="fail-no-instance"),
        pytest.param([cluster(), member(1, "us-east-1a"), member(2, "us-east-1a")],
                     [violation("its 2 instances are all pinned to us-east-1a")], id="fail-pinned-to-one-zone"),
        pytest.param([cluster(tags={"environment": "prod"}), member(1)], [violation("it has 1 DB instance")],
                     id="fail-prod"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
