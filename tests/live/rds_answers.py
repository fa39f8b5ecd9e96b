"""Performance Insights settings moto does not keep: moto (5.2) accepts EnablePerformanceInsights and
PerformanceInsightsKMSKeyId on CreateDBInstance but answers DescribeDBInstances without them, so a test adds them
to the answer, as AWS gives them
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html: PerformanceInsightsEnabled,
PerformanceInsightsKMSKeyId, the key's ARN), after moto answered; everything else in the answer is moto's."""

from __future__ import annotations

from typing import Any


def answer_performance_insights(session: Any, keys: dict[str, str]) -> None:
    """On ``session``'s clients, each DB instance named in ``keys`` reports Performance Insights on, encrypted
    with the key ARN ``keys[name]``."""

    def add(parsed: dict[str, Any], **_: Any) -> None:
        for db in parsed.get("DBInstances") or []:
            if db.get("DBInstanceIdentifier") in keys:
                db["PerformanceInsightsEnabled"] = True
                db["PerformanceInsightsKMSKeyId"] = keys[db["DBInstanceIdentifier"]]

    session.events.register("after-call.rds.DescribeDBInstances", add)
