"""Writing the evidence bundle: all files or none, and a manifest that lets an auditor detect any later edit.

The manifest lists the SHA-256 of every file and of the inputs (the state, the gate and verify reports with
what they are bound to, and the AWS BAA attached with ``--baa-agreement``, null when none was); with
``--sign-key`` it names the key and ``manifest.sig`` signs it (``signing``), so an edit cannot be hidden by
recomputing the hashes. ``check.py`` verifies a bundle.

The bundle is built in a temporary directory beside ``--out`` and renamed into place only when every file is
written. ``--out`` may be absent, an empty directory, or a bundle this command wrote before (a directory whose
``manifest.json`` is ours and lists every file in it), which is replaced whole. Anything else is refused with
exit 2: the command never deletes a directory it did not write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from pms_baseline import __version__
from pms_baseline.errors import InputError
from pms_baseline.evidence import pdf as pdf_output
from pms_baseline.evidence import signing
from pms_baseline.evidence.associates import BUNDLED_AS
from pms_baseline.evidence.model import build_model
from pms_baseline.evidence.render import render_html
from pms_baseline.evidence.reports import judge, read_report, run_gate
from pms_baseline.evidence.window import time_window
from pms_baseline.loader import HASHED_BYTES, load_bytes, read_input, state_sha256

SCHEMA_PATH = Path(__file__).resolve().parent / "evidence.schema.json"
MANIFEST = "manifest.json"
MANIFEST_KIND = "pms-baseline evidence bundle"
BUNDLE_FILES = ("index.html", "evidence.json", "evidence.schema.json")


@dataclass(frozen=True)
class BundleResult:
    """A written bundle: where, its model, and how long it took."""

    path: Path
    model: dict[str, Any]
    seconds: float
    pdf_pages: int | None = None
    """Pages of the PDF written with ``pdf``; None when none was asked for."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_our_bundle(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(manifest, dict) or manifest.get("kind") != MANIFEST_KIND:
        return False
    listed = {f.get("path") for f in manifest.get("files") or [] if isinstance(f, dict)}
    return {p.name for p in folder.iterdir()} <= listed | {MANIFEST, signing.SIGNATURE_FILE}


def _check_out(out: Path) -> None:
    """Refuse, before any work, an ``--out`` the command must not replace."""
    if not out.exists() and not out.is_symlink():
        return
    if out.is_symlink() or not out.is_dir():
        raise InputError(f"{out}: exists and is not a directory; choose another --out")
    if any(out.iterdir()) and not _is_our_bundle(out):
        raise InputError(
            f"{out}: directory is not empty and is not an evidence bundle; refusing to replace it"
        )


def _place(tmp: Path, out: Path) -> None:
    """Move the finished bundle into place, replacing an empty folder or an earlier bundle."""
    if out.is_dir():
        if not any(out.iterdir()):
            out.rmdir()
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, old / "bundle")
            try:
                os.replace(tmp, out)
            except BaseException:
                os.replace(old / "bundle", out)
                raise
            shutil.rmtree(old, ignore_errors=True)
            return
    os.replace(tmp, out)


def write_manifest(
    folder: Path,
    state_name: str,
    state_bytes: bytes,
    inputs: dict[str, Any],
    generated: str,
    sign_key: Any = None,
) -> dict:
    """Write ``manifest.json`` over every file in ``folder``; with ``sign_key``, also ``manifest.sig``."""
    files = []
    for name in sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != MANIFEST):
        data = (folder / name).read_bytes()
        files.append({"path": name, "sha256": sha256(data), "bytes": len(data)})
    manifest = {
        "kind": MANIFEST_KIND,
        "tool": {"name": "pms-baseline", "version": __version__},
        "generated": generated,
        "algorithm": "sha256",
        "state": {"file": state_name, "sha256": state_sha256(state_bytes), "bytes": len(state_bytes)},
        "inputs": inputs,
        "files": files,
        "signature": None,
    }
    if sign_key is not None:
        manifest["signature"] = {
            "algorithm": signing.ALGORITHM,
            "file": signing.SIGNATURE_FILE,
            "covers": MANIFEST,
            "public_key": signing.fingerprint(sign_key.public_key()),
        }
    text = (json.dumps(manifest, indent=2) + "\n").encode("utf-8")
    (folder / MANIFEST).write_bytes(text)
    if sign_key is not None:
        (folder / signing.SIGNATURE_FILE).write_bytes(signing.sign(sign_key, text))
    return manifest


def _bound(report: dict[str, Any], file: str | Path, data: bytes) -> dict[str, Any]:
    """What the manifest records of a results file: its hash and what it is bound to."""
    from pms_baseline.findings import BINDING_FIELDS

    target = report["target"]
    return {"file": str(file), "sha256": sha256(data), **{k: target[k] for k in BINDING_FIELDS}}


def _waivers(exceptions: str | Path | None, state_path: str | Path, gate_results: Any) -> Any:
    """The waivers of the gate the bundle runs, read before any work: ``--exceptions``, else the file ``gate
    --state`` would find; with --gate-results the report's own waivers stand, so --exceptions is refused."""
    from pms_baseline.exceptions import load_exceptions

    if gate_results is not None:
        if exceptions is not None:
            raise InputError("--exceptions applies to the gate the bundle runs; with --gate-results the report's "
                             "waivers stand (give --exceptions to `pms-baseline gate` instead)")
        return None
    return load_exceptions(str(exceptions) if exceptions is not None else None, str(state_path))


def read_agreement(path: str | Path) -> tuple[bytes, dict[str, Any]]:
    """The AWS BAA a user downloaded from AWS Artifact (a PDF), and what the manifest and the model record of it:
    ``{"file", "bundled_as", "sha256", "bytes"}``. Anything but a non-empty PDF is an input error."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    data = p.read_bytes()
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{p}: not a PDF (no %PDF- header); --baa-agreement takes the agreement as AWS Artifact "
                         "downloads it")
    return data, {"file": str(p), "bundled_as": BUNDLED_AS, "sha256": sha256(data), "bytes": len(data)}


def encode_document(model: dict[str, Any]) -> bytes:
    """``evidence.json``'s bytes: compact UTF-8 JSON and a newline.

    orjson writes it (a 10,000-resource state's document is about 29 MB: 0.04 s, where ``json.dumps`` takes 0.22 s
    and its text must then be encoded). What orjson refuses, json writes: an integer past 64 bits, which JSON
    allows. NaN, infinity and lone surrogates never get this far (``jsontext`` refuses them as input)."""
    try:
        return orjson.dumps(model, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return (json.dumps(model, ensure_ascii=True) + "\n").encode("ascii")


def build_bundle(
    state_path: str | Path,
    out: str | Path,
    gate_results: str | Path | None = None,
    verify_results: str | Path | None = None,
    sign_key: str | Path | None = None,
    baa_agreement: str | Path | None = None,
    pdf: str | Path | None = None,
    exceptions: str | Path | None = None,
) -> BundleResult:
    """Read the inputs, judge the state, and write the bundle to ``out`` (all of it, or nothing).

    ``gate_results`` and ``verify_results`` must be bound to this state (``reports.check_binding``);
    ``sign_key`` is an Ed25519 private key (PEM) that signs the manifest; ``baa_agreement`` is the AWS BAA (a PDF
    from AWS Artifact), copied into the bundle as ``baa-agreement.pdf`` with its SHA-256 in the manifest; ``pdf``
    is a file to print the bundle's page to (``pdf``: headless Chromium, checked for before any work);
    ``exceptions`` is the waiver file of the gate the bundle runs (default: found as ``gate --state`` finds it)."""
    from pms_baseline.perf import gc_paused

    with gc_paused():
        return _build_bundle(state_path, out, gate_results, verify_results, sign_key, baa_agreement, pdf,
                             exceptions)


def _build_bundle(
    state_path: str | Path,
    out: str | Path,
    gate_results: str | Path | None,
    verify_results: str | Path | None,
    sign_key: str | Path | None,
    baa_agreement: str | Path | None = None,
    pdf: str | Path | None = None,
    exceptions: str | Path | None = None,
) -> BundleResult:
    import time

    started = time.perf_counter()
    out = Path(out)
    _check_out(out)
    pdf_path = pdf_output.check_target(pdf, out) if pdf is not None else None
    waivers = _waivers(exceptions, state_path, gate_results)
    key = signing.load_private_key(sign_key) if sign_key is not None else None
    state_bytes, state_name = read_input(state_path)
    state = load_bytes(state_bytes, state_name)
    digest = state_sha256(state_bytes)
    inputs: dict[str, Any] = {"gate_results": None, "verify_results": None, "baa_agreement": None}
    agreement = None
    if baa_agreement is not None:
        agreement, inputs["baa_agreement"] = read_agreement(baa_agreement)
    if gate_results is not None:
        gate_report, data = read_report(gate_results, "gate", digest, state_name)
        inputs["gate_results"] = _bound(gate_report, gate_results, data)
        recorder = judge(state, gate_report)
    else:
        target = {"state": state_name, "state_sha256": digest, "state_hashed_as": HASHED_BYTES}
        gate_report, recorder = run_gate(state, target, waivers)
    verify_report = None
    if verify_results is not None:
        verify_report, data = read_report(verify_results, "live", digest, state_name)
        inputs["verify_results"] = _bound(verify_report, verify_results, data)

    generated = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    model = build_model(
        state,
        gate_report,
        verify_report,
        recorder=recorder,
        state_file=Path(state_name).name if state_name != "<stdin>" else state_name,
        state_sha256=digest,
        generated=generated,
        tool_version=__version__,
        baa_agreement=inputs["baa_agreement"],
        window=time_window(state, gate_report, verify_report, generated, gate_results is not None),
    )
    page = render_html(model)
    document = encode_document(model)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        (tmp / "index.html").write_text(page, encoding="utf-8")
        printed, pages = pdf_output.print_page(tmp / "index.html") if pdf_path is not None else (b"", None)
        (tmp / "evidence.json").write_bytes(document)
        shutil.copyfile(SCHEMA_PATH, tmp / "evidence.schema.json")
        if agreement is not None:
            (tmp / BUNDLED_AS).write_bytes(agreement)
        write_manifest(
            tmp,
            Path(state_name).name if state_name != "<stdin>" else state_name,
            state_bytes,
            inputs,
            generated,
            key,
        )
        os.chmod(tmp, 0o755)  # mkdtemp makes it 0700; a bundle is meant to be shared
        _check_out(out)  # again: something may have appeared there while we worked
        _place(tmp, out)
        if pdf_path is not None:
            pdf_output.write(pdf_path, printed)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BundleResult(path=out, model=model, seconds=time.perf_counter() - started, pdf_pages=pages)
