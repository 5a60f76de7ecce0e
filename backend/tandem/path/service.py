"""The path: turned on privately by each member, ready privately by each, moving on only together.

Privacy rule of this domain: a member's `PathChoice` is read for that member only, with two exceptions,
`_both_turned_on` and `_both_ready`, which answer one yes/no question about both current members at
once. A "not yet", a "turned off" and no answer at all fall out of those questions identically, so the
partner cannot tell them apart by any answer, error or live event. Live events are sent only when
something both members can see changes: the path starts or stops, or the stage changes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from litestar.channels import ChannelsPlugin
from litestar.exceptions import NotFoundException
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.access.membership import Member
from tandem.core.catalog import CatalogCache, SyncReport, read_catalog, sync_rows
from tandem.core.db import utcnow
from tandem.core.errors import Conflict
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.guides.schemas import GuideRef
from tandem.guides.service import all_guides
from tandem.ideas.service import IdeaService, dialect_insert
from tandem.path.models import PathChoice, PathProgress, PathStage, Readiness
from tandem.path.schemas import (
    ABOUT_THE_PATH,
    PathOut,
    PathStatus,
    StageBrief,
    StageEntry,
    StageOut,
    StagePrompt,
)
from tandem.prompts.service import PromptService

CATALOG_FILE = Path(__file__).parent / "data" / "stages.yaml"

NOT_STARTED = "The path starts once you have both turned it on."
LAST_STAGE = "This is the last stage of the path; there is no next stage to be ready for."
FIRST_STAGE = "This is the first stage; there is no earlier stage to go back to."


async def sync_stages(db: AsyncSession) -> SyncReport:
    catalog = read_catalog(CATALOG_FILE, StageEntry)
    rows = [
        {
            "id": item.id,
            "title": item.title,
            "summary": item.summary,
            "description": item.description,
            "includes": list(item.includes),
            "excludes": list(item.excludes),
            "guides": list(item.guides),
            "prompts": list(item.prompts),
            "ideas": list(item.ideas),
            "position": position,
        }
        for position, item in enumerate(catalog.items)
    ]
    return await sync_rows(db, PathStage, rows)


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage as decoded once per process (`STAGES`)."""

    id: str
    title: str
    summary: str
    description: str
    includes: tuple[str, ...]
    excludes: tuple[str, ...]
    guides: tuple[str, ...]
    prompts: tuple[str, ...]
    ideas: tuple[str, ...]
    position: int


@dataclass(frozen=True, slots=True)
class Stages:
    offered: tuple[Stage, ...]
    """The stages still offered, in order."""
    positions: dict[str, int]
    """Every stage's position, retired ones too (a couple may stand on a stage the content retired)."""
    briefs: tuple[StageBrief, ...]


async def _load_stages(db: AsyncSession) -> Stages:
    rows = list(await db.scalars(select(PathStage).order_by(PathStage.position)))
    offered = tuple(
        Stage(
            id=r.id,
            title=r.title,
            summary=r.summary,
            description=r.description,
            includes=tuple(r.includes),
            excludes=tuple(r.excludes),
            guides=tuple(r.guides),
            prompts=tuple(r.prompts),
            ideas=tuple(r.ideas),
            position=r.position,
        )
        for r in rows
        if not r.retired
    )
    return Stages(
        offered=offered,
        positions={r.id: r.position for r in rows},
        briefs=tuple(StageBrief(id=s.id, number=i, title=s.title, summary=s.summary) for i, s in enumerate(offered, 1)),
    )


STAGES = CatalogCache(_load_stages)


class PathService:
    def __init__(self, db: AsyncSession, channels: ChannelsPlugin | None = None) -> None:
        self.db = db
        self.channels = channels

    # --- reading --------------------------------------------------------------------------------
    async def stages(self) -> list[Stage]:
        return list((await STAGES.get(self.db)).offered)

    async def _my_choice(self, member: Member) -> PathChoice | None:
        return await self.db.scalar(reader.own(member, PathChoice))

    async def _both_turned_on(self, member: Member) -> bool:
        """Whether both current members have turned the path on: the only read of the partner's choice."""
        return await reader.both_chose(self.db, member, PathChoice, PathChoice.turned_on.is_(True))

    async def _both_ready(self, member: Member) -> bool:
        """Whether both current members feel ready: the only read of the partner's readiness."""
        return await reader.both_chose(
            self.db, member, PathChoice, PathChoice.turned_on.is_(True), PathChoice.readiness == Readiness.READY
        )

    async def _current_index(self, member: Member, stages: list[Stage]) -> int:
        progress = await self.db.get(PathProgress, member.space_id)
        if progress is None:
            return 0
        positions = {s.id: i for i, s in enumerate(stages)}
        if progress.stage_id in positions:
            return positions[progress.stage_id]
        # The stage was retired from the content: stay at the nearest earlier stage still offered.
        retired = (await STAGES.get(self.db)).positions.get(progress.stage_id)
        earlier = [i for i, s in enumerate(stages) if retired is not None and s.position < retired]
        return earlier[-1] if earlier else 0

    async def stage_out(self, member: Member, stage: Stage, number: int) -> StageOut:
        ideas = IdeaService(self.db)
        ratings = await ideas.my_ratings(member)
        off_limits = await ideas.off_limits(member)
        views = [v for v in [await ideas.find(member, key) for key in stage.ideas] if v is not None]
        prompts = await PromptService(self.db).live(stage.prompts)
        guides = all_guides()
        return StageOut(
            id=stage.id,
            number=number,
            title=stage.title,
            summary=stage.summary,
            description=stage.description,
            includes=list(stage.includes),
            excludes=list(stage.excludes),
            guides=[GuideRef(id=g, title=guides[g].meta.title) for g in stage.guides if g in guides],
            prompts=[StagePrompt(id=p.id, category=p.category, text=p.text) for p in prompts],
            # Left out for both when either member's boundaries set it aside, as in "rate a few".
            ideas=[
                ideas.out(member, v, ratings, off_limits) for v in views if not off_limits.intersection(v.activities)
            ],
        )

    async def one_stage(self, member: Member, stage_id: str) -> StageOut:
        stages = await self.stages()
        for number, stage in enumerate(stages, start=1):
            if stage.id == stage_id:
                return await self.stage_out(member, stage, number)
        raise NotFoundException()

    async def view(self, member: Member) -> PathOut:
        catalog = await STAGES.get(self.db)
        stages = list(catalog.offered)
        mine = await self._my_choice(member)
        turned_on = mine is not None and mine.turned_on
        on = turned_on and await self._both_turned_on(member)
        index = await self._current_index(member, stages) if on else 0
        current = await self.stage_out(member, stages[index], index + 1) if on and stages else None
        return PathOut(
            status=PathStatus.ON if on else PathStatus.OFF,
            turned_on=turned_on,
            stage=current,
            my_readiness=mine.readiness if on and mine is not None else None,
            has_next_stage=on and index + 1 < len(stages),
            can_step_back=on and index > 0,
            stages=list(catalog.briefs),
            about=ABOUT_THE_PATH,
        )

    # --- writing --------------------------------------------------------------------------------
    async def _lock(self, member: Member, stages: list[Stage]) -> PathProgress:
        """The space's progress row, locked: path changes in one space happen one at a time."""
        if not stages:
            raise NotFoundException()
        statement = dialect_insert(self.db)(PathProgress).values(
            space_id=member.space_id, stage_id=stages[0].id, changed_at=utcnow()
        )
        await self.db.execute(statement.on_conflict_do_nothing(index_elements=["space_id"]))
        progress = await self.db.scalar(
            select(PathProgress)
            .where(PathProgress.space_id == member.space_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        assert progress is not None
        return progress

    async def _own_row(self, member: Member) -> PathChoice:
        mine = await self._my_choice(member)
        if mine is None:
            mine = PathChoice(
                id=uuid.uuid4(), space_id=member.space_id, author_id=member.user_id, turned_on=False, readiness=None
            )
            self.db.add(mine)
        return mine

    async def _move_to(self, member: Member, progress: PathProgress, stage: Stage, change: str) -> None:
        progress.stage_id = stage.id
        progress.changed_at = utcnow()
        # A new stage starts with nobody marked ready.
        await self.db.execute(update(PathChoice).where(PathChoice.space_id == member.space_id).values(readiness=None))
        self._signal(member, change)

    def _signal(self, member: Member, change: str) -> None:
        if self.channels is not None:
            emit(self.db, self.channels, member.space_id, EventKind.PATH, change)

    async def set_turned_on(self, member: Member, turned_on: bool) -> PathOut:
        stages = await self.stages()
        await self._lock(member, stages)
        was_on = await self._both_turned_on(member)
        mine = await self._own_row(member)
        mine.turned_on = turned_on
        mine.updated_at = utcnow()
        if not turned_on:
            mine.readiness = None
        await self.db.flush()
        now_on = await self._both_turned_on(member)
        if now_on and not was_on:
            # A fresh start (or a return): nobody is marked ready yet.
            await self.db.execute(
                update(PathChoice).where(PathChoice.space_id == member.space_id).values(readiness=None)
            )
            self._signal(member, "started")
        elif was_on and not now_on:
            self._signal(member, "stopped")
        await self.db.flush()
        return await self.view(member)

    async def set_readiness(self, member: Member, answer: Readiness) -> PathOut:
        stages = await self.stages()
        progress = await self._lock(member, stages)
        if not await self._both_turned_on(member):
            raise Conflict(detail=NOT_STARTED)
        index = await self._current_index(member, stages)
        if index + 1 >= len(stages):
            raise Conflict(detail=LAST_STAGE)
        mine = await self._own_row(member)
        mine.readiness = answer
        mine.updated_at = utcnow()
        await self.db.flush()
        if await self._both_ready(member):
            await self._move_to(member, progress, stages[index + 1], "moved_on")
        await self.db.flush()
        return await self.view(member)

    async def clear_readiness(self, member: Member) -> None:
        await self._lock(member, await self.stages())
        mine = await self._my_choice(member)
        if mine is not None and mine.readiness is not None:
            mine.readiness = None
            mine.updated_at = utcnow()
            await self.db.flush()

    async def step_back(self, member: Member) -> PathOut:
        """Either member, alone, without a reason."""
        stages = await self.stages()
        progress = await self._lock(member, stages)
        if not await self._both_turned_on(member):
            raise Conflict(detail=NOT_STARTED)
        index = await self._current_index(member, stages)
        if index == 0:
            raise Conflict(detail=FIRST_STAGE)
        await self._move_to(member, progress, stages[index - 1], "stepped_back")
        await self.db.flush()
        return await self.view(member)


async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    """The user's own path choices. Nothing about the partner's choices, which are theirs alone."""
    choices = await db.scalars(reader.own(scope.members, PathChoice))
    return {
        "authored": {
            "choices": [
                {
                    "space_id": str(c.space_id),
                    "turned_on": c.turned_on,
                    "readiness": c.readiness.value if c.readiness is not None else None,
                    "updated_at": c.updated_at.isoformat(),
                }
                for c in choices
            ]
        }
    }
