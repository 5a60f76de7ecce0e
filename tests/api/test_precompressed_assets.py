"""Built assets go out compressed: the brotli or gzip copy made at build time, as the browser accepts,
with the right Content-Encoding, cached for a year; index.html is revalidated every time."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

from litestar import Litestar

from .people import Person

SCRIPT = b"console.log('a quiet morning by the sea');\n" * 200
FAKE_BROTLI = b"brotli bytes made at build time"
# Made once, with a fixed time in its header: gzip stamps the current second, which may tick between calls.
GZIPPED = gzip.compress(SCRIPT, 9, mtime=0)


def built_asset(tmp_root: Path) -> str:
    name = f"entry-{uuid.uuid4().hex[:8]}.js"
    assets = tmp_root / "dist" / "assets"
    (assets / name).write_bytes(SCRIPT)
    (assets / f"{name}.gz").write_bytes(GZIPPED)
    (assets / f"{name}.br").write_bytes(FAKE_BROTLI)
    return f"/assets/{name}"


async def raw(person: Person, path: str, accept_encoding: str) -> tuple[int, dict[str, str], bytes]:
    async with person.client.stream("GET", path, headers={"accept-encoding": accept_encoding}) as response:
        body = b"".join([chunk async for chunk in response.aiter_raw()])
        return response.status_code, dict(response.headers), body


async def test_assets_are_sent_precompressed_as_accepted(app: Litestar, tmp_root: Path) -> None:
    path = built_asset(tmp_root)
    person = Person(app)
    cases = {
        "gzip, deflate, br, zstd": ("br", FAKE_BROTLI),
        "gzip, deflate": ("gzip", GZIPPED),
        "br;q=0, gzip": ("gzip", GZIPPED),
        "identity": (None, SCRIPT),
    }
    for accept, (coding, expected) in cases.items():
        status, headers, body = await raw(person, path, accept)
        assert status == 200, accept
        assert headers.get("content-encoding") == coding, accept
        assert body == expected, accept
        assert headers["content-type"].startswith("text/javascript"), headers
        assert "accept-encoding" in headers["vary"].lower()
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
    # The compressed copies are not addresses of their own, and nothing outside the assets is served.
    for other in (f"{path}.br", f"{path}.gz", "/assets/%2e%2e/index.html", "/assets/missing.js"):
        assert (await person.get(other)).status_code == 404, other
    page = await person.get("/space")
    assert page.headers["cache-control"] == "no-cache"
