"""The KMS keys the stack declares are enabled: the part of AWS Config's kms-cmk-not-scheduled-for-deletion a
program declares.

Scheduling a key's deletion is an API call (ScheduleKeyDeletion), not a property: a key pending deletion is
disabled and, after its window, gone with every record it encrypts. What a program declares about whether its
keys can be used is isEnabled; the live kms check reports a key whose KeyState is PendingDeletion.
"""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.rules import resource_rule


@resource_rule(
    id="kms-key-enabled",
    title="KMS keys are enabled, so what they encrypt stays readable",
    severity="high",
    citations=("164.312(a)(2)(iv)", "164.308(a)(7)(ii)(A)"),
    resource_types=(t.KMS_KEY,),
    remediation="Use the Keyring component, or leave is_enabled at True; to retire a key, stop using it and let "
    "its rotation and deletion window run under change control.",
    aws_config_rules=("kms-cmk-not-scheduled-for-deletion",),
)
def check(props, config):
    """isEnabled is not false."""
    if props.get("isEnabled") is False:
        return [
            "isEnabled is false, so nothing encrypted with the key can be decrypted (a key scheduled for deletion "
            "is disabled the same way); use Keyring or set is_enabled=True (164.312(a)(2)(iv))"
        ]
    return []
