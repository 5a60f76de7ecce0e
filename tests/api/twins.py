"""Comparing what a partner sees in two twin spaces: responses with ids, times, emails and tokens masked."""

from __future__ import annotations

import re

import httpx

FEED_TOKEN = re.compile(r"/api/v1/calendar/[^/]+/")
# Starts only where a run of address characters starts: tried at every character of a long word (a
# sealed value, a token), the unanchored pattern rescanned the rest of it each time (10x slower on an export).
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@example\.org")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
ICS_TIME = re.compile(r"(?<=:)\d{8}(T\d{6}Z)?")


def normalise_text(value: str) -> str:
    ids: dict[str, str] = {}

    def stable_id(match: re.Match[str]) -> str:
        return ids.setdefault(match.group(0), f"<id{len(ids)}>")

    value = FEED_TOKEN.sub("/api/v1/calendar/<token>/", value)
    value = EMAIL.sub("<email>", value)
    value = UUID.sub(stable_id, value)
    value = ISO_TIME.sub("<time>", value)
    return ICS_TIME.sub("<time>", value)


def normalise_response(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, normalise_text(response.text)
