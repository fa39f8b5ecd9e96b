import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.backup.backup_selection_covers_aurora_clusters import check as rule
from tests.policy.rules.backup_cases import TAG, coverage_cases, missing
from tests.policy.rules.builders import ACCOUNT, res

ARN = f"arn:aws:rds:us-east-1:{ACCOUNT}:cluster:pms-aurora"
CLUSTER = res(t.RDS_CLUSTER, "pms-aurora", arn=ARN, tags=TAG, engine="aurora-postgresql",
              clusterIdentifier="pms-aurora")


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        *coverage_cases(CLUSTER, f"arn:aws:rds:*:{ACCOUNT}:cluster:pms-*", missing(CLUSTER, "Aurora cluster")),
        pytest.param([res(t.RDS_CLUSTER, "multi-az", arn=ARN.replace("pms-aurora", "multi-az"), engine="postgres")],
                     [], id="pass-not-aurora-not-judged"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
