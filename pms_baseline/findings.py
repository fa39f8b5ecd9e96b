"""The one finding record every source produces (policy pack, checkov, live checks), and the JSON report.

Field names are part of the interface CI systems and the evidence bundle read; keep them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from pms_baseline import __version__

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
MANDATORY = "mandatory"
ADVISORY = "advisory"


@dataclass(frozen=True)
class ResourceRef:
    """Which resource a finding is about; empty fields for a finding about the stack as a whole."""

    urn: str = ""
    type: str = ""
    name: str = ""
    id: str = ""


@dataclass(frozen=True)
class Waiver:
    """An accepted risk: the rule and resources it covers, why, who owns it, until when, and where it was declared.

    A waived finding is still reported (as ``status: waived`` with this record); it never counts as mandatory and
    never renders as passed."""

    rule: str
    """A pack rule id or a checkov id."""
    resource: str
    """A URN, or a glob on the resource's logical name ("" or "*": every resource the rule flags)."""
    reason: str
    owner: str
    expires: str
    """An ISO date (YYYY-MM-DD); the waiver holds through that day."""
    source: str
    """Where it was declared: ``.pms-baseline.yaml:12`` (file and line) or ``tag pms-baseline:waive:<rule>``."""


WAIVED = "waived"
FAILED = "failed"


@dataclass(frozen=True)
class Finding:
    """One violation: what rule, from which source, how bad, which HIPAA citations, where, and the fix."""

    rule: str
    source: str
    severity: str
    enforcement: str
    citations: tuple[str, ...]
    resource: ResourceRef
    message: str
    remediation: str
    aws_config_rules: tuple[str, ...] = ()
    checkov_ids: tuple[str, ...] = ()
    title: str = ""
    location: str = ""
    """Where the resource was declared, as the state records it (project:///path#line), if known."""
    also_found_by: tuple[str, ...] = ()
    """Other sources that flagged the same problem on the same resource (``checkov:CKV_AWS_16``): one finding
    per problem, with every source named."""
    waiver: Waiver | None = None
    """The exception that accepts this finding, if one does: the finding is then reported as waived."""
    declared_at: str = ""
    """The program line that declared the resource, repository-relative (``path#line``; ``locate.place``): the
    resource's own line, or for a resource inside a component the line of the program that created the component."""
    components: tuple[str, ...] = ()
    """The components the resource was created in, outermost first (``PhiDatabase pms``)."""

    def __post_init__(self) -> None:
        if isinstance(self.resource, Mapping):  # accept the JSON shape too
            object.__setattr__(self, "resource", ResourceRef(**self.resource))
        if isinstance(self.waiver, Mapping):
            object.__setattr__(self, "waiver", Waiver(**self.waiver))
        for name in ("citations", "aws_config_rules", "checkov_ids", "also_found_by", "components"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    @property
    def mandatory(self) -> bool:
        """Blocks the gate: enforced as mandatory and not waived."""
        return self.enforcement == MANDATORY and self.waiver is None

    @property
    def status(self) -> str:
        return WAIVED if self.waiver is not None else FAILED

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for name in ("citations", "aws_config_rules", "checkov_ids", "also_found_by", "components"):
            out[name] = list(out[name])
        for name in ("also_found_by", "declared_at", "components"):
            if not out[name]:
                del out[name]  # the common case keeps the shape reports had before
        out["status"] = self.status
        if out["waiver"] is None:
            del out["waiver"]
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


def sort_key(f: Finding) -> tuple:
    return (1 if f.waived else 0, 0 if f.mandatory else 1, SEVERITY_ORDER.get(f.severity, 9), f.rule, f.resource.urn,
            f.message)


@dataclass
class Report:
    """Findings of one run over one target, with the counts CI reads."""

    source: str
    target: dict[str, Any]
    findings: list[Finding]
    resources: int
    timings: dict[str, float] = field(default_factory=dict)
    generated: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))

    def __post_init__(self) -> None:
        self.findings = sorted(self.findings, key=sort_key)

    @property
    def mandatory(self) -> int:
        return sum(1 for f in self.findings if f.mandatory)

    @property
    def passed(self) -> bool:
        return self.mandatory == 0

    @property
    def waived(self) -> int:
        return sum(1 for f in self.findings if f.waived)

    def summary(self) -> dict[str, Any]:
        """Counts of problems: ``findings`` counts every one reported, ``waived`` those an exception accepts,
        ``mandatory`` and ``advisory`` the rest by enforcement."""
        waived = self.waived
        return {
            "resources": self.resources,
            "findings": len(self.findings),
            "mandatory": self.mandatory,
            "advisory": len(self.findings) - self.mandatory - waived,
            "waived": waived,
            "passed": self.passed,
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": "pms-baseline",
            "version": __version__,
            "source": self.source,
            "generated": self.generated,
            "target": self.target,
            "summary": self.summary(),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "findings": [f.to_json() for f in self.findings],
        }


BINDING_FIELDS = ("state_sha256", "state_hashed_as", "tool_version", "pack_version", "config_sha256", "config")
"""What a gate or verify report's target carries, so ``evidence`` can refuse results about another state,
another version of the tool or pack, or a config it was not told about."""


def canonical_sha256(value: Any) -> str:
    """SHA-256 of ``value`` as canonical JSON: keys sorted, no spaces, UTF-8."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def binding(state_sha256: str | None, state_hashed_as: str, config: Mapping[str, Any] | None = None,
            settings: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The binding fields of a report's target (``BINDING_FIELDS``).

    ``state_sha256`` is the judged state's hash (``loader.state_sha256``; None when there was no state, as for
    ``verify`` without ``--state``); ``config`` the policy config as given (hashed canonically, ``{}`` for
    none); ``settings`` its effect, the rule settings that differ from the pack's defaults."""
    from pms_baseline_pack import __version__ as pack_version

    return {
        "state_sha256": state_sha256,
        "state_hashed_as": state_hashed_as if state_sha256 else None,
        "tool_version": __version__,
        "pack_version": pack_version,
        "config_sha256": canonical_sha256(dict(config or {})),
        "config": dict(settings or {}),
    }


def merge_twins(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: a checkov finding whose check a pack rule names in its ``checkov_ids``, on the same
    resource as a finding of that rule, folds into the rule's finding (the pack's message and remediation, the
    union of citations, the stricter enforcement, the checkov source named in ``also_found_by``)."""
    pack: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(findings):
        if f.source != "checkov" and f.resource.urn:
            for check_id in f.checkov_ids:
                pack.setdefault((check_id, f.resource.urn), []).append(i)
    merged = list(findings)
    dropped: set[int] = set()
    for i, f in enumerate(findings):
        if f.source != "checkov" or not f.resource.urn:
            continue
        twins = pack.get((f.rule, f.resource.urn))
        if not twins:
            continue
        dropped.add(i)
        for j in twins:
            t = merged[j]
            merged[j] = dataclasses.replace(
                t,
                citations=tuple(dict.fromkeys([*t.citations, *f.citations])),
                enforcement=MANDATORY if MANDATORY in (t.enforcement, f.enforcement) else t.enforcement,
                also_found_by=tuple(dict.fromkeys([*t.also_found_by, f"checkov:{f.rule}"])),
            )
    return [f for i, f in enumerate(merged) if i not in dropped]


def by_primary_citation(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by their first citation, each finding once (never repeated under its other citations)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault((f.citations or ("(no citation)",))[0], []).append(f)
    return dict(sorted(out.items()))
