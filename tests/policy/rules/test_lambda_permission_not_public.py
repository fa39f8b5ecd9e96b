import pytest

from pms_baseline_pack.opaque import UNKNOWN
from pms_baseline_pack.rules.lambda_.lambda_permission_not_public import check as rule

FN = "arn:aws:lambda:us-east-1:210987654321:function:intake"
S3 = ("principal is s3.amazonaws.com without sourceAccount, so a bucket of any account may invoke the function; "
      "set source_account to the bucket owner's account id (164.312(a)(1))")


def public(shown):
    return [f"principal is {shown}, so anyone may invoke the function; name the account, role or service that may "
            "(164.312(a)(1))"]


@pytest.mark.parametrize(("props", "expected"), [
    pytest.param({"principal": "210987654321", "action": "lambda:InvokeFunction"}, [], id="pass-account"),
    pytest.param({"principal": "s3.amazonaws.com", "sourceAccount": "210987654321",
                  "sourceArn": "arn:aws:s3:::intake"}, [], id="pass-s3-with-source-account"),
    pytest.param({"principal": "events.amazonaws.com", "sourceArn": "arn:aws:events:us-east-1:210987654321:rule/x"},
                 [], id="pass-events-with-source-arn"),
    pytest.param({"principal": UNKNOWN}, [], id="pass-unknown"),
    pytest.param({"principal": "*", "function": FN}, public("*"), id="fail-wildcard"),
    pytest.param({"principal": "arn:aws:iam::*:root"}, public("arn:aws:iam::*:root"), id="fail-wildcard-in-arn"),
    pytest.param({"principal": ""}, public("unset"), id="fail-empty"),
    pytest.param({"principal": "s3.amazonaws.com", "sourceArn": "arn:aws:s3:::intake"}, [S3],
                 id="fail-s3-without-source-account"),
])
def test_check(props, expected):
    assert rule.run_resource(props) == expected
