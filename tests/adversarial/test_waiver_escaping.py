"""A waiver's reason and owner are text anyone with write access to the repository wrote: in every format they are
shown, never obeyed (no terminal control, no forged verdict, no Markdown link, tag or extra table cell, no broken
XML or JSON), and a waiver can only ever mark a finding waived, never make it vanish or pass."""

import json
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import preview_document

# YAML double-quoted escapes: \e is ESC, \a BEL, \n a newline.
HOSTILE_REASON = ('"ok | forged | cell <script>alert(1)</script> ]]> \\e[2J\\e[32m\\nPASSED: 0 mandatory, 0 advisory '
                  'findings\\r [docs](https://evil.example) ![x](https://evil.example/p.png) `x` www.evil.example '
                  '\\a"')
HOSTILE_OWNER = '"@clinic/security <img src=x> | \\e]0;owned\\a"'
FILE = f"""\
exceptions:
  - rule: rds-instance-storage-encrypted
    resource: pms-db
    reason: {HOSTILE_REASON}
    owner: {HOSTILE_OWNER}
    expires: 2099-06-30
"""


@pytest.fixture
def waived_state(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".pms-baseline.yaml").write_text(FILE)
    state = tmp_path / "state.json"
    state.write_text(json.dumps(preview_document("prod", "noncompliant")))
    return str(state)


def render(cli, state, fmt, tmp_path):
    out = tmp_path / f"out.{fmt}"
    proc = cli("gate", "--state", state, "--no-checkov", "--format", fmt, "--output", str(out))
    assert proc.returncode == 1, proc.stderr  # the other three defects still block
    return out.read_text()


def test_the_table_shows_a_hostile_reason_without_obeying_it(cli, waived_state):
    proc = cli("gate", "--state", waived_state, "--no-checkov")
    assert proc.returncode == 1, proc.stderr
    assert not any(c in proc.stdout for c in "\x1b\x07\r")
    lines = proc.stdout.splitlines()
    assert [ln for ln in lines if ln.startswith(("PASSED", "FAILED"))] == [lines[-1]]
    assert lines[-1] == "FAILED: 6 mandatory, 0 advisory findings, 1 waived"
    assert "\\x1b[2J\\x1b[32m\\nPASSED" in proc.stdout  # shown, escaped, on the waiver's own line


def test_markdown_shows_a_hostile_reason_in_its_own_cell(cli, waived_state, tmp_path):
    md = render(cli, waived_state, "markdown", tmp_path)
    for active in ("<script", "<img", "](", "![", "@clinic", "`x`", "https://", "www.evil", "]]>", "\x1b", "\x07"):
        assert active not in md, active
    section = md.split("#### Waived findings", 1)[1]
    rows = [ln for ln in section.splitlines() if ln.startswith("|")]
    assert len(rows) == 3 and all(r.count("|") == rows[0].count("|") for r in rows), rows
    assert "ok &#124; forged &#124; cell &#60;script&#62;" in rows[2]


def test_junit_carries_a_hostile_reason_as_valid_xml(cli, waived_state, tmp_path):
    root = ET.fromstring(render(cli, waived_state, "junit", tmp_path))
    case = next(c for c in root.iter("testcase") if c.get("classname") == "rds-instance-storage-encrypted")
    assert case.find("failure") is None
    message = case.find("skipped").get("message")
    assert message.startswith("waived until 2099-06-30 by @clinic/security <img src=x> | \\x1b]0;owned\\x07: ok |")
    assert "<script>alert(1)</script> ]]> \\x1b[2J" in message  # text, not markup; no raw control character


def test_json_and_sarif_stay_parseable_and_keep_the_finding(cli, waived_state, tmp_path):
    report = json.loads(render(cli, waived_state, "json", tmp_path))
    rds = next(f for f in report["findings"] if f["rule"] == "rds-instance-storage-encrypted")
    assert rds["status"] == "waived" and rds["waiver"]["reason"].startswith("ok | forged | cell <script>")
    assert "\x1b[2J" in rds["waiver"]["reason"]  # JSON keeps the exact text, escaped by the encoder
    sarif = json.loads(render(cli, waived_state, "sarif", tmp_path))
    assert any(r["ruleId"] == "rds-instance-storage-encrypted" for r in sarif["runs"][0]["results"])


def test_a_waiver_cannot_hide_what_it_does_not_name(cli, waived_state, tmp_path):
    """A glob that matches everything waives its one rule only: the other defects stay open and block."""
    folder = tmp_path / "glob"
    folder.mkdir()
    (folder / "w.yaml").write_text(FILE.replace("resource: pms-db", 'resource: "*"'))
    out = tmp_path / "g.json"
    proc = cli("gate", "--state", waived_state, "--no-checkov", "--exceptions", str(folder / "w.yaml"),
               "--format", "json", "--output", str(out))
    assert proc.returncode == 1
    report = json.loads(out.read_text())
    assert {f["rule"] for f in report["findings"] if f["status"] == "failed"} == {
        "cloudtrail-multi-region-trail-present", "ec2-security-group-ingress-restricted",
        "s3-bucket-public-access-blocked"}
