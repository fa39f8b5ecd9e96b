"""Entry point the Pulumi CLI runs for ``pulumi preview --policy-pack policy_packs/hipaa``."""

import sys
from pathlib import Path

# The rules import shared helpers from this repository's ``pms_baseline`` package.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pulumi_policy import EnforcementLevel, PolicyPack  # noqa: E402

from policy_packs.hipaa.pack import PACK_NAME, policies  # noqa: E402

PolicyPack(
    name=PACK_NAME,
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=policies(),
    description="HIPAA Security Rule baseline for a medical Practice Management System on AWS",
    display_name="pms-baseline HIPAA",
    provider="aws",
    tags=["hipaa", "45-cfr-164"],
)
