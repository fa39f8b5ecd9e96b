import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.apigateway.apigateway_stage_waf_associated import check as rule
from tests.policy.rules.builders import ACCOUNT, res, urn

STAGE_ARN = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod"
STAGE = res(t.APIGATEWAY_STAGE, "api-prod", restApi="a1b2c3d4e5", stageName="prod", arn=STAGE_ARN)
ACL = f"arn:aws:wafv2:us-east-1:{ACCOUNT}:regional/webacl/pms/1234"


def association(arn):
    return res(t.WAF_WEB_ACL_ASSOCIATION, "api-waf", resourceArn=arn, webAclArn=ACL)


MISSING = Violation(
    "stage prod of REST API a1b2c3d4e5 is associated with no WAF web ACL; add aws.wafv2.WebAclAssociation("
    "resource_arn=stage.arn, web_acl_arn=<regional web ACL>) (164.308(a)(5)(ii)(B))",
    urn(t.APIGATEWAY_STAGE, "api-prod"),
)


@pytest.mark.parametrize(
    ("resources", "expected"),
    [
        pytest.param([STAGE, association(STAGE_ARN)], [], id="pass-associated"),
        pytest.param(
            [res(t.APIGATEWAY_STAGE, "api-prod", restApi="a1b2c3d4e5", stageName="prod"),
             association("arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod")],
            [],
            id="pass-associated-by-api-and-stage",
        ),
        pytest.param([res(t.APIGATEWAY_STAGE, "api-prod", restApi="a1b2c3d4e5", stageName="prod", webAclArn=ACL)],
                     [], id="pass-exported-web-acl-arn"),
        pytest.param([STAGE], [MISSING], id="fail-no-association"),
        pytest.param([STAGE, association(STAGE_ARN.replace("/prod", "/test"))], [MISSING], id="fail-other-stage"),
    ],
)
def test_check(resources, expected):
    assert rule.run_stack(resources) == expected
