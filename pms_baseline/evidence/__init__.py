"""Evidence for auditors: which HIPAA safeguards a stack meets, by which resources and settings.

``pms-baseline evidence --state FILE [--gate-results FILE] [--verify-results FILE] --out DIR`` writes:

- ``index.html``: one self-contained, printable page (control matrix, findings, live checks, rules and
  evidence, inventory, a chart of results by citation);
- ``evidence.json``: the same content for machines, valid against ``evidence.schema.json`` (shipped
  beside it);
- ``manifest.json``: SHA-256 of every file of the bundle and of the input state.

Nothing secret leaves the state (``redact``); bad input is one line on stderr and exit 2, and leaves no
bundle.
The CLI wires ``add_evidence_parser`` and ``evidence_main`` into ``pms-baseline``.
"""

from __future__ import annotations

import argparse
import sys

from pms_baseline.evidence.bundle import BundleResult, build_bundle, verify_bundle

__all__ = ["BundleResult", "add_evidence_parser", "build_bundle", "evidence_main", "verify_bundle"]


def add_evidence_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``evidence`` command to ``pms-baseline``'s subparsers; its handler is ``evidence_main``."""
    p = subparsers.add_parser(
        "evidence",
        help="write an evidence bundle (HTML, JSON, manifest) from a state document",
        description="Judge a state document (a `pulumi stack export`, version 3 or 4, or a preview) and "
        "write an evidence bundle for auditors to DIR. DIR must not exist, be empty, or hold an earlier "
        "bundle (which is "
        "replaced); any other existing DIR is refused.",
    )
    p.add_argument("--state", required=True, help="state document: `pulumi stack export` output or a preview")
    p.add_argument("--gate-results", help="the gate's JSON report for this state (default: run the gate)")
    p.add_argument("--verify-results", help="the verify command's JSON report, for the live section")
    p.add_argument("--out", required=True, help="directory to write the bundle to")
    p.set_defaults(func=evidence_main)
    return p


def evidence_main(args: argparse.Namespace) -> int:
    """Write the bundle; return 0. Bad input raises ``InputError`` (the CLI prints it and exits 2)."""
    result = build_bundle(
        args.state, args.out, gate_results=args.gate_results, verify_results=args.verify_results
    )
    summary = result.model["summary"]
    print(
        f"wrote {result.path}: {summary['controls']} controls ({summary['met']} met, "
        f"{summary['partial']} partly met, {summary['not_met']} not met, "
        f"{summary['not_evidenced']} not evidenced, {summary['out_of_scope']} out of "
        f"scope), {summary['findings']} findings, {result.model['state']['resources']} resources "
        f"in {result.seconds:.2f}s",
        file=sys.stderr,
    )
    return 0
