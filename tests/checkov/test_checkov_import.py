"""The scanner imports less of checkov's dependencies (stand-ins until first use) and judges exactly the same."""

import json
import subprocess
import sys
import textwrap

import pytest

from pms_baseline import checkov_scan
from pms_baseline.checkov_scan import _Deferred
from pms_baseline.preview import preview_function
from pms_baseline.state import parse_document
from pms_baseline.tfplan import convert
from tests.checkov.programs import non_compliant


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package ``deferred_probe`` that counts how often its body runs."""
    (tmp_path / "deferred_probe").mkdir()
    (tmp_path / "deferred_probe" / "__init__.py").write_text(
        "import builtins\nbuiltins.deferred_probe_runs = getattr(builtins, 'deferred_probe_runs', 0) + 1\n"
        "VALUE = 7\nsetting = None\n")
    (tmp_path / "deferred_probe" / "part.py").write_text("PART = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import builtins

    monkeypatch.setattr(builtins, "deferred_probe_runs", 0, raising=False)
    for name in ("deferred_probe", "deferred_probe.part"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setitem(sys.modules, "deferred_probe", _Deferred("deferred_probe"))
    return builtins


def test_a_stand_in_loads_its_package_on_first_use_only(package):
    import deferred_probe

    assert package.deferred_probe_runs == 0  # ``import`` bound the stand-in, ran nothing
    assert deferred_probe.VALUE == 7
    assert package.deferred_probe_runs == 1
    assert type(sys.modules["deferred_probe"]) is not _Deferred
    deferred_probe.setting = "on"  # a write through the stand-in reaches the package
    assert sys.modules["deferred_probe"].setting == "on"
    assert deferred_probe.VALUE == 7 and package.deferred_probe_runs == 1


def test_a_stand_in_serves_from_imports_and_submodules(package):
    from deferred_probe import VALUE
    from deferred_probe.part import PART

    assert (VALUE, PART, package.deferred_probe_runs) == (7, 1, 1)


@pytest.mark.slow
def test_a_fresh_scanner_with_stand_ins_judges_as_checkov_fully_imported(tmp_path):
    """In a fresh interpreter (nothing imported before checkov, as in ``pms-baseline gate``) the scanner process
    defers ``DEFERRED``; its records equal those of this process, where checkov is imported whole."""
    plan = convert(parse_document(preview_function(non_compliant)))
    (tmp_path / "plan.json").write_text(json.dumps(plan.document))
    script = textwrap.dedent(f"""
        import json, sys
        from pms_baseline import checkov_scan
        document = json.load(open({str(tmp_path / "plan.json")!r}))
        scanner = checkov_scan.Scanner(2)
        [(records, reads)] = scanner.scan([document], frozenset({sorted(plan.unknown)!r}))
        print(json.dumps({{"records": records, "reads": sorted(map(list, reads)),
                          "preloaded": sorted(n for n in checkov_scan.DEFERRED if n in sys.modules)}}))
    """)
    out = json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                                    timeout=300).stdout)
    assert out["preloaded"] == []  # the deferring was exercised: the scanner's parent had none of them
    checkov_scan.import_checkov()
    records, reads = checkov_scan.scan_batch(plan.document, 0, frozenset(plan.unknown))
    assert sorted(map(_key, out["records"])) == sorted(map(_key, records))
    assert out["reads"] == sorted(map(list, reads))
    assert len(records) > 40


def _key(record):
    """A record comparable across processes: graph checks list their evaluated keys in an order that differs
    between processes (``checkov_bridge._message`` sorts them for the same reason)."""
    outcome, check_id, name, address, keys, guideline, resource_check = record
    return outcome, check_id, name, address, tuple(sorted(keys)), guideline, resource_check
