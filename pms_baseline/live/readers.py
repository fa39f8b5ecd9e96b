"""Live resources in the pack's property names, so each pre-deploy rule judges the account under its own id.

A ``Reader`` says, for one kind of resource a collector reads, where its descriptions sit (the collector's service
and inventory key), how one is named and identified, and how it looks in the engine's property names (``props``,
the names the state document and the pre-deploy rules use). From that one declaration:

- every resource rule in ``rules`` runs on every description (``judge``), a live check under the rule's own id;
- ``--state`` drift (``drift.py``) finds the state's resource by its id and compares each setting in ``compare``;
- ``stack_rule`` runs a pre-deploy stack rule over the readers' descriptions of a Region (or the whole account)
  presented as stack resources, so a rule that spans resources (a key's policy and the services that use the key)
  judges the account as it judged the program.

A value a collector was not allowed to read is ``UNREADABLE``: a rule is not run on a description that has one
among its properties, and a stack rule is not run on a view with one (the denial is its own finding), so an
unreadable setting never becomes a verdict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pms_baseline.live.meta import catalogue_check
from pms_baseline.live.registry import (
    COLLECTORS,
    GLOBAL,
    UNREADABLE,
    Account,
    Inventory,
    check,
    judge,
)
from pms_baseline_pack.rules import StackResource


@dataclass(frozen=True)
class Reader:
    token: str
    """The Pulumi type token the state declares the resource with."""
    service: str
    """The collector whose inventories hold the descriptions."""
    key: str
    """The inventory item key: a list of descriptions."""
    noun: str
    """What a finding calls one ("table", "stage"): ``"<noun> <name>: <the rule's message>"``."""
    name: Callable[[dict], str]
    props: Callable[[dict], dict]
    ids: Callable[[dict], Iterable[str]]
    """Every identifier a state may record for the resource (its id, ARN, name), to match drift by."""
    rules: tuple[str, ...] = ()
    compare: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Other type tokens of the same resource (``aws:alb`` beside ``aws:lb``), for drift."""


READERS: dict[str, Reader] = {}
"""token -> Reader; an alias token maps to the same Reader."""


def reader(
    token: str,
    service: str,
    key: str,
    noun: str,
    name: Callable[[dict], str],
    props: Callable[[dict], dict],
    ids: Callable[[dict], Iterable[str]] | None = None,
    rules: Iterable[str] = (),
    compare: Iterable[str] = (),
    aliases: Iterable[str] = (),
) -> Reader:
    """Declare a kind of live resource, and a live check for each resource rule in ``rules``."""
    r = Reader(token, service, key, noun, name, props, ids or (lambda item: (name(item),)), tuple(rules),
               tuple(compare), tuple(aliases))
    for tok in (token, *r.aliases):
        READERS[tok] = r
    for rule_id in r.rules:
        _resource_check(r, rule_id)
    return r


def inventories(acct: Account, service: str) -> list[Inventory]:
    """The service's inventories: the account-wide one for a global service, else one per verified Region."""
    if COLLECTORS.get(service, ("region",))[0] == GLOBAL:
        return [acct.get(service)]
    return list(acct.each(service))


def described(acct: Account, r: Reader) -> Iterator[tuple[Inventory, dict, dict]]:
    """(inventory, description, props) of every readable description of ``r``'s kind."""
    for inv in inventories(acct, r.service):
        for item in inv.items.get(r.key, []):
            if item is UNREADABLE:
                continue
            yield inv, item, r.props(item)


def unreadable(props: dict) -> bool:
    return any(v is UNREADABLE for v in props.values())


def _region(inv: Inventory) -> str:
    return "" if inv.region == GLOBAL else inv.region


def _resource_check(r: Reader, rule_id: str) -> None:
    def run(acct: Account):
        config = acct.live.rule_config(rule_id)
        for inv, item, props in described(acct, r):
            if unreadable(props):
                continue
            name = r.name(item)
            ident = next(iter(r.ids(item)), name)
            for msg in judge(rule_id, props, config):
                yield acct.live.finding(rule_id, r.token, name, ident, f"{r.noun} {name}: {msg}", _region(inv))

    run.__name__ = rule_id.replace("-", "_")
    check(rule_id, r.service)(run)


def stack_rule(rule_id: str, service: str, tokens: Iterable[str], per_region: bool = True) -> None:
    """A live check running the pre-deploy stack rule ``rule_id`` over the readers of ``tokens``: per Region (with
    the account-wide descriptions in each), or over the whole account when ``per_region`` is false.

    A view is judged only when every inventory it draws on listed completely and every description in it is
    readable: a rule that asks whether something exists cannot answer from a partial listing."""
    readers = [READERS[tok] for tok in tokens]

    def run(acct: Account):
        config = acct.live.rule_config(rule_id)
        scopes = [(region,) for region in acct.regions] if per_region else [acct.regions]
        for regions in scopes:
            views, where = _view(acct, readers, regions)
            if views is None:
                continue
            region = regions[0] if per_region else ""
            for v in judge_stack_violations(rule_id, views, config):
                if v.urn in where:
                    token, name, ident, at = where[v.urn]
                    yield acct.live.finding(rule_id, token, name, ident, v.message, at)
                else:
                    label = f"{service}-{region}" if region else service
                    yield acct.live.finding(rule_id, readers[0].token, label, region or label, v.message, region)

    run.__name__ = rule_id.replace("-", "_")
    check(rule_id, service)(run)


def _view(acct: Account, readers: list[Reader], regions: tuple[str, ...]):
    """The stack resources of ``regions`` (and of global services), and urn -> (token, name, id, region)."""
    views: list[StackResource] = []
    where: dict[str, tuple[str, str, str, str]] = {}
    for r in readers:
        invs = [inv for inv in inventories(acct, r.service) if inv.region in (GLOBAL, *regions)]
        if not invs or not all(inv.complete for inv in invs):
            return None, where
        for inv in invs:
            for item in inv.items.get(r.key, []):
                props = r.props(item) if item is not UNREADABLE else {"": UNREADABLE}
                if unreadable(props):
                    return None, where
                name = r.name(item)
                ident = next(iter(r.ids(item)), name)
                urn = f"live:{r.token}:{inv.region}:{ident}"
                views.append(StackResource(urn=urn, type=r.token, name=name, props=props, id=ident))
                where[urn] = (r.token, name, ident, _region(inv))
    return views, where


def judge_stack_violations(rule_id: str, views: list[StackResource], config: dict[str, Any]):
    """The pre-deploy stack rule's violations, each with the urn of the view it is about ('' for the whole)."""
    return catalogue_check(rule_id).run_stack(views, config)
