import pytest

from pms_baseline_pack.rules.codebuild.codebuild_project_no_plaintext_aws_credentials import check as rule


def env(*variables):
    return {"environment": {"computeType": "BUILD_GENERAL1_SMALL", "environmentVariables": list(variables)}}


def message(i, name):
    return (f"environment.environmentVariables[{i}] {name} is a PLAINTEXT variable, so the key is readable by anyone "
            "who can read the project; remove it and rely on the project's service role (164.312(a)(1))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param(env({"name": "STAGE", "value": "prod"}), [], id="pass-no-keys"),
        pytest.param(
            env({"name": "AWS_SECRET_ACCESS_KEY", "value": "/ci/key", "type": "PARAMETER_STORE"}),
            [],
            id="pass-key-from-parameter-store",
        ),
        pytest.param(
            env({"name": "STAGE", "value": "prod"}, {"name": "AWS_ACCESS_KEY_ID", "value": "AKIAEXAMPLEKEY000000"},
                {"name": "AWS_SECRET_ACCESS_KEY", "value": "wJalrXUtnFEMI/K7MDENG", "type": "PLAINTEXT"}),
            [message(1, "AWS_ACCESS_KEY_ID"), message(2, "AWS_SECRET_ACCESS_KEY")],
            id="fail-plaintext-keys-type-unset-and-explicit",
        ),
    ],
)
def test_check(props, expected):
    found = rule.run_resource(props)
    assert found == expected
    assert not any("AKIA" in m or "wJalr" in m for m in found)  # the key is never rendered
