"""Drift in CloudWatch Logs: a log group's retention shortened."""

import pytest

from tests.live.conftest import R

pytestmark = pytest.mark.moto


def test_log_retention_shortened(account):
    account.client("logs").put_retention_policy(logGroupName="/pms/prod/cloudtrail", retentionInDays=30)
    assert account.findings() == [
        (
            "logs-log-group-retention-minimum",
            R + "log group /pms/prod/cloudtrail: retentionInDays is 30, below the floor of 365; set "
            "retention_in_days=365 or more (164.312(b))",
        )
    ]
