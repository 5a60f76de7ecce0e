"""Two app instances on one PostgreSQL database and a private Redis, behind a health-checked proxy.

One cluster for the module, as an operator would run it: two `tandem migrate` at once on the empty
database, two `tandem serve`, the proxy. Then: events across instances, the login limit under 30
concurrent wrong passwords, a Redis stop and its recovery without restart, slow clients timed out,
and a rolling restart under steady traffic with no failed request and no traceback.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import asyncpg
import httpx
import pytest

from tests.api.databases import fresh_postgres_database
from tests.api.redis_server import PrivateRedis

from .cluster import AppProcess, RoundRobinProxy, eventually, migrate, problems_in_log
from .people import Member


@dataclass
class Cluster:
    apps: list[AppProcess]
    proxy: RoundRobinProxy
    redis: PrivateRedis
    migrations: list[subprocess.CompletedProcess[str]]
    database_url: str
    people: list[Member] = field(default_factory=list)

    def member(self, base_url: str | None = None) -> Member:
        person = Member(base_url or self.proxy.url)
        self.people.append(person)
        return person


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
async def cluster(tmp_path_factory: pytest.TempPathFactory, postgres_url: str) -> AsyncIterator[Cluster]:
    work = tmp_path_factory.mktemp("cluster")
    env = {"TANDEM_DATABASE_URL": postgres_url}
    with ThreadPoolExecutor(max_workers=2) as pool:
        migrations = list(pool.map(lambda _: migrate(env), range(2)))
    redis_server = PrivateRedis(work / "redis")
    redis_server.start()
    env |= {
        "TANDEM_REDIS_URL": redis_server.url,
        "TANDEM_INSTANCES": "2",
        "TANDEM_TRUSTED_PROXIES": "127.0.0.1/32",
        "TANDEM_PASSWORD_PROFILE": "cheapest",
        "TANDEM_DRAIN_GRACE_SECONDS": "1",
        "TANDEM_EVENT_STREAM_SECONDS": "120",
        "TANDEM_REQUEST_READ_TIMEOUT_SECONDS": "2",
    }
    apps = [AppProcess(name, work / name, env) for name in ("app-a", "app-b")]
    proxy: RoundRobinProxy | None = None
    try:
        if all(m.returncode == 0 for m in migrations):
            for app in apps:
                app.start()
            for app in apps:
                app.wait_ready()
        proxy = RoundRobinProxy([app.port for app in apps])
        await proxy.start()
        built = Cluster(apps, proxy, redis_server, migrations, postgres_url)
        yield built
        for person in built.people:
            await person.close()
    finally:
        if proxy is not None:
            await proxy.close()
        for app in apps:
            app.kill()
        redis_server.stop()


async def make_couple(cluster: Cluster) -> tuple[Member, Member, str]:
    patient = await cluster.member().sign_up()
    space = (await patient.request("POST", "/api/v1/spaces", json={"name": "Ours", "role": "patient"})).json()
    invitation = (await patient.request("POST", f"/api/v1/spaces/{space['id']}/invitations")).json()
    partner = await cluster.member().sign_up()
    accepted = await partner.request("POST", "/api/v1/invitations/accept", json={"token": invitation["token"]})
    assert accepted.status_code == 200, accepted.text
    return patient, partner, space["id"]


def checkin() -> dict[str, object]:
    return {"mood": 3, "closeness": "some", "feelings": ["hopeful"], "visibility": "shared"}


async def test_two_migrations_at_once_on_an_empty_database_both_succeed(cluster: Cluster) -> None:
    for run in cluster.migrations:
        assert run.returncode == 0, run.stderr[-2000:]
    # Both brought the content too, and recorded it once: the instances started after them skip the sync.
    connection = await asyncpg.connect(cluster.database_url.replace("postgresql+asyncpg://", "postgresql://", 1))
    try:
        assert await connection.fetchval("SELECT count(*) FROM activities WHERE NOT retired") > 0
        assert await connection.fetchval("SELECT count(*) FROM catalog_syncs") == 1
    finally:
        await connection.close()


async def test_events_travel_between_instances(cluster: Cluster) -> None:
    a, b = cluster.apps
    patient, partner, space_id = await make_couple(cluster)
    async with partner.stream(f"/api/v1/spaces/{space_id}/events", base_url=b.url) as on_b:
        assert await eventually(lambda: _has_ready(on_b))
        made = await patient.request("POST", f"/api/v1/spaces/{space_id}/checkins", base_url=a.url, json=checkin())
        assert made.status_code == 201
        assert await eventually(lambda: _has_id(on_b, made.json()["id"]))


async def test_simultaneous_answers_on_two_instances_reveal_each_conversation_once(cluster: Cluster) -> None:
    a, b = cluster.apps
    patient, partner, space_id = await make_couple(cluster)
    base = f"/api/v1/spaces/{space_id}"
    prompts = (await patient.request("GET", f"{base}/prompts", params={"limit": 12})).json()["items"]
    paths = []
    for prompt in prompts:
        made = await patient.request("POST", f"{base}/conversations", json={"prompt_id": prompt["id"]})
        assert made.status_code == 201, made.text
        paths.append(f"{base}/conversations/{made.json()['id']}/answer")
    rounds = await asyncio.gather(
        *(
            asyncio.gather(
                patient.request("POST", path, base_url=a.url, json={"text": "from the patient"}),
                partner.request("POST", path, base_url=b.url, json={"text": "from the partner"}),
            )
            for path in paths
        )
    )
    for answers in rounds:
        assert [r.status_code for r in answers] == [200, 200]
        assert sorted(r.json()["state"] for r in answers) == ["open", "revealed"]


async def test_the_login_limit_holds_under_30_concurrent_wrong_passwords(cluster: Cluster) -> None:
    victim = await cluster.member().sign_up()
    attacker = cluster.member()
    answers = await asyncio.gather(
        *(
            attacker.request("POST", "/api/v1/auth/login", json={"email": victim.email, "password": f"wrong guess {i}"})
            for i in range(30)
        )
    )
    statuses = sorted(a.status_code for a in answers)
    # Exactly the documented 10 get a password check (at most one per instance more is the bound).
    assert statuses.count(401) <= 10 + len(cluster.apps)
    assert statuses.count(401) >= 10
    assert set(statuses) == {401, 429}
    assert all(a.headers.get("retry-after") for a in answers if a.status_code == 429)


async def test_a_redis_stop_pauses_readiness_and_events_recover_without_restart(cluster: Cluster) -> None:
    a, b = cluster.apps
    patient, partner, space_id = await make_couple(cluster)
    async with partner.stream(f"/api/v1/spaces/{space_id}/events", base_url=b.url) as on_b:
        assert await eventually(lambda: _has_ready(on_b))

        async def all_ready(status: int) -> bool:
            async with httpx.AsyncClient(timeout=5) as client:
                codes = [(await client.get(f"{app.url}/api/v1/health/ready")).status_code for app in cluster.apps]
            return codes == [status] * len(codes)

        cluster.redis.stop()
        assert await eventually(lambda: all_ready(503))
        during = await patient.request("POST", f"/api/v1/spaces/{space_id}/checkins", base_url=a.url, json=checkin())
        assert during.status_code == 201
        cluster.redis.start()
        assert await eventually(lambda: all_ready(200), seconds=10)
        after = await patient.request("POST", f"/api/v1/spaces/{space_id}/checkins", base_url=a.url, json=checkin())
        assert after.status_code == 201
        assert await eventually(lambda: _has_id(on_b, after.json()["id"]), seconds=10)
        assert not on_b.task.done()  # type: ignore[union-attr]


def _read_all(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


def _slow_request(port: int, sent: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(sent)
        return _read_all(sock)  # returns once the server closes the connection


def test_a_client_whose_headers_never_end_gets_408_and_is_closed(cluster: Cluster) -> None:
    sent = b"GET /api/v1/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
    assert _slow_request(cluster.apps[0].port, sent).startswith(b"HTTP/1.1 408")


def test_a_body_shorter_than_its_length_gets_408_and_is_closed(cluster: Cluster) -> None:
    app = cluster.apps[0]
    # A valid CSRF pair, so the app really waits for the body (a refusal would come before reading it).
    token = httpx.get(f"{app.url}/api/v1/me").cookies["csrftoken"]
    sent = (
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Cookie: csrftoken={token}\r\nX-CSRFToken: {token}\r\n".encode()
        + b'Content-Length: 200\r\n\r\n{"email": '
    )
    assert _slow_request(app.port, sent).startswith(b"HTTP/1.1 408")


async def test_a_rolling_restart_under_traffic_fails_no_request(cluster: Cluster) -> None:
    workers = [await cluster.member().sign_up() for _ in range(4)]
    spaces = [
        (await w.request("POST", "/api/v1/spaces", json={"name": "Mine", "role": "patient"})).json()["id"]
        for w in workers
    ]
    failures: list[str] = []
    done = 0
    stop = asyncio.Event()

    async def traffic(worker: Member, space_id: str) -> None:
        nonlocal done
        while not stop.is_set():
            for method, path, body in (
                ("GET", "/api/v1/me", None),
                ("POST", f"/api/v1/spaces/{space_id}/checkins", checkin()),
            ):
                try:
                    response = await worker.request(method, path, json=body)
                    if response.status_code not in (200, 201):
                        failures.append(f"{method} {path} {response.status_code}")
                except httpx.HTTPError as exc:
                    failures.append(f"{method} {path} {type(exc).__name__}")
                done += 1

    tasks = [asyncio.create_task(traffic(w, s)) for w, s in zip(workers, spaces, strict=True)]
    try:
        for app, upstream in zip(cluster.apps, cluster.proxy.upstreams, strict=True):
            app.terminate()
            assert await asyncio.to_thread(app.wait_exit) == 0
            app.start()
            await asyncio.to_thread(app.wait_ready)

            async def back_in_rotation() -> bool:
                return upstream.ready  # noqa: B023 (checked before the loop moves on)

            assert await eventually(back_in_rotation)
    finally:
        stop.set()
        await asyncio.gather(*tasks)
    assert done > 20
    assert failures == []
    for app in cluster.apps:
        assert app.starts == 2
        assert problems_in_log(app.log_text()) == []


async def _has_ready(stream: object) -> bool:
    return any(name == "ready" for name, _ in stream.events())  # type: ignore[attr-defined]


async def _has_id(stream: object, record_id: str) -> bool:
    return record_id in stream.ids()  # type: ignore[attr-defined]
