"""Property-based fuzzing (hypothesis) of what reads input written by others: the state loader, the policy config
reader, the stack settings reader, and every rule of the pack over arbitrary JSON property shapes.

None may raise anything but the tool's input error (for readers) or return anything but a list of messages (for
rules). The budget is fixed and the search derandomized, so a CI run is repeatable; `HYPOTHESIS_PROFILE=deep`
searches longer by hand.
"""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pms_baseline.errors import InputError
from pms_baseline.gate import merge_config
from pms_baseline.state import parse_document
from pms_baseline_pack.rules import StackResource, Violation, catalogue

settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, database=None,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("deep", max_examples=2000, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LEAVES = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**63),
                   st.floats(allow_nan=False), st.text(max_size=16))
JSON = st.recursive(LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.text(max_size=12), inner, max_size=5)),
                    max_leaves=25)
# Property names the rules read, so the fuzzer reaches past their first lookup.
PROPERTY_NAMES = sorted({
    "tags", "policy", "name", "bucket", "rules", "rule", "statement", "kmsKeyId", "kmsMasterKeyId", "ingress",
    "egress", "engine", "storageEncrypted", "backupRetentionPeriod", "eventSelectors", "advancedEventSelectors",
    "logging", "versioningConfiguration", "listeners", "defaultActions", "port", "protocol", "cidrBlocks",
    "ipv6CidrBlocks", "routes", "subnetIds", "retentionInDays", "filter", "lifecycleRules", "objectLockEnabled",
    "objectLockConfiguration", "enabledCloudwatchLogsExports", "parameters", "alarmActions", "metricName",
    "pattern", "logGroupName", "s3BucketName", "isMultiRegionTrail", "enableLogFileValidation", "accessLogs",
    "vpcId", "routeTableId", "gatewayId", "natGatewayId", "destinationCidrBlock", "assumeRolePolicy", "arn",
    "id", "backupVaultName", "minRetentionDays", "changeableForDays", "resources", "selectionTags",
    "planId", "enableKeyRotation", "deletionWindowInDays", "multiAz", "publiclyAccessible", "sslPolicy",
    "certificateArn", "loadBalancerArn", "webAclArn", "resourceArn", "logDestinationConfigs", "scope",
    "visibilityConfig", "enable", "recordingGroup", "isEnabled", "minimumPasswordLength", "policyArn",
})
PROPS = st.dictionaries(st.one_of(st.sampled_from(PROPERTY_NAMES), st.text(max_size=10)), JSON, max_size=10)
RULES = catalogue()


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "resource"], ids=lambda r: r.id)
@given(props=PROPS)
def test_resource_rules_return_messages_on_any_shape(rule, props):
    found = rule.run_resource(props)
    assert isinstance(found, list) and all(isinstance(m, str) for m in found)


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "stack"], ids=lambda r: r.id)
@given(props=st.lists(PROPS, min_size=1, max_size=4), data=st.data())
def test_stack_rules_return_violations_on_any_shape(rule, props, data):
    kinds = list(rule.resource_types) or ["aws:s3/bucket:Bucket"]
    resources = [StackResource(urn=f"urn:pulumi:prod::fuzz::{kinds[i % len(kinds)]}::r{i}",
                               type=kinds[i % len(kinds)], name=f"r{i}", props=p,
                               id=data.draw(st.text(max_size=8)))
                 for i, p in enumerate(props)]
    found = rule.run_stack(resources)
    assert isinstance(found, list) and all(isinstance(v, Violation) for v in found)


DOCUMENT = st.fixed_dictionaries({"version": st.sampled_from([3, 4]), "deployment": st.one_of(
    JSON, st.fixed_dictionaries({"manifest": JSON, "resources": st.lists(
        st.one_of(JSON, st.fixed_dictionaries({
            "urn": st.one_of(st.text(max_size=30), JSON), "type": st.one_of(st.text(max_size=20), JSON),
            "custom": JSON, "id": JSON, "inputs": JSON, "outputs": JSON, "parent": JSON,
            "dependencies": JSON, "propertyDependencies": JSON, "provider": JSON})), max_size=4)}))})


@given(doc=st.one_of(DOCUMENT, JSON))
def test_the_state_reader_accepts_or_refuses_any_document(doc):
    try:
        state = parse_document(json.loads(json.dumps(doc)), "fuzz")
    except InputError:
        return
    for r in state.resources:
        assert isinstance(r.urn, str) and isinstance(r.props, dict)


@given(config=st.one_of(JSON, st.dictionaries(st.sampled_from(["all", *[r.id for r in RULES[:8]]]), JSON,
                                                   max_size=4)))
def test_the_policy_config_reader_accepts_or_refuses_any_config(config):
    try:
        merged = merge_config(config if isinstance(config, dict) else {"all": config})
    except InputError:
        return
    assert set(merged) == {r.id for r in RULES}


@given(values=st.dictionaries(st.sampled_from([
    "pms-baseline:environment", "pms-baseline:accountId", "pms-baseline:vpcCidr", "pms-baseline:availabilityZones",
    "pms-baseline:backupRetentionDays", "pms-baseline:logRetentionDays", "pms-baseline:tags", "aws:region",
    "pms-baseline:multiAz", "pms-baseline:productionIdentifiers"]), JSON, max_size=6))
def test_the_stack_settings_reader_accepts_or_refuses_any_values(values):
    from pms_baseline_infra.config import parse_settings

    flat = {k: v if isinstance(v, str) else json.dumps(v) for k, v in values.items()}
    try:
        parse_settings(flat, "prod")
    except ValueError:
        return
