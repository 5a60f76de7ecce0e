"""The cookie that carries a sign-in waiting for its second step (never a session: it opens nothing)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response

from tandem.core.config import Settings
from tandem.factors.service import PENDING_TTL

PENDING_COOKIE = "tandem_pending"
_PATH = "/api/v1/auth"


def pending_token(request: Request[Any, Any, Any]) -> str | None:
    return request.cookies.get(PENDING_COOKIE)


def set_pending_cookie(response: Response[Any], settings: Settings, token: str) -> None:
    response.set_cookie(
        key=PENDING_COOKIE,
        value=token,
        path=_PATH,
        max_age=int(PENDING_TTL.total_seconds()),
        secure=settings.https,
        httponly=True,
        samesite="strict",
    )


def clear_pending_cookie(response: Response[Any]) -> None:
    response.delete_cookie(PENDING_COOKIE, path=_PATH)
