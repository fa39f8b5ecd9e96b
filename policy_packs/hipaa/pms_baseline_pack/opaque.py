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
