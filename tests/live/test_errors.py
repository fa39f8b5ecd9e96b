"""Denied and throttled calls become findings, and an unreachable account is one line and exit 2."""

import json
import socket
from types import SimpleNamespace

import pytest

from pms_baseline.live.runner import verify
from tests.live.baseline_program import declared

pytestmark = pytest.mark.moto


def _answer(code, status):
    """A before-call hook result that short-circuits the call with an error response, as AWS sends it."""
    return SimpleNamespace(status_code=status, headers={}), {
        "Error": {"Code": code, "Message": f"{code} (test)"},
        "ResponseMetadata": {"HTTPStatusCode": status},
    }


def test_denied_call_is_a_finding_and_other_checks_still_run(account):
    account.session.events.register(
        "before-call.kms.GetKeyRotationStatus", lambda **_: _answer("AccessDeniedException", 400)
    )
    account.client("rds").modify_db_instance(
        DBInstanceIdentifier="pms-prod-db", DeletionProtection=False, ApplyImmediately=True
    )
    result = account.verify(state=True)
    assert sorted(declared(result.findings)) == [
        (
            "live-api-access-denied",
            "us-east-1: kms:GetKeyRotationStatus was denied (AccessDeniedException), so the checks "
            "that need it could "
            "not run; grant it",
        ),
        ("live-setting-drift", "pms-db: deletionProtection is False in the account, True in the state"),
        (
            "rds-instance-deletion-protection-enabled",
            "us-east-1: database pms-prod-db: deletionProtection is false; use PhiDatabase or set "
            "deletion_protection=True so the PHI database cannot be destroyed by one command (164.312(c)(1))",
        ),
    ]
    denied = next(f for f in result.findings if f.rule == "live-api-access-denied")
    assert denied.citations == ("164.308(a)(8)", "164.308(a)(1)(ii)(D)")


def test_denied_listing_reports_no_missing_resources(account):
    account.session.events.register("before-call.s3.ListBuckets", lambda **_: _answer("AccessDenied", 403))
    result = account.verify(state=True)
    assert declared(result.findings) == [
        (
            "live-api-access-denied",
            "s3:ListBuckets was denied (AccessDenied), so the checks that need it could not run; grant it",
        )
    ]


def test_a_throttled_answer_that_reaches_the_check_is_a_finding(account):
    """botocore retries throttling itself (tests/adversarial/test_verify_faults.py proves it over HTTP); an answer
    given at the call, as here, reaches Live.call once and becomes a finding."""
    account.session.events.register(
        "before-call.guardduty.GetDetector", lambda **_: _answer("ThrottlingException", 400)
    )
    result = account.verify()
    assert declared(result.findings) == [
        (
            "live-api-error",
            "us-east-1: guardduty:GetDetector failed (ThrottlingException: ThrottlingException (test))",
        )
    ]


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(argv):
    """The command as ``pms-baseline`` runs it: InputError -> one line on stderr, exit 2."""
    from pms_baseline.cli import main

    return main(argv)


def test_unreachable_endpoint_is_one_line_and_exit_2(capsys):
    port = _closed_port()
    assert _cli(["verify", "--endpoint-url", f"http://127.0.0.1:{port}", "--region", "us-east-1"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"pms-baseline: error: cannot reach http://127.0.0.1:{port}: connection failed\n"


def test_no_credentials_is_one_line_and_exit_2(capsys, monkeypatch, tmp_path):
    for var in (
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SECURITY_TOKEN",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    port = _closed_port()
    assert _cli(["verify", "--endpoint-url", f"http://127.0.0.1:{port}", "--region", "us-east-1"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "pms-baseline: error: no AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID/"
        "AWS_SECRET_ACCESS_KEY, or pass --profile\n"
    )


def test_verify_function_raises_input_error_without_the_cli():
    from pms_baseline.errors import InputError

    with pytest.raises(InputError, match="^cannot reach http://127.0.0.1:"):
        verify(regions=["us-east-1"], endpoint_url=f"http://127.0.0.1:{_closed_port()}")


def test_parser_accepts_every_documented_option():
    from pms_baseline.cli import build_parser

    args = build_parser().parse_args(
        [
            "verify",
            "--region",
            "us-east-1",
            "--region",
            "eu-west-1",
            "--endpoint-url",
            "http://x",
            "--profile",
            "p",
            "--state",
            "s.json",
            "--format",
            "json",
            "--output",
            "o.json",
        ]
    )
    assert (args.region, args.endpoint_url, args.profile, args.state, args.format, args.output) == (
        ["us-east-1", "eu-west-1"],
        "http://x",
        "p",
        "s.json",
        "json",
        "o.json",
    )
    assert json.dumps(args.region)
