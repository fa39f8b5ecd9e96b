"""The reference lists the project measures itself against: HIPAA citations, AWS Config HIPAA rules, and the AWS
services the AWS BAA covers with the pulumi-aws modules that belong to them."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Citation:
    """A HIPAA Security Rule citation; ``iac`` says whether infrastructure can carry it (yes, partial, no)."""

    citation: str
    title: str
    iac: str


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (REFERENCE_DIR / name).read_text().splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def citations() -> dict[str, Citation]:
    """Every citation of 45 CFR 164 Subpart C in the reference list, in the list's order."""
    return {r["citation"]: Citation(r["citation"], r["title"], r["iac"]) for r in _rows("hipaa_security_rule.tsv")}


@cache
def aws_config_rules() -> dict[str, str]:
    """AWS Config HIPAA conformance-pack rule name -> scope (baseline, other, process)."""
    return {r["rule"]: r["scope"] for r in _rows("aws_config_hipaa_rules.tsv")}


@dataclass(frozen=True)
class EligibleServices:
    """AWS's HIPAA Eligible Services Reference as the project holds it: a dated snapshot, not the live page."""

    page: str
    """The page's address."""
    last_updated: str
    """The "Last Updated" date the copy shows (ISO)."""
    read: str
    """When and how the copy was read."""
    services: dict[str, str]
    """Service name as the page lists it -> the page's scope note for it ('' when none)."""


@dataclass(frozen=True)
class ServiceMapping:
    """The AWS service a pulumi-aws type token belongs to (``pulumi_aws_services.tsv``)."""

    key: str
    """The entry that matched: a module, ``module/resource`` or ``module/prefix*``."""
    service: str
    listed: bool
    """Whether the service is on the HIPAA Eligible Services Reference."""
    holds_data: bool
    """True when the resource stores, processes or transmits customer content; False for configuration only."""
    reason: str


def _header(name: str) -> dict[str, str]:
    """The ``#@ key: value`` lines of a reference file's header."""
    out: dict[str, str] = {}
    for line in (REFERENCE_DIR / name).read_text().splitlines():
        if line.startswith("#@ ") and ": " in line:
            key, value = line[3:].split(": ", 1)
            out[key] = value
    return out


@cache
def hipaa_eligible_services() -> EligibleServices:
    """The AWS services the AWS BAA covers, as the dated copy of AWS's page in the reference lists them."""
    head = _header("hipaa_eligible_services.tsv")
    services = {r["service"]: r["scope"] or "" for r in _rows("hipaa_eligible_services.tsv")}
    return EligibleServices(head["page"], head["last-updated"], head["read"], services)


@cache
def service_mappings() -> dict[str, ServiceMapping]:
    """Every entry of ``pulumi_aws_services.tsv`` by key."""
    return {
        r["key"]: ServiceMapping(r["key"], r["service"], r["listed"] == "yes", r["holds"] == "data", r["reason"])
        for r in _rows("pulumi_aws_services.tsv")
    }


@cache
def service_of(token: str) -> ServiceMapping | None:
    """The mapping entry of a pulumi-aws type token (``aws:<module>/<resource>:<Resource>``): the resource's own
    entry, else the longest ``prefix*`` entry that matches it, else its module's; None when no entry covers it or
    the token is not a pulumi-aws resource's."""
    if not token.startswith("aws:") or token.count(":") != 2:
        return None
    path = token.split(":")[1]
    module = path.split("/", 1)[0]
    entries = service_mappings()
    if path in entries:
        return entries[path]
    prefixes = [k for k in entries if k.endswith("*") and path.startswith(k[:-1])]
    if prefixes:
        return entries[max(prefixes, key=len)]
    return entries.get(module)
