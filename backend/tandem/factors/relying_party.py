"""Who passkeys belong to: the WebAuthn relying party id (a host name) and the origin browsers report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from litestar import Request

from tandem.core.config import Settings

RP_NAME = "Tandem"


@dataclass(frozen=True, slots=True)
class RelyingParty:
    id: str
    origin: str
    name: str = RP_NAME


def relying_party(request: Request[Any, Any, Any], settings: Settings) -> RelyingParty:
    """From TANDEM_PUBLIC_ORIGIN when set (needed behind a proxy that changes the Host), else from the
    request's Host, which AllowedHostsMiddleware has already checked against TANDEM_ALLOWED_HOSTS."""
    origin = settings.public_origin
    if origin is None:
        scheme = "https" if settings.https else "http"
        origin = f"{scheme}://{request.headers.get('host', 'localhost')}"
    host = urlsplit(origin).hostname or "localhost"
    return RelyingParty(id=host, origin=origin)
