"""Auto Scaling read live: launch configurations and launch templates assign no public IP
(autoscaling-launch-no-public-ip) and templates require IMDSv2 (ec2-instance-imdsv2-required); groups behind a load
balancer use its health checks (autoscaling-group-elb-health-check, the pack's stack rule over the groups). Groups,
configurations and templates are compared with the state.

https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeLaunchConfigurations.html
(AssociatePublicIpAddress, MetadataOptions.HttpTokens)
https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_DescribeAutoScalingGroups.html (HealthCheckType;
LoadBalancerNames, TargetGroupARNs and TrafficSources: what aws:autoscaling/attachment and trafficSourceAttachment
attach, so the group's description alone says whether it is behind a load balancer)
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeLaunchTemplates.html
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeLaunchTemplateVersions.html (Versions $Latest
and $Default; LaunchTemplateData.NetworkInterfaces[].AssociatePublicIpAddress, MetadataOptions.HttpTokens)

A template is judged in its latest version (what the provider reads back, and what drift compares) and, when it
differs, in its default version too (what a launch that names no version uses). A template whose versions cannot be
read is unreadable, so no rule judges it.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t


@collector("autoscaling")
def collect(live, inv: Inventory) -> None:
    asg = live.client("autoscaling", inv.region)
    groups = inv.read(lambda: list(live.pages(asg, "describe_auto_scaling_groups", "AutoScalingGroups")))
    configs = inv.read(lambda: list(live.pages(asg, "describe_launch_configurations", "LaunchConfigurations")))
    ec2 = live.client("ec2", inv.region)
    templates = inv.read(lambda: list(live.pages(ec2, "describe_launch_templates", "LaunchTemplates")))
    inv.complete = readable(groups, configs, templates)
    inv.items["groups"] = groups if readable(groups) else []
    inv.items["launch_configurations"] = configs if readable(configs) else []
    inv.items["launch_templates"] = [
        version for lt in (templates if readable(templates) else []) for version in _versions(live, inv, ec2, lt)
    ]


def _versions(live, inv: Inventory, ec2, lt: dict) -> list[dict]:
    """The template's latest version and, when another, its default one; one unreadable item when they cannot be
    read."""
    latest, default = lt.get("LatestVersionNumber"), lt.get("DefaultVersionNumber")
    wanted = [str(latest)] + ([str(default)] if default is not None and default != latest else [])
    found = inv.read(lambda: list(live.pages(
        ec2, "describe_launch_template_versions", "LaunchTemplateVersions",
        LaunchTemplateId=lt["LaunchTemplateId"], Versions=wanted)))
    if not readable(found):
        return [{"Template": lt, "Version": UNREADABLE, "Latest": True}]
    return [{"Template": lt, "Version": v, "Latest": v.get("VersionNumber") == latest}
            for v in sorted(found, key=lambda v: v.get("VersionNumber") != latest)]


def group_props(g: dict) -> dict:
    """A group's description in the engine's property names."""
    return {
        "name": g.get("AutoScalingGroupName"),
        "arn": g.get("AutoScalingGroupARN"),
        "healthCheckType": g.get("HealthCheckType"),
        "healthCheckGracePeriod": g.get("HealthCheckGracePeriod"),
        "loadBalancers": g.get("LoadBalancerNames") or [],
        "targetGroupArns": g.get("TargetGroupARNs") or [],
        "trafficSources": [{"identifier": s.get("Identifier"), "type": s.get("Type")}
                           for s in g.get("TrafficSources") or []],
        "minSize": g.get("MinSize"),
        "maxSize": g.get("MaxSize"),
        "launchConfiguration": g.get("LaunchConfigurationName"),
    }


def _tokens(options: dict | None) -> dict:
    return {"httpTokens": (options or {}).get("HttpTokens"), "httpEndpoint": (options or {}).get("HttpEndpoint")}


def launch_configuration_props(lc: dict) -> dict:
    """A launch configuration's description in the engine's property names."""
    return {
        "name": lc.get("LaunchConfigurationName"),
        "arn": lc.get("LaunchConfigurationARN"),
        "imageId": lc.get("ImageId"),
        "instanceType": lc.get("InstanceType"),
        "associatePublicIpAddress": lc.get("AssociatePublicIpAddress"),
        "metadataOptions": _tokens(lc.get("MetadataOptions")),
    }


def launch_template_props(item: dict) -> dict:
    """A launch template version's data in the engine's property names."""
    lt, v = item["Template"], item["Version"]
    if not readable(v):
        return {"name": lt.get("LaunchTemplateName"), "networkInterfaces": UNREADABLE, "metadataOptions": UNREADABLE}
    data = v.get("LaunchTemplateData") or {}
    return {
        "name": lt.get("LaunchTemplateName"),
        "latestVersion": lt.get("LatestVersionNumber"),
        "defaultVersion": lt.get("DefaultVersionNumber"),
        "imageId": data.get("ImageId"),
        "instanceType": data.get("InstanceType"),
        "networkInterfaces": [{"associatePublicIpAddress": nic.get("AssociatePublicIpAddress"),
                               "deviceIndex": nic.get("DeviceIndex"), "subnetId": nic.get("SubnetId")}
                              for nic in data.get("NetworkInterfaces") or []],
        "metadataOptions": _tokens(data.get("MetadataOptions")),
    }


def _template_name(item: dict) -> str:
    name = item["Template"]["LaunchTemplateName"]
    v = item["Version"]
    return name if item["Latest"] or not readable(v) else f"{name} (default version {v.get('VersionNumber')})"


reader(
    t.AUTOSCALING_GROUP, "autoscaling", "groups", "group",
    name=lambda g: g["AutoScalingGroupName"],
    ids=lambda g: (g["AutoScalingGroupName"], g.get("AutoScalingGroupARN")),
    props=group_props,
    compare=("healthCheckType", "minSize", "maxSize"),
)
reader(
    t.LAUNCH_CONFIGURATION, "autoscaling", "launch_configurations", "launch configuration",
    name=lambda lc: lc["LaunchConfigurationName"],
    ids=lambda lc: (lc["LaunchConfigurationName"], lc.get("LaunchConfigurationARN")),
    props=launch_configuration_props,
    rules=("autoscaling-launch-no-public-ip",),
    compare=("associatePublicIpAddress", "instanceType", "metadataOptions.httpTokens"),
)
reader(
    t.LAUNCH_TEMPLATE, "autoscaling", "launch_templates", "launch template",
    name=_template_name,
    ids=lambda item: ((item["Template"]["LaunchTemplateId"], item["Template"]["LaunchTemplateName"])
                      if item["Latest"] else (_template_name(item),)),
    props=launch_template_props,
    rules=("autoscaling-launch-no-public-ip", "ec2-instance-imdsv2-required"),
    compare=("instanceType", "metadataOptions.httpTokens"),
)
stack_rule("autoscaling-group-elb-health-check", "autoscaling", (t.AUTOSCALING_GROUP,))
