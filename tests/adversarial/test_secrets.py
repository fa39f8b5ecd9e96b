"""A secret is never rendered, whole, in part or short, in any output: the gate's five formats, convert's plan,
verify's drift lines. Rules still judge the plaintext an export carries (`pulumi stack export --show-secrets`).

The state is the bundled prod stack's offline preview with three defects whose values are secret: a short
backup retention (3, a one-character secret), a listener certificate that is not ACM's, and credentials in a tag
and a container environment variable given in plain text.
"""

import copy
import json

import pytest

from pms_baseline.state import SECRET_SIG, SIG_KEY
from tests.helpers import preview_document

SHORT = 3
CERT = "arn:aws:iam::210987654321:server-certificate/leaky-cert-71"
TAG_PASSWORD = "tag-hunter2-xyzzy"
ENV_PASSWORD = "env-hunter2-plugh"
PLAINTEXTS = (CERT, "leaky-cert-71", TAG_PASSWORD, ENV_PASSWORD, "hunter2")


def envelope(value):
    return {SIG_KEY: SECRET_SIG, "plaintext": json.dumps(value)}


@pytest.fixture(scope="module")
def leaky_state(tmp_path_factory):
    doc = copy.deepcopy(preview_document("prod"))
    for r in doc["deployment"]["resources"]:
        for side in ("inputs", "outputs"):
            props = r.get(side) or {}
            if r["type"] == "aws:rds/instance:Instance":
                props["backupRetentionPeriod"] = envelope(SHORT)
            if r["type"] == "aws:lb/listener:Listener" and "certificateArn" in props:
                props["certificateArn"] = envelope(CERT)
            if r["type"] in ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2") and "tags" in props:
                props["tags"] = {**props["tags"], "db-password": TAG_PASSWORD}
    doc["deployment"]["resources"].append({
        "urn": "urn:pulumi:prod::pms-baseline::aws:lambda/function:Function::reminders", "custom": True,
        "type": "aws:lambda/function:Function", "id": "reminders",
        "inputs": {"environment": {"variables": {"SMTP_PASSWORD": ENV_PASSWORD}},
                   "tags": {"environment": "prod"}},
        "outputs": {"environment": {"variables": {"SMTP_PASSWORD": ENV_PASSWORD}}},
    })
    path = tmp_path_factory.mktemp("leaky") / "state.json"
    path.write_text(json.dumps(doc))
    return str(path)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["table", "json", "sarif", "junit", "markdown"])
def test_no_output_format_shows_a_secret(cli, leaky_state, tmp_path, fmt):
    out = tmp_path / f"gate.{fmt}"
    proc = cli("gate", "--state", leaky_state, "--format", fmt, "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    text = out.read_text() + proc.stdout + proc.stderr
    for plaintext in PLAINTEXTS:
        assert plaintext not in text, plaintext


def test_rules_judge_the_plaintext_and_quote_it_as_secret(cli, leaky_state):
    proc = cli("gate", "--state", leaky_state, "--no-checkov", "--format", "json")
    found = {f["rule"]: f["message"] for f in json.loads(proc.stdout)["findings"]}
    assert found["rds-instance-backup-retention-minimum"].startswith("backupRetentionPeriod is [secret], below")
    assert found["elb-listener-acm-certificate"].startswith("certificateArn is [secret], not an ACM certificate")


def test_convert_writes_no_credential(cli, leaky_state, tmp_path):
    plan = tmp_path / "plan.json"
    proc = cli("convert", "--state", leaky_state, "--to", "terraform-plan", "--out", str(plan))
    assert proc.returncode == 0, proc.stderr
    text = plan.read_text()
    for plaintext in PLAINTEXTS:
        assert plaintext not in text, plaintext


def test_marked_values_render_as_secret_whatever_part_is_quoted():
    from pms_baseline_pack.opaque import SecretInt, SecretStr, mark_secret, redacted
    from pms_baseline_pack.rules.props import integer, policy_document, shown

    s = SecretStr("hunter2")
    assert s == "hunter2" and s.startswith("hunt")  # rules still judge the value
    assert f"{s} {s[:3]} {s.upper()} {s.split('t')} {s!r} {s:>12}" == ("[secret] [secret] [secret] "
                                                                        "[[secret], [secret]] [secret]     [secret]")
    n = SecretInt(3)
    assert n < 35 and f"{n} {integer(3.0)} {integer(mark_secret(3.0))}" == "[secret] 3 [secret]"
    assert shown(mark_secret({"a": ["x", 1]})) == '{"a":["[secret]","[secret]"]}'
    assert shown({"plain": 1, "hidden": s}) == '{"hidden":"[secret]","plain":1}'
    doc = policy_document(SecretStr('{"Statement": [{"Principal": "arn:aws:iam::111111111111:root"}]}'))
    assert f"{doc['Statement'][0]['Principal']}" == "[secret]"
    assert json.dumps(redacted([s, n, True])) == '["[secret]", "[secret]", true]'


def test_a_drift_line_hides_both_sides_of_a_secret_setting():
    from pms_baseline.live.drift import _said
    from pms_baseline_pack.opaque import mark_secret

    assert _said(7, mark_secret(3)) == "[secret]"
    assert _said(7, 3) == "7"


def test_the_sweep_is_a_second_line_behind_marking():
    from pms_baseline.state import parse_document, secret_texts, sweep

    doc = {"version": 3, "deployment": {"resources": [{
        "urn": "urn:pulumi:prod::p::aws:s3/bucket:Bucket::b", "type": "aws:s3/bucket:Bucket", "custom": True,
        "inputs": {"tags": {"api-token": "tok-abcdef123"}, "x": envelope("a-long-secret"), "y": envelope("abc")}}]}}
    secrets = secret_texts(parse_document(doc))
    assert secrets == {"tok-abcdef123", "a-long-secret"}  # "abc" is too short to sweep: marking covers it
    assert sweep("a-long-secret leaked via tok-abcdef123", secrets) == "[secret] leaked via [secret]"
