"""OpenTelemetry tracing, on only with TANDEM_OTEL_ENABLED (README "Tracing").

This module is imported only when tracing is on, so an instance without it loads nothing of OpenTelemetry.

Privacy comes first: a raw path can hold a secret (a calendar feed's or a clinician link's token), and a
request carries cookies, a client address and personal text. So a span is named by its route template
(`GET /api/v1/clinician-report/{token}`), never by its path, and every span is rewritten before it is
exported: only the attributes listed in SAFE_ATTRIBUTES are kept (method, route template, status, request
id, instance id, the database's kind and statement text), status descriptions and exception messages are
dropped, and an incoming `tracestate` is not passed on. SQL statements are recorded as text with their
placeholders; their parameters never are (the instrumentation does not read them, and nothing here adds them).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from litestar.plugins.opentelemetry import (
    OpenTelemetryConfig,
    OpenTelemetryInstrumentationMiddleware,
    OpenTelemetryPlugin,
)
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.metrics import get_meter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Event, ReadableSpan, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.trace import Link, Span, SpanContext, SpanKind, Status, TraceState
from sqlalchemy.ext.asyncio import AsyncEngine

from tandem.core.config import Settings

logger = logging.getLogger("tandem.tracing")

REQUEST_ID_ATTRIBUTE = "tandem.request_id"
INSTANCE_ATTRIBUTE = "tandem.instance"

# Everything else a span may carry is dropped before export: the raw path, target and URL (http.target,
# http.url, url.path, url.query, url.full), the client's address and port, the Host, the user agent, any
# captured request or response header, the database user and address, and whatever a later version of an
# instrumentation starts to record.
SAFE_ATTRIBUTES = frozenset(
    {
        # HTTP server spans (the old and the stable semantic conventions alike).
        "http.method",
        "http.request.method",
        "http.route",
        "http.status_code",
        "http.response.status_code",
        "http.scheme",
        "url.scheme",
        "http.flavor",
        "network.protocol.version",
        "error.type",
        REQUEST_ID_ATTRIBUTE,
        INSTANCE_ATTRIBUTE,
        # Database client spans: statement text with its placeholders, never the parameters.
        "db.system",
        "db.system.name",
        "db.name",
        "db.namespace",
        "db.operation",
        "db.operation.name",
        "db.statement",
        "db.query.text",
    }
)
# An exception event keeps its type only: its message and stack trace can quote data or paths.
SAFE_EVENT_ATTRIBUTES = frozenset({"exception.type"})
SQL_WORD = re.compile(r"[A-Za-z]+")
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"})


def _server_span_name(attributes: Mapping[str, Any]) -> str:
    """`METHOD /route/{template}`, or the method alone when no route matched: never the request's path."""
    method = attributes.get("http.request.method") or attributes.get("http.method")
    method = method if method in KNOWN_METHODS else "HTTP"
    route = attributes.get("http.route")
    return f"{method} {route}" if isinstance(route, str) and route.startswith("/") else str(method)


def _database_operation(attributes: dict[str, Any]) -> str:
    """The statement's first word (`SELECT`): the instrumentation adds the database name, a file path on SQLite."""
    statement = attributes.get("db.statement") or attributes.get("db.query.text") or ""
    words = SQL_WORD.findall(str(statement))
    return words[0].upper() if words else str(attributes.get("db.system") or attributes.get("db.system.name") or "db")


def redacted(span: ReadableSpan) -> ReadableSpan:
    """A copy of a finished span that holds only what SAFE_ATTRIBUTES and SAFE_EVENT_ATTRIBUTES allow."""
    attributes = {key: value for key, value in (span.attributes or {}).items() if key in SAFE_ATTRIBUTES}
    if span.kind is SpanKind.SERVER:
        name = _server_span_name(attributes)
    elif "db.system" in attributes or "db.system.name" in attributes:
        name = _database_operation(attributes)
        for key in ("db.operation", "db.operation.name"):
            if key in attributes:
                attributes[key] = name
        for key in ("db.name", "db.namespace"):
            if "/" in str(attributes.get(key, "")):
                del attributes[key]
    else:
        name = span.name
    events = [
        Event(
            event.name,
            {key: value for key, value in (event.attributes or {}).items() if key in SAFE_EVENT_ATTRIBUTES},
            event.timestamp,
        )
        for event in span.events
    ]
    links = [Link(_without_trace_state(link.context)) for link in span.links]
    parent = _without_trace_state(span.parent) if span.parent is not None else None
    return ReadableSpan(
        name=name,
        context=_without_trace_state(span.context) if span.context is not None else None,
        parent=parent,
        resource=span.resource,
        attributes=attributes,
        events=events,
        links=links,
        kind=span.kind,
        # The code alone: a description can quote a database error, and so the values it was given.
        status=Status(span.status.status_code),
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope,
    )


def _without_trace_state(context: SpanContext) -> SpanContext:
    # `tracestate` is free text a client may send; the trace and span ids are kept.
    if not context.trace_state:
        return context
    return SpanContext(context.trace_id, context.span_id, context.is_remote, context.trace_flags, TraceState())


class RedactingSpanProcessor(SpanProcessor):
    """Hands the next processor (the exporter's) only the redacted copy of each finished span."""

    def __init__(self, inner: SpanProcessor) -> None:
        self.inner = inner

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        return None

    def on_end(self, span: ReadableSpan) -> None:
        self.inner.on_end(redacted(span))

    def shutdown(self) -> None:
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self.inner.force_flush(timeout_millis)


def _span_details(scope: Scope) -> tuple[str, dict[str, Any]]:
    # Called before routing, when only the raw path is known: the method alone names the span for now.
    method = str(scope.get("method", ""))
    return (method if method in KNOWN_METHODS else "HTTP"), {}


def _name_by_route(scope: Scope) -> None:
    span = trace.get_current_span()
    if not span.is_recording():
        return
    template = scope.get("path_template")
    if template:
        span.set_attribute("http.route", template)
        span.update_name(_server_span_name({"http.method": scope.get("method"), "http.route": template}))
    request_id = scope.get("state", {}).get("request_id")
    if request_id:
        span.set_attribute(REQUEST_ID_ATTRIBUTE, request_id)


def _name_after_routing(app: ASGIApp) -> ASGIApp:
    """Name the server span by the matched route's template, and add the request id, once routing is done.

    That is when the response starts: the instrumentation ends the span with the response's last part.
    """

    async def named(scope: Scope, receive: Receive, send: Send) -> None:
        async def send_named(message: Message) -> None:
            if message["type"] == "http.response.start":
                _name_by_route(scope)
            await send(message)

        try:
            await app(scope, receive, send_named)
        finally:
            # No response sent (the error goes up to the server): the span is still open.
            _name_by_route(scope)

    return named


class RouteNamedTracingMiddleware(OpenTelemetryInstrumentationMiddleware):
    """Litestar's OpenTelemetry middleware, with spans named by route template once routing is done."""

    def __init__(self, app: ASGIApp, config: OpenTelemetryConfig) -> None:
        super().__init__(app=_name_after_routing(app), config=config)
        # No header is captured, whatever OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_SERVER_* say.
        self.open_telemetry_middleware.http_capture_headers_server_request = None
        self.open_telemetry_middleware.http_capture_headers_server_response = None


def _resource(instance_id: str) -> Resource:
    # OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES are read here; "tandem" unless they name the service.
    resource = Resource.create({"service.instance.id": instance_id})
    if str(resource.attributes.get("service.name", "")).startswith("unknown_service"):
        resource = resource.merge(Resource({"service.name": "tandem"}))
    return resource


def _otlp_exporter() -> SpanExporter:
    # Reads OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, _HEADERS, _TIMEOUT itself.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter()


def _instrument_engine(engine: AsyncEngine, provider: TracerProvider) -> None:
    """Database client spans for the app's own engine (not a process-wide patch of create_engine)."""
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer

    tracer = provider.get_tracer("tandem.db")
    connections = get_meter("tandem.db").create_up_down_counter("db.client.connections.usage")
    # No sqlcommenter: statements reach the database unchanged.
    EngineTracer(tracer, engine.sync_engine, connections, enable_commenter=False)  # type: ignore[no-untyped-call]


@dataclass
class Tracing:
    """The tracer provider of one app, its Litestar plugin, and the flush at shutdown."""

    provider: TracerProvider
    plugin: OpenTelemetryPlugin

    @classmethod
    def start(cls, settings: Settings, engine: AsyncEngine, exporter: SpanExporter | None = None) -> Tracing:
        # TracerProvider reads OTEL_TRACES_SAMPLER(_ARG); BatchSpanProcessor reads OTEL_BSP_*.
        provider = TracerProvider(resource=_resource(settings.instance_id))
        provider.add_span_processor(RedactingSpanProcessor(BatchSpanProcessor(exporter or _otlp_exporter())))
        _instrument_engine(engine, provider)
        instance_id = settings.instance_id

        def on_request(span: Span, scope: dict[str, Any]) -> None:
            if span.is_recording():
                span.set_attribute(INSTANCE_ATTRIBUTE, instance_id)

        config = OpenTelemetryConfig(
            tracer_provider=provider,
            scope_span_details_extractor=_span_details,
            server_request_hook_handler=on_request,
            # The per-message send/receive spans add nothing the server span lacks.
            exclude_spans=["receive", "send"],
            middleware_class=RouteNamedTracingMiddleware,
        )
        logger.info("tracing is on", extra={"event": "tracing_on"})
        plugin = OpenTelemetryPlugin(config)
        # The plugin builds Litestar's own middleware class whatever the config names, unless given one here
        # (as Litestar itself does when it finds the middleware in an app's list; it finds the plugin by name).
        plugin._middleware = config.middleware
        return cls(provider=provider, plugin=plugin)

    def force_flush(self) -> bool:
        return self.provider.force_flush()

    async def shutdown(self) -> None:
        # Exports what is still queued (up to the exporter's timeout), off the event loop.
        await asyncio.to_thread(self.provider.shutdown)
