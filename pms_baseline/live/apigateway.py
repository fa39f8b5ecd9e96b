"""API Gateway REST API stages read live under the pre-deploy rules' ids: a client certificate for the backends
(apigateway-stage-client-certificate, on each stage), execution logging of every method
(apigateway-stage-execution-logging-enabled, the pack's stack rule over the stages and their method settings), and
a WAF web ACL (apigateway-stage-waf-associated, the stack rule over the stages, whose description carries the
web ACL AWS WAF associated with it as webAclArn).

https://docs.aws.amazon.com/apigateway/latest/api/API_GetRestApis.html (paginated by position)
https://docs.aws.amazon.com/apigateway/latest/api/API_GetStages.html (item: each Stage with clientCertificateId,
webAclArn, tracingEnabled and methodSettings, a map from "*/*" or "<resource path>/<method>" to a MethodSetting
with loggingLevel OFF, ERROR or INFO; https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html)

Each entry of a stage's methodSettings is presented as an aws:apigateway/methodSettings:MethodSettings of that
stage. A stage listing that cannot be read leaves the REST API's stages unreadable, so the two stack rules are not
run in that Region; only REST APIs (API Gateway v1) are read, as the rules judge only their stages.
"""

from __future__ import annotations

from pms_baseline.live.readers import reader, stack_rule
from pms_baseline.live.registry import UNREADABLE, Inventory, collector, readable
from pms_baseline_pack import tokens as t

SERVICE = "apigateway"


@collector(SERVICE)
def collect(live, inv: Inventory) -> None:
    ag = live.client("apigateway", inv.region)
    apis = inv.read(lambda: list(live.pages(ag, "get_rest_apis", "items")))
    if not readable(apis):
        inv.complete = False
        return
    stages, settings = [], []
    for api in apis:
        got = inv.read(lambda a=api["id"]: live.call(ag, "get_stages", restApiId=a)["item"])
        if not readable(got):
            stages.append(UNREADABLE)
            settings.append(UNREADABLE)
            continue
        for s in got:
            stage = {**s, "restApiId": api["id"], "restApiName": api.get("name"), "region": inv.region}
            stages.append(stage)
            settings += [{"restApiId": api["id"], "stageName": s["stageName"], "methodPath": path, "settings": m}
                         for path, m in (s.get("methodSettings") or {}).items()]
    inv.items["rest_apis"] = apis
    inv.items["stages"] = stages
    inv.items["method_settings"] = settings


def stage_arn(stage: dict) -> str:
    return f"arn:aws:apigateway:{stage['region']}::/restapis/{stage['restApiId']}/stages/{stage['stageName']}"


def stage_props(stage: dict) -> dict:
    """A stage description in the engine's property names (aws:apigateway/stage)."""
    return {
        "restApi": stage["restApiId"],
        "stageName": stage["stageName"],
        "deployment": stage.get("deploymentId"),
        "arn": stage_arn(stage),
        "clientCertificateId": stage.get("clientCertificateId"),
        "webAclArn": stage.get("webAclArn"),
        "xrayTracingEnabled": bool(stage.get("tracingEnabled")),
        "cacheClusterEnabled": bool(stage.get("cacheClusterEnabled")),
    }


def method_settings_props(ms: dict) -> dict:
    """One entry of a stage's methodSettings in the engine's property names (aws:apigateway/methodSettings)."""
    m = ms["settings"]
    return {
        "restApi": ms["restApiId"],
        "stageName": ms["stageName"],
        "methodPath": ms["methodPath"],
        "settings": {"loggingLevel": m.get("loggingLevel"), "metricsEnabled": m.get("metricsEnabled"),
                     "dataTraceEnabled": m.get("dataTraceEnabled")},
    }


reader(
    t.APIGATEWAY_STAGE, SERVICE, "stages", "stage",
    name=lambda s: f"{s.get('restApiName') or s['restApiId']}/{s['stageName']}",
    # the provider's id of a stage is ags-<api id>-<stage name>
    ids=lambda s: (f"ags-{s['restApiId']}-{s['stageName']}", stage_arn(s)),
    props=stage_props,
    rules=("apigateway-stage-client-certificate",),
    compare=("xrayTracingEnabled", "cacheClusterEnabled"),
)
reader(
    t.APIGATEWAY_METHOD_SETTINGS, SERVICE, "method_settings", "method settings",
    name=lambda ms: f"{ms['restApiId']}/{ms['stageName']} {ms['methodPath']}",
    ids=lambda ms: (f"{ms['restApiId']}-{ms['stageName']}-{ms['methodPath']}",),
    props=method_settings_props,
)
stack_rule("apigateway-stage-execution-logging-enabled", SERVICE, (t.APIGATEWAY_STAGE, t.APIGATEWAY_METHOD_SETTINGS))
stack_rule("apigateway-stage-waf-associated", SERVICE, (t.APIGATEWAY_STAGE,))
