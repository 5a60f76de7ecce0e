"""The one place JSON request bodies are decoded: bad bytes answer 400, and types are never coerced.

Litestar decodes a body with msgspec and then converts it to the handler's type leniently ("5" and
5.0 become an int, "true" and 0 a bool). Its decoding also lets three kinds of bad input escape as
500s or misleading messages: invalid UTF-8 (`UnicodeDecodeError`), very deep nesting
(`RecursionError`) and a lone surrogate ("Input data was truncated"). The app's request class below
checks the raw bytes first and then decodes them strictly into the type the route declares for
`data`, so every route, present and future, gets the same rules.
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import HTTPException, ValidationException
from litestar.serialization import default_deserializer
from litestar.types import Empty

# No body of ours is nested more than a few levels; anything deeper than this is not a real request.
MAX_DEPTH = 32

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")
_PATH_KEY = re.compile(r"at `\$((?:\.[^`\[]+|\[\d+\])*)`")


def _unreadable(detail: str) -> HTTPException:
    return HTTPException(status_code=400, detail=detail)


def nesting_depth(body: bytes) -> int:
    """How deeply arrays and objects nest, ignoring brackets inside strings (no recursion, no decoding)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', body)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _has_lone_surrogate(body: bytes) -> bool:
    """True when the text is JSON to Python's parser (which keeps lone surrogates) but not to msgspec."""
    try:
        value = json.loads(body)
    except ValueError:
        return False
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= ch <= "\udfff" for ch in item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def check_body(body: bytes) -> None:
    """Refuse bytes that are not UTF-8 or nest too deeply, before any parser sees them."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise _unreadable("The request body is not valid UTF-8 text.") from None
    if nesting_depth(body) > MAX_DEPTH:
        raise _unreadable(f"The request body is nested too deeply (more than {MAX_DEPTH} levels).")


def decode_loose(body: bytes) -> Any:
    """Decode JSON of any shape, turning every decoding failure into a 400 with an honest message."""
    check_body(body)
    try:
        return msgspec.json.decode(body)
    except msgspec.DecodeError:
        if _has_lone_surrogate(body):
            raise _unreadable("The request body contains a lone surrogate (\\ud800-\\udfff), not text.") from None
        raise _unreadable("The request body is not valid JSON.") from None


def _error_key(message: str) -> str:
    match = _PATH_KEY.search(message)
    if not match or not match.group(1):
        return "data"
    return match.group(1).lstrip(".")


def decode_strict(body: bytes, target: Any, dec_hook: Any = None) -> None:
    """Check the body against the declared type with msgspec's strict rules (no coercion of any kind)."""
    try:
        msgspec.json.decode(body, type=target, strict=True, dec_hook=dec_hook)
    except msgspec.ValidationError as error:
        message = str(error)
        raise ValidationException(
            detail="Please check the highlighted fields.",
            extra=[{"message": message.split(" - at ")[0], "key": _error_key(message), "source": "body"}],
        ) from None
    except msgspec.DecodeError:
        raise _unreadable("The request body is not valid JSON.") from None


class StrictJSONRequest(Request[Any, Any, Any]):
    """The app's request class: `json()` is where every JSON body of every route is decoded."""

    async def json(self) -> Any:
        if self._json is not Empty:
            return self._json
        if (cached := self._connection_state.json) is not Empty:
            self._json = cached
            return cached
        body = await self.body()
        value = decode_loose(body or b"null")
        data_field = self.route_handler.parsed_data_field
        if body and data_field is not None:
            decoders = self.route_handler.resolve_type_decoders()
            decode_strict(body, data_field.annotation, partial(default_deserializer, type_decoders=decoders))
        self._json = self._connection_state.json = value
        return value
