"""Checking a bundle: every file against the manifest, the manifest against its signature and, when given, the
input state against the manifest. Every difference is named; nothing is repaired.

Without a public key the hashes prove only that the files agree with the manifest, which anyone who edits a file
can recompute; with the signer's public key (``--public-key``) the signature proves the manifest is the one the
key's holder wrote, and an unsigned bundle fails.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pms_baseline.errors import InputError
from pms_baseline.evidence import signing
from pms_baseline.evidence.bundle import MANIFEST, MANIFEST_KIND, sha256
from pms_baseline.loader import state_sha256

_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass
class BundleCheck:
    """What checking a bundle found."""

    folder: Path
    files: int = 0
    """How many files the manifest lists."""
    problems: list[str] = field(default_factory=list)
    """Every difference found; empty when the bundle verifies."""
    signer: str | None = None
    """The fingerprint of the key the manifest says signed it; None when unsigned."""
    signature: str = "absent"
    """``valid`` (checked against the given public key), ``not checked`` (signed, no key given), ``invalid``
    or ``absent``."""

    @property
    def verified(self) -> bool:
        return not self.problems


def _read_manifest(folder: Path, check: BundleCheck) -> tuple[dict[str, Any] | None, bytes]:
    if not folder.is_dir():
        raise InputError(f"{folder}: no such directory")
    path = folder / MANIFEST
    if not path.is_file():
        raise InputError(f"{folder}: no {MANIFEST}, so not an evidence bundle")
    raw = path.read_bytes()
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        check.problems.append(f"{MANIFEST}: not valid JSON any more")
        return None, raw
    if not isinstance(manifest, dict) or manifest.get("kind") != MANIFEST_KIND:
        raise InputError(f"{path}: not the manifest of an evidence bundle (kind is not {MANIFEST_KIND!r})")
    return manifest, raw


def _check_files(folder: Path, manifest: dict[str, Any], check: BundleCheck) -> set[str]:
    entries = manifest.get("files")
    if not isinstance(entries, list):
        check.problems.append(f"{MANIFEST}: 'files' is not a list")
        return set()
    listed: set[str] = set()
    for i, entry in enumerate(entries):
        name = entry.get("path") if isinstance(entry, dict) else None
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(name, str) or name in ("", ".", "..") or "/" in name or "\\" in name:
            check.problems.append(f"{MANIFEST}: file entry {i} does not name a file of the bundle")
            continue
        listed.add(name)
        path = folder / name
        if not path.is_file():
            check.problems.append(f"{name}: missing")
        elif not isinstance(digest, str) or not _HEX64.fullmatch(digest):
            check.problems.append(f"{name}: the manifest gives no SHA-256 for it")
        elif sha256(path.read_bytes()) != digest:
            check.problems.append(f"{name}: SHA-256 differs from the manifest")
    check.files = len(listed)
    return listed


def _check_signature(folder: Path, manifest: dict[str, Any], raw: bytes, public: Any, check: BundleCheck) -> None:
    entry = manifest.get("signature")
    sig_path = folder / signing.SIGNATURE_FILE
    if entry is None:
        if sig_path.exists():
            check.problems.append(f"{signing.SIGNATURE_FILE}: present, but the manifest names no signature "
                                  "(the manifest was rewritten)")
        if public is not None:
            check.problems.append("the bundle is not signed, and --public-key asks for its signature")
        return
    if not isinstance(entry, dict) or entry.get("algorithm") != signing.ALGORITHM:
        check.problems.append(f"{MANIFEST}: 'signature' does not name an {signing.ALGORITHM} signature")
        return
    check.signer = str(entry.get("public_key"))
    if not sig_path.is_file():
        check.problems.append(f"{signing.SIGNATURE_FILE}: missing, but the manifest says the bundle is signed")
        return
    if public is None:
        check.signature = "not checked"
        return
    given = signing.fingerprint(public)
    if given != check.signer:
        check.problems.append(f"{MANIFEST}: signed by key {check.signer}, not by the given key {given}")
    if signing.signature_valid(public, raw, sig_path.read_bytes()):
        check.signature = "valid"
    else:
        check.signature = "invalid"
        check.problems.append(f"{signing.SIGNATURE_FILE}: not a signature of {MANIFEST} by the given key "
                              "(the manifest changed after signing, or another key signed it)")


def check_bundle(
    folder: str | Path, state: str | Path | None = None, public_key: str | Path | None = None
) -> BundleCheck:
    """Check the bundle in ``folder``; raise InputError (exit 2) when it is not a bundle or an argument is bad."""
    folder = Path(folder)
    public = signing.load_public_key(public_key) if public_key is not None else None
    state_bytes = None
    if state is not None:
        if not Path(state).is_file():
            raise InputError(f"{state}: no such file")
        state_bytes = Path(state).read_bytes()
    check = BundleCheck(folder)
    manifest, raw = _read_manifest(folder, check)
    if manifest is None:
        return check
    listed = _check_files(folder, manifest, check)
    _check_signature(folder, manifest, raw, public, check)
    known = listed | {MANIFEST} | ({signing.SIGNATURE_FILE} if manifest.get("signature") is not None else set())
    for extra in sorted({p.name for p in folder.iterdir()} - known):
        if extra != signing.SIGNATURE_FILE:  # an unexplained signature file is reported above
            check.problems.append(f"{extra}: not listed in the manifest")
    if state_bytes is not None:
        recorded = manifest.get("state") if isinstance(manifest.get("state"), dict) else {}
        if state_sha256(state_bytes) != recorded.get("sha256"):
            check.problems.append(f"{state}: SHA-256 differs from the manifest's input state")
    return check


def verify_bundle(folder: str | Path, state: str | Path | None = None,
                  public_key: str | Path | None = None) -> list[str]:
    """The problems found checking a bundle (see ``check_bundle``); empty when it verifies."""
    return check_bundle(folder, state, public_key).problems
