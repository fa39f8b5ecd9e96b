"""The IAM account password policy meets the baseline's strength, reuse and age requirements."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import ConfigParam, resource_rule
from pms_baseline_pack.rules.props import integer, shown

_CITATION = "164.308(a)(5)(ii)(D)"
CLASSES = {
    "requireLowercaseCharacters": "require_lowercase_characters",
    "requireUppercaseCharacters": "require_uppercase_characters",
    "requireNumbers": "require_numbers",
    "requireSymbols": "require_symbols",
}


@resource_rule(
    id="iam-password-policy-strong",
    title="The IAM password policy requires long, fresh, varied passwords",
    severity="high",
    citations=(_CITATION, "164.312(d)"),
    resource_types=(t.IAM_ACCOUNT_PASSWORD_POLICY,),
    remediation="Use the AccountGuardrails component, or set minimum_password_length=14, "
    "password_reuse_prevention=24, max_password_age=90 and all four require_* flags to True.",
    aws_config_rules=("iam-password-policy",),
    checkov_ids=(
        "CKV_AWS_9",
        "CKV_AWS_10",
        "CKV_AWS_11",
        "CKV_AWS_12",
        "CKV_AWS_13",
        "CKV_AWS_14",
        "CKV_AWS_15",
    ),
    config={
        "minimumLength": ConfigParam("integer", 14, "Shortest password length allowed.", minimum=14),
        "minimumReusePrevention": ConfigParam(
            "integer", 24, "Fewest previous passwords a user may not reuse.", minimum=24
        ),
        "maximumAgeDays": ConfigParam(
            "integer", 90, "Longest a password may be used, in days.", minimum=1, maximum=90
        ),
    },
)
def check(props, config):
    """Length and reuse at or above their minimums, age at most the maximum, every character class."""
    found = []
    for prop, arg, minimum in (
        ("minimumPasswordLength", "minimum_password_length", config["minimumLength"]),
        ("passwordReusePrevention", "password_reuse_prevention", config["minimumReusePrevention"]),
    ):
        raw = props.get(prop)
        value = integer(raw)
        if not is_opaque(raw) and (value is None or value < minimum):
            found.append(
                f"{prop} is {shown(raw if value is None else value)}; set {arg}={minimum} or more "
                f"({_CITATION})"
            )
    raw = props.get("maxPasswordAge")
    age, maximum = integer(raw), config["maximumAgeDays"]
    if not is_opaque(raw) and (age is None or not 0 < age <= maximum):
        found.append(
            f"maxPasswordAge is {shown(raw if age is None else age)}; set max_password_age to at most "
            f"{maximum} days ({_CITATION})"
        )
    for prop, arg in CLASSES.items():
        value = props.get(prop)
        if not is_opaque(value) and value is not True:
            found.append(f"{prop} is {shown(value)}; set {arg}=True ({_CITATION})")
    return found
