"""Assertions on problem responses shared by the API tests."""

from __future__ import annotations

from typing import Any


async def assert_bad(response_coro: Any, field: str) -> None:
    response = await response_coro
    assert response.status_code == 400, response.text
    fields = [e["field"] for e in response.json()["errors"]]
    assert any(f == field or f.startswith(f"{field}[") or f.startswith(f"{field}.") for f in fields), fields
