"""Answers moto does not give: a hub that does not exist, and denied calls. From botocore's Stubber on the clients
``Live`` makes, through the collectors and checks as in a real run: a denial is the could-not-read finding, never a
verdict on the setting."""

import boto3
from botocore.stub import Stubber

from pms_baseline.live import credential_report, securityhub
from pms_baseline.live.context import Live
from pms_baseline.live.registry import GLOBAL, Account, Inventory
from pms_baseline.live.runner import _problems

ACCOUNT = "123456789012"
REGION = "us-east-1"


def live():
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION)
    return Live(session=session, account_id=ACCOUNT, home_region=REGION)


def run(service, region, collect, checks, answers):
    """Collect ``service`` with ``answers`` [(operation, response or (code, status))], then run ``checks``;
    (rule, message) of every finding."""
    lv = live()
    client = lv.client("iam" if service == "credential_report" else service, REGION)
    with Stubber(client) as stub:
        for operation, answer in answers:
            if isinstance(answer, tuple):
                stub.add_client_error(operation, answer[0], "refused", answer[1])
            else:
                stub.add_response(operation, answer)
        inv = Inventory(service, region)
        collect(lv, inv)
        stub.assert_no_pending_responses()
    acct = Account(live=lv, regions=(REGION,), inventories={(service, region): inv})
    found = [*_problems(lv, [inv]), *(f for chk in checks for f in chk(acct))]
    return [(f.rule, f.message) for f in found]


def test_a_hub_that_does_not_exist_is_not_enabled():
    assert run("securityhub", REGION, securityhub.collect, [securityhub.enabled],
               [("describe_hub", ("ResourceNotFoundException", 404))]) == [
        ("securityhub-enabled",
         "us-east-1: Security Hub is not enabled, so no one sees the account's security findings in one place; "
         "enable it (aws securityhub enable-security-hub) or have the organisation enable it (164.308(a)(1)(ii)(D))"),
    ]


def test_a_denied_describe_hub_is_a_could_not_read_finding_not_a_verdict():
    assert run("securityhub", REGION, securityhub.collect, [securityhub.enabled],
               [("describe_hub", ("AccessDeniedException", 403))]) == [
        ("live-api-access-denied",
         "us-east-1: securityhub:DescribeHub was denied (AccessDeniedException), so the checks that need it could "
         "not run; grant it"),
    ]


ROOT_CHECKS = [credential_report.root_mfa, credential_report.root_hardware_mfa, credential_report.user_mfa]


def test_a_denied_credential_report_judges_nobody():
    assert run("credential_report", GLOBAL, credential_report.collect, ROOT_CHECKS,
               [("generate_credential_report", ("AccessDenied", 403))]) == [
        # botocore names IAM's global endpoint's region aws-global, and the finding says where the call went
        ("live-api-access-denied",
         "aws-global: iam:GenerateCredentialReport was denied (AccessDenied), so the checks that need it could not "
         "run; grant it"),
    ]


def test_a_report_from_aws_with_root_and_a_user():
    content = (b"user,arn,user_creation_time,password_enabled,mfa_active\n"
               b"<root_account>,arn:aws:iam::123456789012:root,2025-01-06T09:00:00+00:00,not_supported,true\n"
               b"ops,arn:aws:iam::123456789012:user/ops,2025-02-01T09:00:00+00:00,false,false\n")
    devices = {"VirtualMFADevices": [{"SerialNumber": "arn:aws:iam::123456789012:mfa/ops-phone",
                                      "User": {"Arn": "arn:aws:iam::123456789012:user/ops", "UserName": "ops",
                                               "UserId": "AIDAEXAMPLE1234567890", "Path": "/",
                                               "CreateDate": "2025-02-01T09:00:00Z"}}]}
    assert run("credential_report", GLOBAL, credential_report.collect, ROOT_CHECKS, [
        ("generate_credential_report", {"State": "COMPLETE"}),
        ("get_credential_report", {"Content": content, "ReportFormat": "text/csv"}),
        ("list_virtual_mfa_devices", devices),
    ]) == [
        ("iam-user-mfa-enabled",
         "IAM user ops: has no MFA device; assign one, or delete the user if nobody signs in as it (164.312(d))"),
    ]
