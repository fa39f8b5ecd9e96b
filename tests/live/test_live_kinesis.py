"""Kinesis data streams read live: encryption at rest under kinesis-stream-encrypted, and drift against the
state."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of


def declared(ident, **inputs):
    """A stream of the state: its ``name`` is an input, which ``resource`` takes as the logical name."""
    r = resource(t.KINESIS_STREAM, "events", ident)
    r["inputs"].update(inputs)
    r["outputs"].update(inputs)
    return r

pytestmark = pytest.mark.moto

RULE = "kinesis-stream-encrypted"
KEY = "arn:aws:kms:us-east-1:123456789012:key/0b1d2c3a-1111-2222-3333-444455556666"
ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/"


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def stream(account, name="events", encrypted=True):
    kinesis = account.client("kinesis")
    kinesis.create_stream(StreamName=name, ShardCount=1)
    if encrypted:
        kinesis.start_stream_encryption(StreamName=name, EncryptionType="KMS", KeyId=KEY)
    return name


def exercise(account):
    """One encrypted stream: verify lists it and reads its summary (kinesis:ListStreams,
    kinesis:DescribeStreamSummary)."""
    return stream(account)


def test_an_encrypted_stream_passes(account):
    stream(account)
    assert findings(account, RULE) == []


def test_an_unencrypted_stream_is_a_finding(account):
    stream(account, encrypted=False)
    assert findings(account, RULE) == [(
        "events", R + "stream events: encryptionType is NONE; set encryption_type=\"KMS\" with a customer-managed "
        "kms_key_id (164.312(a)(2)(iv))")]


def test_encryption_turned_off_is_drift(account):
    stream(account, encrypted=False)
    state = state_of(declared(ARN + "events", name="events", arn=ARN + "events", encryptionType="KMS",
                              kmsKeyId=KEY, retentionPeriod=24))
    assert findings(account, "live-setting-drift", state) == [
        ("events", "events: encryptionType is 'NONE' in the account, 'KMS' in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_stream_is_missing(account):
    state = state_of(declared(ARN + "events", name="events", encryptionType="KMS"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["events"]
