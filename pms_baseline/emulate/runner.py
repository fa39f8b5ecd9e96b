"""Realize a state document in moto: each resource by its service's handler, in document order, ids mapped, once
the AWS service contracts AWS checks at that call accept it (``contracts``)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from pms_baseline.emulate import (  # noqa: F401 (registers)
    backup,
    cloudtrail,
    cloudwatch,
    config,
    ec2,
    elb,
    events,
    guardduty,
    iam,
    kms,
    logs,
    rds,
    s3,
    secretsmanager,
    sns,
    wafv2,
)
from pms_baseline.emulate.context import HANDLERS, Context, NotEmulated, Tracked
from pms_baseline.emulate.contracts import CONTRACT, Contracts
from pms_baseline.state import Resource, StateDocument, name_from_urn, parse_document
from pms_baseline_pack import tokens as t

DEFAULT_REGION = "us-east-1"

# Kinds that are bookkeeping in a state document, not cloud resources.
NOT_RESOURCES = (t.STACK, t.AWS_PROVIDER)


@dataclass
class Realized:
    """What ``realize`` did: the deployed-state document and every resource it could not create."""

    document: dict[str, Any]
    created: dict[str, int] = field(default_factory=dict)
    """type -> how many resources of it were created."""
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    """(type, name, reason) for each resource not created."""
    dropped: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    """(type, name, settings) for each created resource whose declared settings (inputs) its handler never read,
    so the emulated account does not have them."""

    @property
    def refused(self) -> list[tuple[str, str, str]]:
        """(type, name, reason) for each resource a contract rule refused, as AWS would have: the reason is
        ``CONTRACT``, the rule id, ': ' and the rule's message."""
        return [s for s in self.skipped if s[2].startswith(CONTRACT)]

    def summary(self) -> str:
        lines = [f"{sum(self.created.values())} resources created"]
        lines += [f"  {kind}: {n}" for kind, n in sorted(self.created.items())]
        refused = self.refused
        if refused:
            lines.append(f"{len(refused)} resources refused as AWS would (service contracts):")
            lines += [f"  {kind} {name}: {why.removeprefix(CONTRACT)}" for kind, name, why in refused]
        missing = [s for s in self.skipped if s not in refused]
        if missing:
            lines.append(f"{len(missing)} resources not emulated:")
            lines += [f"  {kind} {name}: {why}" for kind, name, why in missing]
        if self.dropped:
            lines.append(f"{sum(len(d[2]) for d in self.dropped)} declared settings not realized (the handler of "
                         "their resource does not set them):")
            lines += [f"  {kind} {name}: {', '.join(settings)}" for kind, name, settings in self.dropped]
        return "\n".join(lines)


REFUSED = "moto refused it: "
# Inputs that are instructions to the provider or to Pulumi, not settings AWS keeps on the resource.
NOT_SETTINGS = frozenset({"__defaults", "region", "forceDestroy", "skipFinalSnapshot", "applyImmediately",
                          "deleteAutomatedBackups", "finalSnapshotIdentifier", "tagsAll"})


def _create(ctx: Context, r: Resource, raw: dict[str, Any], result: Realized, contracts: Contracts) -> str:
    """Create one resource, unless a contract refuses it, and record its new identifiers; return why it was not
    created ('' on success)."""
    refused = contracts.refusal(r)
    if refused:
        return refused
    handler = HANDLERS.get(r.type)
    if handler is None:
        return "kind not emulated"
    props = Tracked(ctx.map(r.props))
    try:
        new_id, outputs = handler(ctx, r, props)
    except NotEmulated as exc:
        if exc.ident:
            raw["id"] = exc.ident
        return str(exc)
    except KeyError as exc:
        return f"the state records no {exc.args[0]}"
    except Exception as exc:  # a refusal from moto is reported per resource, never fatal to the rest
        return REFUSED + (" ".join(str(exc).split())[:300] or type(exc).__name__)
    result.created[r.type] = result.created.get(r.type, 0) + 1
    unread = tuple(sorted(k for k, v in r.inputs.items() if k not in props.read and k not in NOT_SETTINGS
                          and v not in (None, "", [], {})))
    if unread:
        result.dropped.append((r.type, r.name, unread))
    if r.id:
        ctx.ids[r.id] = new_id
    for key, value in outputs.items():
        old = r.outputs.get(key)
        if isinstance(old, str) and old and isinstance(value, str) and value:
            ctx.ids[old] = value
    raw["id"] = new_id
    raw["outputs"] = {**ctx.map(raw.get("outputs") or {}), **outputs}
    return ""


def _placement(doc: StateDocument, ctx: Context) -> dict[str, Context]:
    """The context each resource is created in, by URN. A resource whose own ``region`` (pulumi-aws v7) or
    explicit provider names a Region other than the stack's home Region (its default provider's) is created
    there; every other one in the Region ``realize`` was given, so a stack can still be realized elsewhere."""
    providers = {r.urn: r.props.get("region") for r in doc.resources if r.type.startswith("pulumi:providers:")}
    home = next((region for urn, region in providers.items() if name_from_urn(urn).startswith("default")), None)
    placed = {}
    for r in doc.resources:
        region = r.props.get("region") or providers.get(r.provider.rsplit("::", 1)[0])
        placed[r.urn] = ctx.in_region(region) if isinstance(region, str) and region and region != home else ctx
    return placed


def _retry_refused(
    placed: dict[str, Context], doc: StateDocument, raw_by_urn: dict[str, Any], result: Realized, contracts: Contracts
) -> None:
    """Try moto's refusals once more: moto checks some settings (a logging target's policy) that the document
    orders only by data dependencies, not by the settings AWS evaluates later. A contract's refusal stays."""
    refused = {(kind, name) for kind, name, why in result.skipped if why.startswith(REFUSED)}
    if not refused:
        return
    by_key = {(r.type, r.name): r for r in doc.resources}
    kept = []
    for kind, name, why in result.skipped:
        if (kind, name) in refused:
            r = by_key[(kind, name)]
            again = _create(placed[r.urn], r, raw_by_urn[r.urn], result, contracts)
            if not again:
                continue
            why = again
        kept.append((kind, name, why))
    result.skipped = kept


def realize(
    document: dict[str, Any] | StateDocument,
    *,
    session: Any = None,
    region: str | None = None,
    endpoint_url: str | None = None,
) -> Realized:
    """Create ``document``'s resources in the account ``session`` reaches (moto), in document order, each in
    the Region its provider places it in (``region`` for the stack's home Region)."""
    import boto3

    from pms_baseline.emulate import moto_gaps

    moto_gaps.install()  # the reads verify makes that moto lacks, answered from moto's state
    doc = document if isinstance(document, StateDocument) else parse_document(document)
    session = session or boto3.Session()
    region = region or session.region_name or DEFAULT_REGION
    ctx = Context(session, region, endpoint_url)
    deployed = copy.deepcopy(doc.raw)
    raw_by_urn = {item["urn"]: item for item in deployed["deployment"].get("resources", [])}
    result = Realized(document=deployed)
    placed = _placement(doc, ctx)
    contracts = Contracts(doc)
    for r in doc.resources:
        if not r.custom or r.type in NOT_RESOURCES or r.type.startswith("pulumi:providers:"):
            continue
        why = _create(placed[r.urn], r, raw_by_urn[r.urn], result, contracts)
        if why:
            result.skipped.append((r.type, r.name, why))
    _retry_refused(placed, doc, raw_by_urn, result, contracts)
    for item in deployed["deployment"].get("resources", []):
        if item.get("inputs"):
            item["inputs"] = ctx.map(item["inputs"])
    return result
