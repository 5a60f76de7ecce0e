"""Helpers for the path tests."""

from __future__ import annotations

from typing import Any

import httpx

from .people import Person


def path_url(space_id: str, rest: str = "") -> str:
    return f"/api/v1/spaces/{space_id}/path{rest}"


async def turn(person: Person, space_id: str, on: bool) -> httpx.Response:
    return await person.request("PUT", path_url(space_id, "/choice"), json={"turned_on": on})


async def answer(person: Person, space_id: str, value: str | None) -> httpx.Response:
    if value is None:
        return await person.delete(path_url(space_id, "/readiness"))
    return await person.request("PUT", path_url(space_id, "/readiness"), json={"answer": value})


async def step_back(person: Person, space_id: str) -> httpx.Response:
    return await person.post(path_url(space_id, "/step-back"))


async def view(person: Person, space_id: str) -> dict[str, Any]:
    response = await person.get(path_url(space_id))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def stage_number(path: dict[str, Any]) -> int | None:
    return path["stage"]["number"] if path["stage"] else None
