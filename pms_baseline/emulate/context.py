"""What every emulation handler gets: the account's clients and id map, the handler registry, property helpers."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from pms_baseline.state import Resource, is_opaque


class NotEmulated(Exception):
    """This kind, or this setting of it, has no moto equivalent. ``ident``: the id a deploy would give the
    resource, where it is known without creating it (a vault policy's is its vault's name), so the realized
    document records what a real export would."""

    def __init__(self, message: str, ident: str = "") -> None:
        super().__init__(message)
        self.ident = ident


class Context:
    """The emulated account a handler creates into: one client per service, and the state's ids mapped to its."""

    def __init__(self, session: Any, region: str, endpoint_url: str | None) -> None:
        self.session, self.region, self.endpoint_url = session, region, endpoint_url
        self.ids: dict[str, str] = {}
        self._clients: dict[str, Any] = {}
        self._regions: dict[str, Context] = {region: self}
        self.account = self.client("sts").get_caller_identity()["Account"]

    def in_region(self, region: str) -> Context:
        """The same account and id map, creating in ``region`` (for a resource the state places in another)."""
        if region not in self._regions:
            other = copy.copy(self)
            other.region, other._clients = region, {}
            self._regions[region] = other
        return self._regions[region]

    def client(self, service: str) -> Any:
        if service not in self._clients:
            from pms_baseline.live.endpoint import path_style_s3control

            client = self.session.client(service, region_name=self.region, endpoint_url=self.endpoint_url)
            if self.endpoint_url:
                path_style_s3control(client)
            self._clients[service] = client
        return self._clients[service]

    def map(self, value: Any) -> Any:
        """The state's ids and ARNs replaced by the account's, in plain values and inside policy text."""
        if isinstance(value, str):
            if value in self.ids:
                return self.ids[value]
            for old, new in self.ids.items():
                if len(old) >= 12 and old in value:
                    value = value.replace(old, new)
            return value
        if isinstance(value, list):
            return [self.map(v) for v in value]
        if isinstance(value, dict):
            return {k: self.map(v) for k, v in value.items()}
        return value


class Tracked(dict):
    """A resource's properties that remember which top-level settings a handler read: what it never read, it did not
    realize (``runner`` reports those). Iterating or copying the whole map counts as reading every setting."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.read: set[str] = set()

    def get(self, key: Any, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: Any) -> bool:
        self.read.add(key)
        return super().__contains__(key)

    def keys(self):  # type: ignore[override]
        self.read.update(super().keys())
        return super().keys()

    def __iter__(self):
        self.read.update(super().keys())
        return super().__iter__()

    def items(self):  # type: ignore[override]
        self.read.update(super().keys())
        return super().items()


def tags(p: dict[str, Any]) -> dict[str, str]:
    """The resource's tags as strings; none when the state records none (or not a map)."""
    found = p.get("tags") or {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def tag_list(p: dict[str, Any], key: str = "Key", value: str = "Value") -> list[dict[str, str]]:
    return [{key: k, value: v} for k, v in tags(p).items()]


def policy_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def present(value: Any) -> bool:
    return value is not None and value != "" and not is_opaque(value)


def kw(**kwargs: Any) -> dict[str, Any]:
    """Keyword arguments without the absent ones."""
    return {k: v for k, v in kwargs.items() if present(v)}


# Each handler creates one resource from its (mapped) properties and returns (id, {output: value}); the
# state's id and outputs are then mapped to these.
Handler = Callable[[Context, Resource, dict[str, Any]], tuple[str, dict[str, Any]]]
HANDLERS: dict[str, Handler] = {}


def handles(*tokens: str) -> Callable[[Handler], Handler]:
    def wrap(fn: Handler) -> Handler:
        for tok in tokens:
            HANDLERS[tok] = fn
        return fn

    return wrap
