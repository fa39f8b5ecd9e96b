"""Package layout that pyproject.toml cannot state alone.

Three import packages, each from its own folder, so that no installed name can collide with a user's own code:

- ``pms_baseline``: the command-line tool (``pms_baseline/``);
- ``pms_baseline_infra``: the Pulumi program and its components (``infra/``, which ``Pulumi.yaml`` runs);
- ``pms_baseline_pack``: the policy pack's catalogue and policies (``policy_packs/hipaa/pms_baseline_pack/``, the
  folder ``pulumi policy publish`` uploads with the pack).

A built wheel also carries the default project's ``Pulumi.yaml`` and ``stacks/`` inside ``pms_baseline_infra``
(``_project/``), so ``pms-baseline gate --stack prod`` works from any directory after ``pip install``.
"""

from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

ROOTS = {
    "pms_baseline": "pms_baseline",
    "pms_baseline_infra": "infra",
    "pms_baseline_pack": "policy_packs/hipaa/pms_baseline_pack",
}
BUNDLED_PROJECT = "_project"


def _packages() -> list[str]:
    found: list[str] = []
    for name, folder in ROOTS.items():
        found += [name, *(f"{name}.{sub}" for sub in find_packages(folder))]
    return found


class BuildWithProject(build_py):
    """Copy the default project's Pulumi.yaml and stack settings into the built ``pms_baseline_infra``."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "pms_baseline_infra" / BUNDLED_PROJECT
        for source in [Path("Pulumi.yaml"), *sorted(Path("stacks").glob("Pulumi.*.yaml"))]:
            dest = target / source
            self.mkpath(str(dest.parent))
            self.copy_file(str(source), str(dest))


setup(
    packages=_packages(),
    package_dir=ROOTS,
    cmdclass={"build_py": BuildWithProject},
)
