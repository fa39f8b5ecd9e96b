import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.backup.backup_selection_covers_dynamodb_tables import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

ARN = f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/pms-visits"
THING = res(t.DYNAMODB_TABLE, "visits", arn=ARN, tags={"backup": "phi"}, name="pms-visits")


def selection(**props):
    return res(t.BACKUP_SELECTION, "sel", planId="plan-1", iamRoleArn=f"arn:aws:iam::{ACCOUNT}:role/b", **props)


MISSING = Violation(
    f"DynamoDB table {ARN} is in no backup selection's resources; add its ARN to a backup selection of the BackupVault "
    "plan (164.308(a)(7)(ii)(A))",
    urn(t.DYNAMODB_TABLE, "visits"),
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([THING, selection(resources=[ARN])], [], id="pass-arn-listed"),
        pytest.param([THING, selection(resources=["*"])], [], id="pass-everything"),
        pytest.param(
            [THING, selection(resources=[ARN.rsplit("table/", 1)[0] + "table/*"])], [], id="pass-wildcard"
        ),
        pytest.param(
            [THING, selection(selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "phi"}])],
            [],
            id="pass-selection-tag",
        ),
        pytest.param(
            [res(t.DYNAMODB_TABLE, "visits", name="pms-visits"),
             selection(resources=["arn:aws:dynamodb:*:*:table/pms-*"])],
            [],
            id="pass-arn-unknown-at-preview-wildcard-by-name",
        ),
        pytest.param([THING], [MISSING], id="fail-no-selection"),
        pytest.param([THING, selection(resources=[ARN + "-other"])], [MISSING], id="fail-other-resource"),
        pytest.param(
            [THING, selection(selectionTags=[{"type": "STRINGEQUALS", "key": "backup", "value": "none"}])],
            [MISSING],
            id="fail-tag-value-differs",
        ),
        pytest.param(
            [THING, selection(resources=["*"], notResources=[ARN])], [MISSING], id="fail-excluded-by-not-resources"
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
