"""Typed settings of the regional and organisation-managed singletons, and what the program declares for them."""

from __future__ import annotations

import json

import pytest

from pms_baseline.preview import preview_function
from pms_baseline.state import parse_document
from pms_baseline_infra.config import ConfigError, parse_settings
from pms_baseline_infra.stack import build
from pms_baseline_pack import tokens as t
from tests.helpers import stack_config

SLR = "aws:iam/serviceLinkedRole:ServiceLinkedRole"


def settings(stack="prod", **changes):
    cfg = stack_config(stack)
    for key, value in changes.items():
        cfg[f"pms-baseline:{key}"] = value if isinstance(value, str) else json.dumps(value)
    return parse_settings(cfg, stack)


def program(stack="prod", **changes):
    s = settings(stack, **changes)
    return parse_document(preview_function(lambda: build(s), stack=stack, config=stack_config(stack)))


def test_defaults_create_every_singleton():
    s = settings()
    assert s.regions == ("us-east-1", "us-west-2")
    for key in ("guardDuty", "configRecorder", "accessAnalyzer"):
        assert {s.singleton_mode(key, r) for r in s.regions} == {"create"}
    assert s.autoscaling_service_linked_role == "create"


def test_extra_regions_follow_home_and_copy():
    assert settings(extraRegions=["eu-west-1"]).regions == ("us-east-1", "us-west-2", "eu-west-1")


def test_mode_for_every_region_or_per_region():
    s = settings(guardDuty="adopt", configRecorder={"us-west-2": "adopt"})
    assert [s.singleton_mode("guardDuty", r) for r in s.regions] == ["adopt", "adopt"]
    assert [s.singleton_mode("configRecorder", r) for r in s.regions] == ["create", "adopt"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"extraRegions": ["us-west-2"]},
                     "pms-baseline:extraRegions=us-west-2 is already covered (aws:region or backupCopyRegion)",
                     id="fail-extra-region-is-copy-region"),
        pytest.param({"extraRegions": ["mars-1"]}, "pms-baseline:extraRegions=mars-1 is not an AWS region name",
                     id="fail-extra-region-name"),
        pytest.param({"extraRegions": ["eu-west-1", "eu-west-1"]},
                     "pms-baseline:extraRegions lists a region twice: eu-west-1, eu-west-1", id="fail-extra-twice"),
        pytest.param({"guardDuty": "import"},
                     "pms-baseline:guardDuty=import is not create, adopt, or a map of region to create/adopt",
                     id="fail-mode-word"),
        pytest.param({"accessAnalyzer": {"us-west-2": "skip"}},
                     "pms-baseline:accessAnalyzer.us-west-2=skip is not one of create, adopt", id="fail-map-mode"),
        pytest.param({"configRecorder": {"eu-west-1": "adopt"}},
                     "pms-baseline:configRecorder.eu-west-1 names a region the stack does not use "
                     "(us-east-1, us-west-2)", id="fail-map-region"),
        pytest.param({"autoScalingServiceLinkedRole": "maybe"},
                     "pms-baseline:autoScalingServiceLinkedRole=maybe is not one of create, adopt",
                     id="fail-slr-mode"),
    ],
)
def test_bad_values_fail_before_any_resource(changes, message):
    with pytest.raises(ConfigError) as err:
        settings(**changes)
    assert str(err.value) == message


def test_organisation_managed_account_declares_none_of_the_adopted_singletons():
    state = program(guardDuty="adopt", configRecorder="adopt", accessAnalyzer="adopt",
                    autoScalingServiceLinkedRole="adopt")
    for token in (t.GUARDDUTY_DETECTOR, t.CONFIG_RECORDER, t.CONFIG_DELIVERY_CHANNEL, t.CONFIG_RECORDER_STATUS,
                  t.ACCESS_ANALYZER, SLR):
        assert not state.of_type(token), token
    # No recorder of ours, so no delivery bucket or recorder role either; the rules still run on the
    # organisation's recorder, and findings still reach the alarm topic.
    assert "pms-config-history" not in {r.name for r in state.of_type(t.S3_BUCKET)}
    assert state.of_type(t.CONFIG_RULE)
    assert state.of_type("aws:cloudwatch/eventRule:EventRule")


def test_adopting_in_one_region_keeps_the_others():
    state = program(guardDuty={"us-east-1": "adopt"})
    (detector,) = state.of_type(t.GUARDDUTY_DETECTOR)
    assert detector.name == "pms-guardduty-us-west-2"
