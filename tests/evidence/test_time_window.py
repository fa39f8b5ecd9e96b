"""The time window at the top of the bundle: when the state was made, when the gate and the live checks ran, when
the bundle was written; what is not known is said to be so."""

import json
from html.parser import HTMLParser

from tests.evidence.common import EXPORTS, GATE, VERIFY, bound, load, run_cli

STATE = EXPORTS / "clinic-prod-v3.json"
GATE_TIME, VERIFY_TIME = "2024-05-02T18:03:11+00:00", "2024-05-03T09:15:42+00:00"


def _timed(report, state, folder, generated):
    """``report`` bound to ``state``, written at ``generated`` (as the commands record it)."""
    path = bound(report, state, folder)
    path.write_text(json.dumps({**load(path), "generated": generated}))
    return path


def _bundle(tmp_path, state=STATE, gate=True, verify=True):
    argv = ["evidence", "--state", str(state), "--out", str(tmp_path / "bundle")]
    if gate:
        argv += ["--gate-results", str(_timed(GATE, state, tmp_path, GATE_TIME))]
    if verify:
        argv += ["--verify-results", str(_timed(VERIFY, state, tmp_path, VERIFY_TIME))]
    assert run_cli(argv) == 0
    return load(tmp_path / "bundle" / "evidence.json"), (tmp_path / "bundle" / "index.html").read_text()


class _Rows(HTMLParser):
    """The rows of the window table, and the order of the page's headings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, str] = {}
        self.headings: list[str] = []
        self._row = self._heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and (attrs.get("id") or "").startswith("window-"):
            self._row = attrs["id"].removeprefix("window-")
            self.rows[self._row] = ""
        if tag in ("h1", "h2"):
            self._heading = tag
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None
        if tag in ("h1", "h2"):
            self._heading = None

    def handle_data(self, data):
        if self._row:
            self.rows[self._row] += data
        if self._heading:
            self.headings[-1] += data


def _parse(html):
    rows = _Rows()
    rows.feed(html)
    return rows


def test_every_moment_comes_from_its_input(tmp_path):
    model, html = _bundle(tmp_path)
    window = model["time_window"]
    assert window == {
        "state": {"time": "2024-05-02T17:40:12.774412Z", "source": "the state's manifest (deployment.manifest.time)"},
        "gate": {"time": GATE_TIME, "source": "the gate report given with --gate-results"},
        "verify": {"time": VERIFY_TIME, "source": "the verify report given with --verify-results"},
        "generated": {"time": model["generated"], "source": "this bundle"},
    }
    rows = _parse(html).rows
    assert list(rows) == ["state", "gate", "verify", "generated"]
    assert rows["state"].startswith("State exported or previewed2024-05-02T17:40:12.774412Z")
    assert rows["verify"] == ("Live checks ran (verify)2024-05-03T09:15:42+00:00 (the verify report given with "
                              "--verify-results)")


def test_the_window_is_the_first_section_of_the_page(tmp_path):
    _, html = _bundle(tmp_path)
    assert _parse(html).headings[:3] == ["HIPAA evidence: pms-clinic / prod", "Time window", "Summary"]


def test_absent_moments_are_said_to_be_absent(tmp_path):
    doc = json.loads(STATE.read_text())
    del doc["deployment"]["manifest"]["time"]
    state = tmp_path / "no-time.json"
    state.write_text(json.dumps(doc))
    model, html = _bundle(tmp_path, state, gate=False, verify=False)
    window = model["time_window"]
    assert window["state"] is None and window["verify"] is None
    assert window["gate"]["source"] == "the gate run for this bundle"
    assert window["gate"]["time"][:10] == window["generated"]["time"][:10]
    rows = _parse(html).rows
    assert rows["state"] == "State exported or previewednot recorded in the state's manifest"
    assert rows["verify"] == ("Live checks ran (verify)not given: no --verify-results, so no live check is in this "
                              "bundle")
