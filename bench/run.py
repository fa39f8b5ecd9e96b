"""How each stage grows with the work: wall time and peak memory of preview, the gate (with and without
checkov), checkov alone, evidence and verify, on synthetic states of growing size, in one run on one machine.

    .venv/bin/python bench/run.py [--quick] [--sizes 1000,10000,50000] [--violations 0.1]

Every measurement runs in a fresh Python process, so its peak memory (VmHWM) is that stage's alone; the
time is measured inside the process around the stage (imports excluded, file reading included). States are
N clinics of the baseline's resources (bench/synth.py) with a fraction of clinics carrying violations.
``--quick`` uses small sizes and one round of the side-by-side comparison (bench/side_by_side.py: whole
processes, checkov alone against the gate; the full run takes the median of three rounds).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FULL_SIZES = (1_000, 10_000, 50_000)
QUICK_SIZES = (500, 2_500)
FULL_PREVIEW = (1_000, 10_000)
QUICK_PREVIEW = (250, 1_000)
FULL_VERIFY = (100, 1_000)
QUICK_VERIFY = (20, 200)


# --- stages: each runs in its own process and prints one JSON line ------------------------------------------

def stage_preview(size: int, _work: Path) -> dict:
    from bench.synth import clinics_program, synthetic_state
    from pms_baseline.preview import preview_function

    _, clinics = synthetic_state(size)  # how many clinics make ``size`` resources
    # One clinic previewed first: pulumi_aws imports a resource's module when a program first uses it (0.6 s for
    # a clinic's), and the in-process figures time the work, not the imports.
    preview_function(clinics_program(1), stack="prod", project="pms-baseline")
    started = time.perf_counter()
    doc = preview_function(clinics_program(clinics), stack="prod", project="pms-baseline")
    return {"seconds": time.perf_counter() - started, "resources": len(doc["deployment"]["resources"])}


def _pack_imported() -> None:
    """Import the pack's rule modules (the catalogue loads them on first use) before a stage's clock starts, as
    the checkov stages import checkov first: the in-process figures time the work, not the imports."""
    from pms_baseline_pack.rules import catalogue

    catalogue()


def _gate(size: int | str, work: Path, checkov: bool) -> dict:
    from pms_baseline.gate import run_gate
    from pms_baseline.loader import load_state

    _pack_imported()
    started = time.perf_counter()
    report = run_gate(load_state(work / f"state-{size}.json"), checkov=checkov)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "resources": report.resources, "findings": len(report.findings),
            "mandatory": report.mandatory, "checkov_seconds": report.timings.get("checkov_seconds", 0.0)}


def stage_gate_checkov_one_cpu(size: int | str, work: Path) -> dict:
    """The gate with checkov's batches one after another in this process, as before they ran in parallel."""
    from pms_baseline import checkov_scan

    checkov_scan.cpus = lambda: 1
    checkov_scan.import_checkov()
    return _gate(size, work, checkov=True)


def stage_gate(size: int, work: Path) -> dict:
    return _gate(size, work, checkov=False)


def stage_gate_checkov(size: int | str, work: Path) -> dict:
    # Import checkov before the clock starts, as stage_checkov does: both time the work, not the imports.
    import checkov.runner_filter  # noqa: F401
    import checkov.terraform.plan_runner  # noqa: F401

    return _gate(size, work, checkov=True)


def stage_checkov(size: int | str, work: Path) -> dict:
    """checkov by itself on the converted plan file, as a user runs it on a Terraform plan."""
    from checkov.runner_filter import RunnerFilter
    from checkov.terraform.plan_runner import Runner

    from pms_baseline.checkov_bridge import go_offline

    go_offline()
    started = time.perf_counter()
    report = Runner().run(root_folder=None, files=[str(work / f"plan-{size}.json")],
                          runner_filter=RunnerFilter(framework=["terraform_plan"], download_external_modules=False))
    report = report[0] if isinstance(report, list) else report
    return {"seconds": time.perf_counter() - started, "findings": len(report.failed_checks),
            "checks": len(report.passed_checks) + len(report.failed_checks) + len(report.skipped_checks)}


def stage_evidence_gc_on(size: int, work: Path) -> dict:
    """Evidence with the cyclic collector left on (``perf.gc_paused`` made a no-op): what the pause is worth."""
    import contextlib

    from pms_baseline import perf

    perf.gc_paused = contextlib.nullcontext
    return stage_evidence(size, work)


def stage_evidence(size: int, work: Path) -> dict:
    import shutil

    from pms_baseline.evidence import build_bundle

    out = work / f"bundle-{size}"
    shutil.rmtree(out, ignore_errors=True)
    _pack_imported()
    started = time.perf_counter()
    result = build_bundle(work / f"state-{size}.json", out)
    return {"seconds": time.perf_counter() - started, "findings": result.model["summary"]["findings"]}


def stage_verify(size: int, work: Path) -> dict:
    """verify on the emulated prod stack plus ``size`` buckets and size/5 security groups (moto in process)."""
    import boto3
    import moto

    from bench.verify_scale import REGION, add_scale  # importing it sets the fake credentials moto needs
    from pms_baseline.emulate import realize
    from pms_baseline.live.runner import verify
    from pms_baseline.state import parse_document

    doc = json.loads((work / "prod.json").read_text())
    with moto.mock_aws():
        session = boto3.Session(region_name=REGION)
        realized = realize(doc, session=session, region=REGION)
        add_scale(session, size, size // 5)
        started = time.perf_counter()
        result = verify(session=session, regions=[REGION], state=parse_document(realized.document))
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "resources": result.resources, "findings": len(result.findings),
            "api_calls": result.api_calls}


def stage_prepare(sizes: str, work: Path) -> dict:
    """Write the states and plans (in a child, so the parent stays small: a child's ru_maxrss starts from it)."""
    counts = prepare(work, tuple(int(x) for x in str(sizes).split("+")), float(os.environ["PMS_BENCH_VIOLATIONS"]))
    return {"seconds": 0.0, "counts": {str(k): v for k, v in counts.items()}}


STAGES = {"preview": stage_preview, "gate": stage_gate, "checkov": stage_checkov,
          "gate+checkov": stage_gate_checkov, "gate+checkov/1cpu": stage_gate_checkov_one_cpu,
          "evidence": stage_evidence, "evidence/gc-on": stage_evidence_gc_on, "verify": stage_verify,
          "prepare": stage_prepare}


def _peak_mib() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a
    child would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(name: str, size: int, work: Path) -> None:
    out = STAGES[name](size, work)
    # The largest process: this one, or one of the checkov workers it started (each counted whole).
    out["peak_mib"] = max(_peak_mib(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    print(json.dumps(out))


def measure(name: str, size: int | str, work: Path) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--stage", name, "--size", str(size), "--work", str(work)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"bench: stage {name} at {size} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- the run --------------------------------------------------------------------------------------------------

def prepare(work: Path, sizes: tuple[int, ...], violations: float) -> dict[int, int]:
    """Write state-N.json and plan-N.json for each size, and prod.json; return the real resource counts."""
    from bench.synth import synthetic_state
    from pms_baseline.checkov_bridge import convert
    from pms_baseline.preview import preview
    from pms_baseline.state import parse_document

    counts = {}
    for size in sizes:
        doc, _ = synthetic_state(size, violations)
        (work / f"state-{size}.json").write_text(json.dumps(doc))
        (work / f"plan-{size}.json").write_text(convert(parse_document(doc)).text())
        counts[size] = len(doc["deployment"]["resources"])
    prod = preview(ROOT, "prod").document
    (work / "prod.json").write_text(json.dumps(prod))
    (work / "state-prod.json").write_text(json.dumps(prod))
    (work / "plan-prod.json").write_text(convert(parse_document(prod)).text())
    return counts


STAGE_TARGETS = {"preview": (10_000, 10.0, 400.0), "evidence": (10_000, 1.5, None)}
"""Issue 20's in-process targets: stage -> (size, seconds at most, peak MiB at most or None)."""


def stage_targets(rows: dict[tuple[str, int | str], dict]) -> list[str]:
    """Each in-process target with this run's figure and its verdict, or that this run did not measure it."""
    lines = ["targets (in-process stages)"]
    for name, (size, seconds, mib) in STAGE_TARGETS.items():
        r = rows.get((name, size))
        if r is None:
            lines.append(f"  {name} at {size} resources: not measured in this run (its sizes do not include {size})")
            continue
        verdicts = [f"{r['seconds']:.2f} s (target <= {seconds:g} s: {'met' if r['seconds'] <= seconds else 'MISSED'})"]
        if mib is not None:
            verdicts.append(f"{r['peak_mib']:.0f} MiB peak (target <= {mib:g} MiB: "
                            f"{'met' if r['peak_mib'] <= mib else 'MISSED'})")
        lines.append(f"  {name} at {size} resources: {', '.join(verdicts)}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one side-by-side round")
    parser.add_argument("--rounds", type=int, help="side-by-side rounds, median taken (default 3; --quick 1)")
    parser.add_argument("--compare", help="side-by-side targets: prod and/or sizes (default prod,10000; --quick prod)")
    parser.add_argument("--sizes", help="comma-separated state sizes in resources (default 1000,10000,50000)")
    parser.add_argument("--violations", type=float, default=0.1, help="fraction of clinics with violations")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--size", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        _child(args.stage, int(args.size) if args.size.isdigit() else args.size, Path(args.work))
        return 0

    sizes = tuple(int(x) for x in args.sizes.split(",")) if args.sizes else (QUICK_SIZES if args.quick else FULL_SIZES)
    preview_sizes = QUICK_PREVIEW if args.quick else FULL_PREVIEW
    verify_sizes = QUICK_VERIFY if args.quick else FULL_VERIFY
    rounds = args.rounds or (1 if args.quick else 3)
    compared = args.compare.split(",") if args.compare else (["prod"] if args.quick else ["prod", "10000"])
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="pms-bench-"))
    os.environ["PMS_BENCH_VIOLATIONS"] = str(args.violations)
    wanted = sorted({*sizes, *(int(t) for t in compared if t.isdigit())})
    counts = {int(k): v for k, v in measure("prepare", "+".join(map(str, wanted)), work)["counts"].items()}
    print(f"pms-baseline benchmarks, {time.strftime('%Y-%m-%d')}, {platform.machine()} {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, violations in {args.violations:.0%} of clinics, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    print(f"{'stage':<17} {'size':>8} {'resources':>9} {'seconds':>8} {'peak MiB':>9} {'findings':>8} "
          f"{'per second':>11}")
    rows: dict[tuple[str, int | str], dict] = {}

    def row(name: str, size: int | str, label: str | int = "") -> dict:
        r = measure(name, size, work)
        rows[(name, size)] = r
        resources = r.get("resources") or counts.get(size, "")  # type: ignore[call-overload]
        findings = r.get("findings", "")
        rate = f"{findings / r['seconds']:.0f} f/s" if findings and name != "preview" else (
            f"{resources / r['seconds']:.0f} r/s" if name == "preview" else "")
        extra = f"  ({r['api_calls']} API calls)" if "api_calls" in r else ""
        print(f"{name:<17} {label or size!s:>8} {resources!s:>9} {r['seconds']:>8.2f} {r['peak_mib']:>9.0f} "
              f"{findings!s:>8} {rate:>11}{extra}", flush=True)
        return r

    for size in preview_sizes:
        row("preview", size)
    small = [size for size in sizes if size <= 10_000]
    for name, stage_sizes in (("gate", sizes), ("checkov", sizes), ("gate+checkov", sizes),
                              ("gate+checkov/1cpu", small), ("evidence", sizes), ("evidence/gc-on", small[-1:])):
        for size in stage_sizes:
            row(name, size)
    prod_checkov = row("checkov", "prod", "prod")
    prod_gate = row("gate+checkov", "prod", "prod")
    for size in verify_sizes:
        row("verify", size, f"+{size}b")

    print()
    from bench.side_by_side import compare, report

    print("\n".join(report({target: compare(work, target, rounds, ROOT) for target in compared}, rounds)))
    print()
    print("ratios (in-process stages: work only, imports excluded)")
    print(f"  gate with checkov / checkov alone, prod stack: {prod_gate['seconds'] / prod_checkov['seconds']:.2f}")
    for size in sizes:
        g, c = rows[("gate+checkov", size)], rows[("checkov", size)]
        print(f"  gate with checkov / checkov alone, {size} resources: {g['seconds'] / c['seconds']:.2f}")
    for size in small:
        one, par = rows[("gate+checkov/1cpu", size)], rows[("gate+checkov", size)]
        print(f"  gate with checkov, batches on one CPU / on every CPU, {size} resources: "
              f"{one['seconds'] / par['seconds']:.2f}")
    for size in small[-1:]:
        on, off = rows[("evidence/gc-on", size)], rows[("evidence", size)]
        print(f"  evidence, collector on / paused, {size} resources: {on['seconds']:.2f} s / {off['seconds']:.2f} s")
    for name, stage_sizes in [("preview", preview_sizes), ("gate", sizes), ("checkov", sizes),
                              ("gate+checkov", sizes), ("evidence", sizes), ("verify", verify_sizes)]:
        for low, high in zip(stage_sizes, stage_sizes[1:], strict=False):
            ratio = rows[(name, high)]["seconds"] / rows[(name, low)]["seconds"]
            print(f"  {name}: time({high}) / time({low}) = {ratio:.1f} (work x{high / low:.0f})")
    print()
    print("\n".join(stage_targets(rows)))
    print(f"total {time.perf_counter() - started:.0f} s")
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
