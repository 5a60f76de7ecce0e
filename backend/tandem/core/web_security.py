"""Security headers on every response, same-origin checks on writes, allowed hosts and client addresses."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote_to_bytes

from litestar import Request
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException, PermissionDeniedException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from tandem.core.config import Settings
from tandem.core.csrf import check_bound_token

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CONTROL_BYTES = re.compile(rb"[\x00-\x1f\x7f]")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


def security_headers_hook(
    settings: Settings, secret_link_prefixes: tuple[str, ...] = ()
) -> Callable[[Message, Scope], Any]:
    """An app-level before_send hook: unlike route headers it also runs for 404, 403, 413 and 500.

    Paths under `secret_link_prefixes` (pages and API routes opened by a secret address, such as a
    clinician link) are never indexed nor stored, whatever their status.
    """
    fixed = {
        "content-security-policy": CONTENT_SECURITY_POLICY,
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
        "permissions-policy": PERMISSIONS_POLICY,
        "x-frame-options": "DENY",
    }
    if settings.https:
        fixed["strict-transport-security"] = "max-age=31536000; includeSubDomains"

    # Encoded once: setting eleven headers one by one through MutableScopeHeaders scanned and decoded the
    # whole list for each (36 us of every response; this way about 4 us).
    always = [(name.encode(), value.encode("latin-1")) for name, value in fixed.items()]
    # Personal data must never outlive a revocation in a cache.
    api = [(b"cache-control", b"no-store"), (b"pragma", b"no-cache")]
    assets = [(b"cache-control", b"public, max-age=31536000, immutable")]
    pages = [(b"cache-control", b"no-cache")]
    secret = [(b"cache-control", b"no-store"), (b"x-robots-tag", b"noindex, nofollow")]

    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        path: str = scope.get("path", "")
        if path.startswith(("/api/", "/schema")):
            caching = api
        elif path.startswith("/assets/"):
            caching = assets
        else:
            caching = pages
        if secret_link_prefixes and path.startswith(secret_link_prefixes):
            caching = [*(h for h in caching if h[0] != b"cache-control"), *secret]
        ours = [*always, *caching]
        # Ours replace any the response set itself, and the server does not name itself.
        replaced = {name for name, _ in ours} | {b"server"}
        kept = [(name, value) for name, value in message.get("headers", ()) if name.lower() not in replaced]
        message["headers"] = kept + ours

    return add_headers


def same_origin_guard(settings: Settings) -> Callable[[Request[Any, Any, Any]], Any]:
    """Refuse control characters in addresses, cross-site writes and non-JSON bodies before any handler runs.

    Litestar accepts JSON sent as text/plain or form types, which a foreign page can post without a
    CORS preflight, and its CSRF token is not bound to the login; these checks close both gaps.
    """

    async def guard(request: Request[Any, Any, Any]) -> None:
        # A NUL or other control character in a path or query parameter would reach the database
        # (PostgreSQL refuses NUL with an error); no address of ours contains one.
        raw_path = request.scope.get("raw_path") or request.scope["path"].encode()
        target = unquote_to_bytes(raw_path) + unquote_to_bytes(request.scope.get("query_string", b""))
        if CONTROL_BYTES.search(target):
            raise HTTPException(status_code=400, detail="The address contains characters that aren't allowed.")
        if request.method not in UNSAFE_METHODS:
            return
        check_bound_token(request.scope, request.headers, settings.secret_key, settings.session_cookie_name)
        if request.headers.get("sec-fetch-site", "").lower() == "cross-site":
            raise PermissionDeniedException("Cross-site requests are not accepted.")
        origin = request.headers.get("origin")
        if origin is not None and origin != "null":
            host = request.headers.get("host", "")
            allowed = {f"http://{host}", f"https://{host}"}
            if origin not in allowed:
                raise PermissionDeniedException("Cross-site requests are not accepted.")
        elif origin == "null":
            raise PermissionDeniedException("Cross-site requests are not accepted.")
        has_body = request.headers.get("content-length", "0") not in ("0", "") or (
            "transfer-encoding" in request.headers
        )
        if has_body:
            media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media_type != "application/json":
                raise HTTPException(status_code=415, detail="Send the request body as application/json.")

    return guard


def client_address(request: Request[Any, Any, Any], trusted_proxies: tuple[str, ...]) -> str:
    """The socket address, or the last untrusted hop of X-Forwarded-For when a trusted proxy sent it."""
    peer = request.client.host if request.client else "unknown"
    if not trusted_proxies or not _is_trusted(peer, trusted_proxies):
        return peer
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted_proxies):
            return hop
    return peer


def _is_trusted(address: str, trusted: tuple[str, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in trusted)


_HOST_HEADER = re.compile(r"^(?P<host>\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(?P<port>[0-9]{1,5}))?$")


def parse_host(host_header: str) -> str | None:
    """The host name of a Host header (RFC 9110: host [":" port]), or None when it is not one.

    A userinfo part (`127.0.0.1:18804@evil`), a port above 65535 or any other character makes the
    whole header invalid rather than being cut at the last colon.
    """
    match = _HOST_HEADER.match(host_header.strip().lower())
    if match is None:
        return None
    port = match.group("port")
    if port is not None and not 0 < int(port) <= 65535:
        return None
    return match.group("host")


class AllowedHostsMiddleware(ASGIMiddleware):
    """Answer 400 to a Host header that is not configured; any port is fine (`make run PORT=...`).

    Litestar's own check compares the whole header, port included, so it cannot serve on a chosen port.
    A request line in absolute form (`GET http://host/path`) must name an allowed host too: the server
    passes such a target on as the path, and it would otherwise reach the single-page app's fallback.
    """

    scopes = (ScopeType.HTTP, ScopeType.WEBSOCKET)

    def __init__(self, allowed_hosts: tuple[str, ...]) -> None:
        self.exact = {h.lower() for h in allowed_hosts if not h.startswith("*.")}
        self.suffixes = tuple(h[1:].lower() for h in allowed_hosts if h.startswith("*."))

    def allows(self, host_header: str) -> bool:
        host = parse_host(host_header)
        if host is None:
            return False
        return host in self.exact or (bool(self.suffixes) and host.endswith(self.suffixes))

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        headers = dict(scope.get("headers", []))
        if not self.allows(headers.get(b"host", b"").decode("latin-1")):
            raise HTTPException(status_code=400, detail="This host name is not served here.")
        target: bytes = scope.get("raw_path") or scope.get("path", "").encode()
        if not target.startswith(b"/"):
            raise HTTPException(status_code=400, detail="Requests must name a path on this server.")
        await next_app(scope, receive, send)
