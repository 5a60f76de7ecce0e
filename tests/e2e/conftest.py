"""Fixtures for the browser tests: a real backend serving the built frontend, and Debian's Chromium.

Run as its own pytest process (sync Playwright and pytest-asyncio clash in one):
    backend/.venv/bin/pytest tests/e2e -p no:asyncio
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# `make test` runs these stories while the API suites keep both cores busy: an assertion waits up to
# 15 s for the page to get there (the default 5 s is tuned for an idle machine); none sleeps.
expect.set_options(timeout=15_000)

REPO_ROOT = Path(__file__).resolve().parents[2]
BACKEND = REPO_ROOT / "backend"
FRONTEND_DIST = REPO_ROOT / "frontend" / "dist"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
# The live server's SQLite file, for the few stories that must move time (a sign-in made long ago).
_LIVE_DATABASE: dict[str, Path] = {}


def _python() -> str:
    venv_python = BACKEND / ".venv" / "bin" / "python"
    return str(venv_python) if venv_python.exists() else sys.executable


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_health(base_url: str, process: subprocess.Popen[bytes], log_path: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The backend exited with {process.returncode}:\n{log_path.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/api/v1/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"The backend did not answer /api/v1/health in {timeout} s:\n{log_path.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        message = "Debian's Chromium is missing: apt-get install -y chromium"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """Migrate a fresh SQLite database, serve the app on a free port, yield its base URL."""
    if not (FRONTEND_DIST / "index.html").is_file():
        pytest.fail(
            f"The frontend is not built ({FRONTEND_DIST / 'index.html'} is missing). "
            "Run `cd frontend && npm ci && npm run build` (the Makefile does this before the e2e tests)."
        )
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tandem-e2e-") as tmp:
        tmp_path = Path(tmp)
        port = _free_port()
        env = {
            **os.environ,
            "TANDEM_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'e2e.db'}",
            "TANDEM_DATA_DIR": str(tmp_path),
            "TANDEM_PASSWORD_PROFILE": "cheapest",
            "TANDEM_RATE_LIMIT_MULTIPLIER": "100",
            "TANDEM_FRONTEND_DIST": str(FRONTEND_DIST),
            "TANDEM_HTTPS": "false",
            # No load balancer to tell: stop at once when the run ends (the drain has tests of its own).
            "TANDEM_DRAIN_GRACE_SECONDS": "0",
            # Litestar matches the Host header with its port, so name the port too. localhost too:
            # passkeys need a host name (a WebAuthn relying party id is never an IP address).
            "TANDEM_ALLOWED_HOSTS": f"127.0.0.1,127.0.0.1:{port},localhost,localhost:{port}",
        }
        env.pop("TANDEM_REDIS_URL", None)
        python = _python()
        subprocess.run([python, "-m", "tandem", "migrate"], cwd=BACKEND, env=env, check=True, timeout=120)
        _LIVE_DATABASE["path"] = tmp_path / "e2e.db"
        log_path = tmp_path / "server.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [python, "-m", "tandem", "serve", "--host", "127.0.0.1", "--port", str(port)],
                cwd=BACKEND,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            base_url = f"http://127.0.0.1:{port}"
            try:
                _wait_for_health(base_url, process, log_path)
                yield base_url
            finally:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
        # Keep the server's log next to the screenshots, for reading after a failure.
        (ARTIFACTS / "server.log").write_bytes(log_path.read_bytes())


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """pytest-base-url's fixture, pointed at the live server, so page.goto("/login") works."""
    return live_server


@pytest.fixture(scope="session")
def live_database(live_server: str) -> Path:
    """The live server's SQLite database file (the server keeps it in WAL mode: write with short
    transactions of the sqlite3 module, as another process would)."""
    return _LIVE_DATABASE["path"]
