"""Live checks: one function per check, each tied to a rule id, judging what the collectors read.

Collection (AWS calls, paginated, per service and region) and judgement are separate: a collector fills an
``Inventory`` with descriptions, and a check is a function of the whole ``Account`` view that yields findings,
so a check that spans services (a trail and its bucket, a database and the backup plans of its region) needs
no calls of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pms_baseline.findings import Finding
from pms_baseline.live.context import ApiFailed, Denied, Live, last_call
from pms_baseline.live.meta import catalogue_check
from pms_baseline_pack.rules import StackResource

GLOBAL = "global"


class Unreadable:
    """A setting the verifier was not allowed to read; checks skip it (the denial is its own finding)."""

    def __repr__(self) -> str:
        return "UNREADABLE"


UNREADABLE = Unreadable()


@dataclass
class Inventory:
    """What one collector read for one service in one region (``global`` for account-wide services)."""

    service: str
    region: str
    items: dict[str, Any] = field(default_factory=dict)
    denied: list[Denied] = field(default_factory=list)
    failed: list[ApiFailed] = field(default_factory=list)
    complete: bool = True
    """False when the listing itself was denied or failed: absence of a resource proves nothing then."""

    def read(self, fn: Callable[[], Any]) -> Any:
        """Run one describe call; a denial or failure is recorded and the setting becomes ``UNREADABLE``.

        An answer of an unexpected shape (a key missing, a policy that is not JSON) is a failure of the call
        that gave it, not a crash."""
        try:
            return fn()
        except Denied as exc:
            self.denied.append(exc)
            return UNREADABLE
        except ApiFailed as exc:
            self.failed.append(exc)
            return UNREADABLE
        except Exception as exc:
            self.failed.append(self.unexpected(exc))
            return UNREADABLE

    def unexpected(self, exc: Exception) -> ApiFailed:
        """``exc``, raised while reading the answer of this thread's latest call, as that call's failure."""
        action, region = last_call() or (f"{self.service}:*", self.region)
        return ApiFailed(action, "UnexpectedAnswer", region, f"{type(exc).__name__}: {str(exc)[:120]}")


@dataclass
class Account:
    """Every inventory of a run, and the builder for findings."""

    live: Live
    regions: tuple[str, ...]
    inventories: dict[tuple[str, str], Inventory]

    def get(self, service: str, region: str = GLOBAL) -> Inventory:
        return self.inventories.get((service, region)) or Inventory(service, region, complete=False)

    def each(self, service: str) -> Iterator[Inventory]:
        for region in self.regions:
            inv = self.inventories.get((service, region))
            if inv is not None:
                yield inv


@dataclass(frozen=True)
class Check:
    rule: str
    fn: Callable[[Account], Iterable[Finding]]
    service: str


CHECKS: list[Check] = []
COLLECTORS: dict[str, tuple[str, Callable[[Live, Inventory], None]]] = {}
"""service -> (scope, collector): scope ``region`` runs once per verified region, ``global`` once."""


def collector(service: str, scope: str = "region") -> Callable:
    """Register the function that lists and describes ``service``'s resources into an Inventory."""

    def wrap(fn: Callable[[Live, Inventory], None]) -> Callable[[Live, Inventory], None]:
        COLLECTORS[service] = (scope, fn)
        return fn

    return wrap


def check(rule: str, service: str) -> Callable[[Callable[[Account], Iterable[Finding]]], Callable]:
    """Register a live check for ``rule`` (a catalogue or live-only rule id)."""

    def wrap(fn: Callable[[Account], Iterable[Finding]]) -> Callable[[Account], Iterable[Finding]]:
        CHECKS.append(Check(rule, fn, service))
        return fn

    return wrap


def judge(rule_id: str, props: dict[str, Any], config: dict[str, Any] | None = None) -> list[str]:
    """The pre-deploy rule's own verdict on a live description mapped to engine property names (``config``: the
    run's tunables, ``Live.rule_config``; the rule's defaults when None)."""
    return catalogue_check(rule_id).run_resource(props, config)


def judge_stack(rule_id: str, resources: list[StackResource], config: dict[str, Any] | None = None) -> list[str]:
    """The pre-deploy stack rule's own verdict on live descriptions presented as stack resources."""
    return [v.message for v in catalogue_check(rule_id).run_stack(resources, config)]


def readable(*values: Any) -> bool:
    return not any(v is UNREADABLE for v in values)
