"""Recognise, by content and not by file name, every state file a Pulumi team already has.

Four shapes become the one state document every stage reads (``pulumi stack export`` version 3):

- a stack export, version 3 or 4 (``{"version", "deployment"}``), including our offline preview;
- a self-managed backend's checkpoint (``.pulumi/stacks/<project>/<stack>.json``, possibly gzip-compressed):
  ``{"version", "checkpoint": {"stack", "config", "latest": {deployment}}}``; no ``latest`` means no resources;
- the engine's preview, ``pulumi preview --json`` (``{"config", "steps": [{"op", "urn", "newState"}], ...}``):
  the new state's resources are the ``newState`` of every step that leaves a resource behind; ``delete`` steps
  are not resources of the new state. The engine blinds secrets there as the string ``[secret]``; they become
  secret envelopes again so nothing downstream mistakes them for values.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pms_baseline import jsontext
from pms_baseline.errors import InputError
from pms_baseline.findings import canonical_sha256
from pms_baseline.state import SECRET_SIG, SIG_KEY, SUPPORTED_VERSIONS, StateDocument, parse_document

ACCEPTED = "a `pulumi stack export` (version 3 or 4), a backend checkpoint file (gzip or not), a pms-baseline " \
    "preview, or `pulumi preview --json` output"

# Steps whose new state is a resource of the stack after the operation (display.StepOp labels).
KEEPS = {"same", "create", "update", "replace", "create-replacement", "read", "read-replacement", "refresh",
         "import", "import-replacement"}
DROPS = {"delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace", "read-discard"}
BLINDED = "[secret]"


def _unblind(value: Any) -> Any:
    if value == BLINDED:
        return {SIG_KEY: SECRET_SIG, "ciphertext": ""}
    if isinstance(value, dict):
        return {k: _unblind(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unblind(v) for v in value]
    return value


def kind_of(doc: Any) -> str:
    """Name the shape of a decoded document: export, checkpoint, engine-preview, or unknown."""
    if isinstance(doc, dict):
        if "deployment" in doc and "version" in doc:
            return "export"
        if "checkpoint" in doc and "version" in doc:
            return "checkpoint"
        if isinstance(doc.get("steps"), list) or ("changeSummary" in doc and "config" in doc):
            return "engine-preview"
    return "unknown"


def _describe(doc: Any) -> str:
    if isinstance(doc, list):
        return "a JSON list"
    if not isinstance(doc, dict):
        return f"a JSON {type(doc).__name__}"
    keys = ", ".join(sorted(doc)[:6]) or "no keys"
    return f"a JSON object with {keys}"


def _from_checkpoint(doc: dict[str, Any], source: str) -> dict[str, Any]:
    version = doc.get("version")
    if version not in SUPPORTED_VERSIONS or isinstance(version, bool):
        raise InputError(f"{source}: checkpoint version {version!r} is not supported (versions 3 and 4 are)")
    checkpoint = doc["checkpoint"]
    if not isinstance(checkpoint, dict):
        raise InputError(f"{source}: 'checkpoint' is not an object")
    lowered = {k.lower(): v for k, v in checkpoint.items()}
    latest = lowered.get("latest") or {"resources": []}
    if not isinstance(latest, dict):
        raise InputError(f"{source}: checkpoint 'latest' is not an object")
    deployment = dict(latest)
    stack = str(lowered.get("stack") or "")
    if stack:
        meta = deployment.get("metadata") if isinstance(deployment.get("metadata"), dict) else {}
        deployment["metadata"] = {**meta, "stack": stack.rsplit("/", 1)[-1]}
    return {"version": version, "deployment": deployment}


def _from_engine_preview(doc: dict[str, Any], source: str) -> dict[str, Any]:
    steps = doc.get("steps") or []
    if not isinstance(steps, list):
        raise InputError(f"{source}: 'steps' is not a list")
    by_urn: dict[str, dict[str, Any]] = {}
    for index, step in enumerate(steps):
        if not isinstance(step, dict) or not isinstance(step.get("op"), str):
            raise InputError(f"{source}: step {index} has no op")
        op = step["op"]
        urn = step.get("urn", "")
        if op in DROPS:
            continue
        if op not in KEEPS:
            raise InputError(f"{source}: step {index} has unknown op {op!r}")
        state = step.get("newState")
        if not isinstance(state, dict):
            raise InputError(f"{source}: step {index} ({op} {urn}) has no newState")
        # A replacement shows up as several steps for one URN; the last new state is the resource's.
        by_urn[state.get("urn", urn)] = _unblind(state)
    resources = list(by_urn.values())
    config = doc.get("config") if isinstance(doc.get("config"), dict) else {}
    return {
        "version": 3,
        "deployment": {
            "manifest": {"time": "", "magic": "", "version": ""},
            "resources": resources,
            "metadata": {"generator": "pulumi preview --json", "config": sorted(config)},
        },
    }


def normalise(doc: Any, source: str) -> dict[str, Any]:
    """Turn any accepted shape into an export (version 3 or 4); raise InputError for anything else."""
    kind = kind_of(doc)
    if kind == "export":
        return doc
    if kind == "checkpoint":
        return _from_checkpoint(doc, source)
    if kind == "engine-preview":
        return _from_engine_preview(doc, source)
    raise InputError(f"{source}: this is {_describe(doc)}, not a state file; accepted: {ACCEPTED}")


def decode(data: bytes, source: str) -> Any:
    """Bytes (gzip or not) to JSON, with one-line errors for empty, binary, truncated or malformed input."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            raise InputError(f"{source}: gzip data is truncated or corrupt") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{source}: not a text or gzip file; accepted: {ACCEPTED}") from None
    if not text.strip():
        raise InputError(f"{source}: the file is empty")
    try:
        return jsontext.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()):
            raise InputError(f"{source}: JSON ends early (truncated at character {exc.pos})") from None
        raise InputError(f"{source}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except jsontext.NotJSON as exc:
        raise InputError(f"{source}: not valid JSON ({exc})") from None


def load_bytes(data: bytes, source: str) -> StateDocument:
    from pms_baseline.perf import gc_paused

    with gc_paused():
        return parse_document(normalise(decode(data, source), source), source)


def read_input(path: str | Path) -> tuple[bytes, str]:
    """The bytes of ``path`` (``-`` for standard input) and the name to report it by."""
    if str(path) == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: no such file")
    return p.read_bytes(), str(p)


def load_state(path: str | Path) -> StateDocument:
    """Read any accepted state file (``-`` for standard input) into a state document."""
    data, name = read_input(path)
    return load_bytes(data, name)


HASHED_BYTES = "bytes as read"
HASHED_CANONICAL = "canonical JSON"


def state_sha256(data: bytes) -> str:
    """The state's SHA-256, as gate, verify and evidence bind their results to it: over the exact bytes read
    from the file or standard input (gzip as stored, before any decoding), so ``sha256sum FILE`` gives the same.

    A state that never was a file (the offline preview of ``--stack``) is hashed with ``document_sha256``."""
    return hashlib.sha256(data).hexdigest()


def document_sha256(document: Any) -> str:
    """The SHA-256 of a state that was never a file: its canonical JSON (keys sorted, no spaces, UTF-8).

    ``gate --stack`` (a preview in memory) is bound by it; a preview written with ``preview --out`` and read
    back is a file, hashed by ``state_sha256``. A document handed to ``run_gate`` or ``verify`` in process with no
    hash is bound to none (``state_sha256`` None), which ``evidence`` refuses."""
    return canonical_sha256(document)


@dataclass
class Target:
    """What a command judges: a state file, or the offline preview of a stack; and what it took."""

    document: StateDocument
    described: dict[str, str]
    """``{"state": FILE}`` or ``{"stack", "project", "program"}``, for reports; both with ``state_sha256`` and
    ``state_hashed_as`` (``bytes as read`` or ``canonical JSON``), which bind a report to the state it judged."""
    timings: dict[str, float]
    """``load_seconds`` or ``preview_seconds``."""
    declared: dict[str, str] = field(default_factory=dict)
    """For a preview: URN -> the program line that declared it (``PreviewResult.declared``)."""
    project_root: Path | None = None
    """For a preview: the project's directory (where Pulumi.yaml is)."""
    program_dir: Path | None = None


def load_target(command: str, state: str | None, stack: str | None, program: str | None) -> Target:
    """``--state FILE`` or ``--stack NAME [--program DIR]`` as every command takes them (gate, convert, emulate)."""
    import time

    if state and (stack or program):
        raise InputError(f"{command}: give --state FILE, or --stack NAME (with --program DIR), not both")
    if state:
        started = time.perf_counter()
        data, name = read_input(state)
        doc = load_bytes(data, name)
        described = {"state": state, "state_sha256": state_sha256(data), "state_hashed_as": HASHED_BYTES}
        return Target(doc, described, {"load_seconds": time.perf_counter() - started})
    if not stack:
        raise InputError(f"{command}: give --stack NAME (with --program DIR) or --state FILE")
    from pms_baseline.preview import preview

    result = preview(Path(program) if program else None, stack)
    described = {"stack": stack, "project": result.project.name, "program": str(result.project.program),
                 "state_sha256": document_sha256(result.document), "state_hashed_as": HASHED_CANONICAL}
    doc = parse_document(result.document, f"preview of stack '{stack}'")
    return Target(doc, described, {"preview_seconds": result.seconds}, declared=result.declared,
                  project_root=result.project.root, program_dir=result.project.program)
