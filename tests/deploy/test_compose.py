"""No Docker engine runs here, so docker-compose.yml is checked by structure and, offline, by docker-compose."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPOSE = REPO_ROOT / "docker-compose.yml"


def _compose() -> dict[str, Any]:
    loaded = yaml.safe_load(COMPOSE.read_text())
    assert isinstance(loaded, dict)
    return loaded


def test_services_database_url_healthchecks_and_volumes() -> None:
    compose = _compose()
    services = compose["services"]
    assert set(services) == {"db", "app"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["app"]["build"]["dockerfile"] == "Dockerfile"
    url = services["app"]["environment"]["TANDEM_DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@db:5432/" in url
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("db", "app"):
        assert services[name]["healthcheck"]["test"], f"{name} has no health check"
    named_volumes = set(compose["volumes"])
    assert {"db-data", "app-data"} <= named_volumes
    assert any(v.startswith("db-data:") for v in services["db"]["volumes"])
    assert any(v.startswith("app-data:") for v in services["app"]["volumes"])


def test_no_secret_is_written_in_the_file() -> None:
    compose = _compose()
    env = compose["services"]["app"]["environment"]
    assert env["TANDEM_SECRET_KEY"].startswith("${"), "the secret key must come from the environment"
    assert compose["services"]["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${")


def test_dockerfile_builds_frontend_then_runs_migrations_at_start() -> None:
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    assert "FROM node:" in dockerfile and "npm run build" in dockerfile
    assert "FROM python:" in dockerfile
    assert "python -m tandem migrate" in dockerfile


def test_docker_compose_validates_the_file_offline() -> None:
    binary = shutil.which("docker-compose")
    if binary is None:
        # `make test` installs Debian's docker-compose; outside it, say how instead of passing silently.
        pytest.fail("docker-compose is not installed: apt-get install -y --no-install-recommends docker-compose")
    env = {**os.environ, "POSTGRES_PASSWORD": "example", "TANDEM_SECRET_KEY": "example"}
    result = subprocess.run(
        [binary, "-f", str(COMPOSE), "config", "--quiet"], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
