"""verify keeps its report (issue 16, item 6): one API's failure of any kind (an unparsable 200 from a proxy, a
503, a hang, an answer of the wrong shape, a check that raises) is a finding for that API or check and the rest
of the report is written; an STS answer without an account is one line and exit 2; and every call's time, and
the run's, is bounded as the README states.

The account is the baseline program emulated in a moto server on 127.0.0.1; the faults come from a proxy in
front of it (``faults.py``). Nothing leaves 127.0.0.1.
"""

import json
import time

import pytest

from pms_baseline.cli import main
from pms_baseline.live import runner
from pms_baseline.live.limits import CallLimits
from tests.adversarial.faults import STS_WITHOUT_ACCOUNT, EmulatedAccount, Fault, faulty_path, html, throttle
from tests.live.artifact import answer_in_new_sessions

pytestmark = pytest.mark.moto

R = "us-east-1: "
FAST = ["--call-timeout", "0.5", "--max-attempts", "2"]
"""Small limits so a hang costs a second, not a minute; the defaults are measured in the README."""


@pytest.fixture(autouse=True)
def artifact_answers(monkeypatch, account):
    """moto has no AWS Artifact (tests/live/artifact.py): the emulated account has accepted the BAA; nor backup
    selections, vault access policies and analyzers, answered from the state that declares them."""
    answer_in_new_sessions(monkeypatch)
    account.answer_declared(monkeypatch)


@pytest.fixture(scope="module")
def account(tmp_path_factory):
    emulated = EmulatedAccount(tmp_path_factory.mktemp("account"))
    yield emulated
    emulated.stop()


def verify(path, account, out, *extra):
    """``pms-baseline verify`` through the faulty path against the emulated account; (exit code, report)."""
    argv = ["verify", "--endpoint-url", path.url, "--region", "us-east-1", "--state", str(account.state),
            "--format", "json", "--output", str(out), *extra]
    code = main(argv)
    return code, json.loads(out.read_text()) if out.exists() else None


def problems(report):
    return sorted((f["rule"], f["message"]) for f in report["findings"])


def test_through_a_clean_path_the_account_verifies(account, tmp_path):
    with faulty_path(account.url) as path:
        code, report = verify(path, account, tmp_path / "live.json")
    assert (code, report["findings"]) == (0, [])


def test_a_proxy_page_answering_200_to_a_json_api_is_a_finding_and_the_report_is_written(account, tmp_path):
    with faulty_path(account.url, Fault("kms", "DescribeKey", html(200))) as path:
        code, report = verify(path, account, tmp_path / "live.json")
    assert code == 1
    (finding,) = report["findings"]
    assert finding["rule"] == "live-api-error"
    assert finding["message"].startswith(
        f"{R}kms:DescribeKey failed (UnparsableAnswer: HTTP 200 answer is an HTML page (text/html): b'<html>"
    )


def test_a_proxy_page_answering_200_to_an_xml_api_is_a_finding(account, tmp_path):
    """botocore's own parser error (ResponseParserError), which used to end verify with a traceback."""
    with faulty_path(account.url, Fault("s3", "?encryption", html(200))) as path:
        code, report = verify(path, account, tmp_path / "live.json")
    assert code == 1
    (finding,) = report["findings"]
    assert finding["message"].startswith(
        f"{R}s3:GetBucketEncryption failed (UnparsableAnswer: HTTP 200 answer is an HTML page (text/html): b'<html>"
    )


def test_a_503_is_retried_then_a_finding(account, tmp_path):
    with faulty_path(account.url, Fault("guardduty", "GET /detector", html(503))) as path:
        code, report = verify(path, account, tmp_path / "live.json", *FAST)
    assert code == 1
    assert problems(report) == [("live-api-error", f"{R}guardduty:ListDetectors failed (503: Service Unavailable)")]
    assert path.faults[0].hits == 2  # --max-attempts 2


def test_throttling_is_retried_by_botocore_and_then_answered(account, tmp_path):
    fault = Fault("cloudtrail", "GetTrailStatus", throttle(), times=2)
    with faulty_path(account.url, fault) as path:
        code, report = verify(path, account, tmp_path / "live.json")
    assert (code, report["findings"]) == (0, [])
    assert fault.hits == 2
    assert sum("GetTrailStatus" in r for r in path.requests) == 3


def test_throttling_past_every_attempt_is_a_finding(account, tmp_path):
    with faulty_path(account.url, Fault("guardduty", "GET /detector", throttle())) as path:
        code, report = verify(path, account, tmp_path / "live.json", *FAST)
    assert code == 1
    assert problems(report) == [
        ("live-api-error", f"{R}guardduty:ListDetectors failed (ThrottlingException: Rate exceeded)")
    ]
    assert path.faults[0].hits == 2


def test_a_hanging_call_is_a_timeout_finding_within_its_bound(account, tmp_path):
    with faulty_path(account.url, Fault("cloudtrail", "GetTrailStatus", "hang")) as path:
        started = time.monotonic()
        code, report = verify(path, account, tmp_path / "live.json", *FAST)
        elapsed = time.monotonic() - started
    assert code == 1
    assert problems(report) == [
        ("live-api-error", f"{R}cloudtrail:GetTrailStatus failed (Timeout: no answer within 0.5 s, 2 attempts)")
    ]
    assert path.faults[0].hits == 2
    worst = CallLimits(0.5, 2).worst_call_seconds
    assert elapsed < worst + 10  # one bounded call, plus the rest of a run against moto


def test_an_answer_of_the_wrong_shape_is_a_finding_for_that_call(account, tmp_path):
    """Valid JSON without the key the collector reads (KeyMetadata): the call's failure, not a KeyError."""
    with faulty_path(account.url, Fault("kms", "DescribeKey", (200, "application/x-amz-json-1.1", b"{}"))) as path:
        code, report = verify(path, account, tmp_path / "live.json")
    assert code == 1
    assert problems(report) == [
        ("live-api-error", f"{R}kms:DescribeKey failed (UnexpectedAnswer: KeyError: 'KeyMetadata')")
    ]


def test_a_bucket_policy_that_is_not_json_fails_that_read_only(account, tmp_path):
    with faulty_path(account.url, Fault("s3", "?policy", (200, "application/json", b"Policy: none"))) as path:
        code, report = verify(path, account, tmp_path / "live.json")
    assert code == 1
    (finding,) = report["findings"]
    assert finding["message"] == (
        f"{R}s3:GetBucketPolicy failed (UnexpectedAnswer: JSONDecodeError: Expecting value: line 1 column 1 (char 0))"
    )


def test_a_check_that_raises_is_a_finding_for_its_rule(account, tmp_path, monkeypatch):
    def broken(acct):
        yield from ()
        raise KeyError("Status")

    check = runner.CHECKS[0]
    monkeypatch.setattr(runner, "CHECKS", [type(check)(check.rule, broken, check.service), *runner.CHECKS[1:]])
    with faulty_path(account.url) as path:
        code, report = verify(path, account, tmp_path / "live.json")
    assert code == 1
    assert problems(report) == [
        (check.rule, f"could not check {check.rule}: KeyError: 'Status' (an answer of an unexpected shape); "
                     "the rule is unverified")
    ]


def test_sts_without_an_account_is_one_line_and_exit_2(account, tmp_path, capsys):
    with faulty_path(account.url, Fault("sts", "GetCallerIdentity", (200, "text/xml", STS_WITHOUT_ACCOUNT))) as path:
        code, report = verify(path, account, tmp_path / "live.json")
    assert (code, report) == (2, None)
    assert capsys.readouterr().err == (
        f"pms-baseline: error: {path.url} answered sts:GetCallerIdentity without an account id (Account is "
        "None); is that an AWS endpoint?\n"
    )


def test_sts_answering_a_proxy_page_is_one_line_and_exit_2(account, tmp_path, capsys):
    with faulty_path(account.url, Fault("sts", "GetCallerIdentity", html(200))) as path:
        code, _ = verify(path, account, tmp_path / "live.json")
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"pms-baseline: error: cannot reach {path.url}: sts:GetCallerIdentity failed "
                          "(ResponseParserError: HTTP 200 answer is an HTML page (text/html): b'<html>")


def test_a_run_past_its_time_limit_reports_what_it_did_not_try(account, tmp_path):
    with faulty_path(account.url) as path:
        code, report = verify(path, account, tmp_path / "live.json", "--run-timeout", "0.001")
    assert code == 1
    assert report["findings"]
    assert {f["rule"] for f in report["findings"]} == {"live-api-error"}
    assert all("NotTried: the run's time limit of 0.001 s (--run-timeout) had passed" in f["message"]
               for f in report["findings"])


def test_when_every_call_hangs_the_run_ends_within_the_stated_bound(account, tmp_path):
    """The README's whole-run bound: identity + run time limit + one call's worst case (plus local work)."""
    hangs = [Fault(s, "", "hang") for s in ("kms", "s3", "cloudtrail", "guardduty", "rds", "ec2", "iam", "logs",
                                            "backup", "s3control", "access-analyzer", "config", "monitoring")]
    limits = CallLimits(0.3, 2, run_timeout=2.0)
    with faulty_path(account.url, *hangs) as path:
        started = time.monotonic()
        code, report = verify(path, account, tmp_path / "live.json", "--call-timeout", "0.3", "--max-attempts", "2",
                              "--run-timeout", "2")
        elapsed = time.monotonic() - started
    assert code == 1
    assert {f["rule"] for f in report["findings"]} == {"live-api-error"}
    assert all("(Timeout: " in f["message"] or "(NotTried: " in f["message"] for f in report["findings"])
    bound = limits.worst_identity_seconds + limits.run_timeout + limits.worst_call_seconds
    assert elapsed < bound + 5, (elapsed, bound)
    assert report["target"]["call_limits"] == limits.to_json()


def test_the_report_is_bound_to_the_state_it_compared(account, tmp_path):
    import hashlib

    with faulty_path(account.url) as path:
        _, report = verify(path, account, tmp_path / "live.json")
    target = report["target"]
    assert target["state_sha256"] == hashlib.sha256(account.state.read_bytes()).hexdigest()
    assert (target["state_hashed_as"], target["config"]) == ("bytes as read", {})
