"""A person using the API: their own cookie jar, and the CSRF header sent the way the SPA sends it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
from litestar import Litestar

PASSWORD = "a calm river at dawn"
BASE_URL = "http://testserver.local"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def unique_email(prefix: str = "person") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.org"


class _Cookies(httpx.Cookies):
    """httpx's cookie jar, except that a response which sets no cookie is not handed to http.cookiejar
    (which copied every response's headers into an e-mail message to look for Set-Cookie)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers or "set-cookie2" in response.headers:
            super().extract_cookies(response)


class PersonClient(httpx.AsyncClient):
    """httpx's client, sending the same requests with the same cookies, with two costs of its general path
    cut: a relative URL is joined to the base URL once and then remembered (httpx.URL is immutable), and a
    response without Set-Cookie skips the cookie jar. Together about a third of the client's own time per
    request, which the API suites spend tens of thousands of times."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cookies = _Cookies(self._cookies)
        self._joined: dict[tuple[str, httpx.URL], httpx.URL] = {}

    @property
    def cookies(self) -> httpx.Cookies:
        return self._cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._cookies = _Cookies(cookies)

    def _merge_url(self, url: httpx.URL | str) -> httpx.URL:
        if not isinstance(url, str):
            return super()._merge_url(url)
        key = (url, self.base_url)
        joined = self._joined.get(key)
        if joined is None:
            joined = self._joined[key] = super()._merge_url(url)
        return joined


@dataclass
class Person:
    app: Litestar
    email: str = field(default_factory=unique_email)
    password: str = PASSWORD
    display_name: str = "Sam"
    user: dict[str, Any] = field(default_factory=dict)
    base_url: str = BASE_URL
    client: PersonClient = field(init=False)

    def __post_init__(self) -> None:
        # httpx's ASGI transport runs the app in the test's own event loop, which asyncpg needs.
        self.client = PersonClient(transport=httpx.ASGITransport(app=self.app), base_url=self.base_url)

    @property
    def id(self) -> str:
        return str(self.user["id"])

    async def csrf_token(self) -> str:
        token = self.client.cookies.get("csrftoken")
        if token is None:
            await self.client.get("/api/v1/me")
            token = self.client.cookies.get("csrftoken")
        assert token, "a GET must issue the CSRF cookie"
        return token

    async def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        if method.upper() in UNSAFE and "x-csrftoken" not in {k.lower() for k in headers}:
            headers["x-csrftoken"] = await self.csrf_token()
        return await self.client.request(method, url, headers=headers, **kwargs)

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("GET", url, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("POST", url, **kwargs)

    async def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("PATCH", url, **kwargs)

    async def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.request("DELETE", url, **kwargs)

    async def sign_up(self) -> Person:
        response = await self.post(
            "/api/v1/auth/signup",
            json={
                "email": self.email,
                "password": self.password,
                "display_name": self.display_name,
                "consent_health_data": True,
            },
        )
        assert response.status_code == 201, response.text
        self.user = response.json()
        return self

    async def log_in(
        self, password: str | None = None, headers: dict[str, str] | None = None, **extra: Any
    ) -> httpx.Response:
        return await self.post(
            "/api/v1/auth/login",
            json={"email": self.email, "password": password or self.password, **extra},
            headers=headers,
        )

    async def create_space(self, role: str = "patient", name: str = "Our space") -> dict[str, Any]:
        response = await self.post("/api/v1/spaces", json={"name": name, "role": role})
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def invite(self, space_id: str) -> dict[str, Any]:
        response = await self.post(f"/api/v1/spaces/{space_id}/invitations")
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def accept(self, token: str) -> httpx.Response:
        return await self.post("/api/v1/invitations/accept", json={"token": token})


@dataclass
class Couple:
    patient: Person
    partner: Person
    space_id: str


async def make_couple(app: Litestar) -> Couple:
    patient = await Person(app, display_name="Robin").sign_up()
    space = await patient.create_space("patient")
    invitation = await patient.invite(space["id"])
    partner = await Person(app, display_name="Alex").sign_up()
    response = await partner.accept(invitation["token"])
    assert response.status_code == 200, response.text
    return Couple(patient=patient, partner=partner, space_id=space["id"])
