"""WAFv2 read live: each regional web ACL logs to an aws-waf-logs-* destination, and every internet-facing
Application Load Balancer is associated with a web ACL. moto does not implement ListResourcesForWebACL:
pms_baseline/emulate/moto_gaps.py answers it from moto's associations, in the tests as in `emulate`."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

LOGGING = "wafv2-web-acl-logging-enabled"
NAMED = "wafv2-logging-destination-named-aws-waf-logs"
PROTECTED = "wafv2-internet-facing-alb-protected"
VISIBILITY = {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "edge"}


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def web_acl(account, name="edge", log_group=None):
    """A regional web ACL, logging to the log group ``log_group`` when given."""
    waf = account.client("wafv2")
    arn = waf.create_web_acl(Name=name, Scope="REGIONAL", DefaultAction={"Allow": {}},
                             VisibilityConfig=VISIBILITY)["Summary"]["ARN"]
    if log_group:
        logs = account.client("logs")
        logs.create_log_group(logGroupName=log_group)
        waf.put_logging_configuration(LoggingConfiguration={"ResourceArn": arn, "LogDestinationConfigs": [
            f"arn:aws:logs:us-east-1:123456789012:log-group:{log_group}"]})
    return arn


def load_balancers(account):
    return [(lb["LoadBalancerName"], lb["LoadBalancerArn"])
            for lb in account.client("elbv2").describe_load_balancers()["LoadBalancers"]]


def protect_all(account, acl):
    for _, arn in load_balancers(account):
        account.client("wafv2").associate_web_acl(WebACLArn=acl, ResourceArn=arn)


def exercise(account):
    """A logging web ACL associated with every load balancer (wafv2:ListWebACLs, GetLoggingConfiguration,
    ListResourcesForWebACL, answered by moto_gaps)."""
    protect_all(account, web_acl(account, "exercised-edge", "aws-waf-logs-exercised"))


def test_a_web_acl_logging_to_a_log_group_passes(account):
    web_acl(account, log_group="aws-waf-logs-edge")
    assert findings(account, LOGGING) == []


def test_a_web_acl_without_logging_is_a_finding(account):
    web_acl(account)
    assert findings(account, LOGGING) == [(
        "edge", R + "web ACL edge has no WebAclLoggingConfiguration, so blocked and allowed requests go unrecorded; "
        "use the Edge component or declare one (164.312(b))")]


def test_a_destination_named_aws_waf_logs_passes(account):
    web_acl(account, log_group="aws-waf-logs-edge")
    assert findings(account, NAMED) == []


def test_a_destination_not_named_aws_waf_logs_is_a_finding(account, monkeypatch):
    """AWS (and moto) refuse such a destination; one set before the rule existed is shown by an after-call hook."""
    web_acl(account, log_group="aws-waf-logs-edge")

    def renamed(parsed, **_):
        if "/webacl/edge/" in parsed["LoggingConfiguration"]["ResourceArn"]:  # the baseline's web ACL keeps its own
            parsed["LoggingConfiguration"]["LogDestinationConfigs"] = [
                "arn:aws:logs:us-east-1:123456789012:log-group:edge-requests"]

    account.session.events.register("after-call.wafv2.GetLoggingConfiguration", renamed)
    assert findings(account, NAMED) == [(
        "edge", R + "logging configuration of web ACL edge: logDestinationConfigs names logs destination "
        "edge-requests, whose name does not start with aws-waf-logs-, so AWS WAF refuses the logging configuration; "
        "rename it aws-waf-logs-edge-requests")]


def test_internet_facing_load_balancers_with_a_web_acl_pass(account):
    protect_all(account, web_acl(account, log_group="aws-waf-logs-edge"))
    assert findings(account, PROTECTED) == []


def test_an_internet_facing_load_balancer_without_a_web_acl_is_a_finding(account):
    web_acl(account, log_group="aws-waf-logs-edge")
    assert load_balancers(account)  # the baseline's internet-facing ALB, its web ACL association removed
    for _, arn in load_balancers(account):
        account.client("wafv2").disassociate_web_acl(ResourceArn=arn)
    assert findings(account, PROTECTED) == [(
        name, R + f"internet-facing load balancer {name} has no WAFv2 web ACL association; use the Edge component "
        "or associate a web ACL with managed rule groups and a rate limit (164.308(a)(5)(ii)(B))")
        for name, _ in load_balancers(account)]


def test_a_deleted_web_acl_is_missing(account):
    arn = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/edge/0f1e2d3c"
    state = state_of(resource(t.WAF_WEB_ACL, "edge-acl", "0f1e2d3c", arn=arn, scope="REGIONAL"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["edge-acl"]
