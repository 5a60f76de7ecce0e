"""A bounded schemathesis run against the real server, signed in as a member of a couple's space.

`make test-fuzz` runs it once per database (TANDEM_TEST_DB=sqlite|postgres): a fresh migrated
database, `python -m tandem serve` on a spare port, a couple signed up through the API, then
`st run` with a fixed seed and a time budget over the committed checks. Exit status is schemathesis'
own: any 5xx, undeclared status, response that breaks its schema or wrong content type fails it.

The operations that would end the fuzzer's own session or membership (sign out, leave the space)
are left out, so the rest of the run is not spent on 401s; every other operation is exercised.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from tests.api.databases import fresh_database, selected_backend

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
ST = str(Path(PYTHON).parent / "st")
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance"
# Operations that end, lock or replace the fuzzing member's own session: after one of them every other
# operation would only see 401 or 423, so they are covered by their own API tests instead.
EXCLUDED_OPERATIONS = (
    "logOut",
    "leaveSpace",
    "deleteMe",
    "changeMyPassword",
    "endMySession",
    "quickExit",
    "lockApp",
    "unlockApp",
    # May leave the space (leave_space: true), like leaveSpace.
    "stopSharing",
)
PASSWORD = "a calm river at dawn"

CONFIG = """\
[parameters]
"path.space_id" = "{space_id}"
"""


def spare_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(base_url: str, server: subprocess.Popen[bytes], deadline_seconds: float = 60) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped with status {server.returncode}")
        try:
            if httpx.get(f"{base_url}/api/v1/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def sign_up(client: httpx.Client, name: str) -> None:
    client.get("/api/v1/me")  # the CSRF cookie
    body = {
        "email": f"{name}-{os.urandom(4).hex()}@example.org",
        "password": PASSWORD,
        "display_name": name.title(),
        "consent_health_data": True,
    }
    response = client.post("/api/v1/auth/signup", json=body, headers=csrf(client))
    response.raise_for_status()


def csrf(client: httpx.Client) -> dict[str, str]:
    return {"x-csrftoken": client.cookies["csrftoken"]}


def couple(base_url: str) -> tuple[str, str, str]:
    """A patient and a partner in one space; the patient's session cookie and CSRF token."""
    with httpx.Client(base_url=base_url) as patient, httpx.Client(base_url=base_url) as partner:
        sign_up(patient, "robin")
        space = patient.post("/api/v1/spaces", json={"name": "Ours", "role": "patient"}, headers=csrf(patient))
        space.raise_for_status()
        space_id = space.json()["id"]
        invitation = patient.post(f"/api/v1/spaces/{space_id}/invitations", headers=csrf(patient))
        invitation.raise_for_status()
        sign_up(partner, "alex")
        partner.post(
            "/api/v1/invitations/accept", json={"token": invitation.json()["token"]}, headers=csrf(partner)
        ).raise_for_status()
        patient.get("/api/v1/me")
        cookie = f"tandem_session={patient.cookies['tandem_session']}; csrftoken={patient.cookies['csrftoken']}"
        return space_id, cookie, patient.cookies["csrftoken"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-time", type=int, default=75, help="schemathesis' time budget in seconds")
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tandem-fuzz-") as tmp, fresh_database(Path(tmp)) as database_url:
        port = spare_port()
        base_url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "TANDEM_DATABASE_URL": database_url,
            "TANDEM_DATA_DIR": tmp,
            "TANDEM_SECRET_KEY": "fuzz-secret-key-long-enough-for-hmac-signing",
            "TANDEM_PASSWORD_PROFILE": "cheapest",
            "TANDEM_RATE_LIMIT_MULTIPLIER": "1000",
            "TANDEM_LOG_LEVEL": "WARNING",
        }
        server = subprocess.Popen(
            [PYTHON, "-m", "tandem", "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=REPO
        )
        try:
            wait_for(base_url, server)
            space_id, cookie, token = couple(base_url)
            config = Path(tmp) / "schemathesis.toml"
            config.write_text(CONFIG.format(space_id=space_id))
            command = [
                ST,
                "--config-file",
                str(config),
                "run",
                f"{base_url}/schema/openapi.json",
                "--checks",
                CHECKS,
                "--seed",
                str(args.seed),
                "--max-time",
                str(args.max_time),
                "--workers",
                "1",
                "--header",
                f"Cookie: {cookie}",
                "--header",
                f"x-csrftoken: {token}",
                "--report-dir",
                str(Path(tmp) / "report"),
            ]
            for operation in EXCLUDED_OPERATIONS:
                command += ["--exclude-operation-id", operation]
            print(f"schemathesis on {selected_backend()}: seed {args.seed}, {args.max_time} s", flush=True)
            return subprocess.call(command, cwd=tmp)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    raise SystemExit(main())
