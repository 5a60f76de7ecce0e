"""OpenTelemetry tracing (TANDEM_OTEL_ENABLED): spans named by route template, nothing secret exported.

The app is built with tracing on and the SDK's in-memory exporter in place of OTLP (the real SDK and
Litestar's real middleware; only the destination differs). Requests carry real secrets: a calendar feed's
token, a clinician link's token and code, emails, a password, session cookies, a query string and
marker headers. The exported spans must hold none of them, while the raw spans, seen by a processor of the
test's own placed before the redaction, show that the instrumentation did record the path and client.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from tandem.app import create_app
from tandem.core.tracing import SAFE_ATTRIBUTES, SAFE_EVENT_ATTRIBUTES, Tracing

from .apps import boom, make_settings
from .people import BASE_URL, PASSWORD, Couple, Person, make_couple
from .routes_clinician import link_body, links, report, token_of

INSTANCE = "tandem-trace-test-7"
QUERY_MARKER = "querymarker5150"
AGENT_MARKER = "agentmarker8071"
HEADER_MARKER = "headermarker2718"
REQUEST_ID = "trace-test-request-42"
# A proxy's trace context is followed; its free-text tracestate is not passed on.
INCOMING_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{INCOMING_TRACE_ID}-00f067aa0ba902b7-01"
STATE_MARKER = "statemarker6174"
CLINICIAN_REPORT = "/api/v1/clinician-report/{clinician_token}"
CALENDAR_FEED = "/api/v1/calendar/{feed_token}/tandem.ics"


class Traced:
    def __init__(self, app: Litestar, exported: InMemorySpanExporter, raw: InMemorySpanExporter) -> None:
        self.app, self.exported, self.raw = app, exported, raw

    def spans(self) -> tuple[list[ReadableSpan], list[ReadableSpan]]:
        tracing = self.app.state.tracing
        assert isinstance(tracing, Tracing)
        assert tracing.force_flush()
        return list(self.exported.get_finished_spans()), list(self.raw.get_finished_spans())

    def clear(self) -> None:
        self.spans()
        self.exported.clear()
        self.raw.clear()


@pytest.fixture(scope="module")
async def traced(tmp_root: Path, database_url: str) -> AsyncIterator[Traced]:
    exported, raw = InMemorySpanExporter(), InMemorySpanExporter()
    with pytest.MonkeyPatch.context() as env:
        # An operator asking the instrumentation to capture headers must not get cookies into spans.
        env.setenv("OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_SERVER_REQUEST", "cookie,user-agent,x-marker")
        env.setenv("OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_SERVER_RESPONSE", "set-cookie,location")
        env.setenv("OTEL_SERVICE_NAME", "tandem-under-test")
        settings = make_settings(tmp_root, database_url, otel_enabled=True, instance_id=INSTANCE)
        application = create_app(settings, extra_route_handlers=[boom], span_exporter=exported)
    tracing = application.state.tracing
    assert isinstance(tracing, Tracing)
    # The test's own window on the spans as recorded, before redaction.
    tracing.provider.add_span_processor(SimpleSpanProcessor(raw))
    async with AsyncTestClient(application):
        yield Traced(application, exported, raw)


def server_spans(spans: list[ReadableSpan]) -> list[ReadableSpan]:
    return [span for span in spans if span.kind is SpanKind.SERVER]


def one_server_span(spans: list[ReadableSpan], name: str) -> ReadableSpan:
    found = [span for span in server_spans(spans) if span.name == name]
    assert len(found) == 1, [span.name for span in server_spans(spans)]
    return found[0]


def everything_in(spans: list[ReadableSpan]) -> str:
    """Each span as the SDK serialises it: name, attributes, events, links, status, resource."""
    return "\n".join(span.to_json(indent=None) for span in spans)


def assert_only_safe_attributes(spans: list[ReadableSpan]) -> None:
    for span in spans:
        assert set(span.attributes or {}) <= SAFE_ATTRIBUTES, (span.name, sorted(span.attributes or {}))
        for event in span.events:
            assert set(event.attributes or {}) <= SAFE_EVENT_ATTRIBUTES, (span.name, event.name)
        assert span.status.description is None, span.name
        assert not span.context.trace_state


async def test_secret_addresses_are_traced_by_their_route_template_only(traced: Traced) -> None:
    traced.clear()
    couple: Couple = await make_couple(traced.app)
    feed = await couple.partner.post(f"/api/v1/spaces/{couple.space_id}/calendar-feed", json={})
    assert feed.status_code in (200, 201), feed.text
    feed_path: str = feed.json()["path"]
    feed_token = feed_path.split("/")[4]
    assert feed_path == f"/api/v1/calendar/{feed_token}/tandem.ics" and len(feed_token) > 20

    created = await couple.patient.post(links(couple.space_id), json=link_body(with_code=True))
    assert created.status_code == 201, created.text
    clinician_token, code = token_of(created.json()), created.json()["code"]
    session_cookies = [*couple.patient.client.cookies.values(), *couple.partner.client.cookies.values()]
    assert session_cookies
    traced.clear()

    marker_headers = {"user-agent": AGENT_MARKER, "x-marker": HEADER_MARKER, "x-forwarded-for": "203.0.113.77"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=traced.app), base_url=BASE_URL) as stranger:
        calendar = await stranger.get(
            f"{feed_path}?secret={QUERY_MARKER}",
            headers={
                **marker_headers,
                "x-request-id": REQUEST_ID,
                "traceparent": TRACEPARENT,
                "tracestate": f"vendor={STATE_MARKER}",
            },
        )
        assert calendar.status_code == 200 and calendar.headers["x-request-id"] == REQUEST_ID
        opened = await stranger.get(
            f"{report(clinician_token)}?q={QUERY_MARKER}", headers={**marker_headers, "x-access-code": code}
        )
        assert opened.status_code == 200, opened.text
        unknown = await stranger.get(report("not" + clinician_token[3:]), headers={"x-access-code": code})
        assert unknown.status_code == 404
    # The patient's own request, with the session cookie.
    assert (await couple.patient.get(f"/api/v1/spaces/{couple.space_id}/clinician-links")).status_code == 200

    exported, raw = traced.spans()

    calendar_span = one_server_span(exported, f"GET {CALENDAR_FEED}")
    attributes = calendar_span.attributes or {}
    assert attributes["http.route"] == CALENDAR_FEED
    assert attributes["http.method"] == "GET" and attributes["http.status_code"] == 200
    assert attributes["tandem.request_id"] == REQUEST_ID
    assert attributes["tandem.instance"] == INSTANCE
    assert calendar_span.status.status_code is StatusCode.UNSET
    assert calendar_span.context.trace_id == int(INCOMING_TRACE_ID, 16)
    assert calendar_span.resource.attributes["service.name"] == "tandem-under-test"
    assert calendar_span.resource.attributes["service.instance.id"] == INSTANCE

    report_spans = [span for span in server_spans(exported) if span.name == f"GET {CLINICIAN_REPORT}"]
    assert sorted((span.attributes or {})["http.status_code"] for span in report_spans) == [200, 404]
    for span in report_spans:
        assert (span.attributes or {})["http.route"] == CLINICIAN_REPORT
        assert len(str((span.attributes or {})["tandem.request_id"])) == 32  # made by the app when none is sent

    # The database work of the report request is traced under it, as statement text with placeholders.
    opened_span = next(span for span in report_spans if (span.attributes or {})["http.status_code"] == 200)
    statements = [
        span
        for span in exported
        if span.kind is SpanKind.CLIENT and span.context.trace_id == opened_span.context.trace_id
    ]
    assert statements and all(span.parent is not None for span in statements)
    assert any("clinician_link" in str((span.attributes or {}).get("db.statement")) for span in statements)

    # The recorded spans did hold the address, query, client and user agent: the redaction is what removes them.
    raw_text = everything_in(raw)
    assert clinician_token in raw_text and feed_token in raw_text and QUERY_MARKER in raw_text
    assert AGENT_MARKER in raw_text and STATE_MARKER in raw_text

    exported_text = everything_in(exported)
    secrets = {
        "feed token": feed_token,
        "clinician token": clinician_token,
        "token hash": hashlib.sha256(clinician_token.encode()).hexdigest(),
        "access code": f'"{code}"',
        "patient email": couple.patient.email,
        "partner email": couple.partner.email,
        "password": PASSWORD,
        "query": QUERY_MARKER,
        "tracestate": STATE_MARKER,
        "user agent": AGENT_MARKER,
        "header": HEADER_MARKER,
        "forwarded address": "203.0.113.77",
        "client address": "127.0.0.1",
        "host": "testserver.local",
        **{f"cookie {index}": value for index, value in enumerate(session_cookies)},
    }
    leaked = [label for label, secret in secrets.items() if secret in exported_text]
    assert leaked == []
    assert_only_safe_attributes(exported)


async def test_refusals_errors_and_unmatched_paths_are_named_without_the_path(traced: Traced) -> None:
    person = await Person(traced.app).sign_up()
    traced.clear()
    # Refused by the CSRF check (no x-csrftoken header), outside the handler: still named by its route.
    assert (await person.client.post("/api/v1/auth/logout")).status_code == 403
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=traced.app), base_url=BASE_URL) as client:
        assert (await client.get("/api/v1/_test/boom")).status_code == 500
        assert (await client.get(f"/api/v1/no-such-{QUERY_MARKER}/route")).status_code == 404
    exported, _ = traced.spans()

    logout = one_server_span(exported, "POST /api/v1/auth/logout")
    assert (logout.attributes or {})["http.status_code"] == 403
    assert logout.status.status_code is StatusCode.UNSET

    failed = one_server_span(exported, "GET /api/v1/_test/boom")
    assert (failed.attributes or {})["http.status_code"] == 500
    assert failed.status.status_code is StatusCode.ERROR

    names = sorted(span.name for span in server_spans(exported))
    assert len(names) == 3, names
    text = everything_in(exported)
    assert QUERY_MARKER not in text and "no-such" not in text
    assert "SELECT secret" not in text and "private.py" not in text
    assert_only_safe_attributes(exported)


class Collector(ThreadingHTTPServer):
    """A stand-in OTLP/HTTP collector on loopback: keeps each request body posted to /v1/traces."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        collector = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["content-length"]))
                if self.headers.get("content-encoding") == "gzip":
                    body = gzip.decompress(body)
                if self.path == "/v1/traces":
                    collector.bodies.append(body)
                self.send_response(200)
                self.send_header("content-type", "application/x-protobuf")
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                return None

        super().__init__(("127.0.0.1", 0), Handler)


async def test_spans_reach_an_otlp_collector_named_and_redacted(tmp_root: Path, database_url: str) -> None:
    """The production path: the OTLP/HTTP exporter, configured by OTEL_EXPORTER_OTLP_ENDPOINT alone."""
    collector = Collector()
    thread = threading.Thread(target=collector.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.MonkeyPatch.context() as env:
            env.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", f"http://127.0.0.1:{collector.server_address[1]}")
            env.delenv("OTEL_SERVICE_NAME", raising=False)
            settings = make_settings(tmp_root, database_url, otel_enabled=True, instance_id=INSTANCE)
            application = create_app(settings)
        secret = "feedtokenmarker" + "x" * 30
        async with AsyncTestClient(application):
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url=BASE_URL) as client:
                answer = await client.get(f"/api/v1/calendar/{secret}/tandem.ics?k={QUERY_MARKER}")
                assert answer.status_code == 404
            tracing = application.state.tracing
            assert isinstance(tracing, Tracing)
            assert tracing.force_flush()
    finally:
        collector.shutdown()
        collector.server_close()
        thread.join(5)

    assert collector.bodies
    exported = ExportTraceServiceRequest()
    names, services = [], set()
    for body in collector.bodies:
        assert secret.encode() not in body and QUERY_MARKER.encode() not in body
        exported.ParseFromString(body)
        for resource_spans in exported.resource_spans:
            services |= {a.value.string_value for a in resource_spans.resource.attributes if a.key == "service.name"}
            names += [span.name for scope in resource_spans.scope_spans for span in scope.spans]
    assert f"GET {CALENDAR_FEED}" in names
    assert services == {"tandem"}


def test_start_up_imports_no_tracing_redis_passkey_or_stemmer_code_it_does_not_use(tmp_path: Path) -> None:
    """Off (the default) and with no Redis configured, building the app imports neither OpenTelemetry
    nor the Redis client (redis-py would load part of the OpenTelemetry SDK itself), nor `webauthn`
    before a passkey is used, nor the stemmers (all languages load at once) before a search: each
    costs start-up time."""
    program = f"""
import json, sys
from pathlib import Path
from tests.api.apps import make_settings
from tandem.app import create_app
settings = make_settings(Path({str(tmp_path)!r}), "sqlite+aiosqlite:///{tmp_path}/off.db")
assert settings.otel_enabled is False and settings.redis_url is None
create_app(settings)
unused = {{"opentelemetry", "redis", "webauthn", "snowballstemmer"}}
loaded = sorted(n for n in sys.modules if n.split(".")[0] in unused or n == "tandem.core.tracing")
print(json.dumps(loaded))
"""
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_setting_is_read_from_the_environment(tmp_path: Path) -> None:
    from tandem.core.config import Settings

    with pytest.MonkeyPatch.context() as env:
        env.setenv("TANDEM_DATA_DIR", str(tmp_path))
        env.setenv("TANDEM_SECRET_KEY", "x" * 40)
        env.delenv("TANDEM_OTEL_ENABLED", raising=False)
        assert Settings.from_env().otel_enabled is False
        env.setenv("TANDEM_OTEL_ENABLED", "true")
        assert Settings.from_env().otel_enabled is True
