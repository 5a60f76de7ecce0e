"""One error shape everywhere: RFC 9457 problem details, never a traceback, SQL or path."""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.status_codes import HTTP_400_BAD_REQUEST, HTTP_500_INTERNAL_SERVER_ERROR
from sqlalchemy.exc import SQLAlchemyError

logger = logging.getLogger("tandem.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"


class FieldError(msgspec.Struct):
    field: str
    message: str


class Problem(msgspec.Struct, omit_defaults=True):
    status: int
    title: str
    detail: str
    type: str = "about:blank"
    errors: list[FieldError] = []


TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    415: "Unsupported media type",
    422: "Unprocessable request",
    423: "Locked",
    429: "Too many attempts",
    500: "Something went wrong",
    503: "Service unavailable",
}


def problems(*codes: int) -> dict[int, ResponseSpec]:
    """OpenAPI declarations of the problem responses a route can give, so clients can rely on them."""
    return {
        code: ResponseSpec(Problem, description=TITLES[code], media_type=PROBLEM_MEDIA_TYPE, generate_examples=False)
        for code in sorted(set(codes))
    }


# What a route can answer besides success, by kind of route.
SIGNED_IN_READ = (400, 401)
SIGNED_IN_WRITE = (400, 401, 403, 413, 415)
MEMBER_READ = (*SIGNED_IN_READ, 404)
MEMBER_WRITE = (*SIGNED_IN_WRITE, 404)
# 503: the shared attempt counters (Redis) are unreachable; sign-in fails closed.
PUBLIC_WRITE = (400, 403, 413, 415, 429, 503)


class Conflict(HTTPException):
    """409: the request clashes with the current state (a full space, a round already revealed)."""

    status_code = 409


def bad_field(field: str, message: str) -> HTTPException:
    """A 400 that names the field at fault, for rules a schema cannot express."""
    return HTTPException(status_code=400, detail=message, extra=[FieldError(field=field, message=message)])


def problem_response(
    status: int,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    problem_type: str = "about:blank",
) -> Response[Problem]:
    problem = Problem(
        status=status, title=TITLES.get(status, "Error"), detail=detail, errors=errors or [], type=problem_type
    )
    return Response(content=problem, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


_MSGSPEC_WORDING = (
    # A length bounds a list's items or an object's entries as well as a text's characters.
    (re.compile(r"`array` of length >= (\d+)"), "Use at least {0} items."),
    (re.compile(r"`array` of length <= (\d+)"), "Use at most {0} items."),
    (re.compile(r"`object` of length >= (\d+)"), "Give at least {0} entries."),
    (re.compile(r"`object` of length <= (\d+)"), "Give at most {0} entries."),
    (re.compile(r"length >= (\d+)"), "Use at least {0} characters."),
    (re.compile(r"length <= (\d+)"), "Use at most {0} characters."),
    (re.compile(r"matching regex"), "This contains characters that aren't allowed here."),
    (re.compile(r"missing required field"), "This field is required."),
    (re.compile(r"unknown field"), "This field is not accepted."),
    (re.compile(r"Invalid enum value"), "Please choose one of the offered options."),
    (re.compile(r">= (-?\d+)"), "Use a number of at least {0}."),
    (re.compile(r"<= (-?\d+)"), "Use a number of at most {0}."),
    (re.compile(r"Expected `(\w+)`"), "Expected a value of type {0}."),
)


def _plain_message(raw: str) -> str:
    """msgspec's messages are for developers; people get a sentence they can act on."""
    for pattern, wording in _MSGSPEC_WORDING:
        match = pattern.search(raw)
        if match:
            return wording.format(*match.groups())
    return "This value is not valid."


def _field_name(item: dict[str, Any]) -> str:
    # Missing or unknown fields are named only inside the message: "Object missing required field `x`".
    match = re.search(r"field `([^`]+)`", str(item.get("message", "")))
    if match:
        return match.group(1)
    key = str(item.get("key") or "")
    return key if key and key != "data" else "body"


def _field_errors(extra: Any) -> list[FieldError]:
    if not isinstance(extra, list):
        return []
    return [
        FieldError(field=_field_name(item), message=_plain_message(str(item.get("message", ""))))
        for item in extra
        if isinstance(item, dict)
    ]


def _detail_for(exc: HTTPException) -> str:
    # Litestar's own messages for 404/405 name the path; keep our own wording instead.
    if exc.status_code == 404:
        return "There is nothing here."
    if exc.status_code == 405:
        return "That method is not allowed here."
    return str(exc.detail)


def http_exception_handler(_: Request[Any, Any, Any], exc: HTTPException) -> Response[Problem]:
    if isinstance(exc, ValidationException):
        errors = _field_errors(exc.extra)
        detail = "Please check the highlighted fields." if errors else "The request body could not be read."
        return problem_response(HTTP_400_BAD_REQUEST, detail, errors)
    headers = {k: v for k, v in (exc.headers or {}).items() if k.lower() == "retry-after"}
    errors = [e for e in exc.extra if isinstance(e, FieldError)] if isinstance(exc.extra, list) else []
    # An exception may name its own problem type (a URI the client recognises, e.g. step-up required).
    problem_type = getattr(exc, "problem_type", "about:blank")
    return problem_response(exc.status_code, _detail_for(exc), errors, headers or None, problem_type)


def _where_raised(exc: BaseException, frames: int = 4) -> str:
    """The last few frames of the traceback as module:function:line, a fixed description of the code
    path that carries none of the values involved (enough to tell one failure from another in CI)."""
    stack = traceback.extract_tb(exc.__traceback__)[-frames:]
    return " < ".join(f"{_module_of(f.filename)}:{f.name}:{f.lineno}" for f in reversed(stack))


def _module_of(filename: str) -> str:
    parts = filename.replace("\\", "/").split("/")
    for anchor in ("site-packages", "backend"):
        if anchor in parts:
            parts = parts[parts.index(anchor) + 1 :]
            break
    return "/".join(parts[-3:]).removesuffix(".py")


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    # The log names the exception type, SQLAlchemy's error code (a fixed id such as "isce") and where it
    # was raised, never the exception text: that can carry user data or SQL.
    code = getattr(exc, "code", None) if isinstance(exc, SQLAlchemyError) else None
    logger.error(
        "unhandled %s%s on %s %s at %s",
        type(exc).__name__,
        f" (code {code})" if isinstance(code, str) else "",
        request.method,
        request.scope.get("path_template", "?"),
        _where_raised(exc),
    )
    return problem_response(HTTP_500_INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again.")
