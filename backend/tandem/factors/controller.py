"""Routes of two-step sign-in: the second step and passkey sign-in, the member's factors, step-up."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller
from tandem.accounts.controller import password_attempt, signed_in_response
from tandem.accounts.devices import describe_device
from tandem.accounts.models import User
from tandem.accounts.schemas import UserOut
from tandem.accounts.service import AccountService
from tandem.core.config import Settings
from tandem.core.errors import PUBLIC_WRITE, SIGNED_IN_READ, SIGNED_IN_WRITE, bad_field, problems
from tandem.core.passwords import PasswordService
from tandem.core.ratelimit import AttemptLimiter
from tandem.core.web_security import client_address
from tandem.factors.cookies import pending_token
from tandem.factors.models import AuthFactor
from tandem.factors.relying_party import relying_party
from tandem.factors.schemas import (
    CodeEntry,
    FactorAdded,
    FactorOut,
    FactorRename,
    FactorsOut,
    PasskeyAssertion,
    PasskeyOptionsOut,
    PasskeyRegistration,
    PasskeySignIn,
    RecoveryCodesOut,
    StepUpIn,
    StepUpOut,
    TotpEnrollment,
    TotpStart,
)
from tandem.factors.service import WRONG_CODE, Challenge, FactorService
from tandem.factors.stepup import STEP_UP_REQUIRED, fresh_until
from tandem.spaces.service import SpaceService

AnyRequest = Request[Any, Any, Any]
# Wrong second-step codes for one account, wherever they are typed (sign-in, step-up, confirming an app).
CODE_ATTEMPTS = "second-step-account"
SIGN_IN_EXPIRED = "Your sign-in has expired. Please log in again with your password."
# 403: a wrong code or passkey; 409: an expired or used challenge; 429/503: attempt limits.
CODE_WRITE = (*SIGNED_IN_WRITE, 409, 429, 503)
STEPPED_UP_WRITE = (*SIGNED_IN_WRITE, 404, 423)


def provide_factors(db_session: NamedDependency[AsyncSession], request: AnyRequest) -> FactorService:
    passwords: PasswordService = request.app.state.passwords
    return FactorService(db_session, passwords)


DEPENDENCIES = {"factors": Provide(provide_factors, sync_to_thread=False)}


@asynccontextmanager
async def code_attempt(limiter: AttemptLimiter, settings: Settings, user_id: uuid.UUID) -> AsyncIterator[None]:
    """Count a code against the account's allowance (as many as passwords); a right code takes it back."""
    limits = settings.rate_limits
    await limiter.check_and_hit(CODE_ATTEMPTS, str(user_id), limits.limit(limits.login_per_account))
    yield
    await limiter.refund(CODE_ATTEMPTS, str(user_id))


def factor_out(factor: AuthFactor) -> FactorOut:
    return FactorOut(
        id=factor.id,
        kind=factor.kind.value,
        name=factor.name,
        created_at=factor.created_at,
        last_used_at=factor.last_used_at,
    )


def options_out(challenge: Challenge) -> PasskeyOptionsOut:
    return PasskeyOptionsOut(challenge_id=challenge.token, options=challenge.options)


class SecondStepController(Controller):
    """Completing a sign-in: a code after the password, or a passkey (with or without a password)."""

    path = "/api/v1/auth"
    tags = ["auth"]
    dependencies = DEPENDENCIES

    @post("/second-step", operation_id="completeSignIn", responses=problems(*PUBLIC_WRITE, 401), status_code=200)
    async def second_step(
        self,
        request: AnyRequest,
        data: JSONBody[CodeEntry],
        accounts: NamedDependency[AccountService],
        factors: NamedDependency[FactorService],
        spaces: NamedDependency[SpaceService],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> Response[UserOut]:
        """The second step after the password: a code from the authenticator app, or a recovery code."""
        limits = settings.rate_limits
        address = client_address(request, settings.trusted_proxies)
        await limiter.check_and_hit("login-address", address, limits.limit(limits.login_per_address))
        pending = await factors.peek_challenge(pending_token(request), "pending")
        if pending is None or pending.user_id is None:
            raise NotAuthorizedException(SIGN_IN_EXPIRED)
        user_id = pending.user_id
        async with code_attempt(limiter, settings, user_id):
            if not await factors.check_code(user_id, data.code):
                raise PermissionDeniedException(WRONG_CODE)
        await limiter.refund("login-address", address)
        # Single use: the pending sign-in is spent now.
        if await factors.take_challenge(pending_token(request), "pending") is None:
            raise NotAuthorizedException(SIGN_IN_EXPIRED)
        return await _open(request, accounts, spaces, settings, user_id, remembered=pending.remembered)

    @post(
        "/passkey/options",
        operation_id="passkeySignInOptions",
        responses=problems(*PUBLIC_WRITE),
        status_code=200,
    )
    async def passkey_options(
        self, request: AnyRequest, factors: NamedDependency[FactorService], settings: NamedDependency[Settings]
    ) -> PasskeyOptionsOut:
        """Options to sign in with a passkey: any passkey of this site, or, after a password, the
        passkeys of the account signing in."""
        pending = await factors.peek_challenge(pending_token(request), "pending")
        user_id = pending.user_id if pending else None
        return options_out(await factors.authentication_options("assert", user_id, relying_party(request, settings)))

    @post("/passkey", operation_id="signInWithPasskey", responses=problems(*PUBLIC_WRITE, 409), status_code=200)
    async def passkey_sign_in(
        self,
        request: AnyRequest,
        data: JSONBody[PasskeySignIn],
        accounts: NamedDependency[AccountService],
        factors: NamedDependency[FactorService],
        spaces: NamedDependency[SpaceService],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> Response[UserOut]:
        """Sign in with a passkey (it needs the person's PIN or biometrics, so it is two factors in one),
        with no password, or as the second step after one."""
        limits = settings.rate_limits
        address = client_address(request, settings.trusted_proxies)
        await limiter.check_and_hit("login-address", address, limits.limit(limits.login_per_address))
        user_id, _ = await factors.verify_passkey(
            data.challenge_id, "assert", data.credential, relying_party(request, settings)
        )
        await limiter.refund("login-address", address)
        remembered = data.remember_me
        pending = await factors.peek_challenge(pending_token(request), "pending")
        if pending is not None and pending.user_id == user_id:
            await factors.take_challenge(pending_token(request), "pending")
            remembered = remembered or pending.remembered
        return await _open(request, accounts, spaces, settings, user_id, remembered=remembered)


async def _open(
    request: AnyRequest,
    accounts: AccountService,
    spaces: SpaceService,
    settings: Settings,
    user_id: uuid.UUID,
    *,
    remembered: bool,
) -> Response[UserOut]:
    user = await accounts.db.get(User, user_id)
    if user is None:
        raise NotAuthorizedException(SIGN_IN_EXPIRED)
    signed_in = await accounts.open_session(
        user, device=describe_device(request.headers.get("user-agent", "")), remembered=remembered
    )
    return await signed_in_response(signed_in, spaces, settings)


class FactorController(Controller):
    """The member's own passkeys and authenticator apps, and their recovery codes."""

    path = "/api/v1/me"
    tags = ["me"]
    dependencies = DEPENDENCIES

    @get("/factors", operation_id="listMyFactors", responses=problems(*SIGNED_IN_READ, 423))
    async def list_factors(
        self, caller: NamedDependency[Caller], factors: NamedDependency[FactorService]
    ) -> FactorsOut:
        """Passkeys and authenticator apps with their names and last use, and recovery codes left."""
        mine = await factors.factors(caller.user.id)
        return FactorsOut(
            factors=[factor_out(f) for f in mine],
            two_step=bool(mine),
            recovery_codes_left=await factors.recovery_codes_left(caller.user.id),
        )

    @post(
        "/factors/passkeys/options",
        operation_id="passkeyRegistrationOptions",
        responses=problems(*STEPPED_UP_WRITE),
        status_code=200,
        opt=STEP_UP_REQUIRED,
    )
    async def passkey_registration_options(
        self,
        request: AnyRequest,
        caller: NamedDependency[Caller],
        factors: NamedDependency[FactorService],
        settings: NamedDependency[Settings],
    ) -> PasskeyOptionsOut:
        """Options for navigator.credentials.create(): a new passkey (needs a recent confirmation)."""
        return options_out(await factors.registration_options(caller.user, relying_party(request, settings)))

    @post(
        "/factors/passkeys",
        operation_id="addPasskey",
        responses=problems(*STEPPED_UP_WRITE, 409),
        status_code=HTTP_201_CREATED,
        opt=STEP_UP_REQUIRED,
    )
    async def add_passkey(
        self,
        request: AnyRequest,
        caller: NamedDependency[Caller],
        data: JSONBody[PasskeyRegistration],
        factors: NamedDependency[FactorService],
        settings: NamedDependency[Settings],
    ) -> FactorAdded:
        """Add the passkey the browser created. The first factor comes with ten recovery codes."""
        factor, codes = await factors.register_passkey(
            caller.user, data.challenge_id, data.credential, data.name.strip(), relying_party(request, settings)
        )
        return FactorAdded(factor=factor_out(factor), recovery_codes=codes)

    @post(
        "/factors/totp",
        operation_id="startAuthenticatorApp",
        responses=problems(*STEPPED_UP_WRITE),
        status_code=HTTP_201_CREATED,
        opt=STEP_UP_REQUIRED,
    )
    async def start_totp(
        self, caller: NamedDependency[Caller], data: JSONBody[TotpStart], factors: NamedDependency[FactorService]
    ) -> TotpEnrollment:
        """A new authenticator-app secret; it counts once confirmed with a code from the app."""
        factor, uri = await factors.start_totp(caller.user, data.name.strip())
        return TotpEnrollment(id=factor.id, secret=factor.totp_secret or "", otpauth_uri=uri)

    @post(
        "/factors/totp/{factor_id:uuid}/confirm",
        operation_id="confirmAuthenticatorApp",
        responses=problems(*CODE_WRITE, 404, 423),
        status_code=200,
    )
    async def confirm_totp(
        self,
        caller: NamedDependency[Caller],
        factor_id: FromPath[uuid.UUID],
        data: JSONBody[CodeEntry],
        factors: NamedDependency[FactorService],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> FactorAdded:
        """Turn the authenticator app on with a code it shows. The first factor comes with recovery codes."""
        async with code_attempt(limiter, settings, caller.user.id):
            factor, codes = await factors.confirm_totp(caller.user.id, factor_id, data.code)
        return FactorAdded(factor=factor_out(factor), recovery_codes=codes)

    @patch("/factors/{factor_id:uuid}", operation_id="renameMyFactor", responses=problems(*SIGNED_IN_WRITE, 404, 423))
    async def rename(
        self,
        caller: NamedDependency[Caller],
        factor_id: FromPath[uuid.UUID],
        data: JSONBody[FactorRename],
        factors: NamedDependency[FactorService],
    ) -> FactorOut:
        """Rename a passkey or app (only you see the name)."""
        return factor_out(await factors.rename(caller.user.id, factor_id, data.name))

    @delete(
        "/factors/{factor_id:uuid}",
        operation_id="removeMyFactor",
        responses=problems(*STEPPED_UP_WRITE),
        status_code=HTTP_204_NO_CONTENT,
        opt=STEP_UP_REQUIRED,
    )
    async def remove(
        self, caller: NamedDependency[Caller], factor_id: FromPath[uuid.UUID], factors: NamedDependency[FactorService]
    ) -> None:
        """Remove a factor. Your password stays; removing the last factor turns two-step sign-in off."""
        await factors.remove(caller.user.id, factor_id)

    @post(
        "/recovery-codes",
        operation_id="replaceMyRecoveryCodes",
        responses=problems(*STEPPED_UP_WRITE, 409),
        status_code=200,
        opt=STEP_UP_REQUIRED,
    )
    async def replace_recovery_codes(
        self, caller: NamedDependency[Caller], factors: NamedDependency[FactorService]
    ) -> RecoveryCodesOut:
        """Ten new recovery codes, shown this once; the old ones stop working."""
        return RecoveryCodesOut(recovery_codes=await factors.replace_recovery_codes(caller.user.id))


class StepUpController(Controller):
    """Proving it's you again before a sensitive action (the answer to a step-up-required problem)."""

    path = "/api/v1/me/step-up"
    tags = ["me"]
    dependencies = DEPENDENCIES

    @post("", operation_id="stepUp", responses=problems(*CODE_WRITE, 423), status_code=200)
    async def step_up(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[StepUpIn],
        accounts: NamedDependency[AccountService],
        factors: NamedDependency[FactorService],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> StepUpOut:
        """Confirm with the password, or with a code from the authenticator app or a recovery code."""
        if (data.password is None) == (data.code is None):
            raise bad_field("password", "Please enter your password or a code.")
        if data.password is not None:
            async with password_attempt(limiter, settings, caller.user.email):
                await accounts.confirm_password(caller.user, data.password)
        elif data.code is not None:
            async with code_attempt(limiter, settings, caller.user.id):
                if not await factors.check_code(caller.user.id, data.code):
                    raise PermissionDeniedException(WRONG_CODE)
        factors.record_step_up(caller.session)
        return StepUpOut(fresh_until=fresh_until(caller.session))

    @post(
        "/passkey/options",
        operation_id="stepUpPasskeyOptions",
        responses=problems(*SIGNED_IN_WRITE, 423),
        status_code=200,
    )
    async def passkey_options(
        self,
        request: AnyRequest,
        caller: NamedDependency[Caller],
        factors: NamedDependency[FactorService],
        settings: NamedDependency[Settings],
    ) -> PasskeyOptionsOut:
        """Options for navigator.credentials.get() with your own passkeys."""
        return options_out(
            await factors.authentication_options("step-up", caller.user.id, relying_party(request, settings))
        )

    @post("/passkey", operation_id="stepUpWithPasskey", responses=problems(*CODE_WRITE, 423), status_code=200)
    async def passkey(
        self,
        request: AnyRequest,
        caller: NamedDependency[Caller],
        data: JSONBody[PasskeyAssertion],
        factors: NamedDependency[FactorService],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> StepUpOut:
        """Confirm with one of your passkeys."""
        async with code_attempt(limiter, settings, caller.user.id):
            await factors.verify_passkey(
                data.challenge_id, "step-up", data.credential, relying_party(request, settings)
            )
        factors.record_step_up(caller.session)
        return StepUpOut(fresh_until=fresh_until(caller.session))
