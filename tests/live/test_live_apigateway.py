"""API Gateway REST API stages read live: a client certificate for the backends, execution logging of every
method, a WAF web ACL, and drift of a stage's settings. moto (5.x) implements neither GenerateClientCertificate
nor the /clientCertificateId patch of UpdateStage, so a stage with a certificate is shown by an after-call hook on
GetStages giving it the clientCertificateId AWS would return."""

import pytest

from pms_baseline.live.runner import verify
from pms_baseline_pack import tokens as t
from tests.live.conftest import R
from tests.live.states import resource, state_of

pytestmark = pytest.mark.moto

CERT = "apigateway-stage-client-certificate"
LOGGING = "apigateway-stage-execution-logging-enabled"
WAF = "apigateway-stage-waf-associated"
VISIBILITY = {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "edge"}


def findings(account, rule, state=None):
    result = verify(session=account.session, regions=["us-east-1"], state=state)
    return [(f.resource.name, f.message) for f in result.findings if f.rule == rule]


def stage(account, level="INFO", override=None, waf=False, tracing=False):
    """REST API portal with stage prod logging every method at ``level`` (unset when None), the root GET
    overridden to ``override`` when given; associated with a web ACL when ``waf``. Returns the API id."""
    ag = account.client("apigateway")
    api = ag.create_rest_api(name="portal")["id"]
    root = ag.get_resources(restApiId=api)["items"][0]["id"]
    ag.put_method(restApiId=api, resourceId=root, httpMethod="GET", authorizationType="NONE")
    ag.put_integration(restApiId=api, resourceId=root, httpMethod="GET", type="MOCK")
    ag.create_stage(restApiId=api, stageName="prod", deploymentId=ag.create_deployment(restApiId=api)["id"],
                    tracingEnabled=tracing)
    patches = [{"op": "replace", "path": "/*/*/logging/loglevel", "value": level}] if level else []
    if override:
        patches.append({"op": "replace", "path": "/~1/GET/logging/loglevel", "value": override})
    if patches:
        ag.update_stage(restApiId=api, stageName="prod", patchOperations=patches)
    if waf:
        w = account.client("wafv2")
        acl = w.create_web_acl(Name="api-edge", Scope="REGIONAL", DefaultAction={"Allow": {}},
                               VisibilityConfig=VISIBILITY)["Summary"]["ARN"]
        w.associate_web_acl(WebACLArn=acl, ResourceArn=f"arn:aws:apigateway:us-east-1::/restapis/{api}/stages/prod")
    return api


def with_certificate(account, cert="r4nd0m"):
    def give(parsed, **_):
        for s in parsed.get("item", []):
            s["clientCertificateId"] = cert

    account.session.events.register("after-call.api-gateway.GetStages", give)


def exercise(account):
    """A REST API with a logged stage (apigateway:GET on /restapis and /restapis/*/stages: GetRestApis,
    GetStages)."""
    stage(account)


def test_a_stage_with_a_client_certificate_passes(account):
    stage(account)
    with_certificate(account)
    assert findings(account, CERT) == []


def test_a_stage_without_a_client_certificate_is_a_finding(account):
    stage(account)
    assert findings(account, CERT) == [(
        "portal/prod", R + "stage portal/prod: clientCertificateId is unset, so the backend cannot authenticate calls "
        "from this stage; set client_certificate_id to an aws.apigateway.ClientCertificate (164.312(e)(1))")]


def test_a_stage_logging_every_method_at_info_passes(account):
    stage(account)
    assert findings(account, LOGGING) == []


def test_a_stage_turning_off_one_methods_logging_is_a_finding(account):
    api = stage(account, level="INFO", override="OFF")
    assert findings(account, LOGGING) == [(
        "portal/prod", R + f"stage prod of REST API {api}: method path ~1/GET has loggingLevel OFF; set logging_level "
        "to ERROR or INFO in aws.apigateway.MethodSettings for '*/*' (164.312(b))")]


def test_a_stage_without_method_settings_is_a_finding(account):
    api = stage(account, level=None)
    assert findings(account, LOGGING) == [(
        "portal/prod", R + f"stage prod of REST API {api}: method path */* has loggingLevel unset; set logging_level "
        "to ERROR or INFO in aws.apigateway.MethodSettings for '*/*' (164.312(b))")]


def test_a_stage_with_a_web_acl_passes(account):
    stage(account, waf=True)
    assert findings(account, WAF) == []


def test_a_stage_without_a_web_acl_is_a_finding(account):
    api = stage(account)
    assert findings(account, WAF) == [(
        "portal/prod", R + f"stage prod of REST API {api} is associated with no WAF web ACL; add "
        "aws.wafv2.WebAclAssociation(resource_arn=stage.arn, web_acl_arn=<regional web ACL>) (164.308(a)(5)(ii)(B))")]


def test_tracing_turned_off_is_drift(account):
    api = stage(account, tracing=False)
    state = state_of(resource(t.APIGATEWAY_STAGE, "portal-prod", f"ags-{api}-prod", restApi=api, stageName="prod",
                              xrayTracingEnabled=True, cacheClusterEnabled=False))
    assert findings(account, "live-setting-drift", state) == [
        ("portal-prod", "portal-prod: xrayTracingEnabled is False in the account, True in the state")]
    assert findings(account, "live-resource-missing", state) == []


def test_a_deleted_stage_is_missing(account):
    state = state_of(resource(t.APIGATEWAY_STAGE, "portal-prod", "ags-0a1b2c3d4e-prod", restApi="0a1b2c3d4e",
                              stageName="prod"))
    assert [name for name, _ in findings(account, "live-resource-missing", state)] == ["portal-prod"]
