"""The IAM credential report: root MFA (any, then hardware), IAM users' MFA (console users and the others), key
rotation and unused credentials, on the emulated baseline account; and the bounded wait for the report."""

import datetime as dt

import boto3
import moto
import pytest

from pms_baseline.live import credential_report
from tests.live.access_analyzer_answers import answer_analyzers
from tests.live.artifact import answer_agreements
from tests.live.conftest import R
from tests.live.organisation import root_row, root_virtual_mfa

pytestmark = pytest.mark.moto

RULES = {
    "root-account-mfa-enabled", "root-account-hardware-mfa-enabled", "iam-access-keys-rotated",
    "iam-user-credentials-recently-used", "iam-console-user-mfa-enabled", "iam-user-mfa-enabled",
    "iam-root-access-key-absent", "live-api-error", "live-api-access-denied",
}
ROOT_ARN = "arn:aws:iam::123456789012:root"


class Bare:
    """An emulated account with nothing but what a test makes: the credential report's checks judge IAM users and
    the root user, which the baseline does not declare (a whole verify runs, every other check included)."""

    def __init__(self):
        self.session = boto3.Session(region_name="us-east-1")
        answer_agreements(self.session)  # moto has no AWS Artifact (tests/live/artifact.py)
        answer_analyzers(self.session, [])  # nor IAM Access Analyzer: a new account has no analyzer

    def client(self, service):
        return self.session.client(service, region_name="us-east-1")

    def verify(self, state=False):
        from pms_baseline.live.runner import verify

        return verify(session=self.session, regions=["us-east-1"])


@pytest.fixture
def account():
    with moto.mock_aws():
        yield Bare()


def found(account):
    """(rule, resource name, message) of the findings of the credential report's rules and of failed calls."""
    return sorted((f.rule, f.resource.name, f.message) for f in account.verify(state=False).findings
                  if f.rule in RULES)


def user(iam, name, *, password=False, mfa=False, key=False):
    iam.create_user(UserName=name)
    if password:
        iam.create_login_profile(UserName=name, Password="Correct-Horse-Battery-9")
    if mfa:
        serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=f"{name}-mfa")["VirtualMFADevice"]["SerialNumber"]
        iam.enable_mfa_device(UserName=name, SerialNumber=serial, AuthenticationCode1="123456",
                              AuthenticationCode2="654321")
    if key:
        iam.create_access_key(UserName=name)


def later(monkeypatch, days):
    """Judge the report ``days`` from now: every credential made in the test is that old."""
    at = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=days)
    monkeypatch.setattr(credential_report, "now", lambda: at)


def test_compliant_account_and_users(account, monkeypatch):
    root_row(monkeypatch, mfa=True)
    iam = account.client("iam")
    user(iam, "clinician", password=True, mfa=True)
    user(iam, "deployer", mfa=True, key=True)
    later(monkeypatch, 30)
    assert found(account) == []


def test_root_without_mfa(account, monkeypatch):
    root_row(monkeypatch, mfa=False)
    assert found(account) == [
        ("root-account-hardware-mfa-enabled", "root",
         "the root user has no MFA device, so no hardware one; assign a hardware MFA device (164.312(d))"),
        ("root-account-mfa-enabled", "root",
         "the credential report shows mfa_active 'false' for the root user: it signs in with a password alone; "
         "assign it an MFA device, a hardware one (164.312(d))"),
    ]


def test_root_with_a_virtual_mfa_device(account, monkeypatch):
    root_row(monkeypatch, mfa=True)
    serial = root_virtual_mfa(account.client("iam"))
    assert serial == "arn:aws:iam::123456789012:mfa/root-account-mfa-device"
    (finding,) = [f for f in account.verify(state=False).findings if f.rule in RULES]
    assert (finding.rule, finding.resource.id, finding.message) == (
        "root-account-hardware-mfa-enabled", ROOT_ARN,
        f"the root user signs in with the virtual MFA device {serial}; replace it with a hardware MFA device "
        "(164.312(d))",
    )
    assert finding.aws_config_rules == ("root-account-hardware-mfa-enabled",)


def test_a_users_virtual_device_is_not_roots(account, monkeypatch):
    root_row(monkeypatch, mfa=True)
    user(account.client("iam"), "clinician", password=True, mfa=True)
    assert found(account) == []


def test_console_user_without_mfa(account, monkeypatch):
    root_row(monkeypatch)
    user(account.client("iam"), "frontdesk", password=True)
    (finding,) = [f for f in account.verify(state=False).findings if f.rule in RULES]
    assert (finding.rule, finding.resource.name, finding.message) == (
        "iam-console-user-mfa-enabled", "frontdesk",
        "IAM user frontdesk: has a console password and no MFA device; assign one, or remove the password "
        "(164.312(d))",
    )
    assert finding.aws_config_rules == ("mfa-enabled-for-iam-console-access", "iam-user-mfa-enabled")
    assert finding.resource.id == "arn:aws:iam::123456789012:user/frontdesk"


def test_user_without_console_or_mfa(account, monkeypatch):
    root_row(monkeypatch)
    user(account.client("iam"), "batch", key=True)
    assert found(account) == [
        ("iam-user-mfa-enabled", "batch",
         "IAM user batch: has no MFA device; assign one, or delete the user if nobody signs in as it (164.312(d))"),
    ]


def test_access_key_older_than_90_days(account, monkeypatch):
    root_row(monkeypatch)
    user(account.client("iam"), "deployer", mfa=True, key=True)
    later(monkeypatch, 91)
    rotated = [m for r, _, m in found(account) if r == "iam-access-keys-rotated"]
    assert rotated == [
        "IAM user deployer: active access key 1 was last rotated 91 days ago, more than 90; rotate it, or better, "
        "use a role (164.308(a)(5)(ii)(D))"
    ]


def test_inactive_old_key_is_neither_unrotated_nor_unused(account, monkeypatch):
    root_row(monkeypatch)
    iam = account.client("iam")
    user(iam, "deployer", mfa=True, key=True)
    key = iam.list_access_keys(UserName="deployer")["AccessKeyMetadata"][0]["AccessKeyId"]
    iam.update_access_key(UserName="deployer", AccessKeyId=key, Status="Inactive")
    later(monkeypatch, 200)
    assert found(account) == []


def test_unused_password_and_key(account, monkeypatch):
    root_row(monkeypatch)
    user(account.client("iam"), "locum", password=True, mfa=True, key=True)
    later(monkeypatch, 91)
    unused = [m for r, _, m in found(account) if r == "iam-user-credentials-recently-used"]
    assert unused == [
        "IAM user locum: active access key 1 has not been used for 91 days, more than 90; disable or delete it "
        "(164.308(a)(3)(ii)(C))",
        "IAM user locum: its console password has not been used for 91 days, more than 90; disable or delete it "
        "(164.308(a)(3)(ii)(C))",
    ]


def test_credentials_within_90_days_pass(account, monkeypatch):
    root_row(monkeypatch)
    user(account.client("iam"), "locum", password=True, mfa=True, key=True)
    later(monkeypatch, 90)
    assert found(account) == []


def test_root_access_key_is_still_reported(account, monkeypatch):
    from pms_baseline.emulate import simulate_root_access_key

    root_row(monkeypatch, access_key=True)
    simulate_root_access_key()
    assert [r for r, _, _ in found(account)] == ["iam-root-access-key-absent"]


def test_report_not_ready_is_a_finding_after_bounded_waits(account, monkeypatch):
    from moto.iam.exceptions import ReportNotPresentException
    from moto.iam.models import IAMBackend

    def never(self):
        raise ReportNotPresentException("Credential report not present")

    waits = []
    monkeypatch.setattr(IAMBackend, "get_credential_report", never)
    monkeypatch.setattr(credential_report, "sleep", waits.append)
    result = account.verify(state=False)
    assert waits == [1.0, 2.0, 4.0]
    assert [(f.rule, f.message) for f in result.findings if f.rule in RULES] == [
        ("live-api-error",
         f"{R}iam:GetCredentialReport failed (NotReady: credential report not ready after 4 tries over 7 s; the "
         "root and IAM user credential checks did not run)"),
    ]
    assert result.calls.count("iam:GenerateCredentialReport") == 4
    assert result.calls.count("iam:GetCredentialReport") == 4


def test_no_wait_past_the_runs_deadline(account, monkeypatch):
    from moto.iam.exceptions import ReportNotPresentException
    from moto.iam.models import IAMBackend

    def never(self):
        raise ReportNotPresentException("Credential report not present")

    waits = []
    monkeypatch.setattr(IAMBackend, "get_credential_report", never)
    monkeypatch.setattr(credential_report, "sleep", waits.append)
    monkeypatch.setattr(credential_report, "POLL_WAITS", (1.0, 2.0, 1e9))
    account.verify(state=False)
    assert waits == [1.0, 2.0]


def test_report_rows_are_parsed_from_the_csv():
    content = (b"user,arn,mfa_active\n<root_account>,arn:aws:iam::123456789012:root,true\n"
               b"a,arn:aws:iam::123456789012:user/a,false\n")
    assert credential_report.parse(content) == [
        {"user": "<root_account>", "arn": ROOT_ARN, "mfa_active": "true"},
        {"user": "a", "arn": "arn:aws:iam::123456789012:user/a", "mfa_active": "false"},
    ]
