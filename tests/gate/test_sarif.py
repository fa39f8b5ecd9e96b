"""SARIF that code scanning places right: valid against the SARIF 2.1.0 schema, every result on the program line
that declared its resource (the call into a component for what the component creates, with the chain named),
checkov's results placed the same way, a help page per rule, names distinct from ids, fingerprints that survive a
changed value, and waived findings as suppressions."""

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from pms_baseline.cli import main
from pms_baseline.findings import Finding, Report, ResourceRef, Waiver
from pms_baseline.gate import run_gate
from pms_baseline.locate import SourceMap, place
from pms_baseline.writers import render
from pms_baseline.writers.sarif import fingerprint
from tests.helpers import REPO_ROOT, preview_state

SCHEMA = json.loads((REPO_ROOT / "tests/fixtures/sarif/sarif-schema-2.1.0.json").read_text())
PROGRAM = "tests/programs/noncompliant"


@pytest.fixture(scope="module")
def noncompliant(tmp_path_factory):
    """The noncompliant program's SARIF as the pull-request job writes it, checkov included."""
    out = tmp_path_factory.mktemp("sarif") / "gate.sarif"
    assert main(["gate", "--program", PROGRAM, "--stack", "prod", "--format", "sarif", "--output", str(out),
                 "--quiet"]) == 1
    return json.loads(out.read_text())


def _line(uri: str, line: int, span: int = 1) -> str:
    """The statement that starts on ``line`` (its first ``span`` lines)."""
    return "\n".join((REPO_ROOT / uri).read_text().splitlines()[line - 1:line - 1 + span])


def test_validates_against_the_sarif_2_1_0_schema(noncompliant):
    jsonschema.Draft4Validator(SCHEMA).validate(noncompliant)


def test_every_result_is_on_the_program_line_that_declared_it(noncompliant):
    results = noncompliant["runs"][0]["results"]
    sources = {r["ruleId"].split("_")[0] for r in results}
    assert "CKV" in sources and len(sources) > 1, "checkov's results and the pack's are both placed"
    for result in results:
        where = result["locations"][0]["physicalLocation"]
        uri, line = where["artifactLocation"]["uri"], where["region"]["startLine"]
        urn = result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        if urn == "stack":
            assert (uri, line) == (f"{PROGRAM}/Pulumi.yaml", 1)
            continue
        assert uri == f"{PROGRAM}/__main__.py", result["message"]["text"]
        name = urn.rsplit("::", 1)[1]
        text = _line(uri, line, span=2)
        # Either the resource's own constructor, or the program's call into the library that created it.
        assert f'"{name}"' in text or "build(" in text or f'"{name.split("-")[0]}"' in text, (name, text)
    by_rule = {r["ruleId"]: r for r in results}
    db = by_rule["rds-instance-storage-encrypted"]
    assert "outputs = build(load_settings())" in _line(f"{PROGRAM}/__main__.py",
                                                       db["locations"][0]["physicalLocation"]["region"]["startLine"])
    assert "(created in PhiDatabase pms)" in db["message"]["text"]
    ssh = by_rule["ec2-security-group-ingress-restricted"]
    line = ssh["locations"][0]["physicalLocation"]["region"]["startLine"]
    assert "SecurityGroupIngressRule(" in _line(f"{PROGRAM}/__main__.py", line)


def test_rules_have_a_help_page_and_a_name_that_is_not_the_id(noncompliant):
    rules = noncompliant["runs"][0]["tool"]["driver"]["rules"]
    for rule in rules:
        assert rule["name"] != rule["id"]
        assert rule["helpUri"].startswith("https://"), rule
    by_id = {r["id"]: r for r in rules}
    assert by_id["rds-instance-storage-encrypted"]["name"] == "RdsInstanceStorageEncrypted"
    assert by_id["rds-instance-storage-encrypted"]["helpUri"] == (
        "https://docs.aws.amazon.com/config/latest/developerguide/rds-storage-encrypted.html")
    checkov = [r for r in rules if r["id"].startswith("CKV")]
    assert checkov and all(r["helpUri"].startswith("https://github.com/bridgecrewio/checkov/blob/") for r in checkov)


def test_fingerprints_are_the_same_on_another_run_and_after_a_value_changes(noncompliant, tmp_path):
    out = tmp_path / "again.sarif"
    assert main(["gate", "--program", PROGRAM, "--stack", "prod", "--format", "sarif", "--output", str(out),
                 "--quiet"]) == 1
    again = json.loads(out.read_text())
    prints = [r["partialFingerprints"] for r in noncompliant["runs"][0]["results"]]
    assert prints == [r["partialFingerprints"] for r in again["runs"][0]["results"]]
    assert len({p["pmsFinding/v2"] for p in prints}) == len(prints), "one alert per finding"
    f = Finding(rule="backup-plan-frequency-and-retention-minimum", source="policy-pack", severity="high",
                enforcement="mandatory", citations=("164.308(a)(7)(ii)(A)",),
                resource=ResourceRef(urn="urn:pulumi:prod::p::aws:backup/plan:Plan::daily", type="t", name="daily"),
                message="rule 'daily' keeps recovery points 7 days; keep them at least 35", remediation="x")
    assert fingerprint(f) == fingerprint(dataclasses.replace(
        f, message="rule 'nightly' keeps recovery points 14 days; keep them at least 35"))
    assert fingerprint(f) != fingerprint(dataclasses.replace(f, rule="another-rule"))


def test_a_waived_finding_is_a_suppression_with_its_reason():
    waiver = Waiver(rule="rds-instance-multi-az-enabled", resource="pms-db", reason="reporting replica",
                    owner="platform-security@clinic.example.org", expires="2027-06-30", source=".pms-baseline.yaml:3")
    f = Finding(rule="rds-instance-multi-az-enabled", source="policy-pack", severity="medium",
                enforcement="mandatory", citations=("164.308(a)(7)(ii)(B)",),
                resource=ResourceRef(urn="urn:pulumi:prod::p::aws:rds/instance:Instance::pms-db",
                                     type="aws:rds/instance:Instance", name="pms-db"),
                message="multiAz is false", remediation="set multi_az=True", waiver=waiver)
    tagged = dataclasses.replace(f, waiver=dataclasses.replace(
        waiver, source="tag pms-baseline:waive:rds-instance-multi-az-enabled"))
    doc = json.loads(render(Report("gate", {}, [f, tagged], 1), "sarif"))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    first, second = doc["runs"][0]["results"]
    assert first["suppressions"] == [{
        "kind": "external", "status": "accepted",
        "justification": "reporting replica (owner platform-security@clinic.example.org, expires 2027-06-30, "
                         "declared at .pms-baseline.yaml:3)"}]
    assert second["suppressions"][0]["kind"] == "inSource"


def test_an_export_is_placed_through_its_components_source_positions():
    """A real `pulumi stack export` keeps only each resource's own position: a resource created inside a
    component is placed on the program line that created the component."""
    doc = preview_state("prod")
    report = run_gate(doc, checkov=False)
    assert report.findings == []
    db = next(r for r in doc.resources if r.type == "aws:rds/instance:Instance")
    assert db.source_position.startswith("project:///infra/components/")
    probe = Finding(rule="probe", source="policy-pack", severity="low", enforcement="advisory", citations=(),
                    resource=ResourceRef(urn=db.urn, type=db.type, name=db.name), message="m", remediation="r")
    sources = SourceMap.for_project(REPO_ROOT, REPO_ROOT / "infra")
    (placed,) = place([probe], doc, sources)
    path, line = placed.declared_at.split("#")
    assert path == "infra/stack.py" and "PhiDatabase(" in _line(path, int(line))
    assert placed.components == ("PhiDatabase pms",)


def test_nothing_outside_the_repository_is_ever_a_location(tmp_path):
    sources = SourceMap.for_project(REPO_ROOT, REPO_ROOT / "infra")
    for frames in ([("file:///etc/passwd", 1)], [("file:///work/../etc/shadow", 2)], [("https://evil/x.py", 3)],
                   [(Path(REPO_ROOT / ".venv/lib/python3.11/site-packages/pulumi_aws/provider.py").as_uri(), 4)]):
        assert sources.from_frames(frames) == ""
    for position in ("project:///../../etc/passwd#1", "project:////etc/shadow#2", "project:///ok/../../x.py#5",
                     "project:///infra/components/database.py#9"):
        assert sources.from_position(position) == ""
    assert sources.from_position("project:///infra/stack.py#12,4") == "infra/stack.py#12"


def test_a_waiver_in_the_repository_is_a_suppression_on_the_real_program(tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "exceptions:\n"
        "  - rule: rds-instance-storage-encrypted\n"
        "    resource: pms-db\n"
        "    reason: restored from an unencrypted snapshot; re-encrypting in change CHG-1142\n"
        "    owner: platform-security@clinic.example.org\n"
        "    expires: 2099-06-30\n")
    out = tmp_path / "gate.sarif"
    assert main(["gate", "--program", PROGRAM, "--stack", "prod", "--no-checkov", "--exceptions", str(waivers),
                 "--format", "sarif", "--output", str(out), "--quiet"]) == 1
    doc = json.loads(out.read_text())
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    suppressed = [r for r in doc["runs"][0]["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["rds-instance-storage-encrypted"]
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"].startswith(
        "restored from an unencrypted snapshot; re-encrypting in change CHG-1142 (owner "
        "platform-security@clinic.example.org, expires 2099-06-30, declared at ")
    assert suppressed[0]["properties"]["status"] == "waived"
    assert all(r["properties"]["status"] == "failed" for r in doc["runs"][0]["results"] if r not in suppressed)


def test_a_name_written_as_a_link_stays_text():
    """SARIF reads `[text](target)` in a message as a link; a resource name, a component or a waiver reason
    written by others is shown with its brackets escaped, never as a link."""
    hostile = "[open the runbook](https://evil.example/x)"
    waiver = Waiver(rule="r", resource="*", reason=hostile, owner="o@example.org", expires="2099-01-01",
                    source=".pms-baseline.yaml:2")
    f = Finding(rule="r", source="policy-pack", severity="low", enforcement="mandatory", citations=(),
                resource=ResourceRef(urn="urn:pulumi:prod::p::aws:s3/bucket:Bucket::x", type="aws:s3/bucket:Bucket",
                                     name=hostile),
                message=f"bucket {hostile} is public", remediation="fix", components=(f"Edge {hostile}",),
                waiver=waiver)
    doc = json.loads(render(Report("gate", {}, [f], 1), "sarif"))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    (result,) = doc["runs"][0]["results"]
    texts = [result["message"]["text"], result["suppressions"][0]["justification"]]
    for text in texts:
        assert "](" not in text.replace("\\](", ""), text
        assert "\\[open the runbook\\](https://evil.example/x)" in text
