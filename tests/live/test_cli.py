"""The emulate and verify commands end to end, against moto's server on 127.0.0.1."""

import hashlib
import json
import socket

import boto3
import pytest
from moto.server import ThreadedMotoServer

from pms_baseline.cli import main
from tests.live.declared_answers import answer_verify_sessions
from tests.live.organisation import enable_security_hub

pytestmark = pytest.mark.moto


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(argv):
    """The commands as ``pms-baseline`` runs them: InputError -> one line on stderr, exit 2."""
    return main(argv)


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    srv = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    srv.start()
    yield f"http://127.0.0.1:{port}"
    srv.stop()


@pytest.fixture(scope="module")
def deployed(server, tmp_path_factory):
    """The prod stack, realized on the server: every setting the live checks judge is declared there."""
    from tests.helpers import preview_document

    folder = tmp_path_factory.mktemp("emulate")
    (folder / "state.json").write_text(json.dumps(preview_document("prod")))
    code = run(
        [
            "emulate",
            "--state",
            str(folder / "state.json"),
            "--endpoint-url",
            server,
            "--out",
            str(folder / "deployed.json"),
        ]
    )
    assert code == 0
    # the organisation enables it (tests/live/organisation.py), in both of the stack's regions
    enable_security_hub(regions=("us-east-1", "us-west-2"), endpoint_url=server)
    return folder / "deployed.json"


@pytest.fixture
def declared_answers(deployed, monkeypatch):
    """What the deployed state declares and moto cannot hold (backup selections, vault access policies, IAM Access
    Analyzer analyzers; `emulate` lists them as not emulated), answered to the sessions verify makes."""
    answer_verify_sessions(monkeypatch, deployed)


@pytest.mark.usefixtures("declared_answers")
def test_emulate_then_verify_is_clean(server, deployed, tmp_path, capsys):
    out = tmp_path / "report.json"
    assert (
        run(
            [
                "verify",
                "--endpoint-url",
                server,
                "--region",
                "us-east-1",
                "--state",
                str(deployed),
                "--format",
                "json",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    report = json.loads(out.read_text())
    assert report["source"] == "live"
    assert report["summary"]["findings"] == 0
    assert report["summary"]["passed"] is True
    target = report["target"]
    assert {k: target[k] for k in ("account", "regions", "endpoint")} == {
        "account": "123456789012",
        "regions": ["us-east-1", "us-west-2"],  # and every region the state declares something in
        "endpoint": server,
    }
    # bound to the state it compared (tests/adversarial/test_evidence_binding.py: evidence refuses any other)
    assert target["state_sha256"] == hashlib.sha256(deployed.read_bytes()).hexdigest()
    assert capsys.readouterr().err.startswith(f"wrote {out}: 0 findings (0 mandatory)")


@pytest.mark.usefixtures("declared_answers")
def test_drift_on_the_server_exits_1_with_the_finding(server, deployed, tmp_path, capsys):
    ct = boto3.client("cloudtrail", region_name="us-east-1", endpoint_url=server)
    ct.stop_logging(Name="pms-prod-audit")
    try:
        assert run(["verify", "--endpoint-url", server, "--region", "us-east-1", "--format", "json"]) == 1
    finally:
        ct.start_logging(Name="pms-prod-audit")
    report = json.loads(capsys.readouterr().out)
    assert report["summary"] == {
        "resources": report["summary"]["resources"],
        "findings": 1,
        "mandatory": 1,
        "advisory": 0,
        "waived": 0,
        "passed": False,
    }
    (finding,) = report["findings"]
    assert finding["rule"] == "cloudtrail-trail-logging-enabled"
    assert finding["source"] == "live"
    assert finding["resource"]["id"] == "arn:aws:cloudtrail:us-east-1:123456789012:trail/pms-prod-audit"


def test_emulate_starts_its_own_server(baseline_document, tmp_path, capsys):
    (tmp_path / "state.json").write_text(json.dumps(baseline_document))
    port = _free_port()
    assert run(["emulate", "--state", str(tmp_path / "state.json"), "--port", str(port), "--no-wait"]) == 0
    # moto's server prints its own line for the access-analyzer call it cannot route; ours follow.
    lines = capsys.readouterr().out.splitlines()
    first = lines.index(f"emulated account at http://127.0.0.1:{port} (region us-east-1, fake credentials 'testing')")
    assert "resources created" in lines[first + 1]


def test_emulate_needs_a_stack_or_a_state(capsys):
    assert run(["emulate"]) == 2
    assert (
        capsys.readouterr().err
        == "pms-baseline: error: emulate: give --stack NAME (with --program DIR) or --state FILE\n"
    )


def test_emulate_previews_and_realizes_a_stack(capsys, monkeypatch):
    # moto's servers in one process share their accounts: the prod stack is deployed on `server` already, so
    # this one deploys it into an account of its own.
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111122223333")
    port = _free_port()
    assert run(["emulate", "--stack", "prod", "--port", str(port), "--no-wait"]) == 0
    # moto's server prints its own line for the access-analyzer call it cannot route; ours follow.
    lines = capsys.readouterr().out.splitlines()
    header = f"emulated account at http://127.0.0.1:{port} (region us-east-1, fake credentials 'testing')"
    first = lines.index(header)
    created = int(lines[first + 1].split()[0])
    assert created >= 200
    assert "  aws:rds/instance:Instance: 1" in lines
    gap = "  aws:backup/selection:Selection pms-selection: moto 5.2.5"
    assert any(line.startswith(gap) for line in lines)
