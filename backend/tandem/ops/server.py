"""The production server: uvicorn with draining on SIGTERM, JSON logs and timeouts against slow clients.

On SIGTERM the instance reports not ready at once and ends its live event streams (browsers reconnect,
through the proxy, to another instance); after `TANDEM_DRAIN_GRACE_SECONDS` it stops accepting
connections, lets requests in flight finish within `TANDEM_DRAIN_TIMEOUT_SECONDS`, runs the app's
shutdown and exits 0. A second signal stops at once. SIGINT (Ctrl+C) skips the grace.

A request whose headers and body have not all arrived within `TANDEM_REQUEST_READ_TIMEOUT_SECONDS` of the
connection opening (or of the previous response) gets a 408 and the connection is closed, so a client
that never finishes its headers, or sends less body than its Content-Length, cannot hold a connection.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sys
import time
from types import FrameType
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from tandem.core.config import Settings
from tandem.core.drain import DrainState
from tandem.core.observability import logging_dict_config

logger = logging.getLogger("tandem.server")

REQUEST_READ_TIMEOUT_SECONDS = 15.0  # the default of TANDEM_REQUEST_READ_TIMEOUT_SECONDS
KEEP_ALIVE_SECONDS = 5

REQUEST_TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 16\r\nconnection: close\r\n\r\nRequest timeout\n"
)


class TimedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol with one deadline for reading each request's headers and body.

    The clock starts when the connection opens and when the first byte of a later request arrives
    (an idle keep-alive connection is closed by uvicorn's own keep-alive timeout), and stops once the
    whole request has been read.
    """

    read_timeout: float = REQUEST_READ_TIMEOUT_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._read_timer: asyncio.TimerHandle | None = None
        self._partial = False
        self._cycle_before: object | None = None

    def _arm(self) -> None:
        self._disarm()
        # The request being read gets a new cycle once its headers are in; until then it is the old one.
        self._cycle_before = self.cycle
        self._read_timer = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm(self) -> None:
        self._partial = False
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _read_timed_out(self) -> None:
        self._read_timer = None
        if self.transport.is_closing():
            return
        headers_incomplete = self.cycle is self._cycle_before
        if self._partial and (headers_incomplete or (self.cycle is not None and not self.cycle.response_started)):
            self.transport.write(REQUEST_TIMEOUT_RESPONSE)
        # A connection that sent nothing is closed silently; an app waiting for the body sees a disconnect.
        self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        between_requests = self.cycle is None or self.cycle.response_complete
        if self._read_timer is None and between_requests:
            self._arm()
        self._partial = True
        super().data_received(data)

    def on_headers_complete(self) -> None:
        target = self.url
        super().on_headers_complete()
        if not target.startswith(b"/"):
            # httptools keeps only the path of an absolute-form target (`GET http://evil.example/ ...`);
            # hand the target on as it came, so AllowedHostsMiddleware sees and refuses it. The request's
            # cycle holds this same scope and has not started yet.
            self.scope["raw_path"] = target

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


class DrainingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, drain: DrainState, grace_seconds: float) -> None:
        super().__init__(config)
        self.drain = drain
        self.grace_seconds = grace_seconds
        self._signal: int | None = None
        self._stop_at: float | None = None

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        # A signal handler only sets flags: it runs wherever the main thread was interrupted, and logging
        # from there deadlocked when the signal landed inside the logging queue's (non-reentrant) lock.
        # `on_tick`, on the event loop, starts the drain within one tick (0.1 s).
        if self._signal is not None or self.should_exit:
            self.should_exit = True
            self.force_exit = True
            return
        self._signal = sig

    async def on_tick(self, counter: int) -> bool:
        if self._signal is not None and self._stop_at is None:
            # The signal is not re-raised after shutdown (uvicorn does that by default), so the exit code is 0.
            grace = self.grace_seconds if self._signal == signal.SIGTERM else 0.0
            self._stop_at = time.monotonic() + grace
            self.drain.begin()
            logger.info("draining: not ready; new connections refused in %.1f s", grace, extra={"event": "drain"})
        if self._stop_at is not None and time.monotonic() >= self._stop_at:
            self.should_exit = True
        return await super().on_tick(counter)


def serve(host: str, port: int) -> int:
    """Serve until stopped; 2 when the settings are refused (said in one line, without a traceback)."""
    from tandem.app import create_app

    try:
        settings = Settings.from_env()
    except ValueError as exc:
        print(f"tandem: {exc}", file=sys.stderr)
        return 2
    logging.captureWarnings(True)
    app = create_app(settings)
    # What start-up made lives as long as the process: frozen, the collector never walks it again (a
    # full collection over it costs tens of milliseconds, in the middle of some request).
    gc.freeze()
    gc.enable()
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        http=type("TimedProtocol", (TimedHttpToolsProtocol,), {"read_timeout": settings.request_read_timeout_seconds}),
        server_header=False,
        proxy_headers=False,
        access_log=False,
        log_config=logging_dict_config(settings.log_level, settings.instance_id),
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        timeout_graceful_shutdown=int(settings.drain_timeout_seconds),
        lifespan="on",
    )
    DrainingServer(config, app.state.drain, settings.drain_grace_seconds).run()
    return 0
