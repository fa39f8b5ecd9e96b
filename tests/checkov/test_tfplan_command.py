"""``pms-baseline convert --to terraform-plan``: writes the plan; bad input is one line, and nothing is written."""

import argparse
import json

import pytest

from pms_baseline.errors import InputError
from pms_baseline.preview import preview_function
from pms_baseline.tfplan import TERRAFORM_VERSION, add_convert_parser, convert_main
from tests.checkov.expected_plan import EXPECTED_VALUES
from tests.checkov.plans import export_document
from tests.checkov.programs import every_type


def _args(*argv):
    parser = argparse.ArgumentParser()
    add_convert_parser(parser.add_subparsers())
    return parser.parse_args(["convert", *argv])


def test_convert_command_writes_the_plan(tmp_path):
    state = tmp_path / "state.json"
    state.write_text(json.dumps(preview_function(every_type)))
    out = tmp_path / "plan.json"
    assert convert_main(_args("--state", str(state), "--to", "terraform-plan", "--out", str(out))) == 0
    written = json.loads(out.read_text())
    assert written["terraform_version"] == TERRAFORM_VERSION
    assert len(written["planned_values"]["root_module"]["resources"]) == len(EXPECTED_VALUES)


@pytest.mark.parametrize(
    "argv, message",
    [
        (("--state", "missing.json"), "missing.json: no such file"),
        (("--state", "{folder}/bad.json"), "{folder}/bad.json: not valid JSON"),
        (
            ("--state", "{folder}/state.json", "--program", "infra"),
            "convert: give --state FILE, or --stack NAME (with --program DIR), not both",
        ),
    ],
)
def test_convert_command_bad_input(tmp_path, argv, message):
    (tmp_path / "bad.json").write_text("{oops")
    (tmp_path / "state.json").write_text(json.dumps(export_document([])))
    argv = [a.format(folder=tmp_path) for a in argv]
    with pytest.raises(InputError) as err:
        convert_main(_args(*argv, "--to", "terraform-plan", "--out", str(tmp_path / "plan.json")))
    assert str(err.value).startswith(message.format(folder=tmp_path))
    assert "\n" not in str(err.value)
    assert not (tmp_path / "plan.json").exists()


def test_convert_command_unknown_stack(tmp_path):
    with pytest.raises(InputError) as err:
        convert_main(_args("--stack", "nope", "--to", "terraform-plan", "--out", str(tmp_path / "plan.json")))
    assert "nope" in str(err.value)
    assert "\n" not in str(err.value)
