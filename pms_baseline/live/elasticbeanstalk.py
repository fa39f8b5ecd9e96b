"""Elastic Beanstalk environments read live: managed platform updates enabled
(elasticbeanstalk-managed-updates-enabled), with the environment's platform and tier compared with the state.

https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_DescribeEnvironments.html (IncludeDeleted false: an
environment terminated within the hour is no longer one to judge)
https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_DescribeConfigurationSettings.html
(ConfigurationSettings[].OptionSettings[] Namespace, OptionName, Value: the environment's effective settings,
defaults included)
https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/command-options-general.html#command-options-general-elasticbeanstalkmanagedactions

Only the aws:elasticbeanstalk:managedactions settings are kept: other namespaces carry the application's
environment properties, which may be secrets. An environment whose settings cannot be read has them unreadable,
so the rule does not judge it.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

NAMESPACE = "aws:elasticbeanstalk:managedactions"


@collector("elasticbeanstalk")
def collect(live, inv: Inventory) -> None:
    eb = live.client("elasticbeanstalk", inv.region)
    envs = inv.read(lambda: list(live.pages(eb, "describe_environments", "Environments", IncludeDeleted=False)))
    inv.complete = readable(envs)
    inv.items["environments"] = [
        {**env, "Settings": inv.read(lambda env=env: _managed_actions(live.call(
            eb, "describe_configuration_settings", ApplicationName=env["ApplicationName"],
            EnvironmentName=env["EnvironmentName"])))}
        for env in (envs if readable(envs) else [])
    ]


def _managed_actions(answer: dict) -> list[dict]:
    return [{"namespace": o["Namespace"], "name": o["OptionName"], "value": o.get("Value")}
            for c in answer["ConfigurationSettings"] for o in c.get("OptionSettings") or []
            if o.get("Namespace") == NAMESPACE]


def environment_props(env: dict) -> dict:
    """An environment's description and managed-actions settings in the engine's property names."""
    settings = env["Settings"]
    return {
        "name": env.get("EnvironmentName"),
        "application": env.get("ApplicationName"),
        "arn": env.get("EnvironmentArn"),
        "solutionStackName": env.get("SolutionStackName"),
        "platformArn": env.get("PlatformArn"),
        "tier": (env.get("Tier") or {}).get("Name"),
        "settings": settings if readable(settings) else UNREADABLE,
    }


reader(
    t.BEANSTALK_ENVIRONMENT, "elasticbeanstalk", "environments", "environment",
    name=lambda env: env["EnvironmentName"],
    ids=lambda env: (env.get("EnvironmentId") or env["EnvironmentName"], env["EnvironmentName"],
                     env.get("EnvironmentArn")),
    props=environment_props,
    rules=("elasticbeanstalk-managed-updates-enabled",),
    compare=("application", "tier"),
)
