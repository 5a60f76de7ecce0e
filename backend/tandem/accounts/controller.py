from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Literal

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, NotFoundException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller, resolve_caller
from tandem.accounts.cookies import clear_session_cookies, set_session_cookies
from tandem.accounts.devices import describe_device
from tandem.accounts.models import User
from tandem.accounts.schemas import (
    AccountDeletion,
    LogIn,
    MembershipOut,
    PasswordChange,
    ProfileUpdate,
    SessionOut,
    SessionState,
    SignUp,
    UserOut,
)
from tandem.accounts.service import AccountService, SignedIn, normalise_email
from tandem.core.config import Settings
from tandem.core.errors import PUBLIC_WRITE, SIGNED_IN_READ, SIGNED_IN_WRITE, problems
from tandem.core.ratelimit import AttemptLimiter
from tandem.core.web_security import client_address
from tandem.factors.cookies import clear_pending_cookie, set_pending_cookie
from tandem.factors.schemas import SecondStepNeeded
from tandem.factors.service import PENDING_TTL, FactorService
from tandem.plans.service import revoke_calendar_feeds
from tandem.privacy.service import PrivacyService
from tandem.safety.device_cookie import DEVICE_BUCKET, device_subject, known_device, set_device_cookie
from tandem.spaces.models import Membership
from tandem.spaces.service import SpaceService

AnyRequest = Request[Any, Any, Any]
MethodName = Literal["passkey", "totp", "recovery_code"]


async def user_view(user: User, spaces: NamedDependency[SpaceService]) -> UserOut:
    return caller_view(user, await spaces.membership_of(user.id))


def caller_view(user: User, membership: Membership | None) -> UserOut:
    return UserOut(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        created_at=user.created_at,
        membership=MembershipOut(space_id=membership.space_id, role=membership.role) if membership else None,
    )


# Failed password checks for one account, wherever they happen (login, password change, deletion).
ACCOUNT_ATTEMPTS = "login-account"


@asynccontextmanager
async def password_attempt(limiter: AttemptLimiter, settings: Settings, email: str) -> AsyncIterator[None]:
    """Count a password check against the account's allowance; a correct password takes it back."""
    limits = settings.rate_limits
    account_key = normalise_email(email)
    await limiter.check_and_hit(ACCOUNT_ATTEMPTS, account_key, limits.limit(limits.login_per_account))
    yield
    await limiter.refund(ACCOUNT_ATTEMPTS, account_key)


async def second_step_methods(factors: FactorService, user_id: uuid.UUID) -> list[MethodName]:
    kinds = {f.kind for f in await factors.factors(user_id)}
    methods: list[MethodName] = [k for k in ("passkey", "totp") if k in kinds]
    if await factors.recovery_codes_left(user_id):
        methods.append("recovery_code")
    return methods


async def signed_in_response(
    signed_in: SignedIn, spaces: SpaceService, settings: Settings, nonce: str | None = None
) -> Response[Any]:
    """The answer to a completed sign-in: the user, the session and CSRF cookies, the device cookie."""
    response = Response(await user_view(signed_in.user, spaces))
    set_session_cookies(response, settings, signed_in)
    set_device_cookie(response, settings, signed_in.user.email, nonce)
    clear_pending_cookie(response)
    return response


class AuthController(Controller):
    path = "/api/v1/auth"
    tags = ["auth"]

    @get("/session", operation_id="getSession", responses=problems(400))
    async def get_session(
        self, request: AnyRequest, accounts: NamedDependency[AccountService], spaces: NamedDependency[SpaceService]
    ) -> SessionState:
        """The signed-in user, or `user: null` when nobody is. Unlike GET /me, a signed-out browser gets a
        200, so opening the app signed out logs no failed request. A locked session still answers 423."""
        try:
            caller = await resolve_caller(request, accounts)
        except NotAuthorizedException:
            return SessionState(user=None)
        return SessionState(user=await user_view(caller.user, spaces))

    @post("/signup", operation_id="signUp", responses=problems(*PUBLIC_WRITE), status_code=HTTP_201_CREATED)
    async def sign_up(
        self,
        request: AnyRequest,
        data: JSONBody[SignUp],
        accounts: NamedDependency[AccountService],
        spaces: NamedDependency[SpaceService],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> Response[UserOut]:
        """Create an account and sign in. A taken email gets the same answer as any other refusal."""
        limits = settings.rate_limits
        address = client_address(request, settings.trusted_proxies)
        await limiter.check_and_hit("signup-address", address, limits.limit(limits.signup_per_address))
        signed_in = await accounts.sign_up(
            email=data.email,
            password=data.password,
            display_name=data.display_name,
            consent=data.consent_health_data,
            device=describe_device(request.headers.get("user-agent", "")),
        )
        body = await user_view(signed_in.user, spaces)
        response = Response(body, status_code=HTTP_201_CREATED)
        set_session_cookies(response, settings, signed_in)
        set_device_cookie(response, settings, signed_in.user.email, None)
        return response

    @post(
        "/login",
        operation_id="logIn",
        responses={
            **problems(*PUBLIC_WRITE, 401),
            HTTP_202_ACCEPTED: ResponseSpec(SecondStepNeeded, description="Password right; a second step is due"),
        },
        status_code=200,
    )
    async def log_in(
        self,
        request: AnyRequest,
        data: JSONBody[LogIn],
        accounts: NamedDependency[AccountService],
        spaces: NamedDependency[SpaceService],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> Response[UserOut | SecondStepNeeded]:
        """Sign in with email and password; a new session token every time. With two-step sign-in on,
        the answer is 202 and a pending sign-in that POST /auth/second-step or a passkey completes."""
        limits = settings.rate_limits
        address = client_address(request, settings.trusted_proxies)
        account_key = normalise_email(data.email)
        # Counted before the password check, so simultaneous guesses cannot outrun the limit.
        await limiter.check_and_hit("login-address", address, limits.limit(limits.login_per_address))
        # A browser that signed in to this account before has its own allowance (safety/device_cookie.py).
        nonce = known_device(request, settings, account_key)
        bucket, subject = (
            (DEVICE_BUCKET, device_subject(account_key, nonce)) if nonce else (ACCOUNT_ATTEMPTS, account_key)
        )
        allowance = limits.login_per_device if nonce else limits.login_per_account
        await limiter.check_and_hit(bucket, subject, limits.limit(allowance))
        user = await accounts.check_password(email=data.email, password=data.password)
        await limiter.refund("login-address", address)
        await limiter.refund(bucket, subject)
        factors = FactorService(accounts.db, accounts.passwords)
        if await factors.two_step_on(user.id):
            # The password alone opens nothing: a pending sign-in waits for its second step.
            token = await factors.new_challenge("pending", user.id, remembered=data.remember_me, ttl=PENDING_TTL)
            pending: Response[UserOut | SecondStepNeeded] = Response(
                SecondStepNeeded(second_step="required", methods=await second_step_methods(factors, user.id)),
                status_code=HTTP_202_ACCEPTED,
            )
            set_pending_cookie(pending, settings, token)
            return pending
        signed_in = await accounts.open_session(
            user, device=describe_device(request.headers.get("user-agent", "")), remembered=data.remember_me
        )
        return await signed_in_response(signed_in, spaces, settings, nonce)

    @post("/logout", operation_id="logOut", responses=problems(403), status_code=HTTP_204_NO_CONTENT)
    async def log_out(
        self,
        request: AnyRequest,
        accounts: NamedDependency[AccountService],
        settings: NamedDependency[Settings],
    ) -> Response[None]:
        """End this device's session. Safe to call when already signed out."""
        raw = request.cookies.get(settings.session_cookie_name)
        if raw:
            resolved = await accounts.resolve(raw)
            if resolved:
                await accounts.end_session(resolved[0].id, resolved[1].id)
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        clear_session_cookies(response, settings)
        # Tells the browser to drop anything it cached or stored for this origin.
        response.headers["Clear-Site-Data"] = '"cache", "storage"'
        return response


class MeController(Controller):
    path = "/api/v1/me"
    tags = ["me"]

    @get("", operation_id="getMe", responses=problems(*SIGNED_IN_READ))
    async def get_me(self, caller: NamedDependency[Caller]) -> UserOut:
        """The signed-in user and their membership (space and role), if any."""
        return caller_view(caller.user, caller.membership)

    @patch("", operation_id="updateMe", responses=problems(*SIGNED_IN_WRITE))
    async def update_me(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[ProfileUpdate],
        accounts: NamedDependency[AccountService],
    ) -> UserOut:
        """Change the display name the partner sees."""
        await accounts.update_display_name(caller.user, data.display_name)
        return caller_view(caller.user, caller.membership)

    @get("/sessions", operation_id="listMySessions", responses=problems(*SIGNED_IN_READ))
    async def list_sessions(
        self, caller: NamedDependency[Caller], accounts: NamedDependency[AccountService]
    ) -> list[SessionOut]:
        """Every device signed in to this account, the current one marked."""
        sessions = await accounts.list_sessions(caller.user.id)
        return [
            SessionOut(
                id=s.id,
                device=s.device,
                created_at=s.created_at,
                last_seen_at=s.last_seen_at,
                expires_at=s.expires_at,
                current=s.id == caller.session.id,
            )
            for s in sessions
        ]

    @delete(
        "/sessions/{session_id:uuid}",
        operation_id="endMySession",
        responses=problems(*SIGNED_IN_WRITE, 404),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def end_session(
        self,
        caller: NamedDependency[Caller],
        session_id: FromPath[uuid.UUID],
        accounts: NamedDependency[AccountService],
    ) -> None:
        """Sign out one device (this one included)."""
        if not await accounts.end_session(caller.user.id, session_id):
            raise NotFoundException()

    @post(
        "/password",
        operation_id="changeMyPassword",
        # 429 and 503: password confirmations count against the account's attempt limit.
        responses=problems(*SIGNED_IN_WRITE, 429, 503),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def change_password(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[PasswordChange],
        accounts: NamedDependency[AccountService],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> Response[None]:
        """Change the password; every other session ends and this device gets a new session."""
        async with password_attempt(limiter, settings, caller.user.email):
            signed_in = await accounts.change_password(
                caller.user, caller.session, current_password=data.current_password, new=data.new_password
            )
        await revoke_calendar_feeds(accounts.db, caller.user.id)
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        set_session_cookies(response, settings, signed_in)
        return response

    @delete(
        "", operation_id="deleteMe", responses=problems(*SIGNED_IN_WRITE, 429, 503), status_code=HTTP_204_NO_CONTENT
    )
    async def delete_me(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[AccountDeletion],
        accounts: NamedDependency[AccountService],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> Response[None]:
        """Delete the account and everything you wrote, after confirming the password."""
        async with password_attempt(limiter, settings, caller.user.email):
            await accounts.confirm_password(caller.user, data.password)
        await PrivacyService(db_session, channels).erase(caller.user)
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        clear_session_cookies(response, settings)
        response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response
