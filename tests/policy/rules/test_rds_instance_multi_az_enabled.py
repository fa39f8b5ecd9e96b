import pytest

from pms_baseline_pack.rules.rds.rds_instance_multi_az_enabled import check as rule

FIX = (
    "; set multi_az=True so the PHI database survives the loss of an availability zone (164.308(a)(7)(ii)(B))"
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"multiAz": True, "tags": {"environment": "prod"}}, [], id="pass-multi-az"),
        pytest.param({"multiAz": False, "tags": {"environment": "staging"}}, [], id="pass-staging-exempt"),
        pytest.param({"multiAz": False, "tags": {"environment": "test"}}, [], id="pass-test-exempt"),
        pytest.param(
            {"multiAz": False, "tags": {"environment": "prod"}}, ["multiAz is false" + FIX], id="fail-prod"
        ),
        pytest.param({"multiAz": False}, ["multiAz is false" + FIX], id="fail-untagged"),
        pytest.param({"tagsAll": {"environment": "prod"}}, ["multiAz is unset" + FIX], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_exempt_environments_are_tunable():
    props = {"multiAz": False, "tags": {"environment": "staging"}}
    assert rule.run_resource(props, {"exemptEnvironments": ["test"]}) == ["multiAz is false" + FIX]
