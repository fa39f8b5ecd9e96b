"""Shared by the evidence tests: fixture paths, the secrets planted in them, and how to run the command."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import FIXTURES, REPO_ROOT

EXPORTS = FIXTURES / "exports"
HERE = Path(__file__).resolve().parent
GATE = HERE / "fixtures" / "clinic-prod-gate.json"
VERIFY = HERE / "fixtures" / "clinic-prod-verify.json"
"""The findings of a gate and a verify run over the clinic export, unbound: ``bound`` ties them to a state."""
EXPORT_FILES = ("clinic-prod-v3.json", "clinic-prod-v4-show-secrets.json", "clinic-prod-v3-old.json")
SCHEMA = REPO_ROOT / "pms_baseline" / "evidence" / "evidence.schema.json"

# Every secret planted in the export fixtures, plaintext and ciphertext alike. None may reach any bundle file.
SECRETS = (
    "Pl41n-Rds-Passw0rd!",  # RDS password, plaintext in inputs
    "Aur0ra-Master-Pw#42",  # Aurora masterPassword, plaintext in inputs (and quoted in a checkov finding)
    "Js0n-Emb3dded-Pw",  # inside a plaintext secretString JSON document
    "Ecs-Env-Passw0rd",  # DB_PASSWORD in an ECS containerDefinitions JSON string
    "tok_live_5f4e3d2c1b0a",  # SMS_API_TOKEN in a Lambda's environment
    "smtp-Plaintext-Cred-77",  # secretString envelope plaintext (v4 --show-secrets)
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",  # IAM access key secret
    "BPlainSesSmtpV4Passw0rd",  # sesSmtpPasswordV4
    "opsSecretKeyPlain/abc123XYZ",  # provider secretKey
    "IQoJb3JpZ2luX2VjOpsSessionTokenPlain",  # provider token
    "AKIAOPSEXAMPLE000001",  # provider accessKey (credential-named)
    "MIIJKQIBAAKCAgEAplainprivatekeymaterial",  # TLS privateKeyPem
    "admin-token-plaintext-2718",  # a secret stack output
    "v1:AAABA",  # every ciphertext in the fixtures starts so
    "R2hsZ0Zxb0Y=",  # the passphrase secrets provider's salt
)


def load(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def bundle_texts(folder: Path) -> dict[str, str]:
    """Every file of a bundle, as text."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(Path(folder).iterdir())}


def run_cli(argv: list[str]) -> int:
    """``pms-baseline`` in process, with its error handling (one line on stderr, exit 2)."""
    from pms_baseline import cli

    return cli.main(argv)


def bound(report: Path, state: Path, folder: Path) -> Path:
    """A copy of ``report`` in ``folder`` bound to ``state`` by the tool's own binding (``findings.binding``), as
    ``gate --state`` or ``verify --state`` would have written it for that state with the default config."""
    from pms_baseline.findings import binding
    from pms_baseline.loader import HASHED_BYTES, state_sha256

    data = load(report)
    data["target"] = {**data["target"], **binding(state_sha256(Path(state).read_bytes()), HASHED_BYTES)}
    out = Path(folder) / f"{Path(state).stem}-{Path(report).name}"
    out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return out
