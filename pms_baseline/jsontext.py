"""JSON as every reader of this tool takes it: strict JSON, and text that can be written back out.

Python's reader takes more than JSON: ``NaN`` and ``Infinity``, a number too large for a double (read as
infinity), and a ``\\uD800``-style escape of half a surrogate pair, which decodes to a string no UTF-8 text can
carry. The Pulumi engine writes none of them (Go's encoder refuses the first two and replaces invalid text), and
each would break what is made from the input: a report holding ``NaN`` is not JSON, and a page, report or bundle
holding a lone surrogate cannot be written at all. So a state, a findings report or a policy config holding one
is refused as input, with one line, before anything is judged.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

# A \uD800-\uDFFF escape: half of a surrogate pair, or a lone one (looked into only when one is present).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class NotJSON(ValueError):
    """What Python's reader takes and no JSON reader does; the message says what it was."""


def _constant(name: str) -> Any:
    raise NotJSON(f"{name} is not a JSON number")


def _float(text: str) -> float:
    value = float(text)
    if value in (math.inf, -math.inf):
        raise NotJSON(f"{text[:40]} is beyond the largest number JSON can carry here")
    return value


def _lone_surrogate(doc: Any) -> bool:
    try:
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def loads(text: str) -> Any:
    """``json.loads(text)``, refusing what is not JSON (``NotJSON``; a malformed text raises
    ``json.JSONDecodeError`` as ever)."""
    doc = json.loads(text, parse_constant=_constant, parse_float=_float)
    if _SURROGATE_ESCAPE.search(text) and _lone_surrogate(doc):
        raise NotJSON("a string holds a lone UTF-16 surrogate escape, which no Unicode text can")
    return doc
