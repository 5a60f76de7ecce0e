"""Read-only guide routes for anyone signed in. Nothing is recorded about who reads what."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter

from tandem.access.identity import Caller
from tandem.core.errors import MEMBER_READ, SIGNED_IN_READ, problems
from tandem.guides.schemas import GuideOut, GuideSummary, SourceOut
from tandem.guides.service import find_guide, list_guides, list_sources

GuideId = Annotated[str, PathParameter(min_length=1, max_length=64)]


class GuidesController(Controller):
    path = "/api/v1/guides"
    tags = ["guides"]

    @get("", operation_id="listGuides", responses=problems(*SIGNED_IN_READ))
    async def list_all(self, caller: NamedDependency[Caller]) -> list[GuideSummary]:
        """Every guide, for both of you, for the patient and for the partner. Both of you can read them all."""
        return list_guides()

    @get("/sources", operation_id="listGuideSources", responses=problems(*SIGNED_IN_READ))
    async def sources(self, caller: NamedDependency[Caller]) -> list[SourceOut]:
        """Every public source the guides cite, each once, with the guides that cite it."""
        return list_sources()

    @get("/{guide_id:str}", operation_id="getGuide", responses=problems(*MEMBER_READ))
    async def one(self, caller: NamedDependency[Caller], guide_id: GuideId) -> GuideOut:
        guide = find_guide(guide_id)
        if guide is None:
            raise NotFoundException()
        return guide
