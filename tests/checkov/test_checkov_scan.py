"""checkov on the plan in memory, batches in parallel processes: exactly the results of checkov reading the plan
file itself, and exactly those of one process."""

import json

import pytest

from bench.synth import synthetic_state
from pms_baseline import checkov_bridge, checkov_scan
from pms_baseline.checkov_bridge import batches, run_plan
from pms_baseline.preview import preview_function
from pms_baseline.state import parse_document
from pms_baseline.tfplan import convert
from tests.checkov.programs import non_compliant

pytestmark = pytest.mark.slow


def _key(results):
    return [(r.check_id, r.address, r.result, sorted(r.evaluated_keys), r.guideline, r.skip_reason, r.unknown)
            for r in results]


@pytest.fixture(scope="module")
def non_compliant_plan():
    return convert(parse_document(preview_function(non_compliant)))


@pytest.fixture(scope="module")
def multi_batch_plan():
    doc, clinics = synthetic_state(150, violations=0.5)
    plan = convert(parse_document(doc))
    assert len(batches(plan.document, limit=40)) >= 4 and clinics >= 4
    return plan


def test_parallel_workers_give_exactly_the_results_of_one_process(non_compliant_plan, multi_batch_plan):
    for plan, limit in ((non_compliant_plan, 10), (non_compliant_plan, 250), (multi_batch_plan, 40)):
        single, _ = run_plan(plan, limit=limit, workers=1)
        parallel, _ = run_plan(plan, limit=limit, workers=3)
        assert [(r.check_id, r.address) for r in parallel] == [(r.check_id, r.address) for r in single]
        assert parallel == single
    assert any(r.result == "failed" and r.check_id == "CKV2_AWS_6" for r in single)


def test_warm_scanner_is_used_once_and_gives_the_same_results(non_compliant_plan):
    single, _ = run_plan(non_compliant_plan, workers=1)
    checkov_bridge.warm_up()
    if checkov_scan.cpus() > 1:
        assert checkov_bridge._warm is not None
    warm, _ = run_plan(non_compliant_plan)
    assert checkov_bridge._warm is None
    assert warm == single


def test_in_memory_definitions_judge_as_checkov_reading_the_file(tmp_path, non_compliant_plan, multi_batch_plan):
    """checkov's own path (the plan written, read back by its YAML loader) and ours give the same records."""
    from checkov.runner_filter import RunnerFilter
    from checkov.terraform.plan_runner import Runner

    checkov_scan.import_checkov()
    for plan in (non_compliant_plan, multi_batch_plan):
        path = tmp_path / "plan.json"
        path.write_text(json.dumps(plan.document))
        report = Runner().run(root_folder=None, files=[str(path)],
                              runner_filter=RunnerFilter(framework=["terraform_plan"], download_external_modules=False))
        from_file = sorted((outcome, r.check_id, r.resource_address, sorted((r.check_result or {}).get(
            "evaluated_keys") or ())) for outcome, found in (("passed", report.passed_checks), (
                "failed", report.failed_checks), ("skipped", report.skipped_checks)) for r in found)
        records, _ = checkov_scan.scan_batch(plan.document, 0, frozenset())
        in_memory = sorted((outcome, check_id, address, sorted(keys))
                           for outcome, check_id, _, address, keys, _, _ in records)
        assert in_memory == from_file
        assert len(in_memory) > 40


def test_a_scanner_that_fails_is_reported_not_hung():
    scanner = checkov_scan.Scanner(2)
    with pytest.raises(RuntimeError, match="checkov failed in its scanner process"):
        scanner.scan([{"planned_values": {}}, {"planned_values": {}}], frozenset())


def test_a_worker_that_dies_fails_the_scan(monkeypatch):
    import os

    def dies(document, index, watched):
        os._exit(9)

    monkeypatch.setattr(checkov_scan, "scan_batch", dies)  # the scanner's workers inherit it when forked
    scanner = checkov_scan.Scanner(2)
    with pytest.raises(RuntimeError, match="checkov failed in its scanner process: BrokenProcessPool"):
        scanner.scan([{"planned_values": {}}, {"planned_values": {}}], frozenset())


def test_a_gate_that_fails_before_its_scan_leaves_no_scanner_behind(tmp_path):
    from pms_baseline.cli import main

    assert main(["gate", "--state", str(tmp_path / "missing.json")]) == 2
    stale = checkov_bridge._warm
    checkov_bridge.warm_up()  # the next gate stops the one the failed gate started, and starts its own
    fresh = checkov_bridge._warm
    try:
        if checkov_scan.cpus() > 1:
            assert stale is not None and not stale._process.is_alive() and fresh is not stale
    finally:
        checkov_bridge._warm = None
        if fresh is not None:
            fresh.close()
            assert not fresh._process.is_alive()
