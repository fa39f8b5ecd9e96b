"""Drift against the state document: resources missing from the account and settings that differ from the
state."""

import pytest

from tests.live.conftest import BUCKET

pytestmark = pytest.mark.moto


def test_state_drift_and_missing_resources(account):
    account.client("kms").disable_key_rotation(KeyId=account.resource("pms-phi-key").id)
    account.client("logs").delete_log_group(logGroupName="/pms/prod/vpc-flow-logs")
    account.client("s3").delete_public_access_block(Bucket=BUCKET)
    group = account.resource("pms-flow-logs")
    key = account.resource("pms-phi-key")
    drift = sorted(
        (f.rule, f.message, f.resource.urn)
        for f in account.verify(state=True).findings
        if f.rule.startswith("live-")
    )
    pab = account.resource("pms-audit-pab")
    assert drift == sorted(
        [
            (
                "live-resource-missing",
                "aws:cloudwatch/logGroup:LogGroup pms-flow-logs (/pms/prod/vpc-flow-logs) is in "
                "the state but not in "
                "the account",
                group.urn,
            ),
            (
                "live-setting-drift",
                "pms-phi-key: enableKeyRotation is False in the account, True in the state",
                key.urn,
            ),
        ]
        + [
            (
                "live-setting-drift",
                f"bucket {BUCKET}: {prop} is False in the account, True in the state",
                pab.urn,
            )
            for prop in ("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")
        ]
    )
