"""Names written by others are shown, never obeyed: terminal, Markdown, JUnit XML and SARIF.

The state is a real `pulumi stack export` fixture whose bucket (which has findings) and stack are renamed the way
a hostile pull request could name them.
"""

import json
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import FIXTURES

HOSTILE_NAME = ("records\x1b[2J\x1b[32m\nPASSED: 0 mandatory, 0 advisory findings\r | [docs](https://evil.example) "
                "![x](https://evil.example/p.png) @clinic/security `x` <img src=x> www.evil.example $x$ \x07")
HOSTILE_STACK = "prod\x1b]0;owned\x07|`</code>"


@pytest.fixture
def hostile_state(tmp_path):
    doc = json.loads((FIXTURES / "exports" / "clinic-prod-v3.json").read_text())
    for r in doc["deployment"]["resources"]:
        if r["urn"].endswith("aws:s3/bucketV2:BucketV2::records"):
            r["urn"] = r["urn"].removesuffix("records") + HOSTILE_NAME
    text = json.dumps(doc).replace("urn:pulumi:prod::", "urn:pulumi:" + json.dumps(HOSTILE_STACK)[1:-1] + "::")
    path = tmp_path / "hostile.json"
    path.write_text(text)
    return str(path)


def report(cli, state, fmt, tmp_path):
    out = tmp_path / f"out.{fmt}"
    proc = cli("gate", "--state", state, "--no-checkov", "--format", fmt, "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    return out.read_text()


def test_the_terminal_table_cannot_be_recoloured_or_given_a_forged_verdict(cli, hostile_state):
    proc = cli("gate", "--state", hostile_state, "--no-checkov")
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout and "\r" not in proc.stdout
    lines = proc.stdout.splitlines()
    assert [ln for ln in lines if ln.startswith(("PASSED", "FAILED"))] == [lines[-1]]
    assert lines[-1].startswith("FAILED:")
    assert "records\\x1b[2J\\x1b[32m\\nPASSED" in proc.stdout  # shown, escaped, on the finding's own line


def test_markdown_cannot_open_a_link_image_mention_or_cell(cli, hostile_state, tmp_path):
    md = report(cli, hostile_state, "markdown", tmp_path)
    for active in ("](", "![", "@clinic", "<img", "`x`", "https://", "www.evil", "$x$", "</code>|"):
        assert active not in md, active
    tables: list[list[str]] = [[]]
    for line in md.splitlines():
        if line.startswith("|"):
            tables[-1].append(line)
        elif tables[-1]:
            tables.append([])
    for rows in (t for t in tables if t):
        cells = rows[0].count("|")
        assert all(r.count("|") == cells for r in rows), f"a name added a table cell: {rows}"
    assert all("\x1b" not in ln for ln in md.splitlines())


def test_junit_stays_valid_xml(cli, hostile_state, tmp_path):
    text = report(cli, hostile_state, "junit", tmp_path)
    root = ET.fromstring(text.encode())
    names = [c.get("name") for c in root.iter("testcase")]
    assert any("records\\x1b[2J" in n for n in names)


def test_sarif_places_nothing_outside_the_program(cli, tmp_path):
    doc = json.loads((FIXTURES / "exports" / "clinic-prod-v3.json").read_text())
    positions = ["project:///../../etc/passwd#1", "project:////etc/shadow#2", "project:///https://evil/x.py#3",
                 "project:///C:\\Windows\\x.py#4", "project:///ok/../../x.py#5"]
    judged = [r for r in doc["deployment"]["resources"] if r.get("custom") and "providers" not in r["type"]]
    for r, pos in zip(judged, positions, strict=False):
        r["sourcePosition"] = pos
    state = tmp_path / "positions.json"
    state.write_text(json.dumps(doc))
    sarif = json.loads(report(cli, str(state), "sarif", tmp_path))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for result in sarif["runs"][0]["results"] for loc in result["locations"]}
    assert uris == {"Pulumi.yaml"}


def test_the_evidence_page_forbids_scripts_and_loads(cli, tmp_path):
    state = FIXTURES / "exports" / "clinic-prod-v3.json"
    proc = cli("evidence", "--state", str(state), "--out", str(tmp_path / "bundle"))
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "bundle" / "index.html").read_text()
    csp = page.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert "script-src 'none'" in csp and "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "<script" not in page
