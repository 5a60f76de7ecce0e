"""Passkeys, the authenticator app, recovery codes and the single-use challenges of a sign-in."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from litestar.exceptions import NotFoundException, PermissionDeniedException
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.accounts.models import AuthSession, User
from tandem.core.db import utcnow
from tandem.core.errors import Conflict
from tandem.core.passwords import PasswordService
from tandem.core.tokens import hash_token, new_token
from tandem.factors.codes import (
    TOTP_CODE,
    matching_step,
    new_recovery_codes,
    new_totp_secret,
    normalise_recovery_code,
    provisioning_uri,
)
from tandem.factors.models import AuthFactor, FactorKind, RecoveryCode, SignInChallenge
from tandem.factors.relying_party import RelyingParty

# A sign-in in progress (password given, second step awaited) and a passkey prompt both expire soon.
PENDING_TTL = timedelta(minutes=5)
CHALLENGE_TTL = timedelta(minutes=5)
ABANDONED_ENROLMENT = timedelta(hours=1)
PASSKEY_FAILED = "That passkey couldn't be checked. Please try again."
CHALLENGE_GONE = "This request has expired. Please start again."
WRONG_CODE = "That code isn't right."
NO_TWO_STEP = "Two-step sign-in is off: add a passkey or an authenticator app first."


@dataclass(frozen=True, slots=True)
class Challenge:
    token: str
    options: dict[str, Any]


class FactorService:
    def __init__(self, db: AsyncSession, passwords: PasswordService) -> None:
        self.db = db
        self.passwords = passwords

    # --- what a member has -------------------------------------------------------------------
    async def factors(self, user_id: uuid.UUID) -> list[AuthFactor]:
        rows = await self.db.scalars(
            select(AuthFactor)
            .where(AuthFactor.user_id == user_id, AuthFactor.confirmed.is_(True))
            .order_by(AuthFactor.created_at, AuthFactor.id)
        )
        return list(rows)

    async def two_step_on(self, user_id: uuid.UUID) -> bool:
        found = await self.db.scalar(
            select(AuthFactor.id).where(AuthFactor.user_id == user_id, AuthFactor.confirmed.is_(True)).limit(1)
        )
        return found is not None

    async def recovery_codes_left(self, user_id: uuid.UUID) -> int:
        count = await self.db.scalar(
            select(func.count())
            .select_from(RecoveryCode)
            .where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
        )
        return int(count or 0)

    async def _own(self, user_id: uuid.UUID, factor_id: uuid.UUID) -> AuthFactor:
        factor = await self.db.scalar(
            select(AuthFactor).where(AuthFactor.id == factor_id, AuthFactor.user_id == user_id)
        )
        if factor is None:
            raise NotFoundException()
        return factor

    async def rename(self, user_id: uuid.UUID, factor_id: uuid.UUID, name: str) -> AuthFactor:
        factor = await self._own(user_id, factor_id)
        if not factor.confirmed:
            raise NotFoundException()
        factor.name = name.strip() or factor.name
        return factor

    async def remove(self, user_id: uuid.UUID, factor_id: uuid.UUID) -> None:
        """Remove a factor. The password always stays a way in, so removing the last factor turns
        two-step sign-in off, and its recovery codes go with it."""
        factor = await self._own(user_id, factor_id)
        await self.db.delete(factor)
        await self.db.flush()
        if not await self.two_step_on(user_id):
            await self.db.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))

    async def _added(self, user_id: uuid.UUID, factor: AuthFactor) -> list[str] | None:
        """Mark a new factor usable; the first one comes with fresh recovery codes (shown once)."""
        first = not await self.two_step_on(user_id)
        factor.confirmed = True
        await self.db.flush()
        return await self.replace_recovery_codes(user_id) if first else None

    # --- recovery codes -------------------------------------------------------------------------
    async def replace_recovery_codes(self, user_id: uuid.UUID) -> list[str]:
        if not await self.two_step_on(user_id):
            raise Conflict(NO_TWO_STEP)
        codes = new_recovery_codes()
        hashes = [await self.passwords.hash(code) for code in codes]
        await self.db.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
        self.db.add_all(RecoveryCode(user_id=user_id, code_hash=h) for h in hashes)
        await self.db.flush()
        return codes

    async def use_recovery_code(self, user_id: uuid.UUID, code: str) -> bool:
        """True (and the code is spent) when it is one of the member's unused codes."""
        typed = normalise_recovery_code(code)
        unused = await self.db.scalars(
            select(RecoveryCode).where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
        )
        for row in list(unused):
            if await self.passwords.verify(row.code_hash, typed):
                # Spent only if it is still unused now: two requests with one code cannot both pass.
                spent = await self.db.execute(
                    update(RecoveryCode)
                    .where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None))
                    .values(used_at=utcnow())
                )
                return bool(getattr(spent, "rowcount", 0))
        return False

    # --- authenticator app (TOTP) ----------------------------------------------------------------
    async def start_totp(self, user: User, name: str) -> tuple[AuthFactor, str]:
        """A new secret, not yet usable: it counts once a code from the app confirms it."""
        # Enrolments abandoned before their code are cleared; a recent one (another tab) is left alone.
        await self.db.execute(
            delete(AuthFactor).where(
                AuthFactor.user_id == user.id,
                AuthFactor.kind == FactorKind.TOTP,
                AuthFactor.confirmed.is_(False),
                AuthFactor.created_at < utcnow() - ABANDONED_ENROLMENT,
            )
        )
        secret = new_totp_secret()
        factor = AuthFactor(user_id=user.id, kind=FactorKind.TOTP, name=name, confirmed=False, totp_secret=secret)
        self.db.add(factor)
        await self.db.flush()
        return factor, provisioning_uri(secret, user.email, "Tandem")

    async def confirm_totp(
        self, user_id: uuid.UUID, factor_id: uuid.UUID, code: str
    ) -> tuple[AuthFactor, list[str] | None]:
        factor = await self._own(user_id, factor_id)
        if factor.kind != FactorKind.TOTP:
            raise NotFoundException()
        if factor.confirmed:
            raise Conflict("This authenticator app is already on.")
        if not await self._accept_totp(factor, code):
            raise PermissionDeniedException(WRONG_CODE)
        codes = await self._added(user_id, factor)
        return factor, codes

    async def _accept_totp(self, factor: AuthFactor, code: str) -> bool:
        if factor.totp_secret is None:
            return False
        step = matching_step(factor.totp_secret, code)
        if step is None:
            return False
        # A code (or an older one) that was already accepted is never accepted again; one conditional
        # UPDATE, so two requests with the same code cannot both pass.
        result = await self.db.execute(
            update(AuthFactor)
            .where(
                AuthFactor.id == factor.id,
                or_(AuthFactor.totp_last_step.is_(None), AuthFactor.totp_last_step < step),
            )
            .values(totp_last_step=step)
        )
        return bool(getattr(result, "rowcount", 0))

    async def check_code(self, user_id: uuid.UUID, code: str) -> bool:
        """A code from an authenticator app, or else a recovery code (spent when right)."""
        apps = await self.db.scalars(
            select(AuthFactor).where(
                AuthFactor.user_id == user_id, AuthFactor.kind == FactorKind.TOTP, AuthFactor.confirmed.is_(True)
            )
        )
        for factor in list(apps):
            if await self._accept_totp(factor, code):
                factor.last_used_at = utcnow()
                return True
        if TOTP_CODE.match(code.strip()):
            # Six digits are an app's code, never a recovery code: no hashes to try.
            return False
        return await self.use_recovery_code(user_id, code)

    # --- single-use challenges -------------------------------------------------------------------
    async def new_challenge(
        self,
        purpose: str,
        user_id: uuid.UUID | None,
        *,
        challenge: str | None = None,
        remembered: bool = False,
        ttl: timedelta = CHALLENGE_TTL,
    ) -> str:
        now = utcnow()
        # Expired challenges are cleared as new ones are made, so the table stays small.
        await self.db.execute(delete(SignInChallenge).where(SignInChallenge.expires_at <= now))
        raw, digest = new_token()
        self.db.add(
            SignInChallenge(
                token_hash=digest,
                purpose=purpose,
                user_id=user_id,
                challenge=challenge,
                remembered=remembered,
                expires_at=now + ttl,
            )
        )
        await self.db.flush()
        return raw

    async def take_challenge(self, raw: str | None, purpose: str) -> SignInChallenge | None:
        """The challenge behind a token, deleted at once (single use); None when unknown or expired."""
        if not raw or len(raw) > 128:
            return None
        row = await self.db.scalar(
            select(SignInChallenge).where(
                SignInChallenge.token_hash == hash_token(raw), SignInChallenge.purpose == purpose
            )
        )
        if row is None:
            return None
        await self.db.delete(row)
        await self.db.flush()
        return row if utcnow() < row.expires_at else None

    async def peek_challenge(self, raw: str | None, purpose: str) -> SignInChallenge | None:
        if not raw or len(raw) > 128:
            return None
        row = await self.db.scalar(
            select(SignInChallenge).where(
                SignInChallenge.token_hash == hash_token(raw), SignInChallenge.purpose == purpose
            )
        )
        return row if row is not None and utcnow() < row.expires_at else None

    # --- passkeys --------------------------------------------------------------------------------
    # The passkey methods import tandem.factors.webauthn_calls where they need it (see its docstring).
    async def registration_options(self, user: User, rp: RelyingParty) -> Challenge:
        from tandem.factors import webauthn_calls

        existing = [f.credential_id for f in await self._passkeys(user.id) if f.credential_id]
        options = webauthn_calls.registration_options(
            rp_id=rp.id,
            rp_name=rp.name,
            user_id=user.id,
            email=user.email,
            display_name=user.display_name,
            existing=existing,
        )
        token = await self.new_challenge("register", user.id, challenge=options.challenge)
        return Challenge(token=token, options=options.json)

    async def register_passkey(
        self, user: User, token: str, credential: dict[str, Any], name: str, rp: RelyingParty
    ) -> tuple[AuthFactor, list[str] | None]:
        from tandem.factors import webauthn_calls

        row = await self.take_challenge(token, "register")
        if row is None or row.user_id != user.id or row.challenge is None:
            raise Conflict(CHALLENGE_GONE)
        try:
            verified = webauthn_calls.verify_registration(
                credential, challenge=row.challenge, rp_id=rp.id, origin=rp.origin
            )
        except webauthn_calls.PasskeyRejectedError as exc:
            raise PermissionDeniedException(PASSKEY_FAILED) from exc
        taken = await self.db.scalar(select(AuthFactor.id).where(AuthFactor.credential_id == verified.credential_id))
        if taken is not None:
            raise Conflict("This passkey is already added.")
        factor = AuthFactor(
            user_id=user.id,
            kind=FactorKind.PASSKEY,
            name=name,
            confirmed=False,
            credential_id=verified.credential_id,
            public_key=verified.public_key,
            sign_count=verified.sign_count,
        )
        self.db.add(factor)
        codes = await self._added(user.id, factor)
        return factor, codes

    async def _passkeys(self, user_id: uuid.UUID) -> list[AuthFactor]:
        rows = await self.db.scalars(
            select(AuthFactor).where(AuthFactor.user_id == user_id, AuthFactor.kind == FactorKind.PASSKEY)
        )
        return list(rows)

    async def authentication_options(self, purpose: str, user_id: uuid.UUID | None, rp: RelyingParty) -> Challenge:
        """Without a user: any passkey of this site (discoverable). With one: only theirs."""
        from tandem.factors import webauthn_calls

        allowed = [f.credential_id or "" for f in await self._passkeys(user_id)] if user_id else None
        options = webauthn_calls.authentication_options(rp_id=rp.id, allowed=allowed)
        token = await self.new_challenge(purpose, user_id, challenge=options.challenge)
        return Challenge(token=token, options=options.json)

    async def verify_passkey(
        self, token: str, purpose: str, credential: dict[str, Any], rp: RelyingParty
    ) -> tuple[uuid.UUID, SignInChallenge]:
        """The member a passkey assertion proves, after checking it against a single-use challenge."""
        from tandem.factors import webauthn_calls

        row = await self.take_challenge(token, purpose)
        if row is None or row.challenge is None:
            raise Conflict(CHALLENGE_GONE)
        raw_id = credential.get("id") if isinstance(credential, dict) else None
        factor = (
            await self.db.scalar(
                select(AuthFactor).where(AuthFactor.credential_id == raw_id, AuthFactor.kind == FactorKind.PASSKEY)
            )
            if isinstance(raw_id, str) and len(raw_id) <= 1400
            else None
        )
        if factor is None or factor.public_key is None or (row.user_id is not None and factor.user_id != row.user_id):
            raise PermissionDeniedException(PASSKEY_FAILED)
        try:
            factor.sign_count = webauthn_calls.verify_authentication(
                credential,
                challenge=row.challenge,
                rp_id=rp.id,
                origin=rp.origin,
                public_key=factor.public_key,
                sign_count=factor.sign_count,
            )
        except webauthn_calls.PasskeyRejectedError as exc:
            raise PermissionDeniedException(PASSKEY_FAILED) from exc
        factor.last_used_at = utcnow()
        return factor.user_id, row

    # --- step-up ---------------------------------------------------------------------------------
    @staticmethod
    def record_step_up(session: AuthSession) -> None:
        session.stepped_up_at = utcnow()
