"""The prompt library: catalog sync, browsing, full-text search, surprise picks and the couple's marks."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from litestar.exceptions import NotFoundException
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.catalog import CatalogError, CatalogFile, SyncReport, read_catalog, sync_rows
from tandem.core.db import utcnow
from tandem.core.errors import bad_field
from tandem.prompts.models import Conversation, Prompt, PromptCategory, PromptDepth, PromptFavourite, PromptTalked
from tandem.prompts.schemas import (
    PromptCategoryEntry,
    PromptCategoryOut,
    PromptEntry,
    PromptOut,
    PromptPage,
    SurprisePick,
)
from tandem.reveal.models import RevealRound
from tandem.search.index import Document, replace_documents, search

DATA = Path(__file__).parent / "data"
CATEGORIES_FILE = DATA / "prompt_categories.yaml"
PROMPTS_FILE = DATA / "prompts.yaml"
EARLIEST_TALK = date(2000, 1, 1)
SEARCH_KIND = "prompt"
NO_SEARCH_WORDS = "Search for a word that says more, like “touch” or “worry”."


# --- catalog files ----------------------------------------------------------------------------


def read_prompt_categories(path: Path = CATEGORIES_FILE) -> CatalogFile[PromptCategoryEntry]:
    return read_catalog(path, PromptCategoryEntry)


def read_prompts(path: Path = PROMPTS_FILE, categories_path: Path = CATEGORIES_FILE) -> CatalogFile[PromptEntry]:
    catalog = read_catalog(path, PromptEntry)
    known = {c.id for c in read_prompt_categories(categories_path).items}
    unknown = sorted({p.category for p in catalog.items} - known)
    if unknown:
        raise CatalogError(f"{path.name}: unknown categories {unknown}")
    return catalog


async def sync_prompt_categories(db: AsyncSession) -> SyncReport:
    rows = [
        {"id": c.id, "title": c.title, "description": c.description, "position": position}
        for position, c in enumerate(read_prompt_categories().items)
    ]
    return await sync_rows(db, PromptCategory, rows)


async def sync_prompts(db: AsyncSession) -> SyncReport:
    rows = [
        {
            "id": p.id,
            "category_id": p.category,
            "depth": p.depth,
            "text": p.text.strip(),
            "follow_up": p.follow_up.strip() if p.follow_up else None,
            "tags": list(p.tags),
            "position": position,
        }
        for position, p in enumerate(read_prompts().items)
    ]
    return await sync_rows(db, Prompt, rows)


async def index_prompts(db: AsyncSession) -> SyncReport:
    """The search index of the prompts: the prompt as title; its follow-up, tags and category as body."""
    titles = {c.id: c.title for c in read_prompt_categories().items}
    catalog = read_prompts()
    documents = [
        Document(doc_id=p.id, title=p.text, body=" ".join([p.follow_up or "", " ".join(p.tags), titles[p.category]]))
        for p in catalog.items
    ]
    return await replace_documents(db, SEARCH_KIND, catalog.version, documents)


# --- browsing ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Marks:
    """The couple's favourites and "we talked about this" days."""

    favourites: set[str]
    talked: dict[str, date]


@dataclass(frozen=True, slots=True)
class Filters:
    categories: Sequence[str] = ()
    depths: Sequence[PromptDepth] = ()
    query: str | None = None
    favourites_only: bool = False
    talked: bool | None = None


class PromptService:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def categories(self) -> list[PromptCategoryOut]:
        counted = await self.db.execute(
            select(Prompt.category_id, func.count()).where(Prompt.retired.is_(False)).group_by(Prompt.category_id)
        )
        counts = {category_id: count for category_id, count in counted}
        rows = await self.db.scalars(
            select(PromptCategory).where(PromptCategory.retired.is_(False)).order_by(PromptCategory.position)
        )
        return [
            PromptCategoryOut(id=c.id, title=c.title, description=c.description, prompt_count=counts.get(c.id, 0))
            for c in rows
        ]

    async def marks(self, member: Member) -> Marks:
        favourites = await self.db.scalars(
            select(PromptFavourite.prompt_id).where(PromptFavourite.space_id == member.space_id)
        )
        talked = await self.db.execute(
            select(PromptTalked.prompt_id, PromptTalked.talked_on).where(PromptTalked.space_id == member.space_id)
        )
        return Marks(favourites=set(favourites), talked={prompt_id: on for prompt_id, on in talked})

    async def _library(self, filters: Filters) -> list[tuple[Prompt, str]]:
        if filters.categories:
            known = set(await self.db.scalars(select(PromptCategory.id).where(PromptCategory.retired.is_(False))))
            if not set(filters.categories) <= known:
                raise bad_field("category", "Please choose categories from the list.")
        query = (
            select(Prompt, PromptCategory.title)
            .join(PromptCategory, PromptCategory.id == Prompt.category_id)
            .where(Prompt.retired.is_(False), PromptCategory.retired.is_(False))
            .order_by(PromptCategory.position, Prompt.position)
        )
        if filters.categories:
            query = query.where(Prompt.category_id.in_(filters.categories))
        if filters.depths:
            query = query.where(Prompt.depth.in_(filters.depths))
        return [(prompt, title) for prompt, title in await self.db.execute(query)]

    async def browse(self, member: Member, filters: Filters, limit: int, offset: int) -> PromptPage:
        marks = await self.marks(member)
        found = [
            (p, title)
            for p, title in await self._library(filters)
            if (not filters.favourites_only or p.id in marks.favourites)
            and (filters.talked is None or (p.id in marks.talked) == filters.talked)
        ]
        if filters.query:
            scores = await search(self.db, SEARCH_KIND, filters.query)
            if scores is None:
                raise bad_field("q", NO_SEARCH_WORDS)
            ranked = sorted(
                ((scores[p.id].rank, i, p, title) for i, (p, title) in enumerate(found) if p.id in scores),
                key=lambda r: (r[0], r[1]),
            )
            found = [(p, title) for _, _, p, title in ranked]
        return PromptPage(
            items=[_out(p, title, marks) for p, title in found[offset : offset + limit]], total=len(found)
        )

    async def surprise(
        self, member: Member, categories: Sequence[str], depths: Sequence[PromptDepth], skip: Sequence[str]
    ) -> SurprisePick:
        """A prompt from the chosen categories the couple hasn't discussed yet (nor skipped just now).

        Discussed means marked "we talked about this" or answered together in a revealed conversation.

        The pick is random but stable for the same couple, day and skipped prompts, so reading it twice
        gives the same answer; "another one" passes the prompt shown before in `skip`.
        """
        marks = await self.marks(member)
        avoided = set(skip) | set(marks.talked) | await self._answered_together(member)
        candidates = [
            (p, title)
            for p, title in await self._library(Filters(categories=categories, depths=depths))
            if p.id not in avoided
        ]
        if not candidates:
            return SurprisePick(prompt=None)
        seed = f"{member.space_id}:{utcnow().date()}:{','.join(sorted(skip))}"
        prompt, title = random.Random(seed).choice(candidates)  # noqa: S311 (a pick, not a secret)
        return SurprisePick(prompt=_out(prompt, title, marks))

    async def _answered_together(self, member: Member) -> set[str]:
        """Prompts the couple has already discussed in a conversation (both answers revealed)."""
        rows = await self.db.scalars(
            select(Conversation.prompt_id)
            .join(RevealRound, RevealRound.id == Conversation.round_id)
            .where(Conversation.space_id == member.space_id, RevealRound.revealed_at.is_not(None))
        )
        return set(rows)

    async def get(self, member: Member, prompt_id: str, *, include_retired: bool = False) -> PromptOut:
        prompt, title = await self.find(prompt_id, include_retired=include_retired)
        return _out(prompt, title, await self.marks(member))

    async def find(self, prompt_id: str, *, include_retired: bool = False) -> tuple[Prompt, str]:
        """A prompt of the library; a retired one only for conversations that already used it."""
        query = (
            select(Prompt, PromptCategory.title)
            .join(PromptCategory, PromptCategory.id == Prompt.category_id)
            .where(Prompt.id == prompt_id)
        )
        if not include_retired:
            query = query.where(Prompt.retired.is_(False))
        row = (await self.db.execute(query)).first()
        if row is None:
            raise NotFoundException()
        prompt, title = row
        return prompt, title

    # --- the couple's marks --------------------------------------------------------------------

    async def set_favourite(self, member: Member, prompt_id: str, favourite: bool) -> PromptOut:
        await self.find(prompt_id)
        if favourite:
            await self._insert_once(PromptFavourite(space_id=member.space_id, prompt_id=prompt_id))
        else:
            await self.db.execute(
                delete(PromptFavourite).where(
                    PromptFavourite.space_id == member.space_id, PromptFavourite.prompt_id == prompt_id
                )
            )
        return await self.get(member, prompt_id)

    async def set_talked(self, member: Member, prompt_id: str, on: date | None) -> PromptOut:
        await self.find(prompt_id)
        if on is None:
            await self.db.execute(
                delete(PromptTalked).where(
                    PromptTalked.space_id == member.space_id, PromptTalked.prompt_id == prompt_id
                )
            )
            return await self.get(member, prompt_id)
        # A day later than UTC's today is fine: it may already be tomorrow where the couple lives.
        if on > utcnow().date() + timedelta(days=1) or on < EARLIEST_TALK:
            raise bad_field("on", "Choose a day that has already come.")
        mark = await self.db.scalar(
            select(PromptTalked).where(PromptTalked.space_id == member.space_id, PromptTalked.prompt_id == prompt_id)
        )
        if mark is not None:
            mark.talked_on = on
            await self.db.flush()
        elif not await self._insert_once(PromptTalked(space_id=member.space_id, prompt_id=prompt_id, talked_on=on)):
            # The partner marked it a moment ago: update theirs, once (never a loop). Should they have removed
            # it again meanwhile, nothing is updated: as if their removal came just after this.
            await self.db.execute(
                update(PromptTalked)
                .where(PromptTalked.space_id == member.space_id, PromptTalked.prompt_id == prompt_id)
                .values(talked_on=on)
                .execution_options(synchronize_session="fetch")
            )
        return await self.get(member, prompt_id)

    async def mark_talked_if_unmarked(self, member: Member, prompt_id: str, on: date) -> None:
        await self._insert_once(PromptTalked(space_id=member.space_id, prompt_id=prompt_id, talked_on=on))

    async def _insert_once(self, row: PromptFavourite | PromptTalked) -> bool:
        """Insert unless the couple's mark exists already (both members may click at the same moment)."""
        try:
            async with self.db.begin_nested():
                self.db.add(row)
                await self.db.flush()
        except IntegrityError:
            return False
        return True


def _out(prompt: Prompt, category_title: str, marks: Marks) -> PromptOut:
    return PromptOut(
        id=prompt.id,
        category=prompt.category_id,
        category_title=category_title,
        depth=prompt.depth,
        text=prompt.text,
        follow_up=prompt.follow_up,
        tags=list(prompt.tags),
        favourite=prompt.id in marks.favourites,
        talked_on=marks.talked.get(prompt.id),
    )
