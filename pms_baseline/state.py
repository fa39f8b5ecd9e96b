"""The state document: the format of ``pulumi stack export`` (version 3 or 4), read into resources.

A real export and an offline preview are read the same way. Secret envelopes stay opaque (``SECRET``) unless
they carry plaintext; ``__defaults`` and ``__meta`` are bridge bookkeeping and are dropped.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Any

from pms_baseline.credentials import is_secret_name
from pms_baseline.errors import InputError
from pms_baseline_pack.opaque import (  # noqa: F401  (the state reader's markers)
    SECRET,
    UNKNOWN,
    is_opaque,
    is_secret,
    mark_secret,
)

SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8b"
UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
SUPPORTED_VERSIONS = (3, 4)
BOOKKEEPING = ("__defaults", "__meta")


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        sig = value.get(SIG_KEY)
        if sig == SECRET_SIG:
            # The plaintext (an export with --show-secrets, a checkpoint) stays marked: rules may judge it,
            # nothing rendered from it shows it (pms_baseline_pack.opaque.SecretStr and friends).
            if "plaintext" in value:
                try:
                    return mark_secret(_clean(json.loads(value["plaintext"])))
                except (TypeError, json.JSONDecodeError):
                    return SECRET
            if "value" in value:
                return mark_secret(_clean(value["value"]))
            return SECRET
        if sig == RESOURCE_SIG:
            return value.get("id") or value.get("urn") or UNKNOWN
        pair = value.get("name")
        credential_pair = isinstance(pair, str) and is_secret_name(pair)  # {"name": "DB_PASSWORD", "value": ..}
        out = {}
        for k, v in value.items():
            if k in BOOKKEEPING:
                continue
            v = _clean(v)
            if (credential_pair and k in ("value", "valueFrom")) or (is_secret_name(k) and _is_text(v)):
                v = mark_secret(v)
            out[k] = v
        return out
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if value == UNKNOWN_VALUE:
        return UNKNOWN
    return value


def _is_text(value: Any) -> bool:
    """A credential-named value to hide: text or a container of it; booleans and numbers under such a name are
    settings (``manageMasterUserPassword: true``, ``minimumPasswordLength: 14``) and stay as they are."""
    return isinstance(value, (str, dict, list)) and not isinstance(value, bool)


def name_from_urn(urn: str) -> str:
    return urn.split("::", 3)[-1] if urn.count("::") >= 3 else urn


@dataclass
class Resource:
    """One resource of a state document, with its properties cleaned for judging."""

    urn: str
    type: str
    custom: bool
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    parent: str = ""
    provider: str = ""
    dependencies: list[str] = field(default_factory=list)
    property_dependencies: dict[str, list[str]] = field(default_factory=dict)
    source_position: str = ""
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @functools.cached_property
    def name(self) -> str:
        """The URN's name part (asked of every resource by every stage: computed once)."""
        return name_from_urn(self.urn)

    @property
    def props(self) -> dict[str, Any]:
        """Inputs, with outputs filling what the inputs lack (an export's inputs can be sparse)."""
        merged = dict(self.outputs)
        merged.update(self.inputs)
        return merged


@dataclass
class StateDocument:
    """A parsed export: its resources in order, and where it came from."""

    version: int
    resources: list[Resource]
    raw: dict[str, Any]
    source: str = ""

    @property
    def stack_resource(self) -> Resource | None:
        return next((r for r in self.resources if r.type == "pulumi:pulumi:Stack"), None)

    @property
    def stack(self) -> str:
        meta = self.raw.get("deployment", {}).get("metadata") or {}
        if isinstance(meta, dict) and meta.get("stack"):
            return str(meta["stack"])
        root = self.stack_resource
        if root:
            return root.urn.split(":", 3)[2].split("::")[0]
        return ""

    @property
    def project(self) -> str:
        root = self.stack_resource or (self.resources[0] if self.resources else None)
        if root and root.urn.startswith("urn:pulumi:"):
            return root.urn.split("::")[1]
        return ""

    @property
    def time(self) -> str:
        manifest = self.raw.get("deployment", {}).get("manifest") or {}
        return str(manifest.get("time", "")) if isinstance(manifest, dict) else ""

    def by_urn(self) -> dict[str, Resource]:
        return {r.urn: r for r in self.resources}

    def of_type(self, *types: str) -> list[Resource]:
        return [r for r in self.resources if r.type in types]


def parse_document(doc: Any, source: str = "<document>") -> StateDocument:
    """Validate a decoded export and read its resources; raise InputError with one line on anything else."""
    if not isinstance(doc, dict):
        raise InputError(f"{source}: not a Pulumi state export (top level is not an object)")
    if "checkpoint" in doc:
        raise InputError(
            f"{source}: this is a backend checkpoint file, not an export; run `pulumi stack export` and pass that"
        )
    if "version" not in doc:
        raise InputError(f"{source}: not a Pulumi state export (no 'version')")
    version = doc["version"]
    if version not in SUPPORTED_VERSIONS or isinstance(version, bool):
        raise InputError(f"{source}: state version {version!r} is not supported (versions 3 and 4 are)")
    deployment = doc.get("deployment")
    if not isinstance(deployment, dict):
        raise InputError(f"{source}: not a Pulumi state export (no 'deployment' object)")
    items = deployment.get("resources") or []
    if not isinstance(items, list):
        raise InputError(f"{source}: deployment.resources is not a list")
    resources = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("urn"), str) or not isinstance(
            item.get("type"), str
        ):
            raise InputError(f"{source}: resource {index} has no urn or type")
        inputs = item.get("inputs") or {}
        outputs = item.get("outputs") or {}
        if not isinstance(inputs, dict) or not isinstance(outputs, dict):
            raise InputError(f"{source}: resource {item['urn']} has inputs or outputs that are not objects")
        pos = item.get("sourcePosition", "")
        deps = item.get("dependencies")
        prop_deps = item.get("propertyDependencies")
        resources.append(Resource(
            urn=item["urn"], type=item["type"], custom=bool(item.get("custom", False)),
            id=str(item.get("id", "") or ""), inputs=_clean(inputs), outputs=_clean(outputs),
            parent=str(item.get("parent", "") or ""), provider=str(item.get("provider", "") or ""),
            # Shapes other than the engine's (a list of URNs; an object of lists of URNs) carry no dependency.
            dependencies=[d for d in deps if isinstance(d, str)] if isinstance(deps, list) else [],
            property_dependencies={
                k: [d for d in v if isinstance(d, str)] for k, v in prop_deps.items() if isinstance(v, list)
            } if isinstance(prop_deps, dict) else {},
            source_position=pos if isinstance(pos, str) else "",
            raw=item,
        ))
    return StateDocument(version=version, resources=resources, raw=doc, source=source)


SWEEP_MIN_LENGTH = 6
"""Secrets shorter than this are not swept from free text ("3" or "yes" would blank unrelated words); marking
(``mark_secret``) is what keeps those out of every message."""


def secret_texts(doc: StateDocument) -> set[str]:
    """Every secret string of the state long enough to sweep: the second line of defence behind marking."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif is_secret(value) and isinstance(value, str) and len(value) >= SWEEP_MIN_LENGTH:
            found.add(str.__str__(value))

    for r in doc.resources:
        walk(r.inputs)
        walk(r.outputs)
    return found


def sweep(text: str, secrets: set[str]) -> str:
    """``text`` with every occurrence of the given secret strings replaced by ``[secret]``, longest first."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, "[secret]")
    return text
