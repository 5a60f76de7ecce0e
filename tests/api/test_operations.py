"""Operations in-process: liveness and readiness, probe paths, request ids and the JSON log line, metrics,
atomic attempt limits in a real Redis, failing closed without it, and live events through a Redis that
stops or whose line is cut. Multi-process behaviour (draining a real server, two instances behind a
proxy) is in tests/ops.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar

from tandem.app import create_app
from tandem.core.config import RateLimits, Settings
from tandem.core.drain import DrainState
from tandem.core.observability import JsonFormatter
from tandem.core.ratelimit import AttemptLimiter, RedisCounters, TooManyAttempts
from tandem.core.redis_client import make_redis

from .apps import TEST_MASTER_KEY, lifespan_in_this_loop, make_settings
from .people import BASE_URL, Person, make_couple
from .redis_server import CuttableRelay, PrivateRedis, free_port
from .routes_checkins import checkin_body
from .streams import StreamReader


@asynccontextmanager
async def running(settings: Settings) -> AsyncIterator[Litestar]:
    """An app whose lifespan runs in the test's own loop (its Redis connections live there)."""
    async for application in lifespan_in_this_loop(create_app(settings)):
        yield application


async def eventually(check: Callable[[], Any], seconds: float = 10.0) -> bool:
    """Poll an async check until it holds or the time is up."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.1)
    return False


def metric(text: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in text.splitlines():
        if line.startswith(f"{name}{{{wanted}}}" if labels else f"{name} "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


# --- liveness, readiness, probe paths ------------------------------------------------------------------
async def test_live_ready_and_health_answer_ok(app: Litestar) -> None:
    anyone = Person(app)
    for path in ("/api/v1/health/live", "/api/v1/health/ready", "/api/v1/health"):
        response = await anyone.get(path)
        assert response.status_code == 200, path
        assert response.json() == {"status": "ok"}


@pytest.mark.parametrize(
    "path", ["/api/nope", "/api/v1/nope", "/api/v1/health/nope", "/healthz", "/readyz", "/livez", "/status"]
)
async def test_unknown_api_and_probe_paths_are_404_problems_not_the_app_page(app: Litestar, path: str) -> None:
    response = await Person(app).get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "<html" not in response.text


async def test_a_draining_instance_is_live_but_not_ready(tmp_root: Path, database_url: str) -> None:
    async with running(make_settings(tmp_root / "drain", database_url)) as application:
        anyone = Person(application)
        assert (await anyone.get("/api/v1/health/ready")).status_code == 200
        drain: DrainState = application.state.drain
        drain.begin()
        ready = await anyone.get("/api/v1/health/ready")
        assert ready.status_code == 503
        assert ready.json()["detail"] == "This instance is shutting down."
        assert ready.headers["retry-after"]
        assert (await anyone.get("/api/v1/health")).status_code == 503
        assert (await anyone.get("/api/v1/health/live")).status_code == 200


async def test_draining_ends_open_event_streams_cleanly(tmp_root: Path, database_url: str) -> None:
    settings = make_settings(tmp_root / "drain-streams", database_url, event_stream_seconds=30)
    async with running(settings) as application:
        couple = await make_couple(application)
        async with StreamReader(application, couple.partner, f"/api/v1/spaces/{couple.space_id}/events") as stream:
            assert await stream.wait_for(lambda s: any(e.event == "ready" for e in s.events()))
            assert not stream.finished
            application.state.drain.begin()
            # The body ends (more_body false) well before the 30 s lifetime: a clean end, not a cancellation.
            assert await stream.wait_for(lambda s: s.finished, seconds=5)
            assert stream.status == 200


# --- request ids, the log line, metrics ----------------------------------------------------------------
async def test_a_request_id_is_echoed_and_in_the_log_line(app: Litestar, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="tandem.requests")
    anyone = Person(app)
    given = await anyone.get("/api/v1/health/live", headers={"X-Request-ID": "probe-4f2a.9"})
    assert given.headers["x-request-id"] == "probe-4f2a.9"
    made = await anyone.get("/api/v1/health/live", headers={"X-Request-ID": "not\tplain text"})
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
    records = [r for r in caplog.records if r.name == "tandem.requests"]
    line = json.loads(
        JsonFormatter(instance_id="unit-7").format(next(r for r in records if r.request_id == "probe-4f2a.9"))
    )  # type: ignore[attr-defined]
    assert line["route"] == "/api/v1/health/live"
    assert line["method"] == "GET" and line["status"] == 200 and line["duration_ms"] >= 0
    assert line["instance"] == "unit-7" and line["level"] == "info"
    assert any(getattr(r, "request_id", None) == made.headers["x-request-id"] for r in records)


async def test_a_log_line_names_the_route_template_not_the_path(
    app: Litestar, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="tandem.requests")
    couple = await make_couple(app)
    await couple.patient.get(f"/api/v1/spaces/{couple.space_id}")
    routes = [getattr(r, "route", "") for r in caplog.records if r.name == "tandem.requests"]
    assert "/api/v1/spaces/{space_id}" in routes
    assert not any(couple.space_id in route for route in routes)


def test_an_exception_is_one_json_line() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("tandem.x", logging.ERROR, __file__, 1, "failed", None, exc_info=sys.exc_info())
    formatted = JsonFormatter().format(record)
    assert "\n" not in formatted
    assert json.loads(formatted)["exception"] == "ValueError"


async def test_metrics_move_and_are_loopback_only_without_a_token(app: Litestar) -> None:
    local = Person(app)
    before = (await local.get("/metrics")).text
    await local.get("/api/v1/health/live")
    await local.get("/api/v1/health/live")
    after = await local.get("/metrics")
    assert after.status_code == 200
    assert after.headers["content-type"].startswith("text/plain")
    labels = {"method": "GET", "route": "/api/v1/health/live", "status": "200"}
    assert (
        metric(after.text, "tandem_http_requests_total", **labels)
        >= metric(before, "tandem_http_requests_total", **labels) + 2
    )
    assert "tandem_http_request_duration_seconds_bucket" in after.text
    for name in ("tandem_event_streams_open", "tandem_event_publish_failures_total", "tandem_db_pool_checked_out"):
        assert name in after.text
    remote = httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=("203.0.113.9", 4000)), base_url=BASE_URL)
    assert (await remote.get("/metrics")).status_code == 404


async def test_metrics_need_the_bearer_token_from_elsewhere(tmp_root: Path, database_url: str) -> None:
    settings = make_settings(
        tmp_root / "metrics", database_url, metrics_token="scrape-secret", metrics_allowed=("10.9.0.0/16",)
    )
    async with running(settings) as application:

        def client(address: str) -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=application, client=(address, 4000))
            return httpx.AsyncClient(transport=transport, base_url=BASE_URL)

        assert (await client("203.0.113.9").get("/metrics")).status_code == 401
        wrong = await client("203.0.113.9").get("/metrics", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        right = await client("203.0.113.9").get("/metrics", headers={"Authorization": "Bearer scrape-secret"})
        assert right.status_code == 200 and "tandem_http_requests_total" in right.text
        assert (await client("10.9.4.2").get("/metrics")).status_code == 200


# --- attempt limits -------------------------------------------------------------------------------------
def test_several_instances_without_redis_refuse_to_start(tmp_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="TANDEM_REDIS_URL"):
        make_settings(tmp_root, "sqlite+aiosqlite:///unused.db", instances=2)
    monkeypatch.setenv("TANDEM_DATA_DIR", str(tmp_root / "env"))
    monkeypatch.setenv("TANDEM_INSTANCES", "2")
    monkeypatch.delenv("TANDEM_REDIS_URL", raising=False)
    with pytest.raises(ValueError, match="TANDEM_INSTANCES is 2"):
        Settings.from_env()
    monkeypatch.setenv("TANDEM_REDIS_URL", "redis://127.0.0.1:6379/0")
    # Nor without one shared key-encryption key: each would make a master_key file of its own.
    with pytest.raises(ValueError, match="TANDEM_MASTER_KEY is not set"):
        Settings.from_env()
    monkeypatch.setenv("TANDEM_MASTER_KEY", TEST_MASTER_KEY)
    assert Settings.from_env().instances == 2


async def test_redis_counters_hold_the_limit_exactly_under_concurrent_attempts(tmp_root: Path) -> None:
    with PrivateRedis(tmp_root / "redis-limits") as redis_server:
        # Two instances: two clients with their own connections, racing on one key.
        clients = [make_redis(redis_server.url), make_redis(redis_server.url)]
        limiters = [AttemptLimiter(RedisCounters(client), 900) for client in clients]

        async def attempt(index: int) -> bool:
            try:
                await limiters[index % 2].check_and_hit("login-account", "someone@example.org", 10)
            except TooManyAttempts:
                return False
            return True

        try:
            outcomes = await asyncio.gather(*(attempt(i) for i in range(30)))
            assert outcomes.count(True) == 10
            ttl = await clients[0].ttl(next(iter(await clients[0].keys("tandem:rl:login-account:*"))))
            assert 0 < ttl <= 900
            # Refused attempts count too (30); refunds bring the count down, never below zero.
            for _ in range(40):
                await limiters[0].refund("login-account", "someone@example.org")
            assert await clients[0].keys("tandem:rl:login-account:*") == []
            assert await attempt(0)
            assert [int(v) for v in await clients[0].mget(await clients[0].keys("tandem:rl:*"))] == [1]
        finally:
            for client in clients:
                await client.aclose()


async def test_sign_in_and_sign_up_fail_closed_with_503_when_redis_is_unreachable(
    tmp_root: Path, database_url: str
) -> None:
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    settings = make_settings(tmp_root / "no-redis", database_url, redis_url=nowhere, rate_limits=RateLimits())
    async with running(settings) as application:
        person = Person(application)
        signed_up = await person.post(
            "/api/v1/auth/signup",
            json={
                "email": person.email,
                "password": person.password,
                "display_name": "Sam",
                "consent_health_data": True,
            },
        )
        assert signed_up.status_code == 503
        assert signed_up.headers["content-type"].startswith("application/problem+json")
        assert int(signed_up.headers["retry-after"]) > 0
        logged_in = await person.post("/api/v1/auth/login", json={"email": person.email, "password": "whatever it is"})
        assert logged_in.status_code == 503
        ready = await person.get("/api/v1/health/ready")
        assert ready.status_code == 503
        assert "Redis is not reachable." in ready.json()["detail"]
        assert (await person.get("/api/v1/health/live")).status_code == 200


# --- live events through Redis trouble ------------------------------------------------------------------
@pytest.mark.parametrize("trouble", ["redis stopped", "line cut"])
async def test_live_events_pause_during_redis_trouble_and_resume_without_restart(
    tmp_root: Path, database_url: str, trouble: str
) -> None:
    redis_server = PrivateRedis(tmp_root / f"redis-{trouble.replace(' ', '-')}")
    redis_server.start()
    relay = CuttableRelay(redis_server.port)
    await relay.start()
    settings = make_settings(
        tmp_root / f"events-{trouble.replace(' ', '-')}", database_url, redis_url=relay.url, event_stream_seconds=60
    )
    try:
        async with running(settings) as application:
            couple = await make_couple(application)
            checkins = f"/api/v1/spaces/{couple.space_id}/checkins"
            patient = couple.patient

            async def ready() -> bool:
                return (await patient.get("/api/v1/health/ready")).status_code == 200

            async def not_ready() -> bool:
                return not await ready()

            async with StreamReader(application, couple.partner, f"/api/v1/spaces/{couple.space_id}/events") as stream:
                assert await stream.wait_for(lambda s: any(e.event == "ready" for e in s.events()))
                first = await patient.post(checkins, json=checkin_body(visibility="shared"))
                assert first.status_code == 201
                assert await stream.wait_for(lambda s: len(s.changes("checkin")) == 1)

                if trouble == "redis stopped":
                    redis_server.stop()
                else:
                    relay.cut(refuse=True)
                assert await eventually(not_ready)
                # A write during the outage is kept and answers 201; its event is lost (the browser refetches).
                during = await patient.post(checkins, json=checkin_body(visibility="shared"))
                assert during.status_code == 201
                assert (await patient.get(f"{checkins}/{during.json()['id']}")).status_code == 200

                if trouble == "redis stopped":
                    redis_server.start()
                else:
                    relay.restore()
                assert await eventually(ready)
                # The same open stream receives new events again: the subscription was taken up again.
                after = await patient.post(checkins, json=checkin_body(visibility="shared"))
                assert after.status_code == 201
                assert await stream.wait_for(
                    lambda s: after.json()["id"] in [e.data.get("id") for e in s.events()], seconds=10
                )
                assert not stream.finished
            metrics = (await patient.get("/metrics")).text
            assert metric(metrics, "tandem_event_backend_reconnects_total") >= 1
            # The event of the write made during the outage was dropped, and counted.
            assert metric(metrics, "tandem_event_publish_failures_total") >= 1
    finally:
        await relay.close()
        if redis_server.process is not None:
            redis_server.stop()
