"""Serve the built single-page app from the API's origin, with index.html for client-side routes."""

from __future__ import annotations

from pathlib import Path

from litestar import MediaType, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File
from litestar.static_files import create_static_files_router
from litestar.types import ControllerRouterHandler

# Paths a probe or scraper might try: a 404, never the app's page (a probe at a wrong path must fail).
PROBE_PATHS = frozenset({"healthz", "readyz", "livez", "health", "ready", "live", "metrics", "status"})
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
        handlers.append(
            create_static_files_router(
                path="/assets",
                directories=[dist / "assets"],
                include_in_schema=False,
                name="assets",
                opt={"exclude_from_csrf": True},
            )
        )
    return handlers
