"""The bundle's Exceptions section and what exceptions do to the matrix: a gate run with a waiver file and a config
that disables a rule, its report given to the evidence. A waived finding or a disabled rule never shows as met."""

import datetime as dt
import json
from html.parser import HTMLParser

import jsonschema
import pytest

from pms_baseline.checkov_policy import SKIPS
from tests.evidence.common import EXPORTS, SCHEMA, load, run_cli

STATE = EXPORTS / "clinic-prod-v3.json"
EXPIRES = (dt.date.today() + dt.timedelta(days=120)).isoformat()
REASON = "the reporting tool cannot use IAM tokens; its password is rotated by Secrets Manager"
OWNER = "platform-security@clinic.example.org"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exceptions")
    waivers = folder / "exceptions.yaml"
    waivers.write_text(
        "exceptions:\n"
        "  - rule: rds-instance-iam-authentication-enabled\n"
        "    resource: clinic-db\n"
        f"    reason: {REASON}\n"
        f"    owner: {OWNER}\n"
        f"    expires: {EXPIRES}\n"
        "  - rule: s3-bucket-versioning-enabled\n"
        "    resource: no-such-bucket\n"
        "    reason: kept for a bucket not created yet\n"
        f"    owner: {OWNER}\n"
        f"    expires: {EXPIRES}\n"
    )
    config = folder / "config.json"
    config.write_text(json.dumps({"rds-instance-copy-tags-to-snapshot": "disabled"}))
    gate = folder / "gate.json"
    run_cli(["gate", "--state", str(STATE), "--no-checkov", "--exceptions", str(waivers), "--config", str(config),
             "--format", "json", "--output", str(gate)])
    out = folder / "bundle"
    assert run_cli(["evidence", "--state", str(STATE), "--gate-results", str(gate), "--out", str(out)]) == 0
    return {"model": load(out / "evidence.json"), "html": (out / "index.html").read_text(), "file": str(waivers),
            "gate": load(gate)}


def test_the_document_validates_against_the_schema(bundle):
    jsonschema.validate(bundle["model"], load(SCHEMA))


def test_every_waiver_is_listed_with_the_findings_it_waived(bundle):
    section = bundle["model"]["exceptions"]
    waived = [f for f in bundle["model"]["gate"]["findings"] if f.get("status") == "waived"]
    assert [(f["rule"], f["resource"]["name"]) for f in waived] == [
        ("rds-instance-iam-authentication-enabled", "clinic-db")]
    assert section["file"] == bundle["file"]
    assert section["waivers"] == [
        {"rule": "rds-instance-iam-authentication-enabled", "resource": "clinic-db", "reason": REASON,
         "owner": OWNER, "expires": EXPIRES, "source": f"{bundle['file']}:2", "findings": [waived[0]["id"]]},
        {"rule": "s3-bucket-versioning-enabled", "resource": "no-such-bucket",
         "reason": "kept for a bucket not created yet", "owner": OWNER, "expires": EXPIRES,
         "source": f"{bundle['file']}:7", "findings": []},
    ]
    assert [w["resource"] for w in section["unused"]] == ["no-such-bucket"]


def test_disabled_rules_and_checkov_skips_are_listed_with_their_reasons(bundle):
    section = bundle["model"]["exceptions"]
    assert section["disabled_rules"] == [{"id": "rds-instance-copy-tags-to-snapshot",
                                          "reason": "disabled by policy config"}]
    assert [(s["id"], s["reason"]) for s in section["checkov_skips"]] == sorted(
        (check_id, skip.reason) for check_id, skip in SKIPS.items())


def test_a_waived_or_disabled_control_is_excepted_never_met(bundle):
    model = bundle["model"]
    rows = {c["citation"]: c for c in model["controls"]}
    waived_id = model["exceptions"]["waivers"][0]["findings"][0]
    # The waived finding is the only one of 164.312(d) and 164.312(a)(2)(i); without the waiver both are not met.
    for cite in ("164.312(d)", "164.312(a)(2)(i)"):
        assert rows[cite]["status"] == "excepted"
        assert rows[cite]["exceptions"] == {"waived_findings": [waived_id], "disabled_rules": []}
    # copy-tags-to-snapshot is 164.310(d)(2)(iii)'s only rule for RDS; disabled, it leaves the row excepted.
    assert rows["164.310(d)(2)(iii)"]["status"] == "excepted"
    assert rows["164.310(d)(2)(iii)"]["exceptions"] == {"waived_findings": [],
                                                         "disabled_rules": ["rds-instance-copy-tags-to-snapshot"]}
    assert model["summary"]["excepted"] == sum(1 for c in model["controls"] if c["status"] == "excepted") == 3
    assert model["summary"]["waived"] == 1


def test_rules_say_waived_and_disabled(bundle):
    rules = {r["id"]: r for r in bundle["model"]["rules"]}
    waived = rules["rds-instance-iam-authentication-enabled"]
    assert waived["status"] == "waived"
    assert [(e["name"], e["status"]) for e in waived["evidence"]] == [("clinic-db", "waived")]
    assert waived["evidence"][0]["sentence"] == (
        "Amazon RDS instance clinic-db (aws:rds/instance:Instance) has iamDatabaseAuthenticationEnabled = unset, "
        "which does not show that RDS instances have IAM database authentication enabled (164.312(d), "
        f"164.312(a)(2)(i)); accepted as an exception ({waived['findings'][0]} waived until {EXPIRES} by {OWNER}: "
        f"{REASON}).")
    disabled = rules["rds-instance-copy-tags-to-snapshot"]
    assert (disabled["status"], disabled["evidence"], disabled["checks"]) == ("disabled", [], 0)


class _Section(HTMLParser):
    """The text of the page's Exceptions section, by sub-heading."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, str] = {}
        self._in = False
        self._key = ""

    def handle_starttag(self, tag, attrs):
        if tag == "h2":
            self._in = dict(attrs).get("id") == "exceptions"
        if self._in and tag == "h3":
            self._key = None

    def handle_data(self, data):
        if not self._in:
            return
        if self._key is None:
            self._key = data
            self.parts[data] = ""
        elif self._key:
            self.parts[self._key] += data


def test_the_page_shows_the_section(bundle):
    section = _Section()
    section.feed(bundle["html"])
    assert list(section.parts) == ["Waivers", "Rules disabled by the policy config",
                                   "Checkov checks the baseline skips"]
    assert REASON in section.parts["Waivers"] and EXPIRES in section.parts["Waivers"]
    assert "no-such-bucket" in section.parts["Waivers"]  # the unused waiver
    assert section.parts["Rules disabled by the policy config"] == (
        "rds-instance-copy-tags-to-snapshot: disabled by policy config")
    assert all(check_id in section.parts["Checkov checks the baseline skips"] for check_id in SKIPS)
    assert "Not met: excepted (waived or disabled)" in bundle["html"]


WAIVER = ("exceptions:\n"
          "  - rule: rds-instance-iam-authentication-enabled\n"
          "    resource: clinic-db\n"
          f"    reason: {REASON}\n"
          f"    owner: {OWNER}\n"
          f"    expires: {EXPIRES}\n")


def _waived(model):
    return [(f["rule"], f["resource"]["name"], f["waiver"]["source"]) for f in model["gate"]["findings"]
            if f.get("status") == "waived"]


def test_the_bundles_own_gate_applies_exceptions_given(tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER)
    out = tmp_path / "bundle"
    assert run_cli(["evidence", "--state", str(STATE), "--exceptions", str(waivers), "--out", str(out)]) == 0
    model = load(out / "evidence.json")
    assert _waived(model) == [("rds-instance-iam-authentication-enabled", "clinic-db", f"{waivers}:2")]
    assert {c["citation"]: c["status"] for c in model["controls"]}["164.312(d)"] == "excepted"


def test_the_bundles_own_gate_finds_the_exceptions_file_as_the_gate_does(tmp_path):
    state = tmp_path / "state.json"
    state.write_bytes(STATE.read_bytes())
    (tmp_path / ".pms-baseline.yaml").write_text(WAIVER)
    out = tmp_path / "bundle"
    assert run_cli(["evidence", "--state", str(state), "--out", str(out)]) == 0
    assert [w[:2] for w in _waived(load(out / "evidence.json"))] == [
        ("rds-instance-iam-authentication-enabled", "clinic-db")]


def test_exceptions_with_gate_results_is_refused_before_any_work(tmp_path, capsys):
    from tests.evidence.common import GATE, bound

    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVER)
    out = tmp_path / "bundle"
    argv = ["evidence", "--state", str(STATE), "--gate-results", str(bound(GATE, STATE, tmp_path)),
            "--exceptions", str(waivers), "--out", str(out)]
    assert run_cli(argv) == 2
    assert capsys.readouterr().err == (
        "pms-baseline: error: --exceptions applies to the gate the bundle runs; with --gate-results the report's "
        "waivers stand (give --exceptions to `pms-baseline gate` instead)\n")
    assert not out.exists()
