"""Sign-up, sign-in and the server-side sessions behind the cookie."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from litestar.exceptions import HTTPException, NotAuthorizedException, PermissionDeniedException
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.accounts.models import AuthSession, User
from tandem.core.config import Settings
from tandem.core.db import utcnow
from tandem.core.errors import bad_field
from tandem.core.passwords import PasswordService, password_problem
from tandem.core.sealing import lookup_digest
from tandem.core.tokens import hash_token, new_token

INVALID_LOGIN = "That email and password don't match."
SIGNUP_REFUSED = "We couldn't create an account with these details. If you already have one, please log in."
# How stale last_seen_at may get before a request writes it again (saves a write per request).
_TOUCH_INTERVAL = timedelta(minutes=1)


def touch_due(session: AuthSession, now: datetime) -> bool:
    return now - session.last_seen_at >= _TOUCH_INTERVAL


def normalise_email(email: str) -> str:
    return email.strip().casefold()


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: User
    session: AuthSession
    token: str


class AccountService:
    def __init__(self, db: AsyncSession, passwords: PasswordService, settings: Settings) -> None:
        self.db = db
        self.passwords = passwords
        self.settings = settings

    async def sign_up(self, *, email: str, password: str, display_name: str, consent: bool, device: str) -> SignedIn:
        email = normalise_email(email)
        display_name = display_name.strip()
        if not display_name:
            raise bad_field("display_name", "Please enter a name.")
        problem = password_problem(password, email=email, display_name=display_name)
        if problem:
            raise bad_field("password", problem)
        if not consent:
            raise bad_field("consent_health_data", "Please confirm you agree before creating an account.")
        # Hash before looking the email up, so a taken address costs the same time as a new one.
        password_hash = await self.passwords.hash(password)
        if (
            await self.db.scalar(select(User.id).where(User.email_hash == await lookup_digest(self.db, email)))
            is not None
        ):
            raise HTTPException(status_code=400, detail=SIGNUP_REFUSED)
        user = User(
            email=email,
            display_name=display_name,
            password_hash=password_hash,
            health_data_consent_at=utcnow(),
        )
        try:
            async with self.db.begin_nested():
                self.db.add(user)
                await self.db.flush()
        except IntegrityError:
            # Another sign-up with this email won the race: answer exactly as for any taken address.
            raise HTTPException(status_code=400, detail=SIGNUP_REFUSED) from None
        return await self.open_session(user, device=device, remembered=False)

    async def _release_transaction(self) -> None:
        """End the read transaction before ~100 ms of argon2: on SQLite it holds the write lock
        (every transaction starts as BEGIN IMMEDIATE), which would make every other request wait."""
        await self.db.commit()

    async def log_in(self, *, email: str, password: str, remember_me: bool, device: str) -> SignedIn:
        user = await self.check_password(email=email, password=password)
        return await self.open_session(user, device=device, remembered=remember_me)

    async def check_password(self, *, email: str, password: str) -> User:
        """The account these credentials open (no session yet: a second step may be due), or 401."""
        user = await self.find_by_email(email)
        await self._release_transaction()
        # An unknown email is verified against a dummy hash: same answer, same time.
        if not await self.passwords.verify(user.password_hash if user else None, password) or user is None:
            raise NotAuthorizedException(INVALID_LOGIN)
        if self.passwords.needs_rehash(user.password_hash):
            user.password_hash = await self.passwords.hash(password)
        return user

    async def find_by_email(self, email: str) -> User | None:
        # Emails are sealed: an account is found by the keyed hash of its normalised email.
        digest = await lookup_digest(self.db, normalise_email(email))
        return await self.db.scalar(select(User).where(User.email_hash == digest))

    def _lifetimes(self, remembered: bool) -> tuple[timedelta, timedelta]:
        s = self.settings
        if remembered:
            return timedelta(days=s.remembered_idle_days), timedelta(days=s.remembered_absolute_days)
        return timedelta(minutes=s.session_idle_minutes), timedelta(hours=s.session_absolute_hours)

    async def open_session(self, user: User, *, device: str, remembered: bool) -> SignedIn:
        """Always a fresh token: a session id offered by the client is never adopted."""
        raw, digest = new_token()
        now = utcnow()
        _, absolute = self._lifetimes(remembered)
        session = AuthSession(
            user_id=user.id,
            token_hash=digest,
            device=device,
            remembered=remembered,
            created_at=now,
            last_seen_at=now,
            expires_at=now + absolute,
        )
        self.db.add(session)
        await self.db.flush()
        return SignedIn(user=user, session=session, token=raw)

    async def resolve(
        self, raw_token: str, *, now: datetime | None = None, touch: bool = True
    ) -> tuple[User, AuthSession] | None:
        """The user and session behind a token. `touch=False` reads without marking the session used
        (a live event stream reconnecting on its own is not the person being active)."""
        row = (
            await self.db.execute(
                select(User, AuthSession)
                .join(AuthSession, AuthSession.user_id == User.id)
                .where(AuthSession.token_hash == hash_token(raw_token))
            )
        ).first()
        if row is None:
            return None
        user, session = row
        return (user, session) if await self.still_valid(session, now=now, touch=touch) else None

    async def still_valid(self, session: AuthSession, *, now: datetime | None = None, touch: bool = True) -> bool:
        """Whether a session found by its token still holds (one past its lifetimes is deleted), and
        mark it used when `touch` says so. For callers that load the session in a query of their own."""
        now = now or utcnow()
        idle, _ = self._lifetimes(session.remembered)
        if now >= session.expires_at or now >= session.last_seen_at + idle:
            await self.db.delete(session)
            return False
        if touch and touch_due(session, now):
            session.last_seen_at = now
        return True

    async def list_sessions(self, user_id: uuid.UUID) -> list[AuthSession]:
        result = await self.db.scalars(
            select(AuthSession).where(AuthSession.user_id == user_id).order_by(AuthSession.last_seen_at.desc())
        )
        return list(result)

    async def end_session(self, user_id: uuid.UUID, session_id: uuid.UUID) -> bool:
        result = await self.db.execute(
            delete(AuthSession).where(AuthSession.id == session_id, AuthSession.user_id == user_id)
        )
        return bool(getattr(result, "rowcount", 0))

    async def change_password(self, user: User, current: AuthSession, *, current_password: str, new: str) -> SignedIn:
        """Set a new password. Every session ends; this device gets a fresh one (a new token)."""
        problem = password_problem(new, email=user.email, display_name=user.display_name)
        await self.confirm_password(user, current_password, wrong="Your current password isn't right.")
        if problem:
            raise bad_field("new_password", problem)
        user.password_hash = await self.passwords.hash(new)
        await self.db.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
        return await self.open_session(user, device=current.device, remembered=current.remembered)

    async def confirm_password(self, user: User, password: str, *, wrong: str = "That password isn't right.") -> None:
        await self._release_transaction()
        if not await self.passwords.verify(user.password_hash, password):
            raise PermissionDeniedException(wrong)

    async def update_display_name(self, user: User, display_name: str) -> None:
        display_name = display_name.strip()
        if not display_name:
            raise bad_field("display_name", "Please enter a name.")
        user.display_name = display_name


async def end_other_sessions(db: AsyncSession, user_id: uuid.UUID, keep_session_id: uuid.UUID) -> int:
    """Sign out every other device of the account; the session `keep_session_id` stays signed in."""
    result = await db.execute(
        delete(AuthSession).where(AuthSession.user_id == user_id, AuthSession.id != keep_session_id)
    )
    return int(getattr(result, "rowcount", 0) or 0)
