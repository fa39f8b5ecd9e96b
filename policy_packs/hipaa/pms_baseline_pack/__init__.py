"""The pms-baseline HIPAA policy pack: the rule catalogue, the CrossGuard policies built from it, and the facts
the rules need (type tokens, reference lists, opaque-value markers).

This package is self-contained: ``pulumi policy publish`` uploads ``policy_packs/hipaa/`` alone, so nothing here
imports from outside it except the packages in ``requirements.txt``. ``pms_baseline`` uses the pack; the pack never
uses ``pms_baseline``.
"""

__version__ = "0.1.0"
"""The pack's version, which is the project's: pyproject.toml and PulumiPolicy.yaml read the same number."""
