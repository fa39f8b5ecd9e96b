import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.backup.backup_selection_covers_rds_instances import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

DB_ARN = f"arn:aws:rds:us-east-1:{ACCOUNT}:db:pms-db-1a2b3c4"
DB = res(t.RDS_INSTANCE, "pms-db", identifier="pms-db-1a2b3c4", arn=DB_ARN, tags={"backup": "phi"})


def selection(**props):
    return res(
        t.BACKUP_SELECTION, "pms-selection", planId="plan-1", iamRoleArn="arn:aws:iam::1:role/b", **props
    )


MISSING = Violation(
    f"RDS instance {DB_ARN} is in no backup selection's resources; add it to the BackupVault component's "
    "protected_resource_arns (164.308(a)(7)(ii)(A))",
    urn(t.RDS_INSTANCE, "pms-db"),
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([DB, selection(resources=[DB_ARN])], [], id="pass-arn-listed"),
        pytest.param([DB, selection(resources=[f"arn:aws:rds:*:{ACCOUNT}:db:*"])], [], id="pass-wildcard"),
        pytest.param(
            [DB, selection(selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "phi"}])],
            [],
            id="pass-selection-tag",
        ),
        pytest.param([DB], [MISSING], id="fail-no-selection"),
        pytest.param(
            [DB, selection(resources=[DB_ARN.replace("1a2b3c4", "other")])], [MISSING], id="fail-other-db"
        ),
        pytest.param(
            [DB, selection(resources=["*"], notResources=[DB_ARN])],
            [MISSING],
            id="fail-excluded-by-not-resources",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
