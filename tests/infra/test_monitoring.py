"""Monitoring: CIS alarms to an encrypted topic, GuardDuty, AWS Config and its managed rules."""

from __future__ import annotations

import pytest

from pms_baseline_infra.components.config_rules import CONFIG_RULES_SKIPPED, source_identifier
from pms_baseline_infra.components.monitoring import METRIC_FILTERS, Monitoring, MonitoringArgs
from pms_baseline_pack import tokens as t
from pms_baseline_pack.reference import aws_config_rules
from tests.infra.conftest import ACCOUNT, AUDIT_KEY, REGION, only, preview, tags_for

CONFIG_ROLE = f"arn:aws:iam::{ACCOUNT}:role/pms-config-role"

CIS = [
    "root-account-use",
    "console-signin-failures",
    "unauthorized-api-calls",
    "iam-policy-changes",
    "cloudtrail-config-changes",
    "kms-key-disabled-or-deleted",
    "s3-bucket-policy-changes",
    "security-group-changes",
    "nacl-changes",
    "network-gateway-changes",
    "route-table-changes",
    "vpc-changes",
]


@pytest.fixture(scope="module")
def doc():
    return preview(
        lambda: Monitoring(
            "pms",
            MonitoringArgs(
                trail_log_group_name="/aws/cloudtrail/pms-prod-audit",
                alarm_email="sec@clinic.example.org",
                topic_key_arn=AUDIT_KEY,
                config_bucket_name="pms-config-history",
                config_role_arn=CONFIG_ROLE,
                account_id=ACCOUNT,
                region=REGION,
                environment="prod",
                enable_config_rules=True,
                tags=tags_for("prod"),
            ),
        ),
        "prod",
    )


@pytest.mark.parametrize("key", CIS)
def test_cis_filter_and_alarm(doc, key):
    f = only(doc, t.LOG_METRIC_FILTER, f"pms-{key}").props
    assert f["logGroupName"] == "/aws/cloudtrail/pms-prod-audit"
    assert f["pattern"] == METRIC_FILTERS[key]
    alarm = only(doc, t.METRIC_ALARM, f"pms-{key}-alarm").props
    assert alarm["metricName"] == f["metricTransformation"]["name"]
    assert alarm["alarmActions"] == [only(doc, t.SNS_TOPIC).props["arn"]]


def test_topic_encrypted(doc):
    assert only(doc, t.SNS_TOPIC).props["kmsMasterKeyId"] == AUDIT_KEY


def test_email_subscription(doc):
    sub = only(doc, t.SNS_TOPIC_SUBSCRIPTION).props
    assert (sub["protocol"], sub["endpoint"]) == ("email", "sec@clinic.example.org")


def test_guardduty_enabled(doc):
    assert only(doc, t.GUARDDUTY_DETECTOR).props["enable"] is True
    features = {
        r.props["name"]: r.props["status"]
        for r in doc.of_type("aws:guardduty/detectorFeature:DetectorFeature")
    }
    assert features["S3_DATA_EVENTS"] == "ENABLED"


def test_config_recorder_all_supported(doc):
    group = only(doc, t.CONFIG_RECORDER).props["recordingGroup"]
    assert group["allSupported"] is True and group["includeGlobalResourceTypes"] is True


def test_config_delivery_channel(doc):
    ch = only(doc, t.CONFIG_DELIVERY_CHANNEL).props
    assert (ch["s3BucketName"], ch["s3KeyPrefix"]) == ("pms-config-history", "config")


def test_config_recorder_records_as_the_given_role(doc):
    assert only(doc, t.CONFIG_RECORDER).props["roleArn"] == CONFIG_ROLE


def test_config_recorder_enabled(doc):
    assert only(doc, t.CONFIG_RECORDER_STATUS).props["isEnabled"] is True




def test_config_rules_cover_baseline_scope(doc):
    rules = {r.props["name"]: r.props["source"] for r in doc.of_type(t.CONFIG_RULE)}
    expected = {n for n, scope in aws_config_rules().items() if scope == "baseline"} - set(CONFIG_RULES_SKIPPED)
    assert set(rules) == expected
    assert rules["cloudtrail-enabled"] == {"owner": "AWS", "sourceIdentifier": "CLOUD_TRAIL_ENABLED"}
    assert rules["rds-storage-encrypted"]["sourceIdentifier"] == "RDS_STORAGE_ENCRYPTED"


def test_alarms_notify_on_insufficient_data_too(doc):
    # cloudwatch-alarm-action-check's defaults require an INSUFFICIENT_DATA action as well as an alarm action.
    topic = only(doc, t.SNS_TOPIC).props["arn"]
    for alarm in doc.of_type(t.METRIC_ALARM):
        assert alarm.props["insufficientDataActions"] == [topic], alarm.name


def test_source_identifier_exceptions():
    assert source_identifier("restricted-ssh") == "INCOMING_SSH_DISABLED"
    assert source_identifier("multi-region-cloudtrail-enabled") == "MULTI_REGION_CLOUD_TRAIL_ENABLED"
