"""Prints latency figures for the API, in-process, with production password hashing.

Run with `make bench`. It measures; it asserts nothing (speed targets are read, not tested):
- sign-up and login with argon2id at production parameters,
- GET /api/v1/me and GET /api/v1/spaces/{id} (session lookup plus one or two queries),
- how long /api/v1/health takes while eight logins hash at once (is the event loop free?).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from litestar.testing import AsyncTestClient

from tandem.app import create_app
from tandem.core.config import RateLimits, Settings
from tandem.migrations.runner import upgrade

PASSWORD = "a quiet morning by the sea"


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(label: str, samples: list[float]) -> None:
    ms = [s * 1000 for s in samples]
    print(f"{label:<44} n={len(ms):>4}  p50 {statistics.median(ms):7.1f} ms  p95 {percentile(ms, 0.95):7.1f} ms")


async def timed(coro_factory, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(n):
        began = time.perf_counter()
        await coro_factory()
        samples.append(time.perf_counter() - began)
    return samples


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/bench.db"
        await asyncio.to_thread(upgrade, url)
        settings = Settings(
            data_dir=Path(tmp),
            database_url=url,
            secret_key="bench-secret-key-0123456789abcdef",
            allowed_hosts=("testserver.local",),
            rate_limits=RateLimits(multiplier=10_000),
            frontend_dist=Path(tmp) / "dist",
        )
        app = create_app(settings)
        async with AsyncTestClient(app):

            def client() -> httpx.AsyncClient:
                return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver.local")

            async def csrf(c: httpx.AsyncClient) -> dict[str, str]:
                if "csrftoken" not in c.cookies:
                    await c.get("/api/v1/me")
                return {"x-csrftoken": c.cookies["csrftoken"]}

            async def sign_up() -> httpx.AsyncClient:
                c = client()
                body = {
                    "email": f"b-{uuid.uuid4().hex}@example.org",
                    "password": PASSWORD,
                    "display_name": "Bench",
                    "consent_health_data": True,
                }
                response = await c.post("/api/v1/auth/signup", json=body, headers=await csrf(c))
                assert response.status_code == 201
                c.headers["x-bench-email"] = body["email"]
                return c

            signups = await timed(sign_up, 10)
            report("POST /auth/signup (argon2id, m=64 MiB)", signups)

            person = await sign_up()
            email = person.headers["x-bench-email"]

            async def log_in() -> None:
                c = client()
                response = await c.post(
                    "/api/v1/auth/login", json={"email": email, "password": PASSWORD}, headers=await csrf(c)
                )
                assert response.status_code == 200

            report("POST /auth/login (argon2id verify)", await timed(log_in, 10))
            space = (
                await person.post(
                    "/api/v1/spaces", json={"name": "Bench", "role": "patient"}, headers=await csrf(person)
                )
            ).json()
            report("GET /me", await timed(lambda: person.get("/api/v1/me"), 300))
            report("GET /spaces/{id}", await timed(lambda: person.get(f"/api/v1/spaces/{space['id']}"), 300))

            async def health_during_logins() -> list[float]:
                logins = [asyncio.create_task(log_in()) for _ in range(8)]
                await asyncio.sleep(0.01)
                samples = await timed(lambda: client().get("/api/v1/health"), 20)
                await asyncio.gather(*logins)
                return samples

            report("GET /health while 8 logins hash", await health_during_logins())


if __name__ == "__main__":
    asyncio.run(main())
