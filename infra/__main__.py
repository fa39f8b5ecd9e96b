"""pms-baseline: wiring only. Read the typed stack settings, build the components, export their outputs.

The components are the installed package ``pms_baseline_infra`` (this folder, installed by ``requirements.txt``'s
``-e .`` into the project's virtualenv), so a team's own ``infra`` package never shadows them.
"""

import pulumi

from pms_baseline_infra.config import load_settings
from pms_baseline_infra.stack import build

outputs = build(load_settings())
for key, value in outputs.items():
    pulumi.export(key, value)
