"""Paths and small builders shared by tests."""

import copy
import functools
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


PROGRAMS = Path(__file__).resolve().parent / "programs"


@functools.cache
def preview_document(stack: str, program: str = "") -> dict:
    """The offline preview of a bundled stack (or of a test program under tests/programs), once per session."""
    from pms_baseline.preview import preview

    return preview(PROGRAMS / program if program else REPO_ROOT, stack).document


def preview_state(stack: str, program: str = ""):
    from pms_baseline.state import parse_document

    return parse_document(copy.deepcopy(preview_document(stack, program)), f"preview of {stack}")
