"""Evidence items as sentences an auditor reads: the resource, the settings the rule read with their values, and
what they show, e.g.

    Amazon RDS instance pms-db (aws:rds/instance:Instance) has storageEncrypted = true and kmsKeyId =
    arn:aws:kms:…:key/… (KMS key pms-data), which shows that RDS instance storage is encrypted with a
    customer-managed KMS key (164.312(a)(2)(iv)).

What the item shows is the rule's title (its desired state) with its citations; a failed item says it does not
show it and names its findings, a waived one the waiver. A value that is another resource's id or ARN is named
by that resource. Values come from the item's properties, which are already redacted (``redact``): a secret reads
``[secret]``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pms_baseline.state import StateDocument

VALUE_CHARS = 120
_WORDS = re.compile(r"[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+")
_ARTICLES = ("A", "An", "The")
# One encoder for every value (json.dumps builds a new one per call when given options).
_COMPACT = json.JSONEncoder(separators=(",", ":"), sort_keys=True, ensure_ascii=False)
_ABBREVIATION = re.compile(r"\(([^()]+)\)\s*$")


def value_text(value: Any, limit: int = VALUE_CHARS) -> str:
    """A property value as text: unset, true/false, the string, or compact JSON; cut at ``limit`` characters."""
    if value is None:
        text = "unset"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = value
    else:
        text = _COMPACT.encode(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _what(title: str) -> str:
    """A rule's title as a clause: an article or a common word starts lower case ("the KMS key …", "backup plans
    …"); a name stays as it is ("RDS instance storage …", "S3 buckets …", "Secrets Manager secrets …")."""
    words = title.split(" ", 2)
    first, second = words[0], (words[1] if len(words) > 1 else "")
    if first in _ARTICLES or (first[1:].islower() and not second[:1].isupper()):
        return title[:1].lower() + title[1:]
    return title


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


class Sentences:
    """Writes the sentence of each evidence item of one bundle (the state's names and the findings, indexed once)."""

    def __init__(self, state: StateDocument, findings: Iterable[Mapping[str, Any]]) -> None:
        self._labels: dict[str, str] = {}
        self._shows: dict[str, str] = {}  # per rule: what its items show, with its citations
        self._names: dict[str, tuple[str, str]] = {}  # an id or ARN -> (URN, what to call the resource)
        for res in state.resources:
            for ident in (res.id, res.inputs.get("arn") or res.outputs.get("arn")):
                if isinstance(ident, str) and len(ident) >= 8 and ident != res.name:
                    self._names.setdefault(ident, (res.urn, f"{self.kind(res.type)} {res.name}"))
        self._findings: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
        for f in findings:
            self._findings.setdefault((f["rule"], f["resource"]["urn"]), []).append(f)

    def kind(self, token: str) -> str:
        """What a type token names, in words: ``aws:rds/instance:Instance`` is "Amazon RDS instance"."""
        label = self._labels.get(token)
        if label is None:
            from pms_baseline_pack.reference import service_of

            cls = token.rsplit(":", 1)[-1]
            words = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in _WORDS.findall(cls)) or cls
            mapping = service_of(token) if token.startswith("aws:") else None
            service = getattr(mapping, "service", "") or token.split(":", 1)[0]
            short = _ABBREVIATION.search(service)
            service = short.group(1) if short else service
            same = service.lower().rsplit(" ", 1)[-1] == words.lower()  # "Amazon VPC", not "Amazon VPC vpc"
            label = self._labels[token] = service if same else f"{service} {words}"
        return label

    def _shown(self, key: str, value: Any, urn: str) -> str:
        text = f"{key} = {value_text(value)}"
        named = self._names.get(value) if isinstance(value, str) else None
        return f"{text} ({named[1]})" if named and named[0] != urn else text

    def sentence(self, rule: Any, item: Mapping[str, Any]) -> str:
        """The sentence for ``item`` (an evidence item of ``rule``: resource reference, properties, status)."""
        subject = f"{self.kind(item['type'])} {item['name'] or item['id'] or item['urn']} ({item['type']})"
        props = item["properties"]
        urn = item["urn"]
        has = (f"has {_joined([self._shown(k, v, urn) for k, v in props.items()])}" if props
               else "is declared in the state")
        shows = self._shows.get(rule.id)
        if shows is None:
            cited = f" ({', '.join(rule.citations)})" if rule.citations else " (what AWS requires for it to work)"
            shows = self._shows[rule.id] = f"{_what(rule.title)}{cited}"
        status = item["status"]
        if status == "passed":
            return f"{subject} {has}, which shows that {shows}."
        found = self._findings.get((rule.id, urn), [])
        ids = ", ".join(f["id"] for f in found)
        if status == "waived":
            waivers = "; ".join(
                f"{f['id']} waived until {f['waiver']['expires']} by {f['waiver']['owner']}: {f['waiver']['reason']}"
                for f in found if f.get("waiver")
            )
            return f"{subject} {has}, which does not show that {shows}; accepted as an exception ({waivers})."
        return f"{subject} {has}, which does not show that {shows}: finding{'s' if len(found) > 1 else ''} " \
               f"{ids or 'of another source'}."
