import pytest

from pms_baseline_pack.rules.kms.kms_key_deletion_window_minimum import check as rule

FIX = (
    "; a key deleted by mistake destroys every record it encrypts, so use Keyring or set "
    "deletion_window_in_days=30 (164.312(a)(2)(iv))"
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"deletionWindowInDays": 30}, [], id="pass-30"),
        pytest.param({"deletionWindowInDays": 30.0}, [], id="pass-30-as-float"),
        pytest.param({}, [], id="pass-unset-aws-default-30"),
        pytest.param(
            {"deletionWindowInDays": 7},
            ["deletionWindowInDays is 7, below the minimum of 30" + FIX],
            id="fail-7",
        ),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected


def test_minimum_is_tunable():
    assert rule.run_resource({"deletionWindowInDays": 7}, {"minimumDays": 7}) == []
    assert rule.run_resource({"deletionWindowInDays": 10}, {"minimumDays": 14}) == [
        "deletionWindowInDays is 10, below the minimum of 14" + FIX
    ]


def test_minimum_has_floor_in_schema():
    assert rule.config["minimumDays"].schema() == {
        "type": "integer",
        "default": 30,
        "description": "Fewest days a scheduled key deletion may take (AWS allows 7 to 30).",
        "minimum": 7,
    }
