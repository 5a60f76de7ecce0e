"""Dependency providers wired into the app: services per request, the caller and the member."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.channels import ChannelsPlugin
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller, resolve_caller
from tandem.access.membership import resolve_member
from tandem.accounts.service import AccountService
from tandem.core.config import Settings
from tandem.core.passwords import PasswordService
from tandem.core.ratelimit import AttemptLimiter
from tandem.core.sessions import provide_db_session
from tandem.spaces.service import SpaceService


def provide_settings(state: State) -> Settings:
    settings: Settings = state.settings
    return settings


def provide_limiter(state: State) -> AttemptLimiter:
    limiter: AttemptLimiter = state.limiter
    return limiter


def provide_accounts(db_session: NamedDependency[AsyncSession], state: State) -> AccountService:
    passwords: PasswordService = state.passwords
    return AccountService(db_session, passwords, state.settings)


def provide_spaces(
    db_session: NamedDependency[AsyncSession], channels: NamedDependency[ChannelsPlugin]
) -> SpaceService:
    return SpaceService(db_session, channels)


async def provide_caller(request: Request[Any, Any, Any], accounts: NamedDependency[AccountService]) -> Caller:
    return await resolve_caller(request, accounts)


async def provide_caller_without_touch(
    request: Request[Any, Any, Any], accounts: NamedDependency[AccountService]
) -> Caller:
    """The caller, without marking their session as used (for routes the browser calls on its own)."""
    return await resolve_caller(request, accounts, touch=False)


DEPENDENCIES = {
    "db_session": Provide(provide_db_session),
    "settings": Provide(provide_settings, sync_to_thread=False),
    "limiter": Provide(provide_limiter, sync_to_thread=False),
    "accounts": Provide(provide_accounts, sync_to_thread=False),
    "spaces": Provide(provide_spaces, sync_to_thread=False),
    "caller": Provide(provide_caller),
    "member": Provide(resolve_member),
}
