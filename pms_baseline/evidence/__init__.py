"""Evidence for auditors: which HIPAA safeguards a stack meets, by which resources and settings.

``pms-baseline evidence --state FILE [--gate-results FILE] [--verify-results FILE] --out DIR [--pdf FILE]``
writes:

- ``index.html``: one self-contained, printable page (the time window, control matrix, findings, live checks,
  exceptions, rules and their evidence as sentences, inventory, a chart of results by citation); with ``--pdf``,
  the same page printed to FILE by headless Chromium (``pdf``);
- ``evidence.json``: the same content for machines, valid against ``evidence.schema.json`` (shipped
  beside it);
- ``manifest.json``: SHA-256 of every file of the bundle, of the input state and of the results files with
  what they are bound to; with ``--sign-key KEY.pem``, ``manifest.sig`` signs it (Ed25519);
- ``baa-agreement.pdf``, with ``--baa-agreement FILE``: the AWS BAA downloaded from AWS Artifact, its SHA-256
  in the manifest (``inputs.baa_agreement``) and in the page's "Business associates" section.

``pms-baseline evidence verify DIR [--public-key PUB.pem] [--state FILE]`` checks a bundle: exit 0 when it
verifies, 1 when anything differs (or it is unsigned and a public key was given), 2 for bad input.

Nothing secret leaves the state (``redact``); results not bound to the state are refused (``reports``); bad
input is one line on stderr and exit 2, and leaves no bundle.
The CLI wires ``add_evidence_parser`` into ``pms-baseline``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pms_baseline.errors import InputError

__all__ = [
    "BundleCheck",
    "BundleResult",
    "add_evidence_parser",
    "build_bundle",
    "check_bundle",
    "evidence_main",
    "verify_bundle",
]

_FROM = {"BundleResult": "bundle", "build_bundle": "bundle", "BundleCheck": "check", "check_bundle": "check",
         "verify_bundle": "check"}
"""Names imported from their modules when first asked for: the command line adds this command's parser on every
run, and a gate need not import the bundle's writing and signing (cryptography) to do so."""


def __getattr__(name: str) -> Any:
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def add_evidence_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``evidence`` command to ``pms-baseline``'s subparsers; its handler is ``evidence_main``."""
    p = subparsers.add_parser(
        "evidence",
        help="write an evidence bundle (HTML, JSON, manifest) from a state document",
        description="Judge a state document (a `pulumi stack export`, version 3 or 4, or a preview) and "
        "write an evidence bundle for auditors to DIR. DIR must not exist, be empty, or hold an earlier "
        "bundle (which is "
        "replaced); any other existing DIR is refused. Results given with --gate-results or --verify-results "
        "must be about this state (its SHA-256), from this version. Check a bundle with "
        "`pms-baseline evidence verify DIR --public-key PUB.pem`.",
    )
    p.add_argument("--state", help="state document: `pulumi stack export` output or a preview (required)")
    p.add_argument("--gate-results", help="`gate --format json` report of this state (default: run the gate)")
    p.add_argument("--verify-results", help="`verify --state STATE --format json` report, for the live section")
    p.add_argument("--out", help="directory to write the bundle to (required)")
    p.add_argument("--sign-key", metavar="KEY.pem", help="Ed25519 private key (PEM) to sign the manifest with; "
                   "an encrypted key's password is read from $PMS_BASELINE_SIGN_KEY_PASSWORD")
    p.add_argument("--baa-agreement", metavar="FILE", help="the accepted AWS Business Associate Addendum (the PDF "
                   "AWS Artifact downloads), copied into the bundle with its SHA-256 in the manifest")
    p.add_argument("--exceptions", metavar="FILE", help="waivers for the gate the bundle runs (as `gate --exceptions` "
                   "takes them; default: the .pms-baseline.yaml `gate --state` finds); not with --gate-results")
    p.add_argument("--pdf", metavar="FILE", help="also print the bundle's page to FILE as PDF with headless Chromium "
                   "(exit 2, nothing written, when no Chromium is on PATH)")
    p.set_defaults(func=evidence_main)
    sub = p.add_subparsers(dest="evidence_command", metavar="verify", title="checking a bundle")
    v = sub.add_parser(
        "verify",
        help="check a bundle's files against its manifest, and the manifest against its signature",
        description="Check every file of the evidence bundle DIR against its manifest and, with --public-key, "
        "the manifest against its signature. Exit 0: verified; 1: something differs, or the bundle is unsigned "
        "and --public-key was given; 2: bad input.",
    )
    v.add_argument("bundle", metavar="DIR", help="the bundle's directory")
    v.add_argument("--public-key", metavar="PUB.pem", help="the signer's Ed25519 public key (PEM)")
    v.add_argument("--state", dest="bundle_state", metavar="FILE", help="also check the input state's SHA-256")
    v.set_defaults(func=evidence_verify_main)
    return p


def evidence_main(args: argparse.Namespace) -> int:
    """Write the bundle; return 0. Bad input raises ``InputError`` (the CLI prints it and exits 2)."""
    missing = [flag for flag, value in (("--state", args.state), ("--out", args.out)) if not value]
    if missing:
        raise InputError(f"pms-baseline evidence: the following arguments are required: {', '.join(missing)}")
    from pms_baseline.evidence.bundle import build_bundle

    result = build_bundle(
        args.state,
        args.out,
        gate_results=args.gate_results,
        verify_results=args.verify_results,
        sign_key=args.sign_key,
        baa_agreement=args.baa_agreement,
        pdf=args.pdf,
        exceptions=args.exceptions,
    )
    summary = result.model["summary"]
    print(
        f"wrote {result.path}: {summary['controls']} controls ({summary['met']} met, "
        f"{summary['partial']} partly met, {summary['not_met']} not met, {summary['excepted']} excepted, "
        f"{summary['not_evidenced']} not evidenced, {summary['out_of_scope']} out of "
        f"scope), {summary['findings']} findings, {result.model['state']['resources']} resources "
        f"in {result.seconds:.2f}s",
        file=sys.stderr,
    )
    if result.pdf_pages is not None:
        print(f"wrote {args.pdf}: {result.pdf_pages} pages", file=sys.stderr)
    return 0


def evidence_verify_main(args: argparse.Namespace) -> int:
    """Check a bundle; print the verdict and every difference; 0 verified, 1 not (bad input raises)."""
    given = [flag for flag, value in (("--out", args.out), ("--sign-key", args.sign_key), ("--state", args.state),
                                      ("--gate-results", args.gate_results),
                                      ("--verify-results", args.verify_results),
                                      ("--baa-agreement", args.baa_agreement), ("--pdf", args.pdf),
                                      ("--exceptions", args.exceptions)) if value]
    if given:
        raise InputError(f"evidence verify takes no {', '.join(given)} (options for writing a bundle); "
                         "use `pms-baseline evidence verify DIR [--public-key PUB.pem] [--state FILE]`")
    from pms_baseline.evidence.check import check_bundle

    check = check_bundle(args.bundle, state=args.bundle_state, public_key=args.public_key)
    signature = {
        "valid": f"signed by {check.signer}, signature valid",
        "not checked": f"signed by {check.signer}, signature NOT checked (give --public-key)",
        "absent": "NOT signed, so anyone who edits it can recompute the manifest",
        "invalid": "signature INVALID",
    }[check.signature]
    if check.verified:
        print(f"verified {check.folder}: {check.files} files match the manifest; {signature}")
        return 0
    print(f"NOT verified {check.folder}: {len(check.problems)} differences; {signature}")
    for problem in check.problems:
        print(f"  {problem}")
    return 1
