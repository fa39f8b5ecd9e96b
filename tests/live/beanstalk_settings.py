"""Elastic Beanstalk answers moto does not give: DescribeConfigurationSettings is not implemented by moto (5.x), and
moto keeps no option settings of an environment, so a test gives the session the answer AWS would, in the API's
documented shape (https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_DescribeConfigurationSettings.html),
answered before the call is sent; every other call still goes to moto."""

from __future__ import annotations

from typing import Any

from botocore.awsrequest import AWSResponse


def answer_settings(session: Any, settings: dict[str, dict[tuple[str, str], str]]) -> list[str]:
    """Answer on ``session``'s clients: ``settings`` environment name -> (namespace, option) -> value. Returns the
    environments asked about, appended to as they are."""
    asked: list[str] = []

    def answer(model: Any, params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]]:
        body = params["body"]
        env = body.get("EnvironmentName") if isinstance(body, dict) else None
        asked.append(env)
        options = [{"Namespace": ns, "OptionName": name, "Value": value}
                   for (ns, name), value in settings.get(env, {}).items()]
        configuration = {"ApplicationName": body.get("ApplicationName"), "EnvironmentName": env,
                         "DeploymentStatus": "deployed", "OptionSettings": options}
        return AWSResponse(params.get("url", ""), 200, {}, None), {
            "ConfigurationSettings": [configuration], "ResponseMetadata": {"HTTPStatusCode": 200}}

    session.events.register_last("before-call.elasticbeanstalk.DescribeConfigurationSettings", answer)
    return asked
