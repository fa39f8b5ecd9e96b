"""One loader for every state file a Pulumi team has, recognised by content, never by file name."""

import gzip
import io
import shutil

import pytest

from pms_baseline.errors import InputError
from pms_baseline.loader import kind_of, load_bytes, load_state
from pms_baseline.state import SECRET, UNKNOWN
from tests.helpers import FIXTURES

SHAPES = FIXTURES / "shapes"


def names(doc):
    return sorted(r.name for r in doc.resources)


@pytest.mark.parametrize("name", ["export.json", "checkpoint.json", "checkpoint.json.gz", "engine-preview.json"])
def test_every_shape_reads(name):
    doc = load_state(SHAPES / name)
    assert doc.project == "pms-app"
    assert {"db-access", "pms-clinic"} <= set(names(doc))


def test_shapes_are_recognised_by_content_not_name(tmp_path):
    for name, kind in [("export.json", "export"), ("checkpoint.json", "checkpoint"),
                       ("engine-preview.json", "engine-preview")]:
        disguised = tmp_path / "state.txt"
        shutil.copy(SHAPES / name, disguised)
        import json

        assert kind_of(json.loads(disguised.read_text())) == kind
        assert "pms-clinic" in names(load_state(disguised))


def test_checkpoint_and_export_give_the_same_resources():
    export, checkpoint = load_state(SHAPES / "export.json"), load_state(SHAPES / "checkpoint.json.gz")
    assert [(r.urn, r.props) for r in export.resources] == [(r.urn, r.props) for r in checkpoint.resources]
    assert checkpoint.stack == "clinic"


def test_checkpoint_without_latest_has_no_resources():
    doc = load_state(SHAPES / "checkpoint-no-latest.json")
    assert doc.resources == [] and doc.stack == "fresh"


def test_engine_preview_keeps_the_new_state_and_drops_deletes():
    doc = load_state(SHAPES / "engine-preview.json")
    assert "legacy-app" not in names(doc)  # a delete step leaves no resource behind
    assert "statements" in names(doc)  # a create step does
    db = next(r for r in doc.resources if r.name == "pms-clinic")
    assert db.props["instanceClass"] == "db.t4g.small"  # the update's new state, not the old one


def test_engine_preview_secrets_and_unknowns_stay_opaque():
    doc = load_state(SHAPES / "engine-preview.json")
    db = next(r for r in doc.resources if r.name == "pms-clinic")
    assert db.props["password"] is SECRET
    bucket = next(r for r in doc.resources if r.name == "statements")
    assert bucket.outputs["arn"] is UNKNOWN


def test_export_bookkeeping_is_dropped_and_secrets_are_opaque():
    doc = load_state(SHAPES / "export.json")
    sg = next(r for r in doc.resources if r.name == "db-access")
    assert "__defaults" not in sg.inputs and "__defaults" not in sg.inputs["ingress"][0]
    db = next(r for r in doc.resources if r.name == "pms-clinic")
    assert db.props["password"] is SECRET
    assert db.props["storageEncrypted"] is False  # judged from outputs: the inputs do not set it


def test_stdin(monkeypatch):
    data = (SHAPES / "checkpoint.json.gz").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert "pms-clinic" in names(load_state("-"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "the file is empty", id="empty"),
        pytest.param(b'{"version": 3, "deployment": {"resources": [', "JSON ends early", id="truncated"),
        pytest.param(b"{'version': 3}", "not valid JSON", id="malformed"),
        pytest.param(b'{"version": 3, "deployment": {"x": NaN}}', "not valid JSON (NaN is not a JSON number)",
                     id="nan"),
        pytest.param(b'{"version": 3, "deployment": {"x": 1e999}}', "not valid JSON (1e999 is beyond", id="overflow"),
        pytest.param(b'{"version": 3, "deployment": {"x": "a\\ud800b"}}', "lone UTF-16 surrogate",
                     id="lone-surrogate"),
        pytest.param(b'{"version": 7, "deployment": {}}', "state version 7 is not supported", id="wrong-version"),
        pytest.param(b'{"version": 9, "checkpoint": {}}', "checkpoint version 9 is not supported",
                     id="wrong-checkpoint-version"),
        pytest.param(b'{"resources": []}', "this is a JSON object with resources, not a state file; accepted:",
                     id="something-else"),
        pytest.param(b"[1, 2]", "this is a JSON list, not a state file", id="a-list"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "not a text or gzip file", id="binary"),
        pytest.param(gzip.compress(b'{"version": 3}')[:12], "gzip data is truncated or corrupt", id="bad-gzip"),
        pytest.param(b'{"steps": [{"op": "explode", "urn": "u"}]}', "step 0 has unknown op 'explode'",
                     id="unknown-op"),
    ],
)
def test_bad_input_is_one_line(data, message):
    with pytest.raises(InputError) as err:
        load_bytes(data, "in.json")
    text = str(err.value)
    assert message in text and "\n" not in text and text.startswith("in.json: ")


def test_missing_file():
    with pytest.raises(InputError, match="no such file"):
        load_state(SHAPES / "nope.json")
