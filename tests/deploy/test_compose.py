"""docker-compose.yml, deploy/Caddyfile and the Dockerfile, checked for the mistakes that break a deployment.

No Docker engine runs here: the file is validated offline by docker-compose and Caddy, and its
contents are checked against the app itself (its route table, its settings, its command line).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from litestar.routes import HTTPRoute

from tandem.app import create_app
from tandem.core.config import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPOSE = REPO_ROOT / "docker-compose.yml"
CADDYFILE = REPO_ROOT / "deploy" / "Caddyfile"
DOCKERFILE = REPO_ROOT / "Dockerfile"
EXAMPLE_ENV = {
    "POSTGRES_PASSWORD": "example",
    "TANDEM_SECRET_KEY": "example-secret",
    "TANDEM_MASTER_KEY": "ZXhhbXBsZS1tYXN0ZXIta2V5LW9mLTMyLWJ5dGVzLi4",
}


def _binary(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        # `make test` installs it; outside it, say how instead of passing silently.
        pytest.fail(f"{name} is not installed: apt-get install -y --no-install-recommends {package}")
    return found


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    """The file as docker-compose resolves it (anchors merged, variables filled in)."""
    result = subprocess.run(
        [_binary("docker-compose", "docker-compose"), "-f", str(COMPOSE), "config"],
        capture_output=True,
        text=True,
        env={**os.environ, **EXAMPLE_ENV},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = yaml.safe_load(result.stdout)
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def app_routes(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    tmp = tmp_path_factory.mktemp("routes")
    app = create_app(Settings(data_dir=tmp, database_url=f"sqlite+aiosqlite:///{tmp}/x.db", secret_key="x" * 40))
    return {route.path_format for route in app.routes if isinstance(route, HTTPRoute) and "GET" in route.methods} - {
        "/",
        "/{path}",
    }


def _app_services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        name: service
        for name, service in compose["services"].items()
        if service.get("command", [])[:4] == ["python", "-m", "tandem", "serve"]
    }


def _env(service: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in (service.get("environment") or {}).items()}


def _seconds(duration: str) -> float:
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    return sum(float(n) * units[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", duration))


def _probe_paths(test: list[str] | str) -> list[str]:
    text = test if isinstance(test, str) else " ".join(test)
    return re.findall(r"https?://[^/\s'\"]+(/[^\s'\")]*)", text)


def test_several_app_instances_with_no_fixed_host_port(compose: dict[str, Any]) -> None:
    apps = _app_services(compose)
    assert len(apps) >= 2
    for name, service in apps.items():
        assert not service.get("ports"), f"{name} publishes a host port: replicas would collide"
        assert _env(service)["TANDEM_INSTANCES"] == str(len(apps))
        assert _env(service)["TANDEM_INSTANCE_ID"] == name


def test_every_service_the_app_needs_exists_is_health_checked_and_awaited(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in _app_services(compose).items():
        env = _env(service)
        # The settings load: several instances without Redis or a shared master key would refuse to start.
        Settings(
            data_dir=Path("/data"),
            database_url=env["TANDEM_DATABASE_URL"],
            secret_key="x",
            instances=2,
            redis_url=env.get("TANDEM_REDIS_URL"),
            master_key=env.get("TANDEM_MASTER_KEY"),
        )
        needed = {
            re.search(r"@([\w-]+):\d+/", env["TANDEM_DATABASE_URL"]).group(1),  # type: ignore[union-attr]
            re.search(r"redis://([\w-]+):\d+", env["TANDEM_REDIS_URL"]).group(1),  # type: ignore[union-attr]
        }
        for dependency in needed:
            assert dependency in services, f"{name} needs a service called {dependency}"
            assert services[dependency].get("healthcheck", {}).get("test"), f"{dependency} has no health check"
            assert service["depends_on"][dependency]["condition"] == "service_healthy"
        migrators = [n for n, s in services.items() if s.get("command") == ["python", "-m", "tandem", "migrate"]]
        assert len(migrators) == 1, "one one-shot migrate service"
        assert service["depends_on"][migrators[0]]["condition"] == "service_completed_successfully"
        assert services[migrators[0]].get("restart", "no") == "no"
        assert _env(services[migrators[0]])["TANDEM_DATABASE_URL"] == env["TANDEM_DATABASE_URL"]


def test_commands_are_exec_form_and_real_subcommands(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        for key in ("command", "entrypoint"):
            if key in service:
                assert isinstance(service[key], list), f"{name}: a string {key} runs under a shell that eats SIGTERM"
                assert service[key][:2] != ["sh", "-c"], f"{name}: sh -c keeps the shell as the signalled process"
        command = service.get("command", [])
        if command[:3] == ["python", "-m", "tandem"]:
            helped = subprocess.run(
                [sys.executable, "-m", "tandem", command[3], "--help"], capture_output=True, text=True, check=False
            )
            assert helped.returncode == 0, f"{name}: `tandem {command[3]}` is not a command"
    cmd = re.search(r"^CMD (.+)$", DOCKERFILE.read_text(), re.MULTILINE)
    assert cmd is not None
    assert json.loads(cmd.group(1))[:4] == ["python", "-m", "tandem", "serve"], "the image's CMD is exec form"


def test_health_checks_point_at_real_routes(compose: dict[str, Any], app_routes: set[str]) -> None:
    paths = [
        path for service in _app_services(compose).values() for path in _probe_paths(service["healthcheck"]["test"])
    ]
    paths += re.findall(r"health_uri\s+(\S+)", CADDYFILE.read_text())
    paths += _probe_paths(re.search(r"^HEALTHCHECK .+$", DOCKERFILE.read_text(), re.MULTILINE).group(0))  # type: ignore[union-attr]
    assert paths
    for path in paths:
        assert path in app_routes, f"{path} is no route of the app (the SPA would answer it)"
    assert "/api/v1/health/ready" in re.findall(r"health_uri\s+(\S+)", CADDYFILE.read_text())


def test_stop_grace_outlasts_the_drain(compose: dict[str, Any]) -> None:
    defaults = Settings(data_dir=Path("/data"), database_url="sqlite+aiosqlite:///x.db", secret_key="x")
    for name, service in _app_services(compose).items():
        env = _env(service)
        drain = float(env.get("TANDEM_DRAIN_GRACE_SECONDS", defaults.drain_grace_seconds)) + float(
            env.get("TANDEM_DRAIN_TIMEOUT_SECONDS", defaults.drain_timeout_seconds)
        )
        assert _seconds(service.get("stop_grace_period", "10s")) > drain, f"{name} would be killed mid-drain"


def test_the_proxy_is_the_trusted_proxy_and_reaches_every_instance(compose: dict[str, Any]) -> None:
    services = compose["services"]
    proxies = [
        s for s in services.values() if any("Caddyfile" in v for v in s.get("volumes", []) if isinstance(v, str))
    ]
    proxies += [
        s
        for s in services.values()
        if any(isinstance(v, dict) and "Caddyfile" in v.get("source", "") for v in s.get("volumes", []))
    ]
    assert len(proxies) == 1
    proxy_address = next(iter(proxies[0]["networks"].values()))["ipv4_address"]
    caddyfile = CADDYFILE.read_text()
    upstreams = set(re.search(r"reverse_proxy ([^{]+)\{", caddyfile).group(1).split())  # type: ignore[union-attr]
    apps = _app_services(compose)
    assert upstreams == {f"{name}:{s['command'][-1]}" for name, s in apps.items()}
    for service in apps.values():
        assert _env(service)["TANDEM_TRUSTED_PROXIES"] == proxy_address
        allowed = _env(service)["TANDEM_ALLOWED_HOSTS"].split(",")
        health_host = re.search(r"health_headers\s*\{\s*Host\s+(\S+)", caddyfile)
        assert health_host is not None and health_host.group(1) in allowed
    assert "flush_interval -1" in caddyfile, "live event streams must not be buffered"
    assert re.search(r"header_up X-Request-ID", caddyfile)
    assert re.search(r"read_header \d+s", caddyfile) and re.search(r"read_body \d+s", caddyfile)


def test_no_secret_is_written_in_the_file() -> None:
    raw = yaml.safe_load(COMPOSE.read_text())
    env = raw["x-app-environment"]
    assert env["TANDEM_SECRET_KEY"].startswith("${"), "the secret key must come from the environment"
    assert env["TANDEM_MASTER_KEY"].startswith("${"), "the master key must come from the environment"
    assert raw["services"]["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${")


def test_caddy_accepts_the_proxy_configuration() -> None:
    result = subprocess.run(
        [_binary("caddy", "caddy"), "validate", "--adapter", "caddyfile", "--config", str(CADDYFILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
