"""Elastic Beanstalk environments read live: managed platform updates under
elasticbeanstalk-managed-updates-enabled, and drift against the state. moto has no DescribeConfigurationSettings
and keeps no option settings: each test answers it as AWS would (beanstalk_settings.py)."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.beanstalk_settings import answer_settings
from tests.live.conftest import R
from tests.live.denials import denied, deny
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

RULE = "elasticbeanstalk-managed-updates-enabled"
NAMESPACE = "aws:elasticbeanstalk:managedactions"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def environment(account, managed="true"):
    eb = account.client("elasticbeanstalk")
    eb.create_application(ApplicationName="claims")
    eb.create_environment(ApplicationName="claims", EnvironmentName="claims-prod",
                          SolutionStackName="64bit Amazon Linux 2023 v4.0.0 running Python 3.11")
    settings = {(NAMESPACE, "ManagedActionsEnabled"): managed} if managed is not None else {}
    settings[("aws:elasticbeanstalk:application:environment", "DB_PASSWORD")] = "not-for-reports"
    return answer_settings(account.session, {"claims-prod": settings})


def exercise(account):
    """One environment: verify lists it and reads its settings (elasticbeanstalk:DescribeEnvironments,
    DescribeConfigurationSettings, the latter answered as AWS would)."""
    return environment(account)


def test_an_environment_taking_managed_updates_passes(account):
    asked = environment(account)
    assert findings(account, RULE) == []
    assert asked == ["claims-prod"]


def test_an_environment_without_managed_updates_is_a_finding(account):
    environment(account, managed="false")
    assert findings(account, RULE) == [(
        "claims-prod", R + "environment claims-prod: setting aws:elasticbeanstalk:managedactions:"
        "ManagedActionsEnabled is false; set it to true with a PreferredStartTime and UpdateLevel so platform "
        "security patches are applied (164.308(a)(5)(ii)(B))")]


def test_an_environment_that_never_set_managed_updates_is_a_finding(account):
    environment(account, managed=None)
    assert findings(account, RULE) == [(
        "claims-prod", R + "environment claims-prod: setting aws:elasticbeanstalk:managedactions:"
        "ManagedActionsEnabled is unset; set it to true with a PreferredStartTime and UpdateLevel so platform "
        "security patches are applied (164.308(a)(5)(ii)(B))")]


def test_a_worker_tier_is_drift_from_a_web_server(account):
    environment(account)
    state = state_of(resource(t.BEANSTALK_ENVIRONMENT, "claims-prod", "claims-prod", application="claims",
                              tier="Worker"))
    assert findings(account, "live-setting-drift", state) == [
        ("claims-prod", "claims-prod: tier is 'WebServer' in the account, 'Worker' in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_terminated_environment_is_missing(account):
    state = state_of(resource(t.BEANSTALK_ENVIRONMENT, "claims-prod", "e-abcdef1234", application="claims"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["claims-prod"]


def test_an_environment_whose_settings_cannot_be_read_is_not_judged(account):
    environment(account, managed="false")
    deny(account.session, "elasticbeanstalk", "DescribeConfigurationSettings", code="AccessDenied")
    result = verify(session=account.session, regions=["us-east-1"])
    assert [f.message for f in result.findings if f.rule == RULE] == []
    assert [f.message for f in result.findings if f.rule == "live-api-access-denied"] == [
        denied("elasticbeanstalk:DescribeConfigurationSettings", code="AccessDenied")]
