"""What one judging pass of the pack read: per rule, the resources it judged and the properties its check read.

The evidence bundle shows, under every rule, the resources the rule judged and the settings it read there. It
takes them from the judging that makes the findings (``judge.evaluate``), so every rule runs once per bundle:
inside ``with recording() as rec:`` the evaluation hands each rule's check its resources' properties as recording
mappings (one per resource, shared by every rule) and files what each check read in ``rec``.

- A resource rule judged every resource of its types; ``judged[rule_id]`` lists each with the keys read.
- A stack rule judged the resources of its types whose properties it read (a rule that finds no trail, or no
  database to back up, judged nothing there). Properties read of other types (the ``environment`` tag of every
  resource, to tell a test stack) are context, not what the rule judged, and are not listed.
- A resource holding a preview's unknown is judged through ``unknowns.watch``, which copies its properties: a
  resource rule's reads of it are taken by calling the check once more over the recording (the verdict stays the
  watch's); a stack rule's reads of it are not recorded (the resource is listed when the rule has a finding on it).

Reads made through ``unknowns.peek`` (a resource's own identities, looked up by other resources) are not
recorded: they are how a rule finds a resource, not a setting it judged.
"""

from __future__ import annotations

import contextlib
import operator
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import Any

_ORDER = operator.attrgetter("order")

Judged = tuple[Any, frozenset]
"""(the ``state.Resource`` judged, the property names the check read there)."""


class _Recording(dict):
    """A resource's properties that note which top-level keys a check asks for. Each reading method notes the key
    itself: a shared helper would add a call to every property read of a whole state's judging."""

    __slots__ = ("seen", "touched", "resource", "order")

    def __init__(self, resource: Any, order: int, touched: list[_Recording]) -> None:
        super().__init__(resource.outputs)  # ``Resource.props``, merged here rather than copied once more
        dict.update(self, resource.inputs)
        self.resource, self.order, self.touched = resource, order, touched
        self.seen: set[str] | None = None

    def get(self, key, default=None):
        seen = self.seen
        if seen is None:
            self.seen = seen = set()
            self.touched.append(self)
        seen.add(key)
        return dict.get(self, key, default)

    def __getitem__(self, key):
        seen = self.seen
        if seen is None:
            self.seen = seen = set()
            self.touched.append(self)
        seen.add(key)
        return dict.__getitem__(self, key)

    def __contains__(self, key):
        seen = self.seen
        if seen is None:
            self.seen = seen = set()
            self.touched.append(self)
        seen.add(key)
        return dict.__contains__(self, key)


class Recorder:
    """The reads of one judging pass, and the type index it judged by (shared with whoever asked for them)."""

    def __init__(self) -> None:
        self.by_type: dict[str, list[Any]] = {}
        """The judged resources (custom, not providers) by type token, in state order: the evaluation's index."""
        self.ran: set[str] = set()
        """The ids of the rules that ran (enabled, and applying to the stack)."""
        self.judged: dict[str, list[Judged]] = {}
        """Per rule id, the resources it judged with the keys its check read, in state order."""
        self._touched: list[_Recording] = []
        self._records: dict[int, _Recording] = {}

    def index(self, by_type: dict[str, list[Any]]) -> None:
        """Take the evaluation's type index (the one the rules were judged by)."""
        self.by_type = by_type

    def props(self, resource: Any) -> Mapping[str, Any]:
        """``resource``'s properties as the checks get them while recording (one mapping per resource)."""
        rec = self._records.get(id(resource))
        if rec is None:
            rec = self._records[id(resource)] = _Recording(resource, len(self._records), self._touched)
        return rec

    def resource_judged(self, rule: Any, resource: Any, params: Mapping[str, Any], watched: bool) -> None:
        """File what ``rule``'s check read of ``resource``; ``watched``: it was judged through the unknowns'
        watch, which copied the properties, so the reads are taken by one more call over the recording."""
        rec = self._records[id(resource)]
        if watched:
            with contextlib.suppress(Exception):  # only the reads are wanted; the verdict is the watch's
                rule.check(rec, params)
        self.ran.add(rule.id)
        self.judged.setdefault(rule.id, []).append((resource, frozenset(rec.seen or ())))
        rec.seen = None
        self._touched.clear()

    def stack_judged(self, rule: Any) -> None:
        """File what ``rule`` (a stack rule, just run) read of the resources of its types."""
        types = set(rule.resource_types)
        touched = sorted(self._touched, key=_ORDER)
        self.ran.add(rule.id)
        self.judged[rule.id] = [(r.resource, frozenset(r.seen)) for r in touched if r.resource.type in types]
        for r in touched:
            r.seen = None
        self._touched.clear()

    def rule_ran(self, rule: Any) -> None:
        """Note that ``rule`` ran (a resource rule with no resource of its types judged nothing)."""
        self.ran.add(rule.id)
        self.judged.setdefault(rule.id, [])


_CURRENT: ContextVar[Recorder | None] = ContextVar("pms_baseline_reads", default=None)


def current() -> Recorder | None:
    """The recorder of the judging pass under way, or None when nobody asked for the reads."""
    return _CURRENT.get()


@contextlib.contextmanager
def recording() -> Iterator[Recorder]:
    """Record the reads of every judging pass inside the block (``judge.evaluate``)."""
    recorder = Recorder()
    token = _CURRENT.set(recorder)
    try:
        yield recorder
    finally:
        _CURRENT.reset(token)
