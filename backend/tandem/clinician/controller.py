"""Routes of clinician links: the patient's own (404 for anyone else) and the public report a link opens."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, HeaderParameter, JSONBody, PathParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member, require_patient
from tandem.clinician.schemas import ClinicianReportOut, LinkCreated, LinkIn, LinkPage
from tandem.clinician.service import ClinicianLinkService, ReportAccess
from tandem.core.config import Settings
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.core.paging import DEFAULT_PAGE_SIZE, CursorText, PageSize
from tandem.core.passwords import PasswordService
from tandem.core.ratelimit import AttemptLimiter
from tandem.core.web_security import client_address


def provide_links(member: NamedDependency[Member], db_session: NamedDependency[AsyncSession]) -> ClinicianLinkService:
    require_patient(member)
    return ClinicianLinkService(db_session, member)


def _passwords(request: Request[Any, Any, Any]) -> PasswordService:
    service: PasswordService = request.app.state.passwords
    return service


class ClinicianLinkController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/clinician-links"
    tags = ["clinician"]
    dependencies = {"links": Provide(provide_links, sync_to_thread=False)}

    @get("", operation_id="listClinicianLinks", responses=problems(*MEMBER_READ))
    async def list_links(
        self,
        links: NamedDependency[ClinicianLinkService],
        cursor: CursorText = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
    ) -> LinkPage:
        """Your links, newest first: period, sections, expiry, and each time one was opened (times only)."""
        return await links.page(cursor, limit)

    @post("", operation_id="createClinicianLink", responses=problems(*MEMBER_WRITE, 409), status_code=HTTP_201_CREATED)
    async def create_link(
        self, request: Request[Any, Any, Any], links: NamedDependency[ClinicianLinkService], data: JSONBody[LinkIn]
    ) -> LinkCreated:
        """A link to your report for a clinician. Its address and code are shown only now."""
        return await links.create(data, _passwords(request))

    @delete(
        "/{clinician_link_id:uuid}",
        operation_id="revokeClinicianLink",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def revoke_link(
        self, links: NamedDependency[ClinicianLinkService], clinician_link_id: FromPath[uuid.UUID]
    ) -> None:
        """Revoke a link at once (or remove an expired one): its address answers 404 from now on."""
        await links.revoke(clinician_link_id)


LinkToken = Annotated[str, PathParameter(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")]
AccessCode = Annotated[
    str | None,
    HeaderParameter(name="x-access-code", required=False, pattern=r"^[0-9]{6}$", description="The link's 6-digit code"),
]


@get(
    "/api/v1/clinician-report/{clinician_token:str}",
    operation_id="openClinicianReport",
    tags=["clinician"],
    responses=problems(400, 401, 404, 429, 503),
)
async def clinician_report(
    request: Request[Any, Any, Any],
    db_session: NamedDependency[AsyncSession],
    limiter: NamedDependency[AttemptLimiter],
    settings: NamedDependency[Settings],
    clinician_token: LinkToken,
    code: AccessCode = None,
) -> ClinicianReportOut:
    """The read-only report a clinician link opens. The token is the only key: no account, no cookie.

    A link with a code answers 401 until the code comes in `X-Access-Code`; wrong codes are limited
    per address, and a link locks for good after a few. Every opening is logged for the patient (the
    time only). Unknown, expired, revoked and locked links answer the same 404.
    """
    access = ReportAccess(db_session, _passwords(request), limiter)
    per_address = settings.rate_limits.limit(settings.rate_limits.clinician_code_per_address)
    return await access.open(clinician_token, code, client_address(request, settings.trusted_proxies), per_address)
