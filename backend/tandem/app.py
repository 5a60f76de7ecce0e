"""The application factory: one place that wires settings, database, security and every domain."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from litestar import Litestar
from litestar.config.app import AppConfig
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.exceptions import HTTPException
from litestar.logging import LoggingConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.types import ControllerRouterHandler
from sqlalchemy.exc import InterfaceError, OperationalError

from tandem.accounts.controller import AuthController, MeController
from tandem.accounts.touch import SessionTouch
from tandem.activities.controller import activities
from tandem.boundaries.controller import BoundaryController, CustomActivityController
from tandem.catalogs import sync_catalogs
from tandem.checkins.controller import CheckinController, TogetherController, feelings
from tandem.clinician.controller import ClinicianLinkController, clinician_report
from tandem.clinician.service import API_PREFIX as CLINICIAN_API_PREFIX
from tandem.clinician.service import PAGE as CLINICIAN_PAGE
from tandem.core.bodies import StrictJSONRequest
from tandem.core.config import Settings
from tandem.core.crypto import kek_from_settings
from tandem.core.csrf import bound_cookie_hook
from tandem.core.db import make_engine, read_transactions_for_safe_methods
from tandem.core.drain import DrainState
from tandem.core.errors import http_exception_handler, internal_error_handler
from tandem.core.keystore import Vault, check_master_key, ensure_keystore, install_vault
from tandem.core.metrics import Metrics
from tandem.core.observability import RequestObservabilityMiddleware
from tandem.core.overload import OVERLOAD_HANDLERS, WriteBoundMiddleware
from tandem.core.passwords import PasswordService
from tandem.core.ratelimit import AttemptLimiter, Counters, MemoryCounters, RedisCounters
from tandem.core.redis_client import make_redis
from tandem.core.sessions import request_sessions
from tandem.core.web_security import AllowedHostsMiddleware, same_origin_guard, security_headers_hook
from tandem.dependencies import DEPENDENCIES
from tandem.events.channels import make_channels_plugin
from tandem.events.controller import space_events
from tandem.factors.controller import FactorController, SecondStepController, StepUpController
from tandem.guides.controller import GuidesController
from tandem.health.controller import HEALTH_ROUTE_HANDLERS
from tandem.ideas.controller import IdeasController
from tandem.idempotency.middleware import IdempotencyMiddleware
from tandem.maintenance import IdleLimits, PurgeLoop
from tandem.ops.metrics_route import metrics_route
from tandem.path.controller import PathController
from tandem.plans.controller import CalendarFeedController, PlansController, calendar_feed
from tandem.practice.controller import PracticeController
from tandem.privacy.controller import PrivacyController
from tandem.prompts.controller import ConversationController, PromptController, prompt_categories
from tandem.reminders.controller import ReminderController
from tandem.safety.controller import (
    AppLockController,
    OtherSessionsController,
    QuickExitController,
    neutral_page,
)
from tandem.sharing.controller import SharingController
from tandem.spaces.controller import InvitationController, SpaceController
from tandem.spaces.notices import NoticesController
from tandem.summaries.controller import SharedSummaryController, SummaryAuthoringController, reaction_kinds
from tandem.today.controller import TodayController
from tandem.web.dependencies_in_turn import resolve_dependencies_in_turn
from tandem.web.head import head_as_get
from tandem.web.spa import spa_route_handlers

if TYPE_CHECKING:
    from opentelemetry.sdk.trace.export import SpanExporter

API_ROUTE_HANDLERS: list[ControllerRouterHandler] = [
    *HEALTH_ROUTE_HANDLERS,
    activities,
    AuthController,
    MeController,
    PrivacyController,
    SpaceController,
    InvitationController,
    NoticesController,
    SharingController,
    IdeasController,
    PlansController,
    CalendarFeedController,
    calendar_feed,
    PracticeController,
    SummaryAuthoringController,
    SharedSummaryController,
    reaction_kinds,
    feelings,
    CheckinController,
    TogetherController,
    BoundaryController,
    CustomActivityController,
    prompt_categories,
    PromptController,
    ConversationController,
    TodayController,
    ReminderController,
    space_events,
    GuidesController,
    PathController,
    AppLockController,
    QuickExitController,
    OtherSessionsController,
    ClinicianLinkController,
    clinician_report,
    SecondStepController,
    FactorController,
    StepUpController,
]


QUIET_LOGGERS = ("aiosqlite", "asyncpg", "sqlalchemy", "sqlalchemy.engine", "alembic", "httpx", "httpcore")


def _logging_config(settings: Settings) -> LoggingConfig:
    return LoggingConfig(
        root={"level": settings.log_level, "handlers": ["queue_listener"]},
        # Litestar's handler of that name, with lines written in batches (core/log_batching.py).
        handlers={
            "queue_listener": {
                "class": "tandem.core.log_batching.BatchingLogHandler",
                "level": "DEBUG",
                "formatter": "standard",
            }
        },
        # One JSON object per line, for the app and (see tandem.ops.server) the ASGI server alike.
        formatters={"standard": {"()": "tandem.core.observability.JsonFormatter", "instance_id": settings.instance_id}},
        loggers={
            "tandem": {"level": settings.log_level, "propagate": True},
            # Database drivers log statements with their parameters at DEBUG: personal text must never
            # reach a log, so they stay at WARNING whatever TANDEM_LOG_LEVEL says.
            **{name: {"level": "WARNING", "propagate": True} for name in QUIET_LOGGERS},
        },
        log_exceptions="never",
        disable_stack_trace={404, 401, 403, 400, 413, 415, 429, 503},
    )


class TandemApp(Litestar):
    """Litestar, without its search for an OpenTelemetry middleware in the middleware list.

    That search imports Litestar's OpenTelemetry plugin, and so OpenTelemetry itself, for every app whenever
    the package is installed. Tandem adds the plugin itself, and imports OpenTelemetry, only when tracing is
    on (core/tracing.py).
    """

    @staticmethod
    def _patch_opentelemetry_middleware(config: AppConfig) -> AppConfig:
        return config


def create_app(
    settings: Settings | None = None,
    extra_route_handlers: Sequence[ControllerRouterHandler] = (),
    span_exporter: SpanExporter | None = None,
) -> Litestar:
    """The app; `span_exporter` replaces the OTLP exporter when tracing is on (tests pass an in-memory one)."""
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url, limits=settings.db_limits)
    tracing = None
    if settings.otel_enabled:
        # Imported here: an instance without tracing loads nothing of OpenTelemetry.
        from tandem.core.tracing import Tracing

        tracing = Tracing.start(settings, engine, span_exporter)
    # Members' words are sealed under their own data keys (core/sealing.py); the vault holds the KEK.
    vault = Vault(kek_from_settings(settings))
    install_vault(engine.sync_engine, vault)

    async def open_keystore() -> None:
        # An engine of its own, like the catalogs': the lifespan may run in another loop than requests.
        own = make_engine(settings.database_url, pooled=False, limits=settings.db_limits)
        try:
            async with own.begin() as connection:
                await connection.run_sync(ensure_keystore)
                await connection.run_sync(check_master_key, vault.kek)
        except (OperationalError, InterfaceError, OSError):
            # The database is down: start anyway so readiness can say so (the migration made the store).
            logging.getLogger("tandem.crypto").warning("the key store could not be checked at start-up")
        finally:
            await own.dispose()

    async def load_catalogs() -> None:
        await sync_catalogs(settings.database_url)

    purge_loop = PurgeLoop(
        settings.database_url,
        idle=IdleLimits(
            ordinary=timedelta(minutes=settings.session_idle_minutes),
            remembered=timedelta(days=settings.remembered_idle_days),
        ),
    )
    metrics = Metrics()
    drain = DrainState()
    # One client for attempt counters and readiness; live events keep their own pub/sub connection.
    redis = make_redis(settings.redis_url) if settings.redis_url else None
    counters: Counters = RedisCounters(redis) if redis is not None else MemoryCounters()

    async def close_engine() -> None:
        await engine.dispose()

    async def close_redis() -> None:
        if redis is not None:
            await redis.aclose()

    state = State(
        {
            "settings": settings,
            "passwords": PasswordService(settings.password_profile),
            "limiter": AttemptLimiter(counters, settings.rate_limits.window_seconds, metrics),
            "metrics": metrics,
            "drain": drain,
            "redis": redis,
            "engine": engine,
            "db_sessions": request_sessions(engine),
            "tracing": tracing,
            "maintenance": purge_loop,
        }
    )
    application = TandemApp(
        route_handlers=[
            *API_ROUTE_HANDLERS,
            *extra_route_handlers,
            metrics_route(settings, metrics, engine, drain),
            neutral_page,
            *spa_route_handlers(settings.frontend_dist),
        ],
        dependencies=DEPENDENCIES,
        plugins=[make_channels_plugin(settings, metrics, drain), *([tracing.plugin] if tracing else [])],
        state=state,
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_name="csrftoken",
            header_name="x-csrftoken",
            cookie_secure=settings.https,
            cookie_httponly=False,
            cookie_samesite="lax",
        ),
        before_request=same_origin_guard(settings),
        after_response=SessionTouch(engine),
        before_send=[
            security_headers_hook(settings, secret_link_prefixes=(CLINICIAN_API_PREFIX, CLINICIAN_PAGE)),
            bound_cookie_hook(settings.secret_key, settings.session_cookie_name, https=settings.https),
        ],
        middleware=[
            read_transactions_for_safe_methods,
            AllowedHostsMiddleware(settings.allowed_hosts),
            RequestObservabilityMiddleware(metrics),
            WriteBoundMiddleware(settings),
            IdempotencyMiddleware(
                engine, cookie_name=settings.session_cookie_name, max_body_bytes=settings.max_body_bytes
            ),
        ],
        exception_handlers={
            HTTPException: http_exception_handler,
            **OVERLOAD_HANDLERS,
            Exception: internal_error_handler,
        },
        request_max_body_size=settings.max_body_bytes,
        request_class=StrictJSONRequest,
        openapi_config=OpenAPIConfig(
            title="Tandem API",
            version="1.0.0",
            description="The JSON API behind Tandem. Every route is under /api/v1.",
            path="/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
        logging_config=_logging_config(settings),
        on_startup=[open_keystore, load_catalogs, purge_loop.start],
        # The tracer provider last, so spans of the other shutdown steps are still exported.
        on_shutdown=[purge_loop.stop, close_redis, close_engine, *([tracing.shutdown] if tracing else [])],
        debug=False,
    )
    application.asgi_handler = head_as_get(application.asgi_handler)
    resolve_dependencies_in_turn(application)
    return application


def app_from_env() -> Litestar:
    logging.captureWarnings(True)
    return create_app()
