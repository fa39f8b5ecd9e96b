#!/usr/bin/env python3
"""Screenshot an evidence bundle's page in headless Chromium, and fail if the page logs an error.

    .venv/bin/python scripts/screenshot_evidence.py BUNDLE_DIR_OR_INDEX_HTML --out evidence.png
        [--pdf evidence.pdf] [--width 1280] [--height 900] [--viewport] [--fragment controls]

Exit 0 with the PNG written (and the PDF, the page as printed); 1 when the page logged console errors or asked
for anything but itself; 2 when Chromium is missing or does not answer (install: scripts/install-chromium.sh).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pms_baseline.evidence.browser import BrowserError, inspect_page  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="evidence bundle directory or its index.html")
    parser.add_argument("--out", required=True, help="PNG file to write")
    parser.add_argument("--pdf", help="also write the page as printed (A4 landscape) to this PDF file")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900, help="viewport height (with --viewport)")
    parser.add_argument(
        "--viewport", action="store_true", help="capture the viewport only, not the whole page"
    )
    parser.add_argument("--fragment", default="", help="scroll to this #id first (with --viewport)")
    args = parser.parse_args(argv)

    page = Path(args.page)
    if page.is_dir():
        page = page / "index.html"
    if not page.is_file():
        print(f"screenshot_evidence: {page}: no such file", file=sys.stderr)
        return 2
    try:
        report = inspect_page(
            page, width=args.width, height=args.height, full_page=not args.viewport, fragment=args.fragment
        )
    except BrowserError as exc:
        print(f"screenshot_evidence: {exc}", file=sys.stderr)
        return 2
    Path(args.out).write_bytes(report.screenshot)
    if args.pdf:
        Path(args.pdf).write_bytes(report.pdf)
    page_url = page.resolve().as_uri()
    foreign = [u for u in report.requests if u.split("#")[0] != page_url]
    print(
        f"wrote {args.out} ({len(report.screenshot)} bytes, page {report.facts.get('width')}x"
        f"{report.facts.get('height')} px, {report.facts.get('controlRows')} control rows)"
        + (f" and {args.pdf} ({len(report.pdf)} bytes)" if args.pdf else "")
    )
    for problem in report.console_errors + [f"request for {u}" for u in foreign]:
        print(f"screenshot_evidence: {problem}", file=sys.stderr)
    return 1 if report.console_errors or foreign else 0


if __name__ == "__main__":
    sys.exit(main())
