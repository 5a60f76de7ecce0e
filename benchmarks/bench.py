# ruff: noqa: S603, S607, E501
"""`make bench`: the app's speed as ratios to two bare probes measured in the same run. Asserts nothing.

It starts the app the way `make run` serves it (`python -m tandem serve`, after `python -m tandem migrate`)
on SQLite and on PostgreSQL, and beside it the "hello" and "ORM probe" apps (benchmarks/probes.py) served
the same way. It seeds the world the API tests use (every feature's records) plus a couple's six months
of history through the API, then prints:

- per endpoint: rps, p50, p99 under `wrk -t2 -c32` and the ratio to the ORM and hello probes;
- encryption at rest: the time spent sealing and opening (the `tandem_crypto_seconds` metric), and side
  by side the busiest GETs against the app and against the same app with encryption taken out
  (benchmarks/plain_app.py, only ever started from here, on a fresh database seeded the same way):
  p50 and rps of both and their ratio (`--no-plain` leaves it out);
- growth: p50 at one connection with one couple, and again with `--couples N` more cloned beside it;
- the SQLite write test: 2 processes x 8 writers (lock errors, 5xx, p50/p99) with readers alongside;
- the sign-in storm: GET /me p99 idle and during 8 concurrent logins (production argon2);
- start-up time to a healthy /api/v1/health, and the initial JS (gzip) against a bare React + Vite build.

Absolute times on a shared machine are noise: read the ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from tandem.core.csrf import bound_csrf_token  # noqa: E402
from tandem.core.tokens import new_token  # noqa: E402

PY = sys.executable
SECRET = "bench-secret-key-0123456789abcdef0123456789"
POSTGRES_ADMIN = os.environ.get("TANDEM_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")

# The screens of the issue first, then the other GETs the SPA calls on its daily pages.
DAILY = [
    "/api/v1/me",
    "/api/v1/spaces/{space_id}",
    "/api/v1/spaces/{space_id}/checkins",
    "/api/v1/spaces/{space_id}/prompts?q=touch",
    "/api/v1/spaces/{space_id}/matches",
    "/api/v1/spaces/{space_id}/practice/progress",
    "/api/v1/spaces/{space_id}/practice/entries",
    "/api/v1/spaces/{space_id}/practice/overview",
    "/api/v1/spaces/{space_id}/ideas",
    "/api/v1/spaces/{space_id}/idea-queue",
    "/api/v1/spaces/{space_id}/plans",
    "/api/v1/spaces/{space_id}/boundaries",
    "/api/v1/spaces/{space_id}/conversations",
    "/api/v1/spaces/{space_id}/checkins/mood",
    "/api/v1/spaces/{space_id}/path",
    "/api/v1/spaces/{space_id}/today",
    "/api/v1/spaces/{space_id}/shared-by-me",
]
# The reads the side-by-side encryption figures use: the daily GETs and the two lists of progress summaries.
ENCRYPTED_READS = [
    *DAILY,
    "/api/v1/spaces/{space_id}/practice/summaries",
    "/api/v1/spaces/{space_id}/summaries",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- processes ----------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    started_in: float = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def wait_until(url: str, deadline_s: float, process: subprocess.Popen[bytes]) -> float:
    began = time.perf_counter()
    while time.perf_counter() - began < deadline_s:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return time.perf_counter() - began
        except httpx.HTTPError:
            pass
        time.sleep(0.02)
    raise RuntimeError(f"{url} did not answer within {deadline_s} s")


def app_env(data_dir: Path, url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TANDEM_DATA_DIR=str(data_dir),
        TANDEM_DATABASE_URL=url,
        TANDEM_SECRET_KEY=SECRET,
        TANDEM_RATE_LIMIT_MULTIPLIER="100000",
        TANDEM_FRONTEND_DIST=str(ROOT / "frontend" / "dist"),
        TANDEM_LOG_LEVEL="WARNING",
        TANDEM_DRAIN_GRACE_SECONDS="0",
        PYTHONPATH=str(ROOT / "backend"),
    )
    return env


def start_app(name: str, data_dir: Path, url: str, *, plain: bool = False) -> Server:
    """`python -m tandem serve`; with `plain`, the same through benchmarks/plain_app.py (no encryption)."""
    port = free_port()
    began = time.perf_counter()
    launcher = [str(ROOT / "benchmarks" / "plain_app.py")] if plain else ["-m", "tandem"]
    process = subprocess.Popen(
        [PY, *launcher, "serve", "--port", str(port)],
        env=app_env(data_dir, url),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    server = Server(name, port, process)
    wait_until(f"{server.base}/api/v1/health", 60, process)
    server.started_in = time.perf_counter() - began
    return server


def start_probe(kind: str, url: str) -> Server:
    port = free_port()
    process = subprocess.Popen(
        [PY, str(ROOT / "benchmarks" / "probes.py"), kind, str(port), url], cwd=ROOT, stdout=subprocess.DEVNULL
    )
    server = Server(kind, port, process)
    wait_until(f"{server.base}/{'hello' if kind == 'hello' else 'orm'}", 60, process)
    return server


# --- wrk ----------------------------------------------------------------------------------------


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    bad: int  # non-2xx responses and socket errors


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, cookie: str, seconds: float, connections: int = 32, threads: int = 2) -> Load:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    bad = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if errors:
        bad += sum(int(n) for n in errors.groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return Load(rps=rps, p50_ms=_ms(percentiles["50"]), p99_ms=_ms(percentiles["99"]), bad=bad)


def crypto_seconds(base: str) -> float:
    text = httpx.get(f"{base}/metrics", timeout=10).text
    return float(re.search(r"^tandem_crypto_seconds ([\d.e+-]+)$", text, re.M).group(1))  # type: ignore[union-attr]


def encryption_cost(base: str, cookie: str, paths: list[str], seconds: int) -> None:
    """The busiest GETs with encryption, and without it: the time the app spent sealing, opening and finding
    keys (the `tandem_crypto_seconds` metric, read around each run at one connection, so no other request
    is counted) is taken off each request's p50. Not subtracted: the sealed columns' extra bytes on the wire
    from the database (base64 and a 16-byte tag: about 1.4x the text), which a plain run would not read."""
    print(f"\nencryption at rest (wrk -c1 -t1 -d{seconds}s; p50 with, and without the crypto time per request):")
    for template, path in zip(DAILY, paths, strict=True):
        before = crypto_seconds(base)
        load = wrk(base + path, cookie, seconds, 1, 1)
        spent = crypto_seconds(base) - before
        requests = max(1.0, load.rps * seconds)
        per_request_ms = spent * 1000 / requests
        without = max(0.0, load.p50_ms - per_request_ms)
        share = per_request_ms / load.p50_ms * 100 if load.p50_ms else float("nan")
        print(
            f"  {template.replace('/api/v1', ''):<52} with {load.p50_ms:7.2f} ms  without {without:7.2f} ms  crypto {per_request_ms:6.3f} ms ({share:4.1f}%)"
        )


def interleaved_p50(
    first: str, second: str, cookies: tuple[str, str], seconds: float
) -> tuple[float, float, float, float]:
    """One connection to each app, one request to each in turn, for `seconds`: the p50 and p90 (ms) of
    each. Whatever else the shared machine does falls on both apps alike, request by request."""
    times: tuple[list[float], list[float]] = ([], [])
    with (
        httpx.Client(headers={"cookie": cookies[0]}, timeout=30) as a,
        httpx.Client(headers={"cookie": cookies[1]}, timeout=30) as b,
    ):
        a.get(first).raise_for_status()
        b.get(second).raise_for_status()
        stop = time.perf_counter() + seconds
        while time.perf_counter() < stop:
            for client, url, bucket in ((a, first, times[0]), (b, second, times[1])):
                began = time.perf_counter()
                client.get(url).raise_for_status()
                bucket.append((time.perf_counter() - began) * 1000)

    def pct(values: list[float], fraction: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    return pct(times[0], 0.5), pct(times[0], 0.9), pct(times[1], 0.5), pct(times[1], 0.9)


def with_and_without_encryption(
    app: Server,
    plain: Server,
    cookies: tuple[str, str],
    paths: dict[str, tuple[str, str]],
    seconds: int,
    connections: int,
) -> None:
    """The busiest GETs against the app and against the same app with encryption taken out
    (benchmarks/plain_app.py), each with its own database seeded the same way.

    - p50: one connection each, requests alternating between the two apps (`interleaved_p50`), so a
      burst of other work on the shared machine lands on both;
    - rps: `wrk -t2 -c{connections}` for 1 s each in the order A B B A A B B A (encrypted, plain, ...),
      averaged; throughput under load is the noisier figure here."""
    print(
        f"\nencryption at rest, side by side (plain = benchmarks/plain_app.py, its own database seeded the same way;\n"
        f"  p50/p90: one connection each, requests alternating for {seconds} s; "
        f"rps: wrk -t2 -c{connections} -d1s x4 each, order ABBAABBA):"
    )
    print(
        f"  {'endpoint':<40} {'encrypted p50/p90':>18} {'plain p50/p90':>16} {'p50 ratio':>10}"
        f" {'enc rps':>8} {'plain rps':>9} {'rps ratio':>10}"
    )
    ratios: list[tuple[float, float]] = []
    for template, (with_path, plain_path) in paths.items():
        a50, a90, b50, b90 = interleaved_p50(app.base + with_path, plain.base + plain_path, cookies, seconds)
        runs: tuple[list[Load], list[Load]] = ([], [])
        for which in (0, 1, 1, 0, 0, 1, 1, 0):
            base, path = (app.base, with_path) if which == 0 else (plain.base, plain_path)
            runs[which].append(wrk(base + path, cookies[which], 1, connections, min(2, connections)))
        enc_rps = sum(r.rps for r in runs[0]) / len(runs[0])
        raw_rps = sum(r.rps for r in runs[1]) / len(runs[1])
        bad = sum(r.bad for r in runs[0] + runs[1])
        p50_ratio = a50 / b50 if b50 else float("nan")
        rps_ratio = enc_rps / raw_rps if raw_rps else float("nan")
        ratios.append((p50_ratio, rps_ratio))
        label = template.replace("/api/v1", "").replace("/spaces/{space_id}", "/s/{id}")
        print(
            f"  {label:<40} {a50:7.2f}/{a90:6.2f} ms {b50:6.2f}/{b90:6.2f} ms {p50_ratio:9.2f}x"
            f" {enc_rps:8.0f} {raw_rps:9.0f} {rps_ratio:9.2f}x{f'  bad {bad}' if bad else ''}",
            flush=True,
        )
    if ratios:
        mean_p50 = math.exp(sum(math.log(r[0]) for r in ratios) / len(ratios))
        mean_rps = math.exp(sum(math.log(r[1]) for r in ratios) / len(ratios))
        p50s, rpss = sorted(r[0] for r in ratios), sorted(r[1] for r in ratios)
        print(
            f"  over {len(ratios)} endpoints: p50 encrypted/plain median {p50s[len(p50s) // 2]:.2f}x, "
            f"geometric mean {mean_p50:.2f}x; rps encrypted/plain median {rpss[len(rpss) // 2]:.2f}x, "
            f"geometric mean {mean_rps:.2f}x"
        )


# --- seeding ------------------------------------------------------------------------------------


def use_real_server(base: str) -> None:
    """The API tests' people and world, talking to a real server over TCP instead of in-process."""
    from tests.api import people

    def post_init(self: Any) -> None:
        self.client = httpx.AsyncClient(base_url=base, timeout=60)

    people.Person.__post_init__ = post_init  # type: ignore[method-assign]


async def seed(base: str, url: str) -> Any:
    use_real_server(base)
    from types import SimpleNamespace

    from tests.api.journal import dilator_body, log, make_set
    from tests.api.world import build_world

    # The seeds that write to the database directly find its URL where they would on the app.
    stand_in = SimpleNamespace(state=SimpleNamespace(settings=SimpleNamespace(database_url=url)))
    world = await build_world(stand_in)  # type: ignore[arg-type]
    patient, partner, space = world.patient, world.partner, world.space_id
    sizes = await make_set(patient, space, ["XS", "S", "M", "L"])
    now = datetime.now(UTC)
    for day in range(182):  # six months of practice, most days
        if day % 7 == 3:
            continue
        when = (now - timedelta(days=day, hours=2)).isoformat()
        size = sizes[min(3, (182 - day) // 50)]["id"]
        # Words on most entries, so the sealed columns the journal reads hold something to open.
        note = f"Day {day}: slower start, breathing helped; stopped when it tightened." if day % 3 else None
        await log(patient, space, dilator_body(size, when=when, pain=day % 4, anxiety=(day + 1) % 5, note=note))
    for i in range(120):  # check-ins by both, some shared, with their own words
        who = patient if i % 2 else partner
        body = {
            "mood": 1 + i % 5,
            "closeness": "some",
            "feelings": ["hopeful"],
            "own_words": ["steady", "a bit tired"],
            "help_from_you": "A hug after dinner and ten quiet minutes." if i % 2 else "",
            "note": f"Check-in {i}: work was long, but we laughed at the cat." if i % 4 else "",
            "visibility": "shared" if i % 3 else "private",
        }
        response = await who.post(f"/api/v1/spaces/{space}/checkins", json=body)
        assert response.status_code == 201, response.text
    return world


def cookie_header(person: Any) -> str:
    return "; ".join(f"{name}={value}" for name, value in person.client.cookies.items())


async def extra_sessions(url: str, user_id: str, n: int) -> list[str]:
    """Sessions made straight in the database (no argon2), for the write test's many writers."""
    from tandem.accounts.models import AuthSession
    from tandem.core.db import make_engine

    engine = make_engine(url, pooled=False)
    raws = []
    try:
        async with engine.begin() as connection:
            now = datetime.now(UTC)
            rows = []
            for _ in range(n):
                raw, digest = new_token()
                raws.append(raw)
                rows.append(
                    {
                        "id": uuid.uuid4(),
                        "user_id": uuid.UUID(user_id),
                        "token_hash": digest,
                        "device": "bench",
                        "remembered": False,
                        "created_at": now,
                        "last_seen_at": now,
                        "expires_at": now + timedelta(hours=12),
                    }
                )
            await connection.execute(AuthSession.__table__.insert(), rows)  # type: ignore[attr-defined]
    finally:
        await engine.dispose()
    return raws


async def clone_couples(url: str, world: Any, copies: int) -> int:
    """Copies every row that belongs to the seeded couple (transitively), `copies` times, with fresh ids
    and unique strings made unique again; the catalogs are shared. Returns the rows written."""
    from sqlalchemy import String, Uuid

    import tandem.models  # noqa: F401  (every table)
    from tandem.core.db import Base

    owned = {uuid.UUID(world.patient.id), uuid.UUID(world.partner.id), uuid.UUID(world.space_id)}
    engine = create_async_engine(url)
    written = 0
    try:
        async with engine.begin() as connection:
            plan: list[tuple[Any, list[dict[str, Any]], set[str]]] = []
            for table in Base.metadata.sorted_tables:
                if table.name == "alembic_version":
                    continue
                uuid_columns = [c for c in table.columns if isinstance(c.type, Uuid)]
                if not uuid_columns:
                    continue
                unique_strings = {
                    c.name
                    for constraint in table.constraints | set(table.indexes)
                    if getattr(constraint, "unique", True)
                    and constraint.__class__.__name__ in ("UniqueConstraint", "Index")
                    for c in constraint.columns
                    if isinstance(c.type, String)
                }
                mine = []
                for row in (await connection.execute(select(table))).mappings():
                    if any(row[c.name] in owned for c in uuid_columns):
                        mine.append(dict(row))
                        owned.update(row[c.name] for c in table.primary_key.columns if isinstance(c.type, Uuid))
                plan.append((table, mine, unique_strings))
            for i in range(copies):
                fresh: dict[uuid.UUID, uuid.UUID] = {}
                for table, rows, unique_strings in plan:
                    if not rows:
                        continue
                    out = []
                    for row in rows:
                        copy = {}
                        for key, value in row.items():
                            if isinstance(value, uuid.UUID) and value in owned:
                                value = fresh.setdefault(value, uuid.uuid4())
                            elif key in unique_strings and isinstance(value, str):
                                value = hashlib.sha256(f"{value}/{i}".encode()).hexdigest()[: max(8, len(value))]
                                value = value[: len(row[key])] if len(row[key]) >= 8 else value
                            copy[key] = value
                        out.append(copy)
                    await connection.execute(table.insert(), out)
                    written += len(out)
    finally:
        await engine.dispose()
    return written


def wait_for_statistics(url: str, table: str, deadline_s: float = 180) -> float:
    """SQLite: waits until the app's maintenance loop has re-analysed `table` after the clone (it checks
    every minute and re-analyses a table whose size moved 2x; a pooled connection then loads the new
    figures at its next checkout). A database grows over months, never a thousandfold in a second, so
    growth is measured as the app sees it once its statistics have caught up. Seconds waited."""
    import sqlite3

    path = url.split(":///", 1)[1]
    began = time.perf_counter()
    with sqlite3.connect(path) as connection:
        count = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        while time.perf_counter() - began < deadline_s:
            found = connection.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = ?", (table,)).fetchall()
            if any(int(stat.split()[0]) * 2 > count for (stat,) in found):
                return time.perf_counter() - began
            time.sleep(1)
    raise RuntimeError(f"the app did not re-analyse {table} within {deadline_s:.0f} s")


# --- growth -------------------------------------------------------------------------------------

GROWTH_ROUNDS = 3


def copy_database(kind: str, url: str, tmp: Path) -> str:
    """A copy of the seeded database, with its key store, for the one-couple side of the growth figures."""
    if kind == "sqlite":
        import sqlite3

        source = Path(url.split(":///", 1)[1])
        target = tmp / "sqlite-one-couple" / source.name
        target.parent.mkdir()
        for name in (source.name, f"{source.stem}-keys{source.suffix}"):
            with sqlite3.connect(source.with_name(name)) as a, sqlite3.connect(target.with_name(name)) as b:
                a.backup(b)
        return f"sqlite+aiosqlite:///{target}"
    copy = asyncio.run(create_postgres_database(template=url.rsplit("/", 1)[1]))
    return copy


def growth(
    kind: str,
    args: argparse.Namespace,
    tmp: Path,
    servers: list[Server],
    url: str,
    world: Any,
    cookie: str,
    paths: list[str],
) -> tuple[Server, Server, str]:
    """p50 at one connection with one couple against the same couple with `--couples` more beside it.

    The seeded database is copied first and served by a second instance, then the couples are cloned
    into the first; the two are measured in alternating rounds (the median of each), so both sides see
    the same moments of a shared machine. Returns the app (restarted on PostgreSQL), the one-couple
    instance and the copy's URL.
    """
    app = servers[0]
    secs = max(2, args.seconds // 2)
    print(
        f"\ngrowth: p50 at one connection (wrk -c1 -t1 -d{secs}s, {GROWTH_ROUNDS} alternating rounds, median), "
        f"one couple vs +{args.couples} couples:"
    )
    if kind == "postgres":
        for server in servers:  # a PostgreSQL template must have no other connection while it is copied
            server.stop()
    one_url = copy_database(kind, url, tmp)
    data_dir = tmp / kind
    if kind == "postgres":
        app = start_app("app", data_dir, url)
    base = start_app("one-couple", data_dir, one_url)
    began = time.perf_counter()
    rows = asyncio.run(clone_couples(url, world, args.couples))
    print(f"  cloned {rows} rows in {time.perf_counter() - began:.1f} s")
    if kind == "sqlite":
        waited = wait_for_statistics(url, "checkins")
        print(f"  the app's statistics refresh saw them after {waited:.0f} s")
    worst = 0.0
    for template, path in zip(DAILY, paths, strict=True):
        one: list[float] = []
        many: list[float] = []
        for _ in range(GROWTH_ROUNDS):
            one.append(wrk(base.base + path, cookie, secs, 1, 1).p50_ms)
            many.append(wrk(app.base + path, cookie, secs, 1, 1).p50_ms)
        a, b = statistics.median(one), statistics.median(many)
        worst = max(worst, b / a)
        print(f"  {template.replace('/api/v1', ''):<52} {a:7.2f} ms -> {b:7.2f} ms  growth {b / a:5.2f}x")
    print(f"  worst growth {worst:.2f}x (goal <= 1.2x)")
    return app, base, one_url


# --- closed-loop clients ------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def add(self, status: int, seconds: float) -> None:
        self.latencies.append(seconds * 1000)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def pct(self, fraction: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    def count(self, test: Callable[[int], bool]) -> int:
        return sum(n for status, n in self.statuses.items() if test(status))


async def loop_requests(stop: float, tally: Tally, call: Callable[[], Awaitable[httpx.Response]]) -> None:
    while time.perf_counter() < stop:
        began = time.perf_counter()
        try:
            status = (await call()).status_code
        except httpx.HTTPError:
            status = 599
        tally.add(status, time.perf_counter() - began)


def session_client(base: str, raw: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base,
        timeout=30,
        cookies={"tandem_session": raw, "csrftoken": bound_csrf_token(SECRET, raw)},
        headers={"x-csrftoken": bound_csrf_token(SECRET, raw)},
    )


async def write_test(bases: list[str], url: str, world: Any, seconds: float) -> tuple[Tally, Tally]:
    raws = await extra_sessions(url, world.patient.id, 16)
    writers = [session_client(bases[i % len(bases)], raw) for i, raw in enumerate(raws)]
    readers = [session_client(bases[i % len(bases)], raw) for i, raw in enumerate(raws[:4])]
    writes, reads = Tally(), Tally()
    path = f"/api/v1/spaces/{world.space_id}/checkins"
    body = {"mood": 3, "closeness": "some", "feelings": ["hopeful", "tired"], "visibility": "private"}
    stop = time.perf_counter() + seconds
    await asyncio.gather(
        *(loop_requests(stop, writes, lambda c=c: c.post(path, json=body)) for c in writers),
        *(loop_requests(stop, reads, lambda c=c: c.get(path)) for c in readers),
    )
    for c in writers + readers:
        await c.aclose()
    return writes, reads


async def sign_in_storm(base: str, url: str, world: Any, seconds: float) -> tuple[Tally, Tally, Tally]:
    raws = await extra_sessions(url, world.patient.id, 4)
    readers = [session_client(base, raw) for raw in raws]
    idle, during, logins = Tally(), Tally(), Tally()
    stop = time.perf_counter() + seconds
    await asyncio.gather(*(loop_requests(stop, idle, lambda c=c: c.get("/api/v1/me")) for c in readers))

    async def log_in_loop(stop: float) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60) as c:
            await c.get("/api/v1/health")
            while time.perf_counter() < stop:
                csrf = (await c.get("/api/v1/me")).cookies.get("csrftoken") or c.cookies.get("csrftoken", "")
                began = time.perf_counter()
                response = await c.post(
                    "/api/v1/auth/login",
                    json={"email": world.patient.email, "password": world.patient.password},
                    headers={"x-csrftoken": csrf},
                )
                logins.add(response.status_code, time.perf_counter() - began)
                c.cookies.clear()

    stop = time.perf_counter() + seconds
    await asyncio.gather(
        *(log_in_loop(stop) for _ in range(8)),
        *(loop_requests(stop, during, lambda c=c: c.get("/api/v1/me")) for c in readers),
    )
    for c in readers:
        await c.aclose()
    return idle, during, logins


# --- the frontend -------------------------------------------------------------------------------


def initial_js(dist: Path) -> tuple[int, int, list[str]]:
    html = (dist / "index.html").read_text()
    names = re.findall(r'<script[^>]+src="([^"]+\.js)"', html) + re.findall(
        r'<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"', html
    )
    raw = gz = 0
    for name in names:
        data = (dist / name.lstrip("/")).read_bytes()
        raw += len(data)
        gz += len(gzip.compress(data, 9))
    return raw, gz, names


def bare_react_js() -> int | None:
    """Builds a bare React 19 + Vite page with the frontend's own node_modules; its initial JS, gzip."""
    frontend = ROOT / "frontend"
    root = frontend / ".bench-bare"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    try:
        (root / "index.html").write_text(
            '<!doctype html><html><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>'
        )
        (root / "main.js").write_text(
            "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\n"
            "createRoot(document.getElementById('root')).render(createElement('h1', null, 'Hello'));\n"
        )
        subprocess.run(
            [
                "node",
                "node_modules/vite/bin/vite.js",
                "build",
                str(root),
                "--outDir",
                str(root / "dist"),
                "--logLevel",
                "error",
            ],
            cwd=frontend,
            check=True,
            capture_output=True,
        )
        return initial_js(root / "dist")[1]
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None
    finally:
        shutil.rmtree(root, ignore_errors=True)


def wire_size(base: str, asset: str, encoding: str) -> tuple[int, str]:
    response = httpx.get(f"{base}/{asset.lstrip('/')}", headers={"accept-encoding": encoding})
    return len(response.content) if not response.headers.get("content-encoding") else int(
        response.headers.get("content-length", len(response.content))
    ), response.headers.get("content-encoding", "identity")


# --- the run ------------------------------------------------------------------------------------


def mean_load(runs: list[Load]) -> Load:
    """Several runs as one: mean rps and p50, the worst p99."""
    return Load(
        statistics.mean(r.rps for r in runs),
        statistics.mean(r.p50_ms for r in runs),
        max(r.p99_ms for r in runs),
        sum(r.bad for r in runs),
    )


def line(label: str, load: Load, orm: Load | None, hello: Load | None) -> str:
    ratio = f"{load.rps / orm.rps:5.2f}" if orm else "  -  "
    hratio = f"{load.rps / hello.rps:6.3f}" if hello else "   -  "
    bad = f"  bad {load.bad}" if load.bad else ""
    return f"  {label:<52} {load.rps:8.0f} rps  p50 {load.p50_ms:7.1f} ms  p99 {load.p99_ms:7.1f} ms  x ORM {ratio}  x hello {hratio}{bad}"


async def create_postgres_database(template: str | None = None) -> str:
    import asyncpg

    name = f"tandem_bench_{uuid.uuid4().hex[:10]}"
    admin = POSTGRES_ADMIN.replace("postgresql+asyncpg", "postgresql")
    connection = await asyncpg.connect(admin)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    finally:
        await connection.close()
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name


async def drop_postgres_database(url: str) -> None:
    import asyncpg

    name = url.rsplit("/", 1)[1]
    connection = await asyncpg.connect(POSTGRES_ADMIN.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def side_by_side(kind: str, args: argparse.Namespace, tmp: Path, app: Server, world: Any, cookie: str) -> None:
    """Starts the app without encryption (benchmarks/plain_app.py) on a fresh database of the same kind,
    seeds it the same way, and compares the busiest GETs; the plain app is stopped afterwards."""
    data_dir = tmp / f"{kind}-plain"
    data_dir.mkdir()
    url = f"sqlite+aiosqlite:///{data_dir}/tandem.db" if kind == "sqlite" else asyncio.run(create_postgres_database())
    plain: Server | None = None
    try:
        subprocess.run(
            [PY, "-m", "tandem", "migrate"], env=app_env(data_dir, url), cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
        plain = start_app("plain", data_dir, url, plain=True)
        plain_world = asyncio.run(seed(plain.base, url))
        paths = {
            template: (
                template.replace("{space_id}", world.space_id),
                template.replace("{space_id}", plain_world.space_id),
            )
            for template in ENCRYPTED_READS
        }
        with_encryption = asyncio.run(clear_words(app.base, cookie, paths["/api/v1/spaces/{space_id}/checkins"][0]))
        without = asyncio.run(
            clear_words(plain.base, cookie_header(plain_world.patient), paths["/api/v1/spaces/{space_id}/checkins"][1])
        )
        if with_encryption != without:
            raise RuntimeError(
                "the plain app does not serve what the encrypted app serves; the comparison would be unfair"
            )
        sealed, clear = asyncio.run(stored_notes(args.app_url)), asyncio.run(stored_notes(url))
        if not all(n.startswith("tdm1.") for n in sealed) or any(n.startswith("tdm1.") for n in clear) or not clear:
            raise RuntimeError("the encrypted app must store sealed notes and the plain app clear ones")
        with_and_without_encryption(
            app,
            plain,
            (cookie, cookie_header(plain_world.patient)),
            paths,
            max(2, args.seconds),
            args.encryption_connections,
        )
    finally:
        if plain is not None:
            plain.stop()
        if kind == "postgres":
            asyncio.run(drop_postgres_database(url))


async def stored_notes(url: str) -> list[str]:
    """The check-ins' notes as the database holds them."""
    from sqlalchemy import text

    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(text("SELECT note FROM checkins WHERE note <> ''"))
            return [str(note) for (note,) in rows]
    finally:
        await engine.dispose()


async def clear_words(base: str, cookie: str, path: str) -> list[tuple[str, str]]:
    """The check-ins' notes as served: both apps must answer with the same words (and no sealed text)."""
    async with httpx.AsyncClient(base_url=base, headers={"cookie": cookie}, timeout=30) as client:
        response = await client.get(path)
        response.raise_for_status()
        body = response.json()
    items = body["items"] if isinstance(body, dict) else body
    words = sorted((item["note"], item["help_from_you"]) for item in items)
    if any("tdm1." in note or "tdm1." in help_ for note, help_ in words) or not any(note for note, _ in words):
        raise RuntimeError(f"{base}{path} serves sealed or no words")
    return words


def run_database(kind: str, args: argparse.Namespace, tmp: Path) -> None:
    print(f"\n== {kind} ==", flush=True)
    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp}/sqlite/tandem.db"
        (tmp / "sqlite").mkdir()
        probe_url = f"sqlite+aiosqlite:///{tmp}/sqlite/probe.db"
    else:
        url = asyncio.run(create_postgres_database())
        probe_url = url
    data_dir = tmp / kind
    data_dir.mkdir(exist_ok=True)
    subprocess.run(
        [PY, "-m", "tandem", "migrate"], env=app_env(data_dir, url), cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    servers: list[Server] = []
    one_couple_url = ""
    try:
        app = start_app("app", data_dir, url)
        servers.append(app)
        print(f"start-up to a healthy /api/v1/health: {app.started_in:.2f} s", flush=True)
        hello = start_probe("hello", probe_url)
        orm = start_probe("orm", probe_url)
        servers += [hello, orm]
        began = time.perf_counter()
        world = asyncio.run(seed(app.base, url))
        print(f"seeded the world and six months of one couple's history in {time.perf_counter() - began:.1f} s")
        cookie = cookie_header(world.patient)
        secs = args.seconds
        paths = [p.replace("{space_id}", world.space_id) for p in DAILY]

        if not (args.encryption_only or args.writes_only):
            print(
                f"\nthroughput (wrk -t2 -c32 -d{secs}s; the ORM probe runs between the app's endpoints, and each "
                "endpoint's ratio is to the probe runs just before and after it):"
            )
            hello_a = wrk(f"{hello.base}/hello", "", secs)
            probes = [wrk(f"{orm.base}/orm", "", secs)]
            loads = []
            for template, path in zip(DAILY, paths, strict=True):
                loads.append((template, wrk(app.base + path, cookie, secs)))
                probes.append(wrk(f"{orm.base}/orm", "", secs))
            hello_b = wrk(f"{hello.base}/hello", "", secs)
            hello_load = mean_load([hello_a, hello_b])
            worst_p99 = 0.0
            for i, (template, load) in enumerate(loads):
                beside = mean_load(probes[i : i + 2])
                worst_p99 = max(worst_p99, load.p99_ms / beside.p99_ms)
                label = template.replace("/api/v1", "").replace("/spaces/{space_id}", "/s/{id}") or "/"
                print(line(label, load, beside, hello_load))
            orm_load = mean_load(probes)
            print(line("(ORM probe, all runs)", orm_load, orm_load, hello_load))
            print(f"  ORM probe runs: {min(p.rps for p in probes):.0f} to {max(p.rps for p in probes):.0f} rps")
            print(line("(hello probe)", hello_load, orm_load, hello_load))
            print(f"  p99 over the ORM probe's p99 beside it (goal <= 10): worst {worst_p99:.1f}x")

        if not args.writes_only:
            encryption_cost(app.base, cookie, paths, max(2, secs // 2))
        if args.plain and not args.writes_only:
            args.app_url = url
            side_by_side(kind, args, tmp, app, world, cookie)

        if args.encryption_only:
            return

        if args.couples and not args.writes_only:
            app, base, one_couple_url = growth(kind, args, tmp, servers, url, world, cookie, paths)
            servers += [app, base]

        if kind == "sqlite":
            second = start_app("app-2", data_dir, url)
            servers.append(second)
            writes, reads = asyncio.run(write_test([app.base, second.base], url, world, secs * 2))
            print("\nSQLite write test: 2 processes x 8 writers (POST check-in), 4 readers (GET check-ins):")
            print(
                f"  writes n={len(writes.latencies)}  lock errors (503) {writes.count(lambda s: s == 503)}  "
                f"other 5xx {writes.count(lambda s: s >= 500 and s != 503)}  p50 {writes.pct(0.5):.1f} ms  "
                f"p99 {writes.pct(0.99):.1f} ms  p99/p50 {writes.pct(0.99) / writes.pct(0.5):.1f}  statuses {writes.statuses}"
            )
            print(
                f"  reads  n={len(reads.latencies)}  failed {reads.count(lambda s: s != 200)}  p50 {reads.pct(0.5):.1f} ms  "
                f"p99 {reads.pct(0.99):.1f} ms  statuses {reads.statuses}"
            )
        if args.writes_only:
            return

        idle, during, logins = asyncio.run(sign_in_storm(app.base, url, world, secs * 2))
        print("\nsign-in storm (4 readers of GET /me; 8 logins at once, production argon2):")
        print(
            f"  GET /me p99 idle {idle.pct(0.99):.1f} ms, during logins {during.pct(0.99):.1f} ms "
            f"({during.pct(0.99) / idle.pct(0.99):.1f}x; goal <= 3x); passwords accepted "
            # The world's patient has an authenticator app: a right password answers 202 (second step).
            f"{logins.count(lambda s: s in (200, 202))} (p50 {logins.pct(0.5):.0f} ms), other statuses "
            f"{ {k: v for k, v in logins.statuses.items() if k not in (200, 202)} }"
        )
        if kind == "sqlite":
            dist = ROOT / "frontend" / "dist"
            if (dist / "index.html").exists():
                _, _, names = initial_js(dist)
                if names:
                    size, encoding = wire_size(app.base, names[0], "gzip, br")
                    print(f"\nentry JS on the wire with Accept-Encoding gzip, br: {size / 1000:.1f} kB ({encoding})")
    finally:
        for server in servers:
            server.stop()
        if kind == "postgres":
            asyncio.run(drop_postgres_database(url))
            if one_couple_url:
                asyncio.run(drop_postgres_database(one_couple_url))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--seconds", type=int, default=3, help="wrk duration per endpoint")
    parser.add_argument("--couples", type=int, default=100, help="couples cloned for the growth figures (0: skip)")
    parser.add_argument(
        "--plain",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also serve the app without encryption (benchmarks/plain_app.py) and compare the busiest GETs",
    )
    parser.add_argument(
        "--encryption-only",
        action="store_true",
        help="only the encryption figures (the crypto metric and the side-by-side), for a quick run",
    )
    parser.add_argument(
        "--writes-only",
        action="store_true",
        help="only the SQLite write test (2 processes x 8 writers), for a quick run",
    )
    parser.add_argument(
        "--encryption-connections", type=int, default=8, help="wrk connections for the side-by-side rps (default 8)"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk (make bench does this)")

    began = time.perf_counter()
    imported = subprocess.run(
        [PY, "-c", "import time; t=time.perf_counter(); import tandem.app; print(time.perf_counter()-t)"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "backend")},
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"import tandem.app: {float(imported.stdout):.2f} s")
    dist = ROOT / "frontend" / "dist"
    if (dist / "index.html").exists():
        raw, gz, names = initial_js(dist)
        bare = bare_react_js()
        versus = f", bare React 19 + Vite {bare / 1000:.1f} kB ({gz / bare:.2f}x; goal <= 1.5x)" if bare else ""
        print(f"initial JS: {len(names)} files, {raw / 1000:.1f} kB, gzip {gz / 1000:.1f} kB{versus}")
    else:
        print("initial JS: frontend/dist is not built (make frontend)")
    tmp = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    try:
        for kind in ("sqlite", "postgres") if args.db == "both" else (args.db,):
            run_database(kind, args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nbench took {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
