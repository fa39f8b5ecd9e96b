import pytest

from pms_baseline_pack.rules.dms.dms_replication_instance_not_public import check as rule


def message(value):
    return (f"publiclyAccessible is {value}, so the replication instance gets a public IP address (AWS's default "
            "when unset); set publicly_accessible=False (164.312(a)(1))")


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"publiclyAccessible": False}, [], id="pass-private"),
        pytest.param({"publiclyAccessible": True}, [message("true")], id="fail-public"),
        pytest.param({}, [message("unset")], id="fail-unset-defaults-to-public"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
