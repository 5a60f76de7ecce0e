"""Serve the built single-page app from the API's origin, with index.html for client-side routes."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from litestar import HttpMethod, MediaType, Request, Response, get, route
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File
from litestar.types import ControllerRouterHandler

# Paths a probe or scraper might try: a 404, never the app's page (a probe at a wrong path must fail).
PROBE_PATHS = frozenset({"healthz", "readyz", "livez", "health", "ready", "live", "metrics", "status"})
# The web app manifest's own type (Python's table does not know the suffix).
mimetypes.add_type("application/manifest+json", ".webmanifest")
NOT_BUILT = "The Tandem frontend has not been built yet. Run `make run`, which builds it."


def spa_route_handlers(dist: Path) -> list[ControllerRouterHandler]:
    index = dist / "index.html"
    dist_resolved = dist.resolve()

    def _page() -> Response[str] | File:
        if not index.is_file():
            return Response(NOT_BUILT, media_type=MediaType.TEXT, status_code=503)
        return File(index, media_type=MediaType.HTML, content_disposition_type="inline")

    @get("/", include_in_schema=False, exclude_from_csrf=True)
    async def spa_root() -> Response[str] | File:
        return _page()

    @get("/{path:path}", include_in_schema=False, exclude_from_csrf=True)
    async def spa_fallback(path: FromPath[str]) -> Response[str] | File:
        relative = path.lstrip("/")
        if relative.startswith(("api/", "schema")) or relative == "api" or relative.rstrip("/") in PROBE_PATHS:
            raise NotFoundException()
        candidate = (dist / relative).resolve()
        # A real file at the top of dist (favicon, manifest) is served as itself; nothing outside dist.
        if candidate.is_file() and candidate.parent == dist_resolved:
            return File(candidate, filename=candidate.name, content_disposition_type="inline")
        return _page()

    handlers: list[ControllerRouterHandler] = [spa_root, spa_fallback]
    if (dist / "assets").is_dir():
        handlers.append(assets_route(dist / "assets"))
    return handlers


# Compressed at build time (frontend/scripts/precompress.mjs) beside each asset: name.js.br, name.js.gz.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepts(accept_encoding: str, coding: str) -> bool:
    """Whether an Accept-Encoding header allows `coding` (named, or `*`, with a q above 0)."""
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() not in (coding, "*"):
            continue
        q = params.strip().removeprefix("q=")
        try:
            return not params.strip() or float(q) > 0
        except ValueError:
            return False
    return False


def assets_route(assets: Path) -> ControllerRouterHandler:
    """Hashed build assets: the precompressed brotli or gzip copy when the browser takes it (the
    security headers hook marks /assets/ immutable for a year; index.html is `no-cache`)."""
    root = assets.resolve()

    @route(
        "/assets/{name:path}",
        http_method=[HttpMethod.GET, HttpMethod.HEAD],
        include_in_schema=False,
        exclude_from_csrf=True,
        name="assets",
    )
    async def asset(request: Request[Any, Any, Any], name: FromPath[str]) -> File:
        candidate = (root / name.lstrip("/")).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file() or candidate.suffix in (".br", ".gz"):
            raise NotFoundException()
        media_type = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
        accept_encoding = request.headers.get("accept-encoding", "")
        for coding, suffix in ENCODINGS:
            packed = candidate.with_name(candidate.name + suffix)
            if accepts(accept_encoding, coding) and packed.is_file():
                return File(
                    packed,
                    filename=candidate.name,
                    media_type=media_type,
                    content_disposition_type="inline",
                    headers={"content-encoding": coding, "vary": "accept-encoding"},
                )
        return File(
            candidate,
            filename=candidate.name,
            media_type=media_type,
            content_disposition_type="inline",
            headers={"vary": "accept-encoding"},
        )

    return asset
