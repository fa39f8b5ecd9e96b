"""Escaping for every medium a report is printed in, so that a name or value written by someone else is shown as
text and never acts: no terminal control sequence, no Markdown link, image, mention or broken table, no invalid
XML, no location outside the program.

Resource names, stack names, tags and property values in a state document are written by others; every writer
passes them through one of these functions before printing.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

# C0 controls, DEL, C1 controls and the Unicode line/paragraph separators and bidi overrides: each could move the
# cursor, recolour the screen, start a new line or reorder what a reader sees.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (
        f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def terminal(text: object) -> str:
    """``text`` for a terminal line: control characters shown as escapes (``\\x1b``, ``\\n``), never obeyed."""
    return _TERMINAL_UNSAFE.sub(_visible, str(text))


# Characters that Markdown (GitHub's flavour included) or the HTML it allows can give a meaning inside a line:
# emphasis and strike (* _ ~), code spans (`), links and images ([ ] !), HTML tags and entities (< > &), tables
# (|), escapes (\\), mentions and e-mail autolinks (@), issue references (#), math ($), URL autolinks and emoji
# shortcodes (:). "www." autolinks are broken by escaping its dot.
_MARKDOWN_ACTIVE = frozenset("\\`*_[]<>|!@#~&$:")
_WWW = re.compile(r"(?i)(www)\.")


def markdown(text: object) -> str:
    """``text`` for Markdown prose or a table cell (not inside a code span, where entities are not decoded):
    every character Markdown could act on becomes an HTML entity, line breaks a space."""
    out = []
    for ch in str(text):
        if ch in "\r\n\u2028\u2029":
            out.append(" ")
        elif _TERMINAL_UNSAFE.match(ch):
            out.append(" " if ch == "\t" else "")
        elif ch in _MARKDOWN_ACTIVE:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return _WWW.sub(r"\1&#46;", "".join(out))


def markdown_code(text: object) -> str:
    """``text`` shown as code in Markdown: an HTML ``<code>`` element (GitHub renders it) whose content is
    entity-escaped, so it can neither close the element nor break out as a backtick code span could."""
    return f"<code>{markdown(text)}</code>"


# XML 1.0 allows tab, newline, carriage return and these ranges; anything else makes the document invalid.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml(text: object) -> str:
    """``text`` that an XML 1.0 document can hold (ElementTree escapes ``<&>``; this removes what it cannot):
    characters XML forbids are shown as ``\\xNN`` escapes."""
    return _XML_INVALID.sub(_visible, str(text))


def sarif_text(text: object) -> str:
    """``text`` as a SARIF plain-text message shows it, never as a link: SARIF reads ``[text](target)`` in a
    message as an embedded link, and a literal bracket or backslash is written with a backslash before it.
    (SARIF 2.1.0, section 3.11.6 "Messages with embedded links": an escaped link character is ``\\``, ``[`` or
    ``]`` after a backslash; https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)"""
    return re.sub(r"([\\\[\]])", r"\\\1", str(text))


def source_path(path: str, root: Path | None = None) -> str | None:
    """``path`` as a location a code-scanning tool may open, or None: a relative POSIX path inside the program
    (no scheme, no ``..``, no absolute path, no backslash or control character), naming a file that exists under
    ``root`` when a root is given."""
    if not path or _TERMINAL_UNSAFE.search(path) or "\\" in path or ":" in path or path.startswith("/"):
        return None
    pure = PurePosixPath(path)
    if any(part in ("..", "") for part in pure.parts) or str(pure) != path.removeprefix("./"):
        return None
    if root is not None:
        try:
            candidate = (root / pure).resolve()
            inside = candidate.is_relative_to(root.resolve()) and candidate.is_file()
        except (OSError, RuntimeError, ValueError):
            return None
        if not inside:
            return None
    return str(pure)
