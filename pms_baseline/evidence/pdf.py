"""``evidence --pdf FILE``: the bundle's page printed to PDF by headless Chromium, for auditors who file paper.

The page is printed as its print stylesheet lays it out (A4 landscape, the time window at the top of the first
page), from the bundle being written, before it is moved into place: when Chromium is missing or fails, the
command stops with one line and exit 2 and writes neither the bundle nor the PDF. Chromium is looked up on PATH
(``browser.find_chromium``) before any other work.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pms_baseline.errors import InputError

NO_CHROMIUM = ("--pdf needs Chromium, and none of chromium, chromium-browser, google-chrome is on PATH; install it "
               "(scripts/install-chromium.sh) or leave out --pdf")


def check_target(pdf: str | Path, out: Path) -> Path:
    """Refuse, before any work, a ``--pdf`` that cannot be written, or when no Chromium can print it."""
    from pms_baseline.evidence.browser import find_chromium

    path = Path(pdf)
    if path.is_dir():
        raise InputError(f"{path}: is a directory; --pdf takes the PDF file to write")
    if path.resolve().is_relative_to(out.resolve()):
        raise InputError(f"{path}: inside --out {out}, which holds the bundle's files only; write the PDF elsewhere")
    if not path.parent.is_dir():
        raise InputError(f"{path.parent}: no such directory for --pdf")
    if find_chromium() is None:
        raise InputError(NO_CHROMIUM)
    return path


def print_page(page: Path) -> tuple[bytes, int]:
    """The PDF of ``page`` and its page count; Chromium failing is one line (InputError), nothing written."""
    from pms_baseline.evidence.browser import BrowserError, pdf_pages, print_pdf

    try:
        data = print_pdf(page)
    except BrowserError as exc:
        raise InputError(f"--pdf: Chromium could not print the bundle's page: {exc}") from None
    pages = pdf_pages(data)
    if not data.startswith(b"%PDF-") or pages < 1:
        raise InputError("--pdf: Chromium returned no PDF pages for the bundle's page")
    return data, pages


def write(path: Path, data: bytes) -> None:
    """Write the PDF whole or not at all (a temporary file beside it, renamed into place)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
