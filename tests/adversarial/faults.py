"""A faulty network path for verify, on 127.0.0.1 only: a proxy in front of a moto server that answers chosen
API calls itself (a proxy's HTML error page with 200, a 503, a throttle, an STS answer without an account, a
valid JSON body of the wrong shape) or holds them without an answer, and forwards everything else to moto.

Every wait is bounded: a held request is released when the proxy stops, and after ``HOLD_SECONDS`` at the
latest, so no test can hang on it.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

HOLD_SECONDS = 20.0
HTML_PAGE = (b"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>"
             b"<p>The proxy could not reach the upstream server.</p></body></html>")
STS_WITHOUT_ACCOUNT = (
    b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'
    b"<Arn>arn:aws:iam::123456789012:user/proxy</Arn><UserId>AIDAPROXY</UserId></GetCallerIdentityResult>"
    b"<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"
)
_SCOPE = re.compile(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Fault:
    """Answer requests to ``service`` whose operation line contains ``needle`` with ``answer``.

    The operation line is ``"<X-Amz-Target> <Action> <METHOD> <path?query>"``, so ``DescribeKey`` matches a
    JSON call, ``GetCallerIdentity`` a query call and ``?encryption`` an S3 call. ``answer`` is ``hang``, or
    ``(status, content type, body)``; the first ``times`` matches are answered (None: all), later ones forwarded.
    """

    service: str
    needle: str
    answer: str | tuple[int, str, bytes]
    times: int | None = None
    hits: int = 0


@dataclass
class FaultyPath:
    """The proxy's address, its faults and what it saw."""

    url: str
    faults: list[Fault] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    """``service operation-line`` of every request, in order."""


def html(status: int = 200) -> tuple[int, str, bytes]:
    return status, "text/html", HTML_PAGE


def throttle() -> tuple[int, str, bytes]:
    return 400, "application/x-amz-json-1.1", b'{"__type": "ThrottlingException", "message": "Rate exceeded"}'


class _Proxy(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args) -> None:  # quiet
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        match = _SCOPE.search(self.headers.get("Authorization", ""))
        service = match.group(1) if match else "?"
        form = parse_qs(body.decode("utf-8", "replace")) if b"Action=" in body else {}
        line = " ".join([self.headers.get("X-Amz-Target", ""), (form.get("Action") or [""])[0], self.command,
                         self.path])
        path = self.server.path
        with self.server.lock:
            path.requests.append(f"{service} {line}")
            fault = next((f for f in path.faults if f.service == service and f.needle in line
                          and (f.times is None or f.hits < f.times)), None)
            if fault:
                fault.hits += 1
        if fault is None:
            self._forward(body)
        elif fault.answer == "hang":
            self.server.stopping.wait(HOLD_SECONDS)
            self.close_connection = True
        else:
            status, kind, payload = fault.answer
            self._send(status, {"Content-Type": kind}, payload)

    def _forward(self, body: bytes) -> None:
        upstream = urlsplit(self.server.upstream)
        conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        conn.request(self.command, self.path, body=body, headers=headers)
        reply = conn.getresponse()
        payload = reply.read()
        conn.close()
        kept = {k: v for k, v in reply.getheaders()
                if k.lower() not in ("transfer-encoding", "connection", "content-length", "server", "date")}
        self._send(reply.status, kept, payload)

    def _send(self, status: int, headers: dict[str, str], payload: bytes) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), _Proxy)
        self.upstream = upstream
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.path = FaultyPath(f"http://127.0.0.1:{self.server_address[1]}")


class faulty_path:  # noqa: N801 (used as a context manager, like open)
    """``with faulty_path(moto_url, Fault(...), ...) as path:`` a proxy on 127.0.0.1 for the block's length."""

    def __init__(self, upstream: str, *faults: Fault) -> None:
        self.server = _Server(upstream)
        self.server.path.faults.extend(faults)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FaultyPath:
        self.thread.start()
        return self.server.path

    def __exit__(self, *exc) -> None:
        self.server.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class EmulatedAccount:
    """A moto server on 127.0.0.1 holding the baseline program's resources, and their deployed state.

    The server is a process of its own: moto's backends are per process, and a ``mock_aws`` in another test of
    the same pytest worker would reset an in-process server's account under these tests."""

    def __init__(self, folder: Path) -> None:
        from pms_baseline.cli import main
        from pms_baseline.preview import preview_function
        from tests.live.baseline_program import add_what_it_leaves_out, program
        from tests.live.organisation import enable_security_hub

        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        # moto's server, with the reads moto lacks answered from its state as `emulate`'s own server has them.
        serve = ("from pms_baseline.emulate import moto_gaps; moto_gaps.install(); from moto.server import main; "
                 f"main(['-H', '127.0.0.1', '-p', '{port}'])")
        self.process = subprocess.Popen([sys.executable, "-c", serve],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self._wait(port)
            (folder / "state.json").write_text(json.dumps(preview_function(program, stack="prod")))
            self.state = folder / "deployed.json"
            argv = ["emulate", "--state", str(folder / "state.json"), "--endpoint-url", self.url,
                    "--out", str(self.state)]
            assert main(argv) == 0
            enable_security_hub(endpoint_url=self.url)  # the organisation enables it (tests/live/organisation.py)
            add_what_it_leaves_out(endpoint_url=self.url)  # Config, access logs (baseline_program.NOT_DECLARED)
        except BaseException:
            self.stop()
            raise

    def answer_declared(self, monkeypatch) -> None:
        """Make the sessions verify creates answer what the state declares and moto cannot hold (backup
        selections, vault access policies, IAM Access Analyzer analyzers), as the live tests' accounts do."""
        from tests.live.declared_answers import answer_verify_sessions

        answer_verify_sessions(monkeypatch, self.state)

    def _wait(self, port: int, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto server exited with {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"moto server did not listen on 127.0.0.1:{port} within {seconds:g} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
