import pytest

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import Violation
from pms_baseline_pack.rules.apigateway.apigateway_stage_execution_logging_enabled import check as rule
from tests.policy.rules.builders import res, urn

STAGE = res(t.APIGATEWAY_STAGE, "api-prod", restApi="a1b2c3d4e5", stageName="prod")


def settings(path, level, logical="api-logging"):
    return res(t.APIGATEWAY_METHOD_SETTINGS, logical, restApi="a1b2c3d4e5", stageName="prod", methodPath=path,
               settings={"loggingLevel": level, "metricsEnabled": True})


def violation(problems):
    return Violation(
        f"stage prod of REST API a1b2c3d4e5: {problems}; set logging_level to ERROR or INFO in "
        "aws.apigateway.MethodSettings for '*/*' (164.312(b))",
        urn(t.APIGATEWAY_STAGE, "api-prod"),
    )


@pytest.mark.parametrize(
    ("resources", "config", "expected"),
    [
        pytest.param([STAGE, settings("*/*", "INFO")], None, [], id="pass-info"),
        pytest.param([STAGE, settings("*/*", "ERROR")], None, [], id="pass-error"),
        pytest.param([STAGE], None, [violation("method path */* has loggingLevel unset")], id="fail-no-settings"),
        pytest.param([STAGE, settings("*/*", "OFF")], None, [violation("method path */* has loggingLevel OFF")],
                     id="fail-off"),
        pytest.param(
            [STAGE, settings("*/*", "INFO"), settings("patients/GET", "OFF", "quiet")],
            None,
            [violation("method path patients/GET has loggingLevel OFF")],
            id="fail-method-override-off",
        ),
        pytest.param(
            [STAGE, settings("*/*", "ERROR")],
            {"loggingLevels": ["INFO"]},
            [Violation("stage prod of REST API a1b2c3d4e5: method path */* has loggingLevel ERROR; set logging_level "
                       "to INFO in aws.apigateway.MethodSettings for '*/*' (164.312(b))",
                       urn(t.APIGATEWAY_STAGE, "api-prod"))],
            id="fail-config-demands-info",
        ),
    ],
)
def test_check(resources, config, expected):
    assert rule.run_stack(resources, config) == expected


def test_the_levels_may_only_narrow():
    param = rule.config["loggingLevels"]
    assert param.refusal(["INFO"]) is None
    assert "would loosen the rule" in param.refusal(["ERROR", "OFF"])
