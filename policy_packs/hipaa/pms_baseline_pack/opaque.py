"""Values a state document does not reveal: a secret's ciphertext or a preview's unknown.

The rules treat an opaque value as neither passing nor failing. The state reader (``pms_baseline.state``) and the
pack's policies (``pack.py``) both produce these markers, so they live here, at the bottom of every dependency.
"""

from __future__ import annotations

from typing import Any


class _Opaque(str):
    """A value the document does not reveal: a secret's ciphertext or a preview's unknown."""

    __slots__ = ()


SECRET = _Opaque("[secret]")
UNKNOWN = _Opaque("[unknown]")


def is_opaque(value: Any) -> bool:
    """True for a value the state does not reveal; a rule treats it as neither passing nor failing."""
    return isinstance(value, _Opaque)


# --- Secrets whose plaintext the state holds ------------------------------------------------------------------
# A `pulumi stack export --show-secrets` (or a checkpoint) carries a secret's plaintext. Rules may judge it (a
# secret backupRetentionPeriod of 3 is still too short), but nothing rendered from it may show it: the value is
# marked, and a marked value renders as "[secret]" through str(), repr() and format() (so every f-string message
# shows "[secret]", whatever part of the rule quotes it), and the string operations that derive text from it
# (slicing, split, replace, strip, ...) return marked values too. Booleans and nulls cannot be marked (bool cannot
# be subclassed): a secret boolean or null is SECRET, opaque, neither passing nor failing.

SECRET_TEXT = "[secret]"


class Secret:
    """Mixin of a value the state marks secret: compares as its plaintext, renders as ``[secret]``."""

    __slots__ = ()

    def __str__(self) -> str:
        return SECRET_TEXT

    def __repr__(self) -> str:
        return SECRET_TEXT

    def __format__(self, spec: str) -> str:
        return format(SECRET_TEXT, spec if spec and not spec[-1:].isalpha() or spec.endswith("s") else "")


def _marked_text(result: Any) -> Any:
    if isinstance(result, str) and not isinstance(result, Secret):
        return SecretStr(result)
    if isinstance(result, (list, tuple)):
        return type(result)(_marked_text(r) for r in result)
    return result


class SecretStr(Secret, str):
    """A secret string: equal to, and searchable as, its plaintext; shown as ``[secret]``."""

    __slots__ = ()


def _derive(name: str):
    base = getattr(str, name)

    def method(self, *args: Any, **kwargs: Any) -> Any:
        return _marked_text(base(self, *args, **kwargs))

    method.__name__ = name
    return method


for _name in ("__getitem__", "__add__", "__mul__", "__rmul__", "__mod__", "capitalize", "casefold", "center",
              "expandtabs", "format", "ljust", "lower", "lstrip", "partition", "removeprefix", "removesuffix",
              "replace", "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "strip", "swapcase",
              "title", "translate", "upper", "zfill"):
    setattr(SecretStr, _name, _derive(_name))


class SecretInt(Secret, int):
    """A secret whole number: compares and computes as its plaintext; shown as ``[secret]``."""

    __slots__ = ()


class SecretFloat(Secret, float):
    """A secret number: compares and computes as its plaintext; shown as ``[secret]``."""

    __slots__ = ()

    def is_integer(self) -> bool:
        return float(self).is_integer()


def is_secret(value: Any) -> bool:
    """True for a value the state marks secret (its plaintext known, its rendering ``[secret]``) or for SECRET."""
    return isinstance(value, Secret) or value is SECRET


def mark_secret(value: Any) -> Any:
    """``value`` (plain JSON data) with every leaf marked secret; booleans and nulls become SECRET."""
    if isinstance(value, Secret) or is_opaque(value):
        return value
    if isinstance(value, dict):
        return {k: mark_secret(v) for k, v in value.items()}
    if isinstance(value, list):
        return [mark_secret(v) for v in value]
    if isinstance(value, bool) or value is None:
        return SECRET
    if isinstance(value, str):
        return SecretStr(value)
    if isinstance(value, int):
        return SecretInt(value)
    if isinstance(value, float):
        return SecretFloat(value)
    return SECRET


def redacted(value: Any) -> Any:
    """``value`` as plain data safe to render or serialise: every secret leaf replaced by ``[secret]``
    (``json.dumps`` writes a marked string's plaintext, so serialise this, never the marked value)."""
    if is_secret(value):
        return SECRET_TEXT
    if isinstance(value, dict):
        return {k: redacted(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redacted(v) for v in value]
    return value
