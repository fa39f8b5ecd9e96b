"""Entry point the Pulumi CLI runs for ``pulumi preview --policy-pack policy_packs/hipaa``.

The CLI runs this directory as a program, so the directory is first on ``sys.path`` and ``pms_baseline_pack``
beside this file is found whether the pack runs from the repository or from where ``pulumi policy publish``
unpacked it. Nothing outside this directory is imported.
"""

from pulumi_policy import EnforcementLevel, PolicyPack

from pms_baseline_pack import __version__
from pms_baseline_pack.pack import PACK_NAME, policies

PolicyPack(
    name=PACK_NAME,
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=policies(),
    description=f"HIPAA Security Rule baseline for a medical Practice Management System on AWS (v{__version__})",
    display_name="pms-baseline HIPAA",
    provider="aws",
    tags=["hipaa", "45-cfr-164"],
)
