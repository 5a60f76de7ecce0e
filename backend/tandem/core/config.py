"""Settings, read once from the environment (every name starts with TANDEM_)."""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast

REPO_ROOT = Path(__file__).resolve().parents[3]

PasswordProfile = Literal["default", "cheapest"]


def _env(name: str, default: str) -> str:
    # An empty variable counts as unset (make exports empty ones).
    return os.environ.get(f"TANDEM_{name}") or default


def _env_bool(name: str, default: bool) -> bool:
    return _env(name, "true" if default else "false").strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in _env(name, default).split(",") if part.strip())


def _load_or_create_secret(data_dir: Path) -> str:
    """Keep a generated secret in the data folder so restarts keep sessions and CSRF tokens valid."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Attempts allowed per window; the multiplier relaxes them for end-to-end runs only."""

    window_seconds: int = 15 * 60
    login_per_address: int = 30
    login_per_account: int = 10
    # Failed logins from a browser that signed in to the account before (its device cookie).
    login_per_device: int = 5
    signup_per_address: int = 10
    accept_per_address: int = 20
    accept_per_account: int = 10
    # Codes of clinician links tried from one address (each link also locks after a few wrong ones).
    clinician_code_per_address: int = 20
    multiplier: int = 1

    def limit(self, base: int) -> int:
        return base * self.multiplier


@dataclass(frozen=True, slots=True)
class DatabaseLimits:
    """How long a request may wait for the database, so overload answers 503 quickly instead of hanging."""

    # A fixed-size pool: connections open as needed up to this many and then stay open. Extra ("overflow")
    # connections were closed as soon as they came back to a full pool, so a steady load above the pool
    # size opened and closed a PostgreSQL connection (with its TLS attempt) for every few requests: GET /me
    # under 32 connections at 0.47x the ORM probe with 10 + 10, 0.79x with 20 + 0. A request that finds all
    # of them busy waits its turn (`pool_timeout`), then gets a 503.
    pool_size: int = 20
    max_overflow: int = 0
    # Seconds a request waits for a free connection before it answers 503 with Retry-After.
    pool_timeout: float = 5.0
    # PostgreSQL's statement_timeout (ms; 0 = none).
    statement_timeout_ms: int = 30_000
    # PostgreSQL's lock_timeout and SQLite's busy timeout (ms): waiting for another writer's lock.
    lock_timeout_ms: int = 10_000


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    database_url: str
    secret_key: str
    https: bool = False
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")
    trusted_proxies: tuple[str, ...] = ()
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    remembered_idle_days: int = 14
    remembered_absolute_days: int = 30
    invitation_ttl_days: int = 7
    password_profile: PasswordProfile = "default"
    redis_url: str | None = None
    frontend_dist: Path = field(default_factory=lambda: REPO_ROOT / "frontend" / "dist")
    rate_limits: RateLimits = field(default_factory=RateLimits)
    db_limits: DatabaseLimits = field(default_factory=DatabaseLimits)
    # Writes one session may have in progress at once; more wait up to write_wait_seconds, then 429.
    writes_per_session: int = 4
    write_wait_seconds: float = 5.0
    max_body_bytes: int = 64 * 1024
    log_level: str = "INFO"
    # A live event stream closes after this long and the browser reconnects (checking the session again).
    event_stream_seconds: float = 25.0
    # Operations (see README "Running several instances"): how many app instances share the database.
    instances: int = 1
    instance_id: str = "local"
    # SIGTERM: not ready at once, new connections refused after the grace, in-flight work ends within the timeout.
    drain_grace_seconds: float = 2.0
    drain_timeout_seconds: float = 20.0
    # A request's headers and body must arrive within this long (slow clients get a 408 and are closed).
    request_read_timeout_seconds: float = 15.0
    # /metrics answers loopback and these addresses or networks without a token; others need the bearer token.
    metrics_allowed: tuple[str, ...] = ()
    metrics_token: str | None = None
    # Where quick exit goes when a member set no address of their own (None: Tandem's own empty page).
    quick_exit_url: str | None = None
    # The address people open Tandem at (scheme://host[:port]); passkeys are bound to its host name
    # (the WebAuthn relying party id). None: the request's own Host (fine on one host name, e.g. localhost).
    public_origin: str | None = None
    # The key-encryption key of the members' data keys (README "Encryption at rest"): base64url of 32
    # random bytes; unset, a `master_key` file beside the secret key is made and used. A key-management
    # service instead: "package.module:factory" (see core/crypto.KeyEncryptionKey).
    master_key: str | None = field(default=None, repr=False)
    kms_provider: str | None = None
    # OpenTelemetry traces over OTLP/HTTP (README "Tracing"); the exporter's own OTEL_* variables say where.
    # Off, nothing of OpenTelemetry is imported.
    otel_enabled: bool = False

    def __post_init__(self) -> None:
        if self.instances > 1 and not self.redis_url:
            raise ValueError(
                f"TANDEM_INSTANCES is {self.instances} but TANDEM_REDIS_URL is not set: several instances must "
                "share attempt limits and live events through Redis. Set TANDEM_REDIS_URL or TANDEM_INSTANCES=1."
            )
        if self.instances > 1 and not (self.master_key or self.kms_provider):
            # Each instance would make its own master_key file and could not open the others' data keys.
            raise ValueError(
                f"TANDEM_INSTANCES is {self.instances} but TANDEM_MASTER_KEY is not set: several instances must "
                "share one key-encryption key. Set TANDEM_MASTER_KEY (or TANDEM_KMS_PROVIDER) or TANDEM_INSTANCES=1."
            )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def session_cookie_name(self) -> str:
        # The __Host- prefix is only accepted by browsers on secure cookies.
        return "__Host-tandem_session" if self.https else "tandem_session"

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = Path(_env("DATA_DIR", str(REPO_ROOT / "var"))).resolve()
        profile = _env("PASSWORD_PROFILE", "default")
        if profile not in ("default", "cheapest"):
            raise ValueError("TANDEM_PASSWORD_PROFILE must be 'default' or 'cheapest'")
        return cls(
            data_dir=data_dir,
            database_url=_env("DATABASE_URL", f"sqlite+aiosqlite:///{data_dir / 'tandem.db'}"),
            secret_key=os.environ.get("TANDEM_SECRET_KEY") or _load_or_create_secret(data_dir),
            https=_env_bool("HTTPS", False),
            allowed_hosts=_env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]"),
            trusted_proxies=_env_list("TRUSTED_PROXIES", ""),
            session_idle_minutes=int(_env("SESSION_IDLE_MINUTES", "30")),
            session_absolute_hours=int(_env("SESSION_ABSOLUTE_HOURS", "12")),
            remembered_idle_days=int(_env("REMEMBERED_IDLE_DAYS", "14")),
            remembered_absolute_days=int(_env("REMEMBERED_ABSOLUTE_DAYS", "30")),
            invitation_ttl_days=int(_env("INVITATION_TTL_DAYS", "7")),
            password_profile=cast("PasswordProfile", profile),
            redis_url=os.environ.get("TANDEM_REDIS_URL") or None,
            frontend_dist=Path(_env("FRONTEND_DIST", str(REPO_ROOT / "frontend" / "dist"))),
            rate_limits=RateLimits(multiplier=int(_env("RATE_LIMIT_MULTIPLIER", "1"))),
            db_limits=DatabaseLimits(
                pool_size=int(_env("DB_POOL_SIZE", "20")),
                max_overflow=int(_env("DB_MAX_OVERFLOW", "0")),
                pool_timeout=float(_env("DB_POOL_TIMEOUT", "5")),
                statement_timeout_ms=int(_env("DB_STATEMENT_TIMEOUT_MS", "30000")),
                lock_timeout_ms=int(_env("DB_LOCK_TIMEOUT_MS", "10000")),
            ),
            writes_per_session=int(_env("WRITES_PER_SESSION", "4")),
            write_wait_seconds=float(_env("WRITE_WAIT_SECONDS", "5")),
            log_level=_env("LOG_LEVEL", "INFO"),
            event_stream_seconds=float(_env("EVENT_STREAM_SECONDS", "25")),
            instances=int(_env("INSTANCES", "1")),
            instance_id=_env("INSTANCE_ID", socket.gethostname()),
            drain_grace_seconds=float(_env("DRAIN_GRACE_SECONDS", "2")),
            drain_timeout_seconds=float(_env("DRAIN_TIMEOUT_SECONDS", "20")),
            request_read_timeout_seconds=float(_env("REQUEST_READ_TIMEOUT_SECONDS", "15")),
            metrics_allowed=_env_list("METRICS_ALLOWED", ""),
            metrics_token=os.environ.get("TANDEM_METRICS_TOKEN") or None,
            quick_exit_url=os.environ.get("TANDEM_QUICK_EXIT_URL") or None,
            public_origin=(os.environ.get("TANDEM_PUBLIC_ORIGIN") or "").rstrip("/") or None,
            master_key=os.environ.get("TANDEM_MASTER_KEY") or None,
            kms_provider=os.environ.get("TANDEM_KMS_PROVIDER") or None,
            otel_enabled=_env_bool("OTEL_ENABLED", False),
        )
