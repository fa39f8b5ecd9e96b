"""pms-baseline: wiring only. Read the typed stack settings, build the components, export their outputs."""

import sys
from pathlib import Path

# The language host runs this directory as the program; the components and the shared type tokens live in
# the repository's packages, one level up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pulumi  # noqa: E402

from infra.config import load_settings  # noqa: E402
from infra.stack import build  # noqa: E402

outputs = build(load_settings())
for key, value in outputs.items():
    pulumi.export(key, value)
