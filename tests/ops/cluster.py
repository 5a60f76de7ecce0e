"""Real app processes (`python -m tandem serve`), and a small health-checked round-robin proxy in front.

The proxy does what the compose file's nginx does: it sends traffic only to instances whose readiness
answers 200, tries the next instance when a connection is refused, passes streams through unbuffered,
and sets X-Forwarded-For and X-Request-ID.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.api.redis_server import free_port

REPO_ROOT = Path(__file__).resolve().parents[2]
SECRET = "ops-test-secret-key-that-is-long-enough-for-hmac"
# Shared by every instance, as in production: one key-encryption key for the members' data keys.
MASTER_KEY = "b3BzLXRlc3RzLW1hc3Rlci1rZXktb2YtMzItYnl0ZXM"
HOST = "127.0.0.1"


@dataclass
class AppProcess:
    """One instance, its own log file; `env` overrides TANDEM_* settings."""

    name: str
    work_dir: Path
    env: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.work_dir / f"{self.name}.log"

    def start(self) -> None:
        self.work_dir.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "TANDEM_DATA_DIR": str(self.work_dir / "data"),
            "TANDEM_SECRET_KEY": SECRET,
            "TANDEM_MASTER_KEY": MASTER_KEY,
            "TANDEM_INSTANCE_ID": self.name,
            "TANDEM_FRONTEND_DIST": str(self.work_dir / "no-frontend"),
            **self.env,
        }
        self.starts += 1
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tandem", "serve", "--host", HOST, "--port", str(self.port)],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def wait_ready(self, seconds: float = 90.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}: {self.log_text()[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/api/v1/health/ready", timeout=1).status_code == 200:
                    return
            time.sleep(0.1)
        raise TimeoutError(f"{self.name} not ready in {seconds} s: {self.log_text()[-2000:]}")

    def terminate(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)

    def wait_exit(self, seconds: float = 40.0) -> int:
        assert self.process is not None
        code = self.process.wait(timeout=seconds)
        self.process = None
        return code

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@dataclass
class Upstream:
    port: int
    ready: bool = False


class RoundRobinProxy:
    """An HTTP/1.1 proxy: one upstream connection per request (Connection: close), bytes piped as they come."""

    def __init__(self, upstream_ports: list[int], check_interval: float = 0.2) -> None:
        self.upstreams = [Upstream(port) for port in upstream_ports]
        self.port = free_port()
        self.check_interval = check_interval
        self._cycle = itertools.cycle(range(len(self.upstreams)))
        self._server: asyncio.Server | None = None
        self._checker: asyncio.Task[None] | None = None
        self._handlers: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, HOST, self.port)
        self._checker = asyncio.create_task(self._check_forever())
        await self._check_once()

    async def close(self) -> None:
        if self._checker is not None:
            self._checker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._checker
        if self._server is not None:
            self._server.close()
        for task in list(self._handlers):
            task.cancel()

    async def _check_once(self) -> None:
        async with httpx.AsyncClient(timeout=1.0) as client:
            for upstream in self.upstreams:
                try:
                    response = await client.get(f"http://{HOST}:{upstream.port}/api/v1/health/ready")
                    upstream.ready = response.status_code == 200
                except httpx.HTTPError:
                    upstream.ready = False

    async def _check_forever(self) -> None:
        while True:
            await asyncio.sleep(self.check_interval)
            await self._check_once()

    def _candidates(self) -> list[Upstream]:
        start = next(self._cycle)
        ordered = self.upstreams[start:] + self.upstreams[:start]
        ready = [u for u in ordered if u.ready]
        return ready or ordered

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            await self._proxy_one(reader, writer)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            self._handlers.discard(task)
            writer.close()

    async def _proxy_one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        lines = head.decode("latin-1").split("\r\n")
        request_line, header_lines = lines[0], [line for line in lines[1:] if line]
        headers: list[tuple[str, str]] = []
        length = 0
        request_id = uuid.uuid4().hex
        for line in header_lines:
            name, _, value = line.partition(":")
            lower = name.strip().lower()
            if lower in ("connection", "keep-alive", "x-forwarded-for"):
                continue
            if lower == "content-length":
                length = int(value.strip())
            if lower == "x-request-id":
                request_id = value.strip()
                continue
            headers.append((name.strip(), value.strip()))
        body = await reader.readexactly(length) if length else b""
        peer = writer.get_extra_info("peername")[0]
        headers += [("X-Forwarded-For", peer), ("X-Request-ID", request_id), ("Connection", "close")]
        outgoing = (request_line + "\r\n" + "".join(f"{n}: {v}\r\n" for n, v in headers) + "\r\n").encode(
            "latin-1"
        ) + body
        for upstream in self._candidates():
            try:
                up_reader, up_writer = await asyncio.open_connection(HOST, upstream.port)
            except OSError:
                upstream.ready = False
                continue  # nothing was sent: safe to try the next instance
            try:
                up_writer.write(outgoing)
                await up_writer.drain()
                while chunk := await up_reader.read(65536):
                    writer.write(chunk)
                    await writer.drain()
            finally:
                up_writer.close()
            return
        writer.write(b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        await writer.drain()


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 10.0, every: float = 0.1) -> bool:
    """Poll an async check until it holds or the time is up; say which."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if await check():
            return True
        await asyncio.sleep(every)
    return False


def migrate(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`python -m tandem migrate` as an operator runs it."""
    return subprocess.run(
        [sys.executable, "-m", "tandem", "migrate"],
        cwd=REPO_ROOT,
        env={**os.environ, "TANDEM_SECRET_KEY": SECRET, "TANDEM_MASTER_KEY": MASTER_KEY, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def problems_in_log(text: str) -> list[str]:
    """Lines that must never appear: tracebacks, errors, cancelled tasks."""
    return [
        line
        for line in text.splitlines()
        if "Traceback" in line or '"level": "error"' in line or '"level": "critical"' in line
    ]


def metric_value(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return 0.0
