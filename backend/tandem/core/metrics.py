"""Prometheus metrics of one instance. Labels are route templates and status codes, never ids or personal data.

Each app gets its own registry (tests build several apps in one process) and hands it to what reports
to it: the request middleware, the attempt limiter and the live events supervisor.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "tandem_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "tandem_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template.",
            ["method", "route"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "tandem_http_requests_in_flight", "HTTP requests being answered.", registry=self.registry
        )
        self.event_streams = Gauge("tandem_event_streams_open", "Live event streams open.", registry=self.registry)
        self.event_publish_failures = Counter(
            "tandem_event_publish_failures", "Live events that could not be published.", registry=self.registry
        )
        self.event_backend_up = Gauge(
            "tandem_event_backend_up", "1 while the live event backend is connected.", registry=self.registry
        )
        self.event_backend_reconnects = Counter(
            "tandem_event_backend_reconnects", "Times the live event backend was reconnected.", registry=self.registry
        )
        self.attempt_refusals = Counter(
            "tandem_attempt_limit_refusals",
            "Attempts refused by a limit, by bucket.",
            ["bucket"],
            registry=self.registry,
        )
        self.attempt_store_failures = Counter(
            "tandem_attempt_store_unavailable",
            "Attempts answered 503 because Redis was unreachable.",
            registry=self.registry,
        )
        self.db_pool_in_use = Gauge(
            "tandem_db_pool_checked_out", "Database connections in use (PostgreSQL pool).", registry=self.registry
        )
        self.db_pool_overflow = Gauge(
            "tandem_db_pool_overflow", "Connections open beyond the pool size.", registry=self.registry
        )
        self.db_pool_waiting = Gauge(
            "tandem_db_pool_waiting", "Requests waiting for a database connection.", registry=self.registry
        )
        self.draining = Gauge("tandem_draining", "1 once the instance is draining.", registry=self.registry)
        self.crypto_seconds = Gauge(
            "tandem_crypto_seconds",
            "Seconds spent sealing and opening members' words (and finding their keys) since start.",
            registry=self.registry,
        )
