"""`GET /metrics` in Prometheus' text format: open to loopback and configured addresses, else a bearer token."""

from __future__ import annotations

import hmac
import ipaddress
from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import NotAuthorizedException, NotFoundException
from litestar.handlers import HTTPRouteHandler
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool

from tandem.core.config import Settings
from tandem.core.drain import DrainState
from tandem.core.keystore import vault_of
from tandem.core.metrics import Metrics


def _peer_allowed(peer: str, allowed: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return ip.is_loopback or any(ip in ipaddress.ip_network(net, strict=False) for net in allowed)


def _waiting(pool: QueuePool) -> int:
    # Callers waiting on the pool's queue (asyncio.Queue getters); best effort, 0 when not visible.
    queue: Any = getattr(getattr(pool, "_pool", None), "_queue", None)
    return len(getattr(queue, "_getters", ()) or ())


def update_pool_gauges(metrics: Metrics, engine: AsyncEngine) -> None:
    pool = engine.sync_engine.pool
    if isinstance(pool, QueuePool):
        metrics.db_pool_in_use.set(pool.checkedout())
        metrics.db_pool_overflow.set(max(0, pool.overflow()))
        metrics.db_pool_waiting.set(_waiting(pool))


def metrics_route(settings: Settings, metrics: Metrics, engine: AsyncEngine, drain: DrainState) -> HTTPRouteHandler:
    @get("/metrics", include_in_schema=False, exclude_from_csrf=True, sync_to_thread=False)
    def scrape(request: Request[Any, Any, Any]) -> Response[bytes]:
        peer = request.client.host if request.client else ""
        if not _peer_allowed(peer, settings.metrics_allowed):
            if settings.metrics_token is None:
                raise NotFoundException()
            given = request.headers.get("authorization", "")
            expected = f"Bearer {settings.metrics_token}"
            if not hmac.compare_digest(given.encode(), expected.encode()):
                raise NotAuthorizedException("A bearer token is needed.", headers={"WWW-Authenticate": "Bearer"})
        update_pool_gauges(metrics, engine)
        metrics.draining.set(1 if drain.draining else 0)
        vault = vault_of(engine.sync_engine)
        if vault is not None:
            metrics.crypto_seconds.set(vault.crypto_seconds)
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return scrape
