"""Systems Manager answers moto does not give: DescribeInstanceInformation and ListResourceComplianceSummaries are
not implemented by moto (5.2), so a test gives the session the answer AWS would, in the API's documented shape
(https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeInstanceInformation.html,
https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ListResourceComplianceSummaries.html);
answered before the call is sent (moto answers every ssm operation it is sent, with NotImplementedError for
these), and every other call still goes to moto."""

from __future__ import annotations

import json
from typing import Any

from botocore.awsrequest import AWSResponse


def answer_ssm(session: Any, pings: dict[str, str], compliance: dict[str, dict[str, str]]) -> list[str]:
    """Answer on ``session``'s clients: ``pings`` instance id -> PingStatus (the managed instances);
    ``compliance`` compliance type (Association, Patch) -> instance id -> status. Returns the list of the
    operations answered, appended to as they are."""
    answered: list[str] = []

    def answer(model: Any, params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        answered.append(model.name)
        if model.name == "DescribeInstanceInformation":
            body = {"InstanceInformationList": [
                {"InstanceId": iid, "PingStatus": ping, "ResourceType": "EC2Instance", "PlatformType": "Linux"}
                for iid, ping in pings.items()]}
        else:
            wanted = json.loads(params["body"])["Filters"][0]["Values"][0]
            body = {"ResourceComplianceSummaryItems": [
                {"ComplianceType": wanted, "ResourceType": "ManagedInstance", "ResourceId": iid, "Status": status,
                 "OverallSeverity": "UNSPECIFIED" if status == "COMPLIANT" else "CRITICAL"}
                for iid, status in compliance.get(wanted, {}).items()]}
        return AWSResponse(params.get("url", ""), 200, {}, None), {**body, "ResponseMetadata": {"HTTPStatusCode": 200}}

    for operation in ("DescribeInstanceInformation", "ListResourceComplianceSummaries"):
        session.events.register_last(f"before-call.ssm.{operation}", answer)
    return answered
