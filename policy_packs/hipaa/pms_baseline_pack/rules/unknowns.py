"""Values a preview does not know yet, and which of them a rule's verdict rests on.

A preview leaves some values unknown until deploy (an input computed from a resource not yet created, an output
the provider assigns). A rule must neither pass nor fail on one of them: "the subnet group is unset" is a false
failure when the program set it to a value the preview cannot show, and "no public endpoint" is a false pass
when ``publiclyAccessible`` is unknown. Rules stay pure functions of plain properties; this module watches
them instead:

- the resource's properties are handed to the rule wrapped, so every unknown value the rule *reads* (the marker
  itself returned by ``get``, an index or an iteration) is recorded with its property path;
- a violation the rule reports word for word both with the unknowns as they are and with them absent does not
  rest on them and stands; any other violation, and the rule's silence, does rest on them;
- for every resource whose unknowns the rule read, the verdict is one advisory finding, "unknown at preview:
  <paths>", in place of the pass or the failures that rest on them.

Only resources that hold an unknown are wrapped, so a fully known state (every offline preview of the bundled
stacks, every export of a deployed stack) is judged exactly as before, at the same speed. Both engines, the
gate's direct evaluation and the CrossGuard policies, call ``judge_resource`` and ``StackWatch`` here, so they
agree by construction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pms_baseline_pack.opaque import UNKNOWN

UNKNOWN_AT_PREVIEW = "unknown at preview: "
"""How every finding about a verdict that rests on an unknown value begins."""

Path = tuple[Any, ...]


def holds_unknown(value: Any) -> bool:
    """True when ``value`` is, or contains at any depth, a preview's unknown."""
    if value is UNKNOWN:
        return True
    # Every resource of every state is scanned once per evaluation: descend only into containers.
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(v is UNKNOWN or (isinstance(v, (dict, list)) and holds_unknown(v)) for v in items)


def path_text(path: Path) -> str:
    """A property path as messages show it: ``loggings[0].targetBucket``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def unknown_message(paths: Sequence[str]) -> str:
    """The advisory finding for a verdict that rests on the unknown values at ``paths``."""
    it = "it" if len(paths) == 1 else "them"
    return (f"{UNKNOWN_AT_PREVIEW}{', '.join(paths)}; known only after deploy, so the rule neither passes nor "
            f"fails on {it} here (gate the stack's export after `pulumi up`)")


class Reads:
    """The unknown values read while a rule runs, as (URN, property path) pairs."""

    __slots__ = ("found",)

    def __init__(self) -> None:
        self.found: set[tuple[str, Path]] = set()


def _watch(value: Any, reads: Reads, urn: str, path: Path) -> Any:
    if value is UNKNOWN:
        reads.found.add((urn, path))
        return value
    if isinstance(value, dict) and not isinstance(value, _WatchedDict):
        return _WatchedDict(value, reads, urn, path)
    if isinstance(value, list) and not isinstance(value, _WatchedList):
        return _WatchedList(value, reads, urn, path)
    return value


class _WatchedDict(dict):
    """A resource's properties (or a nested object) that record the unknown values read through them."""

    __slots__ = ("_reads", "_urn", "_path")

    def __init__(self, data: Mapping[str, Any], reads: Reads, urn: str, path: Path) -> None:
        dict.__init__(self, data)
        self._reads, self._urn, self._path = reads, urn, path

    def _at(self, key: Any, value: Any) -> Any:
        return _watch(value, self._reads, self._urn, (*self._path, key))

    def __getitem__(self, key: Any) -> Any:
        return self._at(key, dict.__getitem__(self, key))

    def get(self, key: Any, default: Any = None) -> Any:
        return self._at(key, dict.__getitem__(self, key)) if dict.__contains__(self, key) else default

    def items(self) -> list[tuple[Any, Any]]:  # type: ignore[override]
        return [(k, self._at(k, v)) for k, v in dict.items(self)]

    def values(self) -> list[Any]:  # type: ignore[override]
        return [self._at(k, v) for k, v in dict.items(self)]

    def copy(self) -> dict[Any, Any]:
        return dict(self.items())

    def __eq__(self, other: object) -> bool:
        touch(self)
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]


class _WatchedList(list):
    """A list property that records the unknown elements read from it."""

    __slots__ = ("_reads", "_urn", "_path")

    def __init__(self, data: Iterable[Any], reads: Reads, urn: str, path: Path) -> None:
        list.__init__(self, data)
        self._reads, self._urn, self._path = reads, urn, path

    def _at(self, index: int, value: Any) -> Any:
        return _watch(value, self._reads, self._urn, (*self._path, index))

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._at(i, list.__getitem__(self, i)) for i in range(*index.indices(len(self)))]
        i = index + len(self) if isinstance(index, int) and index < 0 else index
        return self._at(i, list.__getitem__(self, index))

    def __iter__(self):  # noqa: ANN204 - a generator over the watched elements
        for i, value in enumerate(list.__iter__(self)):
            yield self._at(i, value)

    def __reversed__(self):  # noqa: ANN204
        return reversed(list(self))

    def __contains__(self, item: object) -> bool:
        return any(v == item for v in self)

    def index(self, item: Any, *args: Any) -> int:  # type: ignore[override]
        return list(self).index(item, *args)

    def count(self, item: Any) -> int:
        return list(self).count(item)

    def copy(self) -> list[Any]:
        return list(self)

    def __eq__(self, other: object) -> bool:
        touch(self)
        return list.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]


def watch(props: Mapping[str, Any], reads: Reads, urn: str = "") -> Mapping[str, Any]:
    """``props`` as a rule should see them, recording into ``reads`` every unknown value the rule reads."""
    return _WatchedDict(props, reads, urn, ())


def peek(props: Mapping[str, Any], key: str, default: Any = None) -> Any:
    """A property's value without recording it as read: for lookups whose result cannot decide a verdict on
    its own (a resource's own identities, which only match references that are unknown themselves)."""
    return dict.get(props, key, default) if isinstance(props, dict) else props.get(key, default)


def touch(value: Any) -> None:
    """Record every unknown value inside ``value`` as read (a message that quotes the whole value rests on it)."""
    if isinstance(value, _WatchedDict):
        for item in value.values():
            touch(item)
    elif isinstance(value, _WatchedList):
        for item in value:
            touch(item)


def _without(value: Any, paths: Iterable[Path]) -> Any:
    """A plain copy of ``value`` with the values at ``paths`` left out (a key removed, a list element dropped)."""
    tree: dict[Any, Any] = {}
    for path in paths:
        node = tree
        for part in path[:-1]:
            node = node.setdefault(part, {})
        if path:
            node[path[-1]] = None

    def strip(v: Any, sub: dict[Any, Any] | None) -> Any:
        if isinstance(v, dict):
            return {k: strip(x, (sub or {}).get(k)) for k, x in dict.items(v)
                    if not (sub and sub.get(k, 0) is None)}
        if isinstance(v, list):
            return [strip(x, (sub or {}).get(i)) for i, x in enumerate(list.__iter__(v))
                    if not (sub and sub.get(i, 0) is None)]
        return v

    return strip(value, tree)


def _stands(found: list[Any], again: Any) -> list[Any]:
    """The violations of ``found`` the rule also reports with the unknowns left out (``again``)."""
    try:
        rerun = list(again())
    except Exception:  # noqa: BLE001 - a rule that cannot judge the stripped properties decides nothing here
        return []
    return [v for v in found if v in rerun]


def judge_resource(check: Any, props: Mapping[str, Any], config: Mapping[str, Any],
                   suspect: bool | None = None) -> tuple[list[str], tuple[str, ...]]:
    """A resource rule's verdict: the violations that stand, and the paths of the unknown values the rest of
    its verdict rests on (empty when it read none). ``suspect``: whether ``props`` hold an unknown, if known."""
    if not (holds_unknown(props) if suspect is None else suspect):
        return list(check(props, config)), ()
    reads = Reads()
    found = list(check(watch(props, reads), config))
    if not reads.found:
        return found, ()
    paths = [p for _, p in reads.found]
    if found:
        found = _stands(found, lambda: check(_without(props, paths), config))
    return found, tuple(sorted(path_text(p) for p in paths))


class StackWatch:
    """Stack rule views with the resources that hold unknowns watched; build one per evaluation of a state and
    judge every stack rule through it (the views keep their identity, so per-stack indexes stay shared)."""

    def __init__(self, views: Sequence[Any], suspects: set[str] | None = None) -> None:
        self.reads = Reads()
        self.suspects = suspects if suspects is not None else {v.urn for v in views if holds_unknown(v.props)}
        self.plain = views
        self.views = views if not self.suspects else [
            dataclasses.replace(v, props=watch(v.props, self.reads, v.urn)) if v.urn in self.suspects else v
            for v in views
        ]

    def judge(self, check: Any, config: Mapping[str, Any]) -> tuple[list[Any], dict[str, tuple[str, ...]]]:
        """A stack rule's violations that stand, and per resource (URN, in stack order) the paths of the unknown
        values the rest of its verdict rests on."""
        self.reads.found = set()
        found = list(check(self.views, config))
        read = self.reads.found
        if not read:
            return found, {}
        by_urn: dict[str, list[Path]] = {}
        for urn, path in read:
            by_urn.setdefault(urn, []).append(path)
        if found:
            stripped = [dataclasses.replace(v, props=_without(v.props, by_urn[v.urn])) if v.urn in by_urn else v
                        for v in self.plain]
            found = _stands(found, lambda: check(stripped, config))
        order = {v.urn: n for n, v in enumerate(self.plain)}
        return found, {urn: tuple(sorted(path_text(p) for p in by_urn[urn]))
                       for urn in sorted(by_urn, key=lambda u: order.get(u, len(order)))}
