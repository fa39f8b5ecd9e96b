"""The evidence benchmark runs and reports on a small state (bench/evidence_bench.py runs 10,000)."""

import importlib.util

from tests.helpers import REPO_ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("evidence_bench", REPO_ROOT / "bench" / "evidence_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_state_repeats_the_clinic_with_unique_names():
    doc, clinics = _bench().synthetic_state(200)
    resources = doc["deployment"]["resources"]
    urns = [r["urn"] for r in resources]
    assert len(urns) == len(set(urns)) >= 200
    assert clinics == 6
    assert sum(1 for r in resources if r["type"] == "aws:rds/instance:Instance") == clinics


def test_bench_prints_its_figures(tmp_path, capsys):
    # The gate runs in process: a hand-made `{"findings": [], "summary": {"passed": true}}` is refused now.
    assert _bench().main(["--resources", "120", "--keep", str(tmp_path / "w")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("state: 146 resources (4 clinics)")
    assert lines[1].startswith("gate: run in process;")
    assert lines[-1].startswith("evidence bundle built in ") and lines[-1].endswith("OK; secrets leaked: no")
    assert sorted(p.name for p in (tmp_path / "w" / "bundle").iterdir()) == [
        "evidence.json",
        "evidence.schema.json",
        "index.html",
        "manifest.json",
    ]
