"""Routes of the app lock and quick exit, and the neutral page quick exit can go to."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, MediaType, Request, Response, delete, get, post, put
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.params import JSONBody
from litestar.response import Redirect
from litestar.status_codes import HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller
from tandem.accounts.controller import password_attempt
from tandem.accounts.cookies import clear_session_cookies
from tandem.accounts.service import AccountService, end_other_sessions
from tandem.core.config import Settings
from tandem.core.db import utcnow
from tandem.core.errors import SIGNED_IN_READ, SIGNED_IN_WRITE, Conflict, bad_field, problems
from tandem.core.passwords import PasswordService
from tandem.core.ratelimit import AttemptLimiter
from tandem.factors.stepup import STEP_UP_REQUIRED
from tandem.safety.lock import (
    ALLOWED_WHILE_LOCKED,
    MAX_PIN_FAILURES,
    count_failure,
    end_session,
    lock_state,
)
from tandem.safety.models import SafetySettings, SessionLock
from tandem.safety.schemas import (
    AppLockOut,
    AppLockRemoval,
    AppLockSet,
    PinEntry,
    QuickExitOut,
    QuickExitSettingsIn,
    QuickExitSettingsOut,
    UnlockOut,
)

NEUTRAL_PATH = "/start"
NO_LOCK = "No app lock is set."
WRONG_PIN = "That PIN isn't right."
TOO_MANY = "Too many wrong PINs. Please log in again with your password."
OPEN = {ALLOWED_WHILE_LOCKED: True}
LOCKED_READ = (*SIGNED_IN_READ, 423)
LOCKED_WRITE = (*SIGNED_IN_WRITE, 423)


def default_destination(settings: Settings) -> str:
    return settings.quick_exit_url or NEUTRAL_PATH


def destination_for(settings: Settings, mine: SafetySettings | None) -> str:
    return (mine.quick_exit_url if mine else None) or default_destination(settings)


def _passwords(request: Request[Any, Any, Any]) -> PasswordService:
    service: PasswordService = request.app.state.passwords
    return service


async def _settings_row(db: AsyncSession, caller: Caller) -> SafetySettings:
    row = await db.get(SafetySettings, caller.user.id)
    if row is None:
        row = SafetySettings(user_id=caller.user.id)
        db.add(row)
    return row


class AppLockController(Controller):
    path = "/api/v1/me/app-lock"
    tags = ["safety"]

    @get("", operation_id="getAppLock", responses=problems(*SIGNED_IN_READ), opt=OPEN)
    async def get_lock(self, caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]) -> AppLockOut:
        """Whether an app lock is set, after how many idle minutes it locks, and whether it is locked now."""
        settings, _, locked = await lock_state(db_session, caller.user, caller.session, read_only=True)
        is_set = settings is not None and settings.pin_hash is not None
        return AppLockOut(set=is_set, idle_minutes=settings.idle_minutes if settings else 5, locked=locked)

    @put("", operation_id="setAppLock", responses=problems(*LOCKED_WRITE, 429, 503))
    async def set_lock(
        self,
        request: Request[Any, Any, Any],
        caller: NamedDependency[Caller],
        data: JSONBody[AppLockSet],
        accounts: NamedDependency[AccountService],
        db_session: NamedDependency[AsyncSession],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> AppLockOut:
        """Set or change the PIN (4-8 digits), the idle minutes and an optional decoy PIN; needs the password."""
        if data.decoy_pin is not None and data.decoy_pin == data.pin:
            raise bad_field("decoy_pin", "The decoy PIN must differ from your PIN.")
        async with password_attempt(limiter, settings, caller.user.email):
            await accounts.confirm_password(caller.user, data.password)
        passwords = _passwords(request)
        pin_hash = await passwords.hash(data.pin)
        decoy_hash = await passwords.hash(data.decoy_pin) if data.decoy_pin is not None else None
        row = await _settings_row(db_session, caller)
        row.pin_hash = pin_hash
        row.decoy_pin_hash = decoy_hash
        row.idle_minutes = data.idle_minutes
        row.updated_at = utcnow()
        await db_session.flush()
        # This session was just confirmed with the password: it starts unlocked.
        lock = await db_session.get(SessionLock, caller.session.id)
        if lock is None:
            db_session.add(SessionLock(session_id=caller.session.id, active_at=utcnow()))
        else:
            lock.locked, lock.failures, lock.active_at = False, 0, utcnow()
        return AppLockOut(set=True, idle_minutes=row.idle_minutes, locked=False)

    @delete(
        "", operation_id="removeAppLock", responses=problems(*LOCKED_WRITE, 429, 503), status_code=HTTP_204_NO_CONTENT
    )
    async def remove_lock(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[AppLockRemoval],
        accounts: NamedDependency[AccountService],
        db_session: NamedDependency[AsyncSession],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> None:
        """Turn the app lock off (PIN and decoy PIN are deleted); needs the password."""
        async with password_attempt(limiter, settings, caller.user.email):
            await accounts.confirm_password(caller.user, data.password)
        row = await db_session.get(SafetySettings, caller.user.id)
        if row is not None:
            row.pin_hash = None
            row.decoy_pin_hash = None
            row.updated_at = utcnow()

    @post(
        "/lock",
        operation_id="lockApp",
        responses=problems(*SIGNED_IN_WRITE, 409),
        status_code=HTTP_204_NO_CONTENT,
        opt=OPEN,
    )
    async def lock_now(self, caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]) -> None:
        """Lock this session now."""
        _, row, _ = await lock_state(db_session, caller.user, caller.session)
        if row is None:
            raise Conflict(NO_LOCK)
        row.locked = True

    @post("/unlock", operation_id="unlockApp", responses=problems(*SIGNED_IN_WRITE, 409), status_code=200, opt=OPEN)
    async def unlock(
        self,
        request: Request[Any, Any, Any],
        caller: NamedDependency[Caller],
        data: JSONBody[PinEntry],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
    ) -> Response[UnlockOut]:
        """Unlock with the PIN. The fifth wrong PIN ends the session; a decoy PIN ends it silently."""
        mine, row, _ = await lock_state(db_session, caller.user, caller.session)
        if mine is None or row is None:
            raise Conflict(NO_LOCK)
        pin_hash, decoy_hash = mine.pin_hash, mine.decoy_pin_hash
        session_id = caller.session.id
        failures = await count_failure(db_session, session_id)
        passwords = _passwords(request)
        # Both checks always run, so the time taken says nothing about a decoy PIN.
        right = await passwords.verify(pin_hash, data.pin)
        decoy = await passwords.verify(decoy_hash, data.pin)
        if right:
            fresh = await db_session.get(SessionLock, session_id)
            if fresh is not None:
                await db_session.refresh(fresh)
                fresh.locked, fresh.failures, fresh.active_at = False, 0, utcnow()
            return Response(UnlockOut(outcome="unlocked"))
        if decoy:
            await end_session(db_session, session_id)
            response: Response[UnlockOut] = Response(
                UnlockOut(outcome="exit", destination=destination_for(settings, mine))
            )
            clear_session_cookies(response, settings)
            return response
        if failures >= MAX_PIN_FAILURES:
            # The session is gone (committed); its cookie now opens nothing.
            await end_session(db_session, session_id)
            raise NotAuthorizedException(TOO_MANY)
        raise PermissionDeniedException(WRONG_PIN)


class QuickExitController(Controller):
    path = "/api/v1/me/quick-exit"
    tags = ["safety"]

    @get("", operation_id="getQuickExit", responses=problems(*LOCKED_READ))
    async def get_settings(
        self,
        caller: NamedDependency[Caller],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
    ) -> QuickExitSettingsOut:
        """Where quick exit goes and whether it signs out when no app lock is set."""
        row = await db_session.get(SafetySettings, caller.user.id)
        return QuickExitSettingsOut(
            url=row.quick_exit_url if row else None,
            signs_out=row.quick_exit_signs_out if row else True,
            default_destination=default_destination(settings),
        )

    @put("", operation_id="setQuickExit", responses=problems(*LOCKED_WRITE))
    async def set_settings(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[QuickExitSettingsIn],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
    ) -> QuickExitSettingsOut:
        """Choose your own quick-exit address (or none), and whether quick exit signs you out."""
        row = await _settings_row(db_session, caller)
        row.quick_exit_url = data.url
        row.quick_exit_signs_out = data.signs_out
        row.updated_at = utcnow()
        await db_session.flush()
        return QuickExitSettingsOut(
            url=row.quick_exit_url,
            signs_out=row.quick_exit_signs_out,
            default_destination=default_destination(settings),
        )

    @post("", operation_id="quickExit", responses=problems(*SIGNED_IN_WRITE), status_code=200, opt=OPEN)
    async def quick_exit(
        self,
        caller: NamedDependency[Caller],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
    ) -> Response[QuickExitOut]:
        """End access from this browser: lock the session if an app lock is set, else sign out."""
        mine, row, _ = await lock_state(db_session, caller.user, caller.session)
        destination = destination_for(settings, mine)
        if row is not None:
            row.locked = True
            return Response(QuickExitOut(session="locked", destination=destination))
        if mine is not None and not mine.quick_exit_signs_out:
            return Response(QuickExitOut(session="kept", destination=destination))
        await end_session(db_session, caller.session.id)
        response = Response(QuickExitOut(session="ended", destination=destination))
        clear_session_cookies(response, settings)
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
        return response


class EndedSessions(msgspec.Struct):
    ended: int


class OtherSessionsController(Controller):
    path = "/api/v1/me/sessions"
    tags = ["me"]

    @post(
        "/end-others",
        operation_id="endMyOtherSessions",
        responses=problems(*LOCKED_WRITE),
        status_code=200,
        opt=STEP_UP_REQUIRED,
    )
    async def end_others(
        self, caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]
    ) -> EndedSessions:
        """Sign out every other device of this account; this one stays signed in (needs a recent confirmation)."""
        return EndedSessions(ended=await end_other_sessions(db_session, caller.user.id, caller.session.id))


# Nothing of Tandem: no title, no name, no icon (the empty data: icon stops the browser asking for
# /favicon.ico, which would show Tandem's), no script, no referrer.
NEUTRAL_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">'
    '<link rel="icon" href="data:,"><title>New tab</title></head><body></body></html>'
)


@get(NEUTRAL_PATH, include_in_schema=False, exclude_from_csrf=True, sync_to_thread=False)
def neutral_page(settings: NamedDependency[Settings]) -> Response[str] | Redirect:
    """Where quick exit goes by default: TANDEM_QUICK_EXIT_URL if set, else an empty page."""
    if settings.quick_exit_url:
        return Redirect(settings.quick_exit_url, status_code=303)
    return Response(NEUTRAL_PAGE, media_type=MediaType.HTML)
