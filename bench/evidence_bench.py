"""Benchmark: an evidence bundle for a 10,000-resource state, built in under 10 seconds (issue 7).

    .venv/bin/python bench/evidence_bench.py [--resources 10000] [--keep DIR] [--gate-results FILE]

The state is synthetic but realistic: one clinic of the baseline's resources (keys, network with flow logs, a
PHI database with its parameter and subnet groups, a records bucket with its public access block, encryption,
versioning, ownership and TLS policy, a secret, alarms, a backup vault, plan and selection) previewed once
under the offline preview's mocks, then repeated as N clinics, every name made unique, until the state has the
requested number of resources. The bundle is built exactly as ``pms-baseline evidence`` builds it, gate
included (unless ``--gate-results`` is given), and the figures are printed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synth import synthetic_state  # noqa: E402

TARGET_SECONDS = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--keep", help="write the state and the bundle under this directory and keep them")
    parser.add_argument("--gate-results", help="use this gate report instead of running the gate")
    args = parser.parse_args(argv)

    from pms_baseline.evidence import build_bundle

    started = time.perf_counter()
    doc, clinics = synthetic_state(args.resources)
    made = time.perf_counter() - started
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="evidence-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    state = work / "state.json"
    state.write_text(json.dumps(doc), encoding="utf-8")
    out = work / "bundle"
    result = build_bundle(state, out, gate_results=args.gate_results)
    sizes = {p.name: p.stat().st_size for p in out.iterdir()}
    leaked = any(
        f"bench-secret-clinic{i:04d}" in (out / name).read_text() for name in sizes for i in (0, clinics - 1)
    )
    print(
        f"state: {len(doc['deployment']['resources'])} resources ({clinics} clinics), "
        f"{state.stat().st_size / 1e6:.1f} MB, made in {made:.2f}s"
    )
    print(
        f"gate: {'--gate-results ' + args.gate_results if args.gate_results else 'run in process'}; "
        f"{result.model['summary']['findings']} findings"
    )
    print("bundle: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())))
    print(
        f"evidence bundle built in {result.seconds:.2f}s (target < {TARGET_SECONDS:.0f}s): "
        f"{'OK' if result.seconds < TARGET_SECONDS else 'TOO SLOW'}; "
        f"secrets leaked: {'YES' if leaked else 'no'}"
    )
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0 if result.seconds < TARGET_SECONDS and not leaked else 1


if __name__ == "__main__":
    sys.exit(main())
