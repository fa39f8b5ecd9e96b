import pytest

from pms_baseline_pack.rules.ec2.ec2_instance_imdsv2_required import check as rule


def message(value):
    return (f"metadataOptions.httpTokens is {value}, so the instance role's credentials answer a plain GET (IMDSv1, "
            "reachable through server-side request forgery); set metadata_options={'http_tokens': 'required'} "
            "(164.312(a)(1))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"metadataOptions": {"httpTokens": "required"}}, [], id="pass-required"),
        pytest.param({"metadataOptions": [{"httpTokens": "required"}]}, [], id="pass-launch-template-list"),
        pytest.param({"metadataOptions": {"httpTokens": "optional"}}, [message("optional")], id="fail-optional"),
        pytest.param({}, [message("unset")], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
