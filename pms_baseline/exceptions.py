"""Exceptions (waivers): accepted risks, declared in an exceptions file or on a resource's tags, and matched to the
gate's findings. A waived finding stays in every report, marked waived; it never blocks and never shows as passed.

The file is ``.pms-baseline.yaml``, written by hand::

    exceptions:
      - rule: rds-instance-multi-az-enabled      # a pack rule id or a checkov check id
        resource: pms-db                          # a URN, or a glob on the logical name (omitted: every resource)
        reason: single-AZ reporting replica, restored from snapshots within the RTO
        owner: platform-security@clinic.example.org
        expires: 2027-06-30                       # YYYY-MM-DD; the waiver holds through that day (UTC)

``gate`` finds it by walking up from the program directory (``--stack``) or the state file's directory
(``--state``; standard input: the working directory) to the first folder holding ``.git`` (searched; its parent
is not) or the filesystem root; ``--exceptions FILE`` replaces the search.

A resource waives a rule for itself with the tag ``pms-baseline:waive:<rule-id>`` and a value such as
``expires=2027-06-30 owner=platform-security@clinic.example.org reason=single-AZ reporting replica``.

Every waiver is checked before any judging: a missing rule, reason, owner or expiry, an expiry that is not a
YYYY-MM-DD date or has passed, a rule neither the pack nor checkov knows, an unknown key, a malformed file: each
is an input error naming where it was declared (file and line, or resource and tag key).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pms_baseline.errors import InputError
from pms_baseline.findings import Finding, Waiver
from pms_baseline.state import StateDocument, is_opaque, is_secret

FILE_NAME = ".pms-baseline.yaml"
TAG_PREFIX = "pms-baseline:waive:"
KEYS = ("rule", "resource", "reason", "owner", "expires")
REQUIRED = ("rule", "reason", "owner", "expires")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What a tag value may hold on every AWS service that takes tags (Tag Editor's quotas: letters, numbers, spaces
# and _ . : / = + - @, at most 256 characters); a waiver tag outside that set would not survive every service.
# https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html
TAG_VALUE_SPECIALS = frozenset(" _.:/=+-@")
TAG_VALUE_MAX = 256
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when built with it: 30 times faster
_TAG_FIELD = re.compile(r"(?:^|\s+)(expires|owner|reason)=")


def today() -> dt.date:
    """Today in UTC: a waiver that expires today still holds; tests replace this clock."""
    return dt.datetime.now(dt.timezone.utc).date()


@dataclass(frozen=True)
class Exceptions:
    """The exceptions file's waivers (none when there is no file), where the file is and its SHA-256."""

    path: str | None = None
    """The file as given to ``--exceptions``, or as found (relative to the working directory when inside it)."""
    sha256: str | None = None
    waivers: tuple[Waiver, ...] = field(default_factory=tuple)


# --- the file ---------------------------------------------------------------------------------------------------

def discover(start: Path) -> Path | None:
    """The ``.pms-baseline.yaml`` nearest ``start``: in it or a folder above, stopping after the first folder that
    holds ``.git`` (the repository's root is searched, its parent is not) or at the filesystem root."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists():
            return None
    return None


def start_dir(state: str | None, program: str | None) -> Path:
    """Where the search begins: the state file's folder, the program directory, or the bundled project's."""
    if state:
        return Path.cwd() if state == "-" else Path(state).resolve().parent
    from pms_baseline.preview import default_project, find_project

    return (find_project(Path(program)) if program else default_project()).program


def _shown(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if rel.startswith("..") else rel


def load_exceptions(explicit: str | None, state: str | None = None, program: str | None = None) -> Exceptions:
    """``--exceptions FILE`` when given, else the file ``discover`` finds from ``start_dir`` (none: no waivers)."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise InputError(f"{explicit}: no such exceptions file")
        return read_exceptions(path, explicit)
    found = discover(start_dir(state, program))
    return read_exceptions(found, _shown(found)) if found else Exceptions()


def read_exceptions(path: Path, shown: str | None = None) -> Exceptions:
    """Read and check an exceptions file; ``shown`` is how messages and ``Waiver.source`` name it."""
    shown = shown or str(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{shown}: not a UTF-8 text file") from None
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark is not None else shown
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{where}: not valid YAML ({problem})") from None
    waivers = tuple(_file_waivers(root, shown))
    return Exceptions(path=shown, sha256=hashlib.sha256(data).hexdigest(), waivers=waivers)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _mapping(node: yaml.Node, where: str, allowed: Iterable[str]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    allowed = tuple(allowed)
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name not in allowed:
            shown = name if name is not None else "a non-text key"
            raise InputError(f"{where}:{_line(key)}: unknown key {shown!r}; expected {', '.join(allowed)}")
        if name in out:
            raise InputError(f"{where}:{_line(key)}: key {name!r} given twice")
        out[name] = (key, value)
    return out


def _file_waivers(root: yaml.Node | None, shown: str) -> list[Waiver]:
    if not isinstance(root, yaml.MappingNode):
        line = f":{_line(root)}" if root is not None else ""
        raise InputError(f"{shown}{line}: expected a mapping with an 'exceptions' list")
    top = _mapping(root, shown, ("exceptions",))
    if "exceptions" not in top:
        raise InputError(f"{shown}:{_line(root)}: no 'exceptions' list")
    key, entries = top["exceptions"]
    if isinstance(entries, yaml.ScalarNode) and entries.tag.endswith(":null"):
        return []
    if not isinstance(entries, yaml.SequenceNode):
        raise InputError(f"{shown}:{_line(entries)}: 'exceptions' must be a list of entries")
    waivers = []
    for entry in entries.value:
        where = f"{shown}:{_line(entry)}"
        if not isinstance(entry, yaml.MappingNode):
            raise InputError(f"{where}: an exception must be a mapping of {', '.join(KEYS)}")
        fields = _mapping(entry, shown, KEYS)
        values: dict[str, str] = {}
        for name, (_, node) in fields.items():
            if not isinstance(node, yaml.ScalarNode):
                raise InputError(f"{shown}:{_line(node)}: {name!r} must be text, not a list or mapping")
            values[name] = "" if node.tag.endswith(":null") else str(node.value).strip()
        waivers.append(_waiver(values, where, where))
    return waivers


# --- one waiver, from the file or a tag ---------------------------------------------------------------------------

def _expiry(text: str, where: str) -> str:
    if not DATE.match(text):
        raise InputError(f"{where}: expires {text!r} is not a date; write YYYY-MM-DD")
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{where}: expires {text!r} is not a date; write YYYY-MM-DD") from None
    if date < today():
        raise InputError(f"{where}: the waiver expired on {text}; fix the finding, or renew the waiver with its "
                         "owner's new reason and date")
    return text


def _waiver(values: Mapping[str, str], where: str, source: str, resource: str | None = None) -> Waiver:
    for name in REQUIRED:
        if not values.get(name):
            raise InputError(f"{where}: the waiver has no {name}; every waiver needs a rule, reason, owner and "
                             "expires")
    rule = values["rule"]
    if not known_rule(rule):
        raise InputError(f"{where}: no pack rule or checkov check is named {rule!r}")
    return Waiver(rule=rule, resource=values.get("resource", "") if resource is None else resource,
                  reason=values["reason"], owner=values["owner"], expires=_expiry(values["expires"], where),
                  source=source)


@cache
def _pack_rules() -> frozenset[str]:
    from pms_baseline_pack.rules import catalogue

    return frozenset(r.id for r in catalogue())


@cache
def checkov_ids() -> frozenset[str]:
    """Every AWS check the bridge runs: checkov's resource checks and its graph (CKV2) checks."""
    from pms_baseline.checkov_bridge import CHECK_ID, go_offline

    go_offline()
    from checkov.common.checks_infra.registry import get_graph_checks_registry
    from checkov.terraform.checks.resource.registry import resource_registry

    graph = get_graph_checks_registry("terraform")
    graph.load_checks()
    ids = {c.id for checks in resource_registry.checks.values() for c in checks} | {c.id for c in graph.checks}
    return frozenset(i for i in ids if CHECK_ID.match(i))


def known_rule(rule: str) -> bool:
    """A pack rule id, or an AWS check id checkov has (its registry is read only for an id that looks like one)."""
    from pms_baseline.checkov_bridge import CHECK_ID

    return rule in _pack_rules() or (bool(CHECK_ID.match(rule)) and rule in checkov_ids())


# --- tags ---------------------------------------------------------------------------------------------------------

def _tags(props: Mapping[str, Any]) -> Mapping[str, Any]:
    tags = props.get("tags")
    return tags if isinstance(tags, Mapping) else {}


def tag_waivers(doc: StateDocument) -> list[Waiver]:
    """Waivers the resources declare on themselves (``pms-baseline:waive:<rule>`` tags, in their inputs or, when
    the inputs lack them, their outputs), each covering that rule on that resource only."""
    found: list[Waiver] = []
    for r in doc.resources:
        tags = {**_tags(r.outputs), **_tags(r.inputs)}
        for key in sorted(k for k in tags if isinstance(k, str) and k.startswith(TAG_PREFIX)):
            where = f"resource {r.name}, tag {key}"
            found.append(_waiver(_tag_fields(tags[key], key, where), where, f"tag {key}", resource=r.urn))
    return found


def _tag_fields(value: Any, key: str, where: str) -> dict[str, str]:
    if is_secret(value) or is_opaque(value):
        raise InputError(f"{where}: the value is secret or unknown at preview; write the waiver as plain text")
    if not isinstance(value, str):
        raise InputError(f"{where}: the value is not text")
    if len(value) > TAG_VALUE_MAX or any(not (ch.isalnum() or ch in TAG_VALUE_SPECIALS) for ch in value):
        raise InputError(f"{where}: the value holds characters AWS does not take in every tag value, or is longer "
                         f"than {TAG_VALUE_MAX}; use letters, digits, spaces and _ . : / = + - @")
    parts = _TAG_FIELD.split(value.strip())
    if parts[0].strip():
        raise InputError(f"{where}: expected 'expires=YYYY-MM-DD owner=OWNER reason=REASON'")
    fields: dict[str, str] = {"rule": key[len(TAG_PREFIX):]}
    for name, text in zip(parts[1::2], parts[2::2], strict=True):
        if name in fields:
            raise InputError(f"{where}: {name}= given twice")
        fields[name] = text.strip()
    return fields


# --- matching -----------------------------------------------------------------------------------------------------

def covers(w: Waiver, f: Finding) -> bool:
    """``w`` accepts ``f``: the same rule (the finding's own, a checkov id it names or a merged checkov source),
    on the resource the waiver names by URN, or whose logical name matches its glob (none or ``*``: any)."""
    rules = {f.rule, *f.checkov_ids, *(a.split(":", 1)[1] for a in f.also_found_by if ":" in a)}
    if w.rule not in rules:
        return False
    if w.resource in ("", "*") or w.resource == f.resource.urn:
        return True
    return bool(f.resource.name) and not w.resource.startswith("urn:") and fnmatch.fnmatchcase(
        f.resource.name, w.resource)


def waive(findings: list[Finding], waivers: Iterable[Waiver]) -> tuple[list[Finding], list[Waiver]]:
    """``findings`` with the first waiver that covers each attached, and the waivers that cover none."""
    waivers = list(waivers)
    used: set[int] = set()
    out: list[Finding] = []
    for f in findings:
        hits = [i for i, w in enumerate(waivers) if covers(w, f)]
        used.update(hits)
        out.append(dataclasses.replace(f, waiver=waivers[hits[0]]) if hits else f)
    return out, [w for i, w in enumerate(waivers) if i not in used]


def record(exceptions: Exceptions, waivers: Iterable[Waiver], unused: Iterable[Waiver]) -> dict[str, Any]:
    """What a report's target says of its exceptions: the file and its hash, every waiver, the unused ones."""
    return {"file": exceptions.path, "sha256": exceptions.sha256, "waivers": [asdict(w) for w in waivers],
            "unused": [asdict(w) for w in unused]}
