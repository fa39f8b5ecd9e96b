"""Redshift parameter values moto does not keep: moto (5.2) has no ModifyClusterParameterGroup and answers every
group's DescribeClusterParameters with the engine defaults (require_ssl "false"), so a test gives the session the
answer AWS would for a group whose require_ssl was set, in the API's documented shape
(https://docs.aws.amazon.com/redshift/latest/APIReference/API_DescribeClusterParameters.html), answered before
the call is sent; every other call, and every other group's parameters, still go to moto."""

from __future__ import annotations

from typing import Any

from botocore.awsrequest import AWSResponse


def answer_require_ssl(session: Any, groups: dict[str, str]) -> list[str]:
    """Answer DescribeClusterParameters on ``session``'s clients for each group in ``groups`` (name -> the value
    of require_ssl). Returns the names of the groups answered, appended to as they are."""
    answered: list[str] = []

    def answer(model: Any, params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        body = params.get("body")
        name = body.get("ParameterGroupName") if isinstance(body, dict) else None
        if name not in groups:
            return None
        answered.append(name)
        parameters = [
            {"ParameterName": "require_ssl", "ParameterValue": groups[name], "Source": "user", "DataType": "boolean",
             "ApplyType": "static", "IsModifiable": True, "AllowedValues": "true,false"},
            {"ParameterName": "enable_user_activity_logging", "ParameterValue": "true", "Source": "user",
             "DataType": "boolean", "ApplyType": "static", "IsModifiable": True},
        ]
        parsed = {"Parameters": parameters, "ResponseMetadata": {"HTTPStatusCode": 200}}
        return AWSResponse(params.get("url", ""), 200, {}, None), parsed

    session.events.register_last("before-call.redshift.DescribeClusterParameters", answer)
    return answered
