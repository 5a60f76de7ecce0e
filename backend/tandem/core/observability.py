"""One JSON log line per event, one line per request with its request id, and the metrics of each request.

A log line carries the method, the route template (never the raw path, which holds ids), the status, the
duration, the request id and the instance id: nothing a person wrote, no cookie, query or body.
"""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime
from typing import Any

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from tandem.core.metrics import Metrics

request_logger = logging.getLogger("tandem.requests")

REQUEST_ID_HEADER = b"x-request-id"
# An incoming id is kept only when it is short and plain, so it cannot smuggle text into a log line.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# Extra fields a log record may carry into the JSON line; anything else passed as `extra` is dropped.
STRUCTURED_FIELDS = ("request_id", "method", "route", "status", "duration_ms", "event", "error")


class JsonFormatter(logging.Formatter):
    """`{"time", "level", "logger", "message", "instance", ...}` on one line; a traceback becomes one field."""

    def __init__(self, instance_id: str = "local", **_: Any) -> None:
        super().__init__()
        self.instance_id = instance_id

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "instance": self.instance_id,
        }
        for name in STRUCTURED_FIELDS:
            value = record.__dict__.get(name)
            if value is not None:
                line[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__
            line["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


def logging_dict_config(level: str, instance_id: str) -> dict[str, Any]:
    """A dictConfig for the ASGI server's own loggers, in the same JSON format as the app's."""
    formatter = {"()": "tandem.core.observability.JsonFormatter", "instance_id": instance_id}
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": formatter},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER:
            candidate = value.decode("latin-1")
            if VALID_REQUEST_ID.fullmatch(candidate):
                return candidate
            break
    return uuid.uuid4().hex


class RequestObservabilityMiddleware(ASGIMiddleware):
    """Request id (taken from X-Request-ID or made, and echoed), the request log line and request metrics."""

    scopes = (ScopeType.HTTP,)

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        started = time.perf_counter()
        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", ()))
                headers.append((REQUEST_ID_HEADER, request_id.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await next_app(scope, receive, capture)
        except Exception as exc:
            # Refusals raised by outer middleware (CSRF, body size) never reach `capture`.
            status = getattr(exc, "status_code", 500)
            raise
        finally:
            self.metrics.in_flight.dec()
            method = scope.get("method", "?")
            route = scope.get("path_template") or "(unmatched)"
            elapsed = time.perf_counter() - started
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(elapsed)
            request_logger.info(
                "%s %s %s %.1fms",
                method,
                route,
                status,
                elapsed * 1000,
                extra={
                    "request_id": request_id,
                    "method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )
