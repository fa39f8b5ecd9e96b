import pytest

from pms_baseline.state import UNKNOWN
from pms_baseline_pack.rules.iam.iam_password_policy_strong import check as rule

STRONG = {
    "minimumPasswordLength": 14,
    "passwordReusePrevention": 24,
    "maxPasswordAge": 90,
    "requireLowercaseCharacters": True,
    "requireUppercaseCharacters": True,
    "requireNumbers": True,
    "requireSymbols": True,
}


@pytest.mark.parametrize(
    ("props", "config", "expected"),
    [
        pytest.param(STRONG, {}, [], id="pass-baseline"),
        pytest.param(
            {**STRONG, "minimumPasswordLength": 20.0, "maxPasswordAge": 60}, {}, [], id="pass-stricter"
        ),
        pytest.param({**STRONG, "minimumPasswordLength": UNKNOWN}, {}, [], id="pass-unknown"),
        pytest.param(
            {**STRONG, "minimumPasswordLength": 8},
            {},
            ["minimumPasswordLength is 8; set minimum_password_length=14 or more (164.308(a)(5)(ii)(D))"],
            id="fail-short",
        ),
        pytest.param(
            {**STRONG, "passwordReusePrevention": 5},
            {},
            ["passwordReusePrevention is 5; set password_reuse_prevention=24 or more (164.308(a)(5)(ii)(D))"],
            id="fail-reuse",
        ),
        pytest.param(
            {**STRONG, "maxPasswordAge": 0},
            {},
            ["maxPasswordAge is 0; set max_password_age to at most 90 days (164.308(a)(5)(ii)(D))"],
            id="fail-never-expires",
        ),
        pytest.param(
            STRONG,
            {"maximumAgeDays": 60},
            ["maxPasswordAge is 90; set max_password_age to at most 60 days (164.308(a)(5)(ii)(D))"],
            id="fail-tightened-age",
        ),
        pytest.param(
            {**STRONG, "requireSymbols": False},
            {},
            ["requireSymbols is false; set require_symbols=True (164.308(a)(5)(ii)(D))"],
            id="fail-no-symbols",
        ),
        pytest.param(
            {},
            {},
            [
                "minimumPasswordLength is unset; set minimum_password_length=14 or more "
                "(164.308(a)(5)(ii)(D))",
                "passwordReusePrevention is unset; set password_reuse_prevention=24 or more "
                "(164.308(a)(5)(ii)(D))",
                "maxPasswordAge is unset; set max_password_age to at most 90 days (164.308(a)(5)(ii)(D))",
                "requireLowercaseCharacters is unset; set require_lowercase_characters=True "
                "(164.308(a)(5)(ii)(D))",
                "requireUppercaseCharacters is unset; set require_uppercase_characters=True "
                "(164.308(a)(5)(ii)(D))",
                "requireNumbers is unset; set require_numbers=True (164.308(a)(5)(ii)(D))",
                "requireSymbols is unset; set require_symbols=True (164.308(a)(5)(ii)(D))",
            ],
            id="fail-empty",
        ),
    ],
)
def test_check(props, config, expected):
    assert rule.run_resource(props, config) == expected
