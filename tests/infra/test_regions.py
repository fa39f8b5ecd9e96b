"""Regional account settings in every region of the stack, each singleton created or adopted as configured."""

from __future__ import annotations

import json

import pulumi_aws as aws
import pytest

from pms_baseline_infra.components.guardrails import AccountGuardrails, AccountGuardrailsArgs
from pms_baseline_infra.components.monitoring import Monitoring, MonitoringArgs
from pms_baseline_infra.components.regions import StackRegion
from pms_baseline_pack import tokens as t
from tests.helpers import preview_state
from tests.infra.conftest import ACCOUNT, AUDIT_KEY, PHI_KEY, REGION, only, policy, preview, tags_for

COPY = "us-west-2"
EXTRA = "eu-west-1"
CONFIG_ROLE = f"arn:aws:iam::{ACCOUNT}:role/pms-config-role"
HOME_BUS = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/default"
EVENT_RULE = "aws:cloudwatch/eventRule:EventRule"
EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget"


def regions(**adopt_in_extra):
    return [
        StackRegion(REGION),
        StackRegion(COPY, home=False, provider=aws.Provider(f"pms-{COPY}", region=COPY)),
        StackRegion(EXTRA, home=False, provider=aws.Provider(f"pms-{EXTRA}", region=EXTRA), **adopt_in_extra),
    ]


def build(**adopt_in_extra):
    where = regions(**adopt_in_extra)
    Monitoring("pms", MonitoringArgs(
        trail_log_group_name="/aws/cloudtrail/pms-prod-audit", alarm_email="", topic_key_arn=AUDIT_KEY,
        config_bucket_name="pms-config-history", config_role_arn=CONFIG_ROLE, account_id=ACCOUNT, region=REGION,
        environment="prod", enable_config_rules=False, regions=where, tags=tags_for("prod"),
    ))
    AccountGuardrails("pms", AccountGuardrailsArgs(
        ebs_key_arn=PHI_KEY, account_id=ACCOUNT, home_region=REGION, regions=where, tags=tags_for("prod"),
    ))


@pytest.fixture(scope="module")
def doc():
    return preview(build, "prod")


@pytest.fixture(scope="module")
def adopted():
    return preview(lambda: build(guard_duty="adopt", config_recorder="adopt", access_analyzer="adopt"), "prod")


def region_of(doc, resource) -> str:
    """The Region a resource is in: its provider's (explicit, or the stack's default provider)."""
    providers = {p.urn: p.props.get("region") for p in doc.of_type(t.AWS_PROVIDER)}
    return providers.get((resource.provider or "").rsplit("::", 1)[0]) or REGION


def regions_of(doc, token) -> list[str]:
    return sorted(region_of(doc, r) for r in doc.of_type(token))


ALL = sorted([REGION, COPY, EXTRA])


@pytest.mark.parametrize(
    "token",
    [t.EBS_ENCRYPTION_BY_DEFAULT, t.EBS_DEFAULT_KMS_KEY, t.GUARDDUTY_DETECTOR, t.CONFIG_RECORDER,
     t.CONFIG_DELIVERY_CHANNEL, t.CONFIG_RECORDER_STATUS, t.ACCESS_ANALYZER, EVENT_RULE],
)
def test_every_regional_setting_in_every_region(doc, token):
    assert regions_of(doc, token) == ALL


def test_resources_outside_home_name_their_region(doc):
    for r in doc.resources:
        if r.custom and region_of(doc, r) != REGION:
            assert r.props.get("region") == region_of(doc, r), r.name


def test_ebs_default_key_is_a_key_of_its_own_region(doc):
    keys = {region_of(doc, r): r.props["keyArn"] for r in doc.of_type(t.EBS_DEFAULT_KMS_KEY)}
    assert keys[REGION] == PHI_KEY
    for region in (COPY, EXTRA):
        assert keys[region].startswith(f"arn:aws:kms:{region}:{ACCOUNT}:key/")


def test_regional_ebs_keys_let_auto_scaling_launch_encrypted_volumes(doc):
    role = f"arn:aws:iam::{ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
    for key in doc.of_type(t.KMS_KEY):
        statements = {s["Sid"]: s for s in policy(key.props["policy"])["Statement"]}
        assert statements["AutoScalingServiceLinkedRoleUsesKey"]["Principal"] == {"AWS": role}
        assert statements["AutoScalingServiceLinkedRoleAttachesVolumes"]["Condition"] == {
            "Bool": {"kms:GrantIsForAWSResource": True}
        }
        region = region_of(doc, key)
        assert statements["Ec2UsesKeyForEbsVolumes"]["Condition"]["StringEquals"]["kms:ViaService"] == (
            f"ec2.{region}.amazonaws.com"
        )
        assert key.props["enableKeyRotation"] is True


def test_global_resources_recorded_in_home_only(doc):
    recorded = {region_of(doc, r): r.props["recordingGroup"] for r in doc.of_type(t.CONFIG_RECORDER)}
    assert recorded[REGION] == {"allSupported": True, "includeGlobalResourceTypes": True}
    assert recorded[COPY] == recorded[EXTRA] == {"allSupported": True, "includeGlobalResourceTypes": False}


def test_every_region_delivers_to_the_one_config_bucket(doc):
    assert {r.props["s3BucketName"] for r in doc.of_type(t.CONFIG_DELIVERY_CHANNEL)} == {"pms-config-history"}
    assert {r.props["roleArn"] for r in doc.of_type(t.CONFIG_RECORDER)} == {CONFIG_ROLE}


def test_adopted_singletons_are_not_declared_where_adopted(adopted):
    for token in (t.GUARDDUTY_DETECTOR, t.CONFIG_RECORDER, t.CONFIG_DELIVERY_CHANNEL, t.CONFIG_RECORDER_STATUS,
                  t.ACCESS_ANALYZER):
        assert regions_of(adopted, token) == sorted([REGION, COPY]), token


def test_adopted_guard_duty_still_routes_findings(adopted):
    assert regions_of(adopted, EVENT_RULE) == ALL


def test_findings_of_every_region_reach_the_topic(doc):
    topic = only(doc, t.SNS_TOPIC).props["arn"]
    for rule in doc.of_type(EVENT_RULE):
        assert json.loads(rule.props["eventPattern"]) == {
            "source": ["aws.guardduty"], "detail-type": ["GuardDuty Finding"]
        }
    targets = {region_of(doc, r): r.props for r in doc.of_type(EVENT_TARGET)}
    assert targets[REGION]["arn"] == topic and "roleArn" not in targets[REGION]
    role = only(doc, t.IAM_ROLE, "pms-findings-forwarder")
    for region in (COPY, EXTRA):
        assert targets[region]["arn"] == HOME_BUS
        assert targets[region]["roleArn"] == role.props["arn"]


def test_forwarding_role_may_only_put_events_on_the_home_bus(doc):
    trust = policy(only(doc, t.IAM_ROLE, "pms-findings-forwarder").props["assumeRolePolicy"])["Statement"]
    assert [s["Principal"] for s in trust] == [{"Service": "events.amazonaws.com"}]
    statements = policy(only(doc, t.IAM_POLICY, "pms-findings-forwarder").props["policy"])["Statement"]
    assert statements == [{"Effect": "Allow", "Action": "events:PutEvents", "Resource": HOME_BUS}]


def test_topic_policy_lets_eventbridge_publish(doc):
    statements = {s["Sid"]: s for s in policy(only(doc, t.SNS_TOPIC_POLICY).props["policy"])["Statement"]}
    allow = statements["AllowEventBridgeFindings"]
    assert allow["Principal"] == {"Service": "events.amazonaws.com"}
    assert allow["Action"] == "sns:Publish"
    assert allow["Resource"] == only(doc, t.SNS_TOPIC).props["arn"]


def test_home_target_waits_for_the_topic_policy(doc):
    home = next(r for r in doc.of_type(EVENT_TARGET) if region_of(doc, r) == REGION)
    assert only(doc, t.SNS_TOPIC_POLICY).urn in home.dependencies


@pytest.mark.parametrize(("stack", "expected"), [("prod", [REGION, COPY]), ("staging", [REGION]),
                                                 ("test", ["us-east-2"])])
def test_bundled_stacks_apply_regional_settings_in_every_region_they_use(stack, expected):
    # prod copies backups to us-west-2, so the copy region gets EBS encryption, GuardDuty, Config and an analyzer
    # too (before, only the home region had them).
    state = preview_state(stack)
    for token in (t.EBS_ENCRYPTION_BY_DEFAULT, t.EBS_DEFAULT_KMS_KEY, t.GUARDDUTY_DETECTOR, t.CONFIG_RECORDER,
                  t.ACCESS_ANALYZER):
        assert regions_of(state, token) == sorted(expected), token
