"""checkov on converted plans: expected checks fail, graph checks resolve, nothing goes online."""

import json
import subprocess
import sys

import pytest

from pms_baseline.checkov_bridge import run_plan
from pms_baseline.checkov_policy import SKIPS
from pms_baseline.loader import load_state
from pms_baseline.preview import preview_function
from pms_baseline.state import parse_document
from pms_baseline.tfplan import convert
from tests.checkov.programs import non_compliant, public_access_blocks
from tests.helpers import REPO_ROOT

pytestmark = pytest.mark.slow


def _results(body):
    results, _ = run_plan(convert(parse_document(preview_function(body))))
    return {(r.check_id, r.address): r for r in results}


@pytest.fixture(scope="module")
def detail():
    return _results(non_compliant)


@pytest.fixture(scope="module")
def violations(detail):
    return {k: r.result for k, r in detail.items()}


@pytest.mark.parametrize(
    "check_id, address",
    [
        ("CKV_AWS_16", "aws_db_instance.plain_db"),  # storage not encrypted
        ("CKV2_AWS_6", "aws_s3_bucket.open_bucket"),  # no public access block
        ("CKV_AWS_24", "aws_security_group.ssh_world"),  # 0.0.0.0/0 on port 22
        ("CKV_AWS_36", "aws_cloudtrail.no_validation"),  # log file validation off
    ],
)
def test_non_compliant_resource_fails_the_expected_check(violations, check_id, address):
    assert violations[(check_id, address)] == "failed"


@pytest.mark.parametrize(
    "check_id, address",
    [
        ("CKV_AWS_17", "aws_db_instance.plain_db"),  # not publicly accessible: passes
        ("CKV_AWS_67", "aws_cloudtrail.no_validation"),  # multi-region: passes
        ("CKV_AWS_25", "aws_security_group.ssh_world"),  # RDP not open: passes
    ],
)
def test_compliant_settings_pass(violations, check_id, address):
    assert violations[(check_id, address)] == "passed"


def test_skip_applies_only_to_the_named_resource(detail):
    skipped = detail[("CKV_AWS_145", "aws_s3_bucket.edge_alb_logs")]
    assert (skipped.result, skipped.skip_reason) == ("skipped", SKIPS["CKV_AWS_145"].reason)
    assert detail[("CKV_AWS_145", "aws_s3_bucket.open_bucket")].result == "failed"


@pytest.fixture(scope="module")
def blocks():
    return {k: r.result for k, r in _results(public_access_blocks).items()}


@pytest.mark.parametrize(
    "address, expected",
    [
        ("aws_s3_bucket.referenced", "passed"),
        ("aws_s3_bucket.literal", "failed"),
        ("aws_s3_bucket.bare", "failed"),
    ],
)
def test_public_access_block_graph_check_needs_a_reference(blocks, address, expected):
    assert blocks[("CKV2_AWS_6", address)] == expected


OFFLINE_SCRIPT = r"""
import json, os, socket, sys
attempts = []
def refuse(*args, **kwargs):
    attempts.append(repr(args[1:] if args and isinstance(args[0], socket.socket) else args)[:200])
    raise OSError("network disabled by test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from pms_baseline.checkov_bridge import run_plan
from pms_baseline.checkov_policy import SKIPS
from pms_baseline.preview import preview_function
from pms_baseline.loader import load_state
from pms_baseline.state import parse_document
from pms_baseline.tfplan import convert
from tests.checkov.programs import non_compliant
results, seconds = run_plan(convert(parse_document(preview_function(non_compliant))))
failed = sorted({r.check_id for r in results if r.result == "failed"})
env = {k: os.environ.get(k) for k in ("BC_SKIP_MAPPING", "CKV_NO_DOWNLOAD", "BC_API_KEY")}
print(json.dumps({"attempts": attempts, "failed": failed, "env": env}))
"""


def test_scan_runs_with_networking_unavailable():
    """A fresh interpreter with every socket connect refused: the scan works and never tries to connect."""
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "BC_API_KEY": "must-be-dropped"}
    proc = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["attempts"] == []
    assert {"CKV_AWS_16", "CKV2_AWS_6", "CKV_AWS_24", "CKV_AWS_36"} <= set(report["failed"])
    assert report["env"] == {"BC_SKIP_MAPPING": "TRUE", "CKV_NO_DOWNLOAD": "TRUE", "BC_API_KEY": None}


def test_real_export_bucket_and_its_block_are_connected():
    results, _ = run_plan(
        convert(load_state(REPO_ROOT / "tests" / "fixtures" / "exports" / "clinic-prod-v3.json"))
    )
    outcome = {(r.check_id, r.address): r.result for r in results}
    assert outcome[("CKV2_AWS_6", "aws_s3_bucket.records")] == "passed"
    assert outcome[("CKV_AWS_16", "aws_db_instance.clinic_db")] == "passed"


def test_batched_scan_gives_exactly_the_results_of_one_run():
    """A large plan is scanned in batches closed under references; every check (graph checks included, such as
    a bucket and its public access block) reaches the same verdict on the same resource as in one run."""
    from bench.synth import synthetic_state
    from pms_baseline.checkov_bridge import batches, run_plan

    doc, clinics = synthetic_state(150, violations=0.5)
    plan = convert(parse_document(doc))
    parts = batches(plan.document, limit=60)
    assert len(parts) >= 3 and clinics >= 3
    addresses = [r["address"] for p in parts for r in p["planned_values"]["root_module"]["resources"]]
    assert sorted(addresses) == sorted(plan.resources)  # every resource in exactly one batch
    for part in parts:  # no reference leaves its batch
        inside = {r["address"] for r in part["planned_values"]["root_module"]["resources"]}
        for c in part["configuration"]["root_module"]["resources"]:
            refs = {".".join(x.split(".")[:2]) for x in json.dumps(c["expressions"]).split('"') if x.count(".") >= 1
                    and x.split(".")[0].startswith("aws_")}
            assert refs <= inside
    whole, _ = run_plan(plan, limit=100_000)
    batched, _ = run_plan(plan, limit=60)
    key = [(r.check_id, r.address, r.result) for r in whole]
    assert [(r.check_id, r.address, r.result) for r in batched] == key
    assert any(r.check_id == "CKV2_AWS_6" and r.result == "failed" for r in whole)


def test_a_failed_checks_message_reads_the_same_whatever_order_checkov_lists_its_keys():
    """checkov's graph checks list their evaluated keys in an order that differs between processes; the message
    (and so the finding, and its SARIF fingerprint) must not."""
    from pms_baseline.checkov_bridge import CheckResult, _message

    keys = ("block_public_policy", "block_public_acls", "restrict_public_buckets", "ignore_public_acls")
    messages = {_message(CheckResult("CKV2_AWS_6", "Ensure that S3 bucket has a Public Access block", "a.b",
                                     "failed", evaluated_keys=order), {})
                for order in (keys, tuple(reversed(keys)), keys[1:] + keys[:1])}
    assert len(messages) == 1, messages
