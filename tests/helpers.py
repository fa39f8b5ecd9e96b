"""Paths and small builders shared by tests."""

import json
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
STACKS = ("prod", "staging", "test")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def stack_config(stack: str) -> dict[str, str]:
    """A bundled stack file's config as the flat string map the engine hands a program."""
    raw = yaml.safe_load((REPO_ROOT / "stacks" / f"Pulumi.{stack}.yaml").read_text())["config"]
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in raw.items()}
