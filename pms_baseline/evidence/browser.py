"""Open a bundle's page in real headless Chromium over the DevTools protocol: errors, requests, screenshot.

Used by the evidence tests and ``scripts/screenshot_evidence.py``. Chromium is Debian's package
(``scripts/install-chromium.sh``); the protocol is spoken over a websocket with aiohttp (installed with
checkov).
The browser runs with a throw-away profile and no network features, and every request the page makes is
recorded, so a test can assert the page loads nothing but itself.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
    "--disable-dev-shm-usage",  # containers often give /dev/shm 64 MB, too little for a long page
)
_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")


class BrowserError(RuntimeError):
    """Chromium could not be started or did not answer."""


@dataclass
class PageReport:
    """What the browser saw while loading a page."""

    title: str = ""
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    screenshot: bytes = b""
    pdf: bytes = b""


def find_chromium() -> str | None:
    """The path of a Chromium binary, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _read_ws_url(proc: subprocess.Popen, timeout: float) -> str:
    box: dict[str, str] = {}
    lines: list[str] = []

    def read() -> None:
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace")
            lines.append(line)
            match = _LISTENING.search(line)
            if match:
                box["url"] = match.group(1)
                break

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    if "url" not in box:
        tail = "".join(lines[-5:]).strip().replace("\n", " | ")
        raise BrowserError(
            f"Chromium did not open its DevTools port within {timeout:.0f}s ({tail or 'no output'})"
        )
    # Keep draining stderr so Chromium never blocks on a full pipe.
    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
    return box["url"]


class _Session:
    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0
        self.pending: dict[int, asyncio.Future] = {}
        self.events: list[dict[str, Any]] = []
        self.loaded = asyncio.Event()

    async def pump(self) -> None:
        async for msg in self.ws:
            data = json.loads(msg.data)
            if "id" in data and data["id"] in self.pending:
                self.pending.pop(data["id"]).set_result(data)
            elif "method" in data:
                self.events.append(data)
                if data["method"] == "Page.loadEventFired":
                    self.loaded.set()

    async def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        msg: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        fut = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = fut
        await self.ws.send_str(json.dumps(msg))
        reply = await asyncio.wait_for(fut, 60)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})


FACTS_JS = """JSON.stringify({
  controlRows: document.querySelectorAll('tr[id^="control-"]').length,
  svgCharts: document.querySelectorAll('svg').length,
  externalRefs: Array.from(document.querySelectorAll('[src],[href]'))
      .map(e => e.getAttribute('src') || e.getAttribute('href')).filter(u => /^(https?:)?\\/\\//.test(u)),
  scripts: document.querySelectorAll('script').length,
  height: document.documentElement.scrollHeight,
  width: document.documentElement.scrollWidth,
  bodyText: document.body.innerText.length
})"""


@contextlib.asynccontextmanager
async def _tab(ws_url: str) -> AsyncIterator[tuple[_Session, str]]:
    """A DevTools session on a new blank tab of the browser at ``ws_url``: (the session, the tab's session id)."""
    import aiohttp

    async with aiohttp.ClientSession() as http, http.ws_connect(ws_url, max_msg_size=0) as ws:
        s = _Session(ws)
        pump = asyncio.create_task(s.pump())
        try:
            target = (await s.send("Target.createTarget", {"url": "about:blank"}))["targetId"]
            sid = (await s.send("Target.attachToTarget", {"targetId": target, "flatten": True}))["sessionId"]
            yield s, sid
        finally:
            pump.cancel()


async def _inspect(ws_url: str, url: str, width: int, height: int, full_page: bool) -> PageReport:
    report = PageReport()
    async with _tab(ws_url) as (s, sid):
        for domain in ("Page", "Runtime", "Log", "Network"):
            await s.send(f"{domain}.enable", {}, sid)
        await s.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            sid,
        )
        s.loaded.clear()
        await s.send("Page.navigate", {"url": url}, sid)
        await asyncio.wait_for(s.loaded.wait(), 60)
        result = await s.send("Runtime.evaluate", {"expression": FACTS_JS, "returnByValue": True}, sid)
        report.facts = json.loads(result["result"]["value"])
        report.title = (
            await s.send("Runtime.evaluate", {"expression": "document.title", "returnByValue": True}, sid)
        )["result"]["value"]
        shot: dict[str, Any] = {"format": "png"}
        if full_page:
            shot["captureBeyondViewport"] = True
            shot["clip"] = {
                "x": 0,
                "y": 0,
                "width": width,
                "height": min(report.facts["height"], 16000),
                "scale": 1,
            }
        report.screenshot = base64.b64decode((await s.send("Page.captureScreenshot", shot, sid))["data"])
        pdf = await s.send("Page.printToPDF", {"printBackground": True, "landscape": True}, sid)
        report.pdf = base64.b64decode(pdf["data"])
        await asyncio.sleep(0.2)  # let late console messages arrive
    for ev in s.events:
        method, params = ev["method"], ev.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            report.console_errors.append(
                f"exception: {details.get('text')} {details.get('exception', {}).get('description', '')}"
            )
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            report.console_errors.append(
                "console.error: " + " ".join(str(a.get("value")) for a in params.get("args", []))
            )
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            report.console_errors.append(
                f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}".strip()
            )
        elif method == "Network.requestWillBeSent":
            report.requests.append(params.get("request", {}).get("url", ""))
        elif method == "Network.loadingFailed":
            report.failed_requests.append(f"{params.get('errorText')}")
    return report


async def _print(ws_url: str, url: str) -> bytes:
    async with _tab(ws_url) as (s, sid):
        await s.send("Page.enable", {}, sid)
        s.loaded.clear()
        await s.send("Page.navigate", {"url": url}, sid)
        await asyncio.wait_for(s.loaded.wait(), 60)
        # The page's own @page rule (A4 landscape, 12 mm margins) sets the paper; backgrounds keep the colours.
        pdf = await s.send("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True}, sid)
        return base64.b64decode(pdf["data"])


def _run(url: str, timeout: float, work: Any) -> Any:
    """Start Chromium with a throw-away profile, run ``work(ws_url, url)`` (a coroutine) in it, and stop it."""
    binary = find_chromium()
    if binary is None:
        raise BrowserError(
            "Chromium is not installed (scripts/install-chromium.sh installs Debian's package)"
        )
    profile = tempfile.mkdtemp(prefix="pms-evidence-chromium-")
    proc = subprocess.Popen(
        [binary, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "LANG": os.environ.get("LANG", "C.UTF-8")},
    )
    try:
        ws_url = _read_ws_url(proc, timeout)
        return asyncio.run(asyncio.wait_for(work(ws_url, url), timeout * 2))
    except (OSError, asyncio.TimeoutError) as exc:
        raise BrowserError(f"Chromium did not answer: {exc or type(exc).__name__}") from exc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


def print_pdf(page: str | Path, timeout: float = 60) -> bytes:
    """``page`` (a local HTML file) printed to PDF by headless Chromium, as its print stylesheet lays it out."""
    return _run(Path(page).resolve().as_uri(), timeout, _print)


# The printable area of an A4 landscape page with the page's 12 mm margins (297 x 210 mm), in CSS pixels.
A4_LANDSCAPE_CONTENT = (round((297 - 24) / 25.4 * 96), round((210 - 24) / 25.4 * 96))


BOXES_JS = (".map(q => { const e = document.querySelector(q); if (!e) return null; "
            "const r = e.getBoundingClientRect(); return {top: r.top + scrollY, bottom: r.bottom + scrollY}; }))")


async def _print_boxes(ws_url: str, url: str, selectors: tuple[str, ...]) -> list[dict[str, float] | None]:
    width, height = A4_LANDSCAPE_CONTENT
    async with _tab(ws_url) as (s, sid):
        await s.send("Page.enable", {}, sid)
        await s.send("Emulation.setEmulatedMedia", {"media": "print"}, sid)
        await s.send("Emulation.setDeviceMetricsOverride",
                     {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, sid)
        s.loaded.clear()
        await s.send("Page.navigate", {"url": url}, sid)
        await asyncio.wait_for(s.loaded.wait(), 60)
        script = "JSON.stringify(" + json.dumps(list(selectors)) + BOXES_JS
        result = await s.send("Runtime.evaluate", {"expression": script, "returnByValue": True}, sid)
        return json.loads(result["result"]["value"])


def print_boxes(page: str | Path, *selectors: str, timeout: float = 60) -> list[dict[str, float] | None]:
    """Where the elements of ``selectors`` lie (top and bottom, CSS pixels from the top of the document) when the
    page is laid out for print on A4 landscape: an element whose bottom is within ``A4_LANDSCAPE_CONTENT[1]`` is
    on the first printed page. None for a selector that matches nothing."""
    return _run(Path(page).resolve().as_uri(), timeout, lambda ws_url, url: _print_boxes(ws_url, url, selectors))


_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF Chromium printed has: its page objects (Skia writes them uncompressed)."""
    return len(_PAGE_OBJECT.findall(pdf))


def inspect_page(
    page: str | Path,
    width: int = 1280,
    height: int = 900,
    full_page: bool = True,
    timeout: float = 60,
    fragment: str = "",
) -> PageReport:
    """Load ``page`` (a local HTML file) in headless Chromium; report errors, requests, a PNG and a PDF.

    ``full_page`` captures the whole page (up to 16,000 pixels high), else the viewport, scrolled to
    ``#fragment`` if one is given.
    """
    return _run(Path(page).resolve().as_uri() + (f"#{fragment}" if fragment else ""), timeout,
                lambda ws_url, url: _inspect(ws_url, url, width, height, full_page))
