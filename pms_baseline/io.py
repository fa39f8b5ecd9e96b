"""File output that never leaves a half-written file or a partial set behind, and never replaces a device.

Every command checks all of its output paths before it does any work (``check_output``), then writes them
together (``write_outputs``): regular files through temporary files renamed into place, standard output (``-``),
devices, FIFOs and sockets directly, as a shell redirection would.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pms_baseline.errors import InputError

STDOUT = "-"


@dataclass(frozen=True)
class Output:
    """A checked output path; ``direct`` outputs (stdout, devices, FIFOs, appended files) are written in place,
    never replaced."""

    path: str
    direct: bool
    append: bool = False


def check_output(path: str | Path, append: bool = False) -> Output:
    """Validate ``path`` as an output before any work: ``-`` is standard output; an existing device, FIFO or
    socket is written in place; with ``append`` the text is added to the end of the file (as GitHub's
    ``$GITHUB_STEP_SUMMARY`` wants); a directory, a missing folder or a folder that cannot be written is an input
    error naming the path."""
    path = str(path)
    if path == STDOUT:
        return Output(path, True)
    if not path or "\x00" in path:
        raise InputError(f"output path {path!r} is not a file name")
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"{path}: cannot write there ({exc.strerror or exc})") from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: is a directory; give a file name")
        if not stat.S_ISREG(st.st_mode):
            return Output(path, True)
    folder = Path(path).parent
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{path}: folder {folder} is not writable")
    return Output(path, append, append)


def check_outputs(paths: Iterable[str | Path | None], append_to: str | None = None) -> list[Output]:
    """``check_output`` for each path given (None skipped), appending to ``append_to``; the same file named
    twice is an input error."""
    found: list[Output] = []
    seen: dict[str, str] = {}
    for path in paths:
        if path is None:
            continue
        out = check_output(path, append=bool(append_to) and str(path) == append_to)
        key = out.path if out.direct else os.path.realpath(out.path)
        if key in seen and out.path != STDOUT:
            raise InputError(f"{out.path}: named twice as an output (also as {seen[key]})")
        seen[key] = out.path
        found.append(out)
    return found


def write_outputs(items: Iterable[tuple[Output, str]]) -> None:
    """Write every output or none of the regular files: each regular file is written to a temporary file in its
    folder, and only when all are written are they renamed into place; direct outputs are written after that."""
    items = list(items)
    staged: list[tuple[str, str]] = []
    try:
        for out, text in items:
            if out.direct:
                continue
            target = Path(out.path)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            staged.append((tmp, out.path))
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        for tmp, path in staged:
            os.replace(tmp, path)
    except OSError as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{getattr(exc, 'filename', None) or 'output'}: cannot write ({exc.strerror or exc})"
                         ) from None
    for out, text in items:
        if out.direct:
            _write_direct(out.path, text, out.append)


def _write_direct(path: str, text: str, append: bool = False) -> None:
    if path == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(path, "a" if append else "w", encoding="utf-8") as handle:  # noqa: PTH123 - in place
            handle.write(text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
