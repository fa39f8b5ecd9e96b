import pytest

from pms_baseline_pack.rules.rds.rds_instance_copy_tags_to_snapshot import check as rule

FIX = (
    "; use PhiDatabase or set copy_tags_to_snapshot=True so every snapshot carries the data classification "
    "of its database (164.310(d)(2)(iii))"
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        pytest.param({"copyTagsToSnapshot": True}, [], id="pass-copied"),
        pytest.param({"copyTagsToSnapshot": False}, ["copyTagsToSnapshot is false" + FIX], id="fail-off"),
        pytest.param({}, ["copyTagsToSnapshot is unset" + FIX], id="fail-unset"),
    ],
)
def test_check(props, expected):
    assert rule.run_resource(props) == expected
