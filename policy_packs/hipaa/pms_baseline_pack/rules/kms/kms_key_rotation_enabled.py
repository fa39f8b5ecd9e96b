"""Customer-managed KMS keys rotate their key material."""

from pms_baseline_pack import tokens as t
from pms_baseline_pack.opaque import is_opaque
from pms_baseline_pack.rules import resource_rule
from pms_baseline_pack.rules.props import shown


@resource_rule(
    id="kms-key-rotation-enabled",
    title="KMS keys rotate their key material automatically",
    severity="high",
    citations=("164.312(a)(2)(iv)",),
    resource_types=(t.KMS_KEY,),
    remediation="Use the Keyring component, or set enable_key_rotation=True on the key.",
    checkov_ids=("CKV_AWS_7",),
)
def check(props, config):
    """Automatic rotation is on for symmetric encryption keys (AWS cannot rotate other key specs)."""
    spec = props.get("customerMasterKeySpec") or "SYMMETRIC_DEFAULT"
    usage = props.get("keyUsage") or "ENCRYPT_DECRYPT"
    if spec != "SYMMETRIC_DEFAULT" or usage != "ENCRYPT_DECRYPT":
        return []
    rotation = props.get("enableKeyRotation")
    if is_opaque(rotation) or rotation is True:
        return []
    return [
        f"enableKeyRotation is {shown(rotation)}; use Keyring or set enable_key_rotation=True "
        "(164.312(a)(2)(iv))"
    ]
