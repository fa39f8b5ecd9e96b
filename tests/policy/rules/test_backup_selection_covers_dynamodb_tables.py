import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules.backup.backup_selection_covers_dynamodb_tables import check as rule
from tests.policy.rules.backup_cases import TAG, coverage_cases, missing, selection
from tests.policy.rules.builders import ACCOUNT, res

TABLE = res(t.DYNAMODB_TABLE, "visits", name="pms-visits", arn=f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/pms-visits",
            tags=TAG)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        *coverage_cases(TABLE, f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/*", missing(TABLE, "DynamoDB table")),
        pytest.param(
            [res(t.DYNAMODB_TABLE, "visits", name="pms-visits"),
             selection(resources=["arn:aws:dynamodb:*:*:table/pms-*"])],
            [],
            id="pass-arn-unknown-at-preview-wildcard-by-name",
        ),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
