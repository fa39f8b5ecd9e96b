"""The README shows what the commands print: its coverage table is `pms-baseline coverage --format markdown`, and
every flag `gate` takes is documented in `gate --help` and named in the README."""

import argparse
import re

from pms_baseline.cli import build_parser
from pms_baseline.coverage import format_markdown
from tests.helpers import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text()


def test_the_coverage_table_is_the_commands_output():
    found = re.search(r"<!-- coverage:begin -->\n(.*?)\n<!-- coverage:end -->", README, re.S)
    assert found, "README.md has no coverage table between <!-- coverage:begin --> and <!-- coverage:end -->"
    assert found.group(1).strip() == format_markdown().strip(), (
        "README's coverage table is stale: paste `pms-baseline coverage --format markdown`")


def _subcommand(name: str) -> argparse.ArgumentParser:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices[name]


def test_every_gate_flag_has_help_and_is_in_the_readme():
    gate = _subcommand("gate")
    flags = [a for a in gate._actions if a.option_strings and a.dest != "help"]
    assert len(flags) >= 15
    for action in flags:
        assert action.help and action.help != argparse.SUPPRESS, f"{action.option_strings} has no help"
        long = max(action.option_strings, key=len)
        assert f"`{long}" in README or f"{long} " in README, f"{long} is not in the README"
    text = gate.format_help()
    for action in flags:
        assert max(action.option_strings, key=len) in text
