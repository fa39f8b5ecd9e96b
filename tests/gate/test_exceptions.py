"""Exceptions (issue 17, point 1): waivers from `.pms-baseline.yaml` (found walking up, or `--exceptions FILE`) and
from `pms-baseline:waive:<rule>` tags, over the real noncompliant program's state. A waived finding shows as
waived in every format and never blocks; a bad waiver is one line and exit 2 with nothing written."""

import copy
import hashlib
import json
import xml.etree.ElementTree as ET

import pytest

from pms_baseline import exceptions
from pms_baseline.cli import main
from pms_baseline.errors import InputError
from pms_baseline.gate import run_gate
from pms_baseline.state import parse_document
from tests.helpers import preview_document

OWNER = "platform-security@clinic.example.org"
RDS = """\
exceptions:
  - rule: rds-instance-storage-encrypted
    resource: pms-db
    reason: migrating to the encrypted snapshot in change CHG-1142
    owner: platform-security@clinic.example.org
    expires: 2099-06-30
"""
# The four defects of tests/programs/noncompliant, each waived (seven findings; the stack-level one by "*").
ALL_FOUR = RDS + """\
  - rule: ec2-security-group-ingress-restricted
    resource: "ssh-*"
    reason: vendor support window
    owner: platform-security@clinic.example.org
    expires: 2099-01-31
  - rule: s3-bucket-public-access-blocked
    resource: statements-public-access-block
    reason: statements bucket is being retired
    owner: platform-security@clinic.example.org
    expires: 2099-01-31
  - rule: cloudtrail-multi-region-trail-present
    reason: the organisation trail records this account
    owner: platform-security@clinic.example.org
    expires: 2099-01-31
"""


def _state(document: dict, folder) -> str:
    path = folder / "state.json"
    path.write_text(json.dumps(document))
    return str(path)


@pytest.fixture
def repo(tmp_path):
    """A repository (a folder holding .git) with the noncompliant program's state two folders down."""
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    folder = tmp_path / "repo" / "stacks" / "prod"
    folder.mkdir(parents=True)
    return tmp_path / "repo", _state(preview_document("prod", "noncompliant"), folder)


def gate(state, *args, fmt="json", out=None):
    code = main(["gate", "--state", state, "--no-checkov", "--format", fmt, *(["--output", str(out)] if out else []),
                 *args])
    return code


def test_a_waived_finding_is_waived_in_every_format(repo, tmp_path, capsys):
    root, state = repo
    (root / ".pms-baseline.yaml").write_text(RDS)
    out = {fmt: tmp_path / f"gate.{fmt}" for fmt in ("json", "junit", "markdown", "table")}
    code = main(["gate", "--state", state, "--no-checkov", "--format", "json", "--output", str(out["json"]),
                 *(a for fmt in ("junit", "markdown", "table") for a in ("--report", f"{fmt}:{out[fmt]}"))])
    assert code == 1  # three defects are still open
    assert "wrote " in capsys.readouterr().err
    report = json.loads(out["json"].read_text())
    rds = next(f for f in report["findings"] if f["rule"] == "rds-instance-storage-encrypted")
    assert rds["status"] == "waived"
    assert rds["waiver"] == {"rule": "rds-instance-storage-encrypted", "resource": "pms-db",
                             "reason": "migrating to the encrypted snapshot in change CHG-1142", "owner": OWNER,
                             "expires": "2099-06-30", "source": f"{(root / '.pms-baseline.yaml').resolve()}:2"}
    assert report["summary"] == {"resources": report["summary"]["resources"], "findings": 7, "mandatory": 6,
                                 "advisory": 0, "waived": 1, "passed": False}
    recorded = report["target"]["exceptions"]
    assert recorded["sha256"] == hashlib.sha256(RDS.encode()).hexdigest()
    assert recorded["file"].endswith(".pms-baseline.yaml") and len(recorded["waivers"]) == 1
    assert recorded["unused"] == []

    junit = ET.fromstring(out["junit"].read_text())
    case = next(c for c in junit.iter("testcase") if c.get("classname") == "rds-instance-storage-encrypted")
    assert case.find("failure") is None
    assert case.find("skipped").get("message") == (
        f"waived until 2099-06-30 by {OWNER}: migrating to the encrypted snapshot in change CHG-1142")
    assert junit.get("failures") == "3" and junit.get("skipped") == "1"

    md = out["markdown"].read_text()
    assert "6 mandatory · 0 advisory findings · 1 waived" in md
    section = md.split("#### Waived findings", 1)[1]
    assert ("| <code>rds-instance-storage-encrypted</code> | <code>pms-db</code> | migrating to the encrypted "
            "snapshot in change CHG-1142 | platform-security&#64;clinic.example.org | 2099-06-30 |") in section
    findings_table = md.split("#### Findings", 1)[1].split("#### Waived", 1)[0]
    assert "rds-instance-storage-encrypted" not in findings_table  # never listed as open

    table = out["table"].read_text()
    waived_part = table.split("Waived (accepted risks; they do not block)", 1)[1]
    assert f"waived    rds-instance-storage-encrypted  [pms-db]  until 2099-06-30 by {OWNER}" in waived_part
    assert table.rstrip().splitlines()[-1] == "FAILED: 6 mandatory, 0 advisory findings, 1 waived"


def test_when_every_mandatory_finding_is_waived_the_gate_passes(repo, tmp_path, capsys):
    root, state = repo
    (root / ".pms-baseline.yaml").write_text(ALL_FOUR)
    out = tmp_path / "gate.json"
    assert gate(state, out=out) == 0
    report = json.loads(out.read_text())
    assert report["summary"]["passed"] is True and report["summary"]["waived"] == 7
    assert {f["status"] for f in report["findings"]} == {"waived"}
    assert main(["gate", "--state", state, "--no-checkov", "--quiet"]) == 0
    table = capsys.readouterr().out
    assert "Waived" not in table and table.rstrip().endswith("PASSED: 0 mandatory, 0 advisory findings, 7 waived")


@pytest.mark.parametrize("entry, problem", [
    ("    expires: 2020-01-01\n", "the waiver expired on 2020-01-01"),
    ("    expires: 2099-02-30\n", "expires '2099-02-30' is not a date; write YYYY-MM-DD"),
    ("    expires: 2099-6-30\n", "expires '2099-6-30' is not a date"),
    ("    expires: 2099-06-30T00:00:00Z\n", "is not a date; write YYYY-MM-DD"),
    ("    expires: 2099-06-30\n    ticket: CHG-1\n", ":7: unknown key 'ticket'"),
    ("    expires: 2099-06-30\n    owner: someone-else\n", ":7: key 'owner' given twice"),
], ids=["expired", "no-such-day", "not-iso", "a-timestamp", "unknown-key", "duplicate-key"])
def test_a_bad_waiver_is_one_line_and_exit_2_naming_file_and_line(repo, tmp_path, capsys, entry, problem):
    root, state = repo
    (root / ".pms-baseline.yaml").write_text(RDS.replace("    expires: 2099-06-30\n", entry))
    out = tmp_path / "gate.json"
    assert gate(state, out=out) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pms-baseline: error: ")
    assert ".pms-baseline.yaml:" in err and problem in err, err
    assert not out.exists()


@pytest.mark.parametrize("text, problem", [
    (RDS.replace("    reason: migrating to the encrypted snapshot in change CHG-1142\n", ""),
     ".pms-baseline.yaml:2: the waiver has no reason"),
    (RDS.replace("    reason: migrating to the encrypted snapshot in change CHG-1142\n", "    reason: '  '\n"),
     ".pms-baseline.yaml:2: the waiver has no reason"),
    (RDS.replace(f"    owner: {OWNER}\n", "    owner:\n"), ".pms-baseline.yaml:2: the waiver has no owner"),
    (RDS.replace("rds-instance-storage-encrypted", "rds-instance-storage-encryptd"),
     ".pms-baseline.yaml:2: no pack rule or checkov check is named 'rds-instance-storage-encryptd'"),
    (RDS.replace("rds-instance-storage-encrypted", "CKV_AWS_99999"), "no pack rule or checkov check is named"),
    (RDS.replace("    resource: pms-db", "    resource: [pms-db]"), ".pms-baseline.yaml:3: 'resource' must be text"),
    ("exceptions:\n  - rule: [unclosed\n", ".pms-baseline.yaml:3: not valid YAML"),
    ("- rule: x\n", ".pms-baseline.yaml:1: expected a mapping with an 'exceptions' list"),
    ("waivers: []\n", ".pms-baseline.yaml:1: unknown key 'waivers'"),
    ("exceptions: yes\n", ".pms-baseline.yaml:1: 'exceptions' must be a list"),
    ("", ".pms-baseline.yaml: expected a mapping"),
], ids=["reasonless", "blank-reason", "ownerless", "unknown-rule", "unknown-checkov-id", "a-list", "malformed",
        "top-level-list", "unknown-top-key", "not-a-list", "empty"])
def test_a_malformed_or_incomplete_file_is_one_line_and_exit_2(repo, capsys, text, problem):
    root, state = repo
    (root / ".pms-baseline.yaml").write_text(text)
    assert gate(state) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and problem in err, err


def test_a_checkov_id_is_a_known_rule_and_waives_its_pack_twin(repo, capsys):
    root, state = repo
    (root / ".pms-baseline.yaml").write_text(RDS.replace("rule: rds-instance-storage-encrypted", "rule: CKV_AWS_16"))
    assert gate(state) == 1
    report = json.loads(capsys.readouterr().out)
    rds = next(f for f in report["findings"] if f["rule"] == "rds-instance-storage-encrypted")
    assert rds["status"] == "waived" and rds["waiver"]["rule"] == "CKV_AWS_16"


def test_the_clock_decides_expiry_in_utc_and_the_last_day_still_holds(repo, monkeypatch, capsys):
    import datetime as dt

    root, state = repo
    (root / ".pms-baseline.yaml").write_text(RDS)
    monkeypatch.setattr(exceptions, "today", lambda: dt.date(2099, 6, 30))
    assert gate(state) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["waived"] == 1
    monkeypatch.setattr(exceptions, "today", lambda: dt.date(2099, 7, 1))
    assert gate(state) == 2
    assert "the waiver expired on 2099-06-30" in capsys.readouterr().err


def test_discovery_walks_up_to_the_repository_root_and_no_further(tmp_path, capsys):
    outer = tmp_path / "outer"
    (outer / "repo" / ".git").mkdir(parents=True)
    deep = outer / "repo" / "a" / "b"
    deep.mkdir(parents=True)
    assert exceptions.discover(deep) is None
    (outer / ".pms-baseline.yaml").write_text(RDS)  # above the repository: never read
    assert exceptions.discover(deep) is None
    (outer / "repo" / ".pms-baseline.yaml").write_text(RDS)
    assert exceptions.discover(deep) == (outer / "repo" / ".pms-baseline.yaml").resolve()
    (deep / ".pms-baseline.yaml").write_text(RDS)  # the nearest wins
    assert exceptions.discover(deep) == (deep / ".pms-baseline.yaml").resolve()


def test_discovery_starts_at_the_program_directory(tmp_path):
    from tests.helpers import PROGRAMS, REPO_ROOT

    assert exceptions.start_dir(None, str(PROGRAMS / "noncompliant")) == (PROGRAMS / "noncompliant").resolve()
    assert exceptions.start_dir(None, None) == (REPO_ROOT / "infra").resolve()
    assert exceptions.start_dir(str(tmp_path / "x.json"), None) == tmp_path.resolve()


def test_exceptions_flag_replaces_discovery(repo, tmp_path, capsys):
    root, state = repo
    (root / ".pms-baseline.yaml").write_text("not: [valid\n")  # would fail if it were read
    given = tmp_path / "waivers.yaml"
    given.write_text(ALL_FOUR)
    assert gate(state, "--exceptions", str(given)) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["target"]["exceptions"]["file"] == str(given)
    assert {f["waiver"]["source"] for f in report["findings"]} == {f"{given}:{n}" for n in (2, 7, 12, 17)}
    assert gate(state, "--exceptions", str(tmp_path / "missing.yaml")) == 2
    assert "missing.yaml: no such exceptions file" in capsys.readouterr().err


def test_an_unused_waiver_is_reported(repo, capsys):
    root, state = repo
    (root / ".pms-baseline.yaml").write_text(RDS.replace("resource: pms-db", "resource: reporting-*"))
    assert gate(state) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["summary"]["waived"] == 0
    assert [w["resource"] for w in report["target"]["exceptions"]["unused"]] == ["reporting-*"]
    assert ("warning: " in captured.err and "the waiver of rds-instance-storage-encrypted on reporting-* matches no "
            "finding") in captured.err
    assert gate(state, "--quiet") == 1
    assert "warning" not in capsys.readouterr().err


# --- tags -------------------------------------------------------------------------------------------------------

def _tagged(key: str, value, where: str = "inputs") -> dict:
    doc = copy.deepcopy(preview_document("prod", "noncompliant"))
    db = next(r for r in doc["deployment"]["resources"] if r["type"] == "aws:rds/instance:Instance")
    tags = db.setdefault(where, {}).setdefault("tags", {})
    tags[key] = value
    if where == "outputs":
        db["inputs"].pop("tags", None)
    return doc


TAG = "pms-baseline:waive:rds-instance-storage-encrypted"
VALUE = f"expires=2099-06-30 owner={OWNER} reason=single-AZ reporting replica, restored from snapshots"


@pytest.mark.parametrize("where", ["inputs", "outputs"])
def test_a_tag_waives_its_rule_on_its_own_resource(tmp_path, capsys, where):
    state = _state(_tagged(TAG, VALUE.replace(",", ""), where), tmp_path)
    assert gate(state) == 1
    report = json.loads(capsys.readouterr().out)
    rds = next(f for f in report["findings"] if f["rule"] == "rds-instance-storage-encrypted")
    assert rds["status"] == "waived"
    assert rds["waiver"]["source"] == f"tag {TAG}"
    assert rds["waiver"]["reason"] == "single-AZ reporting replica restored from snapshots"
    assert rds["waiver"]["resource"].endswith("::pms-db") and rds["waiver"]["expires"] == "2099-06-30"
    assert sum(f["status"] == "waived" for f in report["findings"]) == 1  # that rule, that resource only


def test_a_tag_covers_only_its_own_rule(tmp_path, capsys):
    doc = _tagged("pms-baseline:waive:s3-bucket-public-access-blocked", VALUE.replace(",", ""))
    assert gate(_state(doc, tmp_path)) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["waived"] == 0
    assert [w["rule"] for w in report["target"]["exceptions"]["unused"]] == ["s3-bucket-public-access-blocked"]


@pytest.mark.parametrize("value, problem", [
    ("expires=2020-01-01 owner=a@b.example reason=old", "the waiver expired on 2020-01-01"),
    ("expires=2099-06-30 owner=a@b.example", "the waiver has no reason"),
    ("expires=2099-06-30 reason=why not", "the waiver has no owner"),
    ("owner=a@b.example reason=no date", "the waiver has no expires"),
    ("expires=2099-06-30 owner=a@b.example reason=why; <b>", "the value holds characters AWS does not take"),
    ("because expires=2099-06-30 owner=a reason=x", "expected 'expires=YYYY-MM-DD owner=OWNER reason=REASON'"),
    ({"nested": "value"}, "the value is not text"),
], ids=["expired", "reasonless", "ownerless", "no-expiry", "not-a-tag-character", "junk-first", "not-text"])
def test_a_bad_tag_waiver_is_one_line_and_exit_2_naming_resource_and_key(tmp_path, capsys, value, problem):
    state = _state(_tagged(TAG, value), tmp_path)
    out = tmp_path / "gate.json"
    assert gate(state, out=out) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"resource pms-db, tag {TAG}: {problem}" in err, err
    assert not out.exists()


def test_a_tag_waiver_of_an_unknown_rule_is_refused(tmp_path, capsys):
    state = _state(_tagged("pms-baseline:waive:no-such-rule", VALUE.replace(",", "")), tmp_path)
    assert gate(state) == 2
    assert "tag pms-baseline:waive:no-such-rule: no pack rule or checkov check is named 'no-such-rule'" in (
        capsys.readouterr().err)


# --- disabled rules, engines ------------------------------------------------------------------------------------

def test_a_disabled_rule_is_never_rendered_as_passed(repo, tmp_path, capsys):
    _, state = repo
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"rds-instance-storage-encrypted": "disabled"}))
    junit_out, md_out = tmp_path / "g.xml", tmp_path / "g.md"
    assert gate(state, "--config", str(config), "--report", f"junit:{junit_out}", "--report",
                f"markdown:{md_out}") == 1
    report = json.loads(capsys.readouterr().out)
    assert report["target"]["disabled_rules"] == [{"id": "rds-instance-storage-encrypted",
                                                   "reason": "disabled by policy config"}]
    junit = ET.fromstring(junit_out.read_text())
    case = next(c for c in junit.iter("testcase") if c.get("classname") == "rds-instance-storage-encrypted")
    assert case.get("name") == "disabled by policy config"
    assert case.find("skipped").get("message") == "disabled by policy config"
    assert all(len(c) == 1 for c in junit.iter("testcase"))  # every case failed or skipped: nothing passed
    md = md_out.read_text()
    assert "Disabled by policy config, so not judged (1): <code>rds-instance-storage-encrypted</code>" in md


def test_nothing_found_with_a_rule_disabled_has_no_passing_case(tmp_path):
    """The one passing JUnit case ("N resources comply") would count a disabled rule as passed."""
    doc = parse_document(copy.deepcopy(preview_document("prod")), "prod")
    from pms_baseline.writers import render

    report = run_gate(doc, {"iam-password-policy-present": "disabled"}, checkov=False)
    assert report.passed and not report.findings
    junit = ET.fromstring(render(report, "junit"))
    assert [(c.get("classname"), c[0].tag) for c in junit.iter("testcase")] == [
        ("iam-password-policy-present", "skipped")]
    assert "resources comply" not in render(report, "junit")
    assert "Disabled by policy config" in render(report, "markdown")
    assert "Disabled by policy config (not judged): iam-password-policy-present" in render(report, "table")


def test_both_engines_waive_the_same_findings(tmp_path):
    path = tmp_path / "waivers.yaml"
    path.write_text(RDS)
    doc = parse_document(copy.deepcopy(preview_document("prod", "noncompliant")), "noncompliant")
    given = exceptions.read_exceptions(path)
    direct = run_gate(doc, checkov=False, exceptions=given)
    analyzer = run_gate(doc, checkov=False, exceptions=given, engine="analyzer")
    assert [(f.rule, f.resource.urn, f.status) for f in direct.findings] == [
        (f.rule, f.resource.urn, f.status) for f in analyzer.findings]
    assert direct.waived == analyzer.waived == 1
    assert direct.target["exceptions"] == analyzer.target["exceptions"]


def test_read_exceptions_refuses_what_is_not_utf8(tmp_path):
    path = tmp_path / ".pms-baseline.yaml"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputError, match="not a UTF-8 text file"):
        exceptions.read_exceptions(path)


def test_markdown_with_thousands_of_waived_findings_stays_within_the_comment_limit():
    """The waived section shares the budget: the open findings come first, and both lists end with a line saying
    how many were left out."""
    from pms_baseline.findings import Finding, Report, ResourceRef, Waiver
    from pms_baseline.writers import COMMENT_LIMIT, render

    def finding(i, waived):
        waiver = Waiver("s3-bucket-versioning-enabled", "*", "r" * 200, OWNER, "2099-01-01", f"w.yaml:{i}")
        return Finding(rule="s3-bucket-versioning-enabled", source="policy-pack", severity="medium",
                       enforcement="mandatory", citations=("164.312(c)(1)",),
                       resource=ResourceRef(urn=f"urn:pulumi:prod::p::aws:s3/bucketV2:BucketV2::b{i}",
                                            type="aws:s3/bucketV2:BucketV2", name=f"b{i}"),
                       message="versioning is off " * 5, remediation="turn it on", waiver=waiver if waived else None)

    report = Report(source="gate", target={"stack": "prod"}, resources=4000,
                    findings=[finding(i, i % 2 == 0) for i in range(4000)])
    md = render(report, "markdown", COMMENT_LIMIT)
    assert len(md.encode("utf-8")) <= COMMENT_LIMIT
    assert "2000 mandatory · 0 advisory findings · 2000 waived" in md
    assert "more findings are not shown" in md and "more waived findings are not shown" in md
    assert md.index("#### Findings") < md.index("#### Waived findings") and md.count("| <code>s3-bucket") > 25
    waived_rows = [ln for ln in md.split("#### Waived findings", 1)[1].splitlines() if ln.startswith("| <code>")]
    assert waived_rows and all("platform-security&#64;clinic.example.org" in r for r in waived_rows)


@pytest.mark.slow
def test_a_checkov_finding_of_its_own_is_waived_by_its_check_id(repo, capsys):
    """CKV2_AWS_6 (no pack rule names it) flags the statements bucket; a waiver naming the check accepts it."""
    root, state = repo
    (root / ".pms-baseline.yaml").write_text(RDS.replace("rule: rds-instance-storage-encrypted", "rule: CKV2_AWS_6")
                                             .replace("resource: pms-db", "resource: statements"))
    assert main(["gate", "--state", state, "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    waived = [(f["rule"], f["resource"]["name"], f["source"]) for f in report["findings"] if f["status"] == "waived"]
    assert waived == [("CKV2_AWS_6", "statements", "checkov")]
    assert report["target"]["exceptions"]["unused"] == []
