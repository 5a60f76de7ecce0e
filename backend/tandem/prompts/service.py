"""The prompt library: catalog sync, browsing, full-text search, surprise picks and the couple's marks."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import msgspec
from litestar.exceptions import NotFoundException
from sqlalchemy import bindparam, delete, null, select, union_all, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.catalog import CatalogCache, CatalogError, CatalogFile, SyncReport, read_catalog, sync_rows
from tandem.core.db import utcnow
from tandem.core.errors import bad_field
from tandem.core.mapping import from_row
from tandem.core.paging import SortKey, decode_key_cursor, key_page
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


class PromptView(msgspec.Struct, frozen=True):
    """A prompt of the library, decoded once: `out` is what is sent when the couple has no mark on it."""

    out: PromptOut
    category_position: int
    position: int

    @property
    def id(self) -> str:
        return self.out.id

    @property
    def order(self) -> tuple[int, int, str]:
        return (self.category_position, self.position, self.out.id)


class Library(msgspec.Struct, frozen=True):
    """The prompt library as decoded once per process (live prompts of live categories, in order)."""

    prompts: tuple[PromptView, ...]
    by_id: dict[str, PromptView]
    categories: tuple[PromptCategoryOut, ...]


async def _load_library(db: AsyncSession) -> Library:
    categories = list(
        await db.scalars(
            select(PromptCategory).where(PromptCategory.retired.is_(False)).order_by(PromptCategory.position)
        )
    )
    places = {c.id: (position, c.title) for position, c in enumerate(categories)}
    rows = await db.scalars(select(Prompt).where(Prompt.retired.is_(False)))
    prompts = sorted((_view(p, *places[p.category_id]) for p in rows if p.category_id in places), key=lambda v: v.order)
    counts = Counter(v.out.category for v in prompts)
    return Library(
        prompts=tuple(prompts),
        by_id={v.id: v for v in prompts},
        categories=tuple(from_row(PromptCategoryOut, c, prompt_count=counts[c.id]) for c in categories),
    )


def _view(prompt: Prompt, category_position: int, category_title: str) -> PromptView:
    return PromptView(
        out=from_row(
            PromptOut,
            prompt,
            category=prompt.category_id,
            category_title=category_title,
            favourite=False,
            talked_on=None,
        ),
        category_position=category_position,
        position=prompt.position,
    )


LIBRARY = CatalogCache(_load_library)
# Built once, with bound parameters: the couple's favourites (no day) and talked-about prompts (their day).
_MARKS = union_all(
    select(PromptFavourite.prompt_id, null().cast(PromptTalked.talked_on.type).label("talked_on")).where(
        PromptFavourite.space_id == bindparam("space_id")
    ),
    select(PromptTalked.prompt_id, PromptTalked.talked_on).where(PromptTalked.space_id == bindparam("space_id")),
)
# Built once, with bound parameters: whether the couple marked one prompt a favourite, and when talked about.
_MARKS_OF = select(
    select(PromptFavourite.id)
    .where(PromptFavourite.space_id == bindparam("space_id"), PromptFavourite.prompt_id == bindparam("prompt_id"))
    .exists()
    .label("favourite"),
    select(PromptTalked.talked_on)
    .where(PromptTalked.space_id == bindparam("space_id"), PromptTalked.prompt_id == bindparam("prompt_id"))
    .scalar_subquery()
    .label("talked_on"),
)
# The cursor of the browsing list: the order of its last prompt, after its search rank when searching.
ORDER_SHAPE: tuple[type, ...] = (int, int, str)
SEARCH_ORDER_SHAPE: tuple[type, ...] = (int, int, *ORDER_SHAPE)


@dataclass(frozen=True, slots=True)
class Marks:
    """The couple's favourites and "we talked about this" days."""

    favourites: set[str]
    talked: dict[str, date]

    def out(self, view: PromptView) -> PromptOut:
        """The prompt with the couple's marks: the only fields computed per request."""
        favourite = view.id in self.favourites
        talked_on = self.talked.get(view.id)
        if not favourite and talked_on is None:
            return view.out
        return msgspec.structs.replace(view.out, favourite=favourite, talked_on=talked_on)


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
        return list((await LIBRARY.get(self.db)).categories)

    async def live(self, ids: Sequence[str]) -> list[PromptOut]:
        """The library's live prompts among `ids`, in the order given (without the couple's marks)."""
        by_id = (await LIBRARY.get(self.db)).by_id
        return [by_id[i].out for i in ids if i in by_id]

    async def marks(self, member: Member) -> Marks:
        favourites: set[str] = set()
        talked: dict[str, date] = {}
        for prompt_id, talked_on in await self.db.execute(_MARKS, {"space_id": member.space_id}):
            if talked_on is None:
                favourites.add(prompt_id)
            else:
                talked[prompt_id] = talked_on
        return Marks(favourites=favourites, talked=talked)

    async def offered_depths(self) -> list[tuple[str, PromptDepth]]:
        """Each offered prompt (live, in a live category) with its depth, from the decoded library."""
        return [(v.id, v.out.depth) for v in (await LIBRARY.get(self.db)).prompts]

    async def _library(self, filters: Filters) -> list[PromptView]:
        library = await LIBRARY.get(self.db)
        if filters.categories and not {c.id for c in library.categories}.issuperset(filters.categories):
            raise bad_field("category", "Please choose categories from the list.")
        categories = set(filters.categories)
        depths = set(filters.depths)
        return [
            v
            for v in library.prompts
            if (not categories or v.out.category in categories) and (not depths or v.out.depth in depths)
        ]

    async def browse(self, member: Member, filters: Filters, limit: int, cursor: str | None) -> PromptPage:
        after = decode_key_cursor(cursor, SEARCH_ORDER_SHAPE if filters.query else ORDER_SHAPE)
        marks = await self.marks(member)
        found = [
            v
            for v in await self._library(filters)
            if (not filters.favourites_only or v.id in marks.favourites)
            and (filters.talked is None or (v.id in marks.talked) == filters.talked)
        ]
        key: Callable[[PromptView], SortKey]
        if filters.query:
            scores = await search(self.db, SEARCH_KIND, filters.query)
            if scores is None:
                raise bad_field("q", NO_SEARCH_WORDS)

            def key(v: PromptView) -> SortKey:
                return (*scores[v.id].rank, *v.order)

            found = sorted((v for v in found if v.id in scores), key=key)
        else:

            def key(v: PromptView) -> SortKey:
                return v.order

        page, next_cursor = key_page(found, limit, key, after)
        return PromptPage(items=[marks.out(v) for v in page], next_cursor=next_cursor)

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
            v for v in await self._library(Filters(categories=categories, depths=depths)) if v.id not in avoided
        ]
        if not candidates:
            return SurprisePick(prompt=None)
        seed = f"{member.space_id}:{utcnow().date()}:{','.join(sorted(skip))}"
        view = random.Random(seed).choice(candidates)  # noqa: S311 (a pick, not a secret)
        return SurprisePick(prompt=marks.out(view))

    async def _answered_together(self, member: Member) -> set[str]:
        """Prompts the couple has already discussed in a conversation (both answers revealed)."""
        rows = await self.db.scalars(
            select(Conversation.prompt_id)
            .join(RevealRound, RevealRound.id == Conversation.round_id)
            .where(Conversation.space_id == member.space_id, RevealRound.revealed_at.is_not(None))
        )
        return set(rows)

    async def get(self, member: Member, prompt_id: str, *, include_retired: bool = False) -> PromptOut:
        view = await self.find(prompt_id, include_retired=include_retired)
        return (await self.marks_of(member, prompt_id)).out(view)

    async def marks_of(self, member: Member, prompt_id: str) -> Marks:
        """The couple's marks on one prompt, in one statement."""
        favourite, talked_on = (
            await self.db.execute(_MARKS_OF, {"space_id": member.space_id, "prompt_id": prompt_id})
        ).one()
        return Marks(
            favourites={prompt_id} if favourite else set(),
            talked={} if talked_on is None else {prompt_id: talked_on},
        )

    async def find(self, prompt_id: str, *, include_retired: bool = False) -> PromptView:
        """A prompt of the library; a retired one only for conversations that already used it."""
        view = (await LIBRARY.get(self.db)).by_id.get(prompt_id)
        if view is not None:
            return view
        if not include_retired:
            raise NotFoundException()
        # Retired (or in a retired category): read as it was, for the conversations that used it.
        row = (
            await self.db.execute(
                select(Prompt, PromptCategory.position, PromptCategory.title)
                .join(PromptCategory, PromptCategory.id == Prompt.category_id)
                .where(Prompt.id == prompt_id)
            )
        ).first()
        if row is None:
            raise NotFoundException()
        prompt, category_position, category_title = row
        return _view(prompt, category_position, category_title)

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
