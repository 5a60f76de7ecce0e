"""The idea library, custom ideas, private ratings and mutual matches.

Privacy rule of this domain: a member's ratings are read for that member only, with one exception,
`_mutual_keys` (through `access.reader.mutual_choices`), which computes the ideas both current
members rated yes or maybe. It never returns anything else, and a "not now" is filtered out in the
same SQL condition as a missing rating, so the partner cannot tell the two apart by any answer,
count, ordering or error.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import msgspec
from litestar.channels import ChannelsPlugin
from litestar.exceptions import NotFoundException
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.access.membership import Member
from tandem.activities.models import Activity
from tandem.boundaries.service import activities_off_limits
from tandem.core.catalog import CatalogCache, SyncReport, read_catalog, sync_rows
from tandem.core.db import utcnow
from tandem.core.errors import Conflict, bad_field
from tandem.core.locks import lock_parent
from tandem.core.mapping import from_row
from tandem.core.paging import SortKey, decode_key_cursor, key_page
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.ideas.models import CUSTOM_PREFIX, CustomIdea, Idea, IdeaCategory, IdeaRating, MatchSeen, RatingValue
from tandem.ideas.schemas import CustomIdeaIn, IdeaEntry, IdeaOut, IdeaPage, Matches, RatingOut
from tandem.search.index import Document, Score, replace_documents, score_text, search
from tandem.sharing.listing import SharedRows, each
from tandem.sharing.schemas import SharedItem
from tandem.spaces.models import Space

CATALOG_FILE = Path(__file__).parent / "data" / "ideas.yaml"
POSITIVE = (RatingValue.YES, RatingValue.MAYBE)
# Ideas of their own a space can keep (a bound on storage, far above what a couple writes).
MAX_CUSTOM_IDEAS = 100
SEARCH_KIND = "idea"
NO_SEARCH_WORDS = "Search for a word that says more, like “massage” or “walk”."


def dialect_insert(db: AsyncSession) -> Any:
    """The INSERT construct with ON CONFLICT support for the session's database (PostgreSQL or SQLite)."""
    return postgresql_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert


class RatingFilter(StrEnum):
    """Filter the library by your own rating."""

    YES = "yes"
    MAYBE = "maybe"
    NOT_NOW = "not_now"
    UNRATED = "unrated"


class Source(StrEnum):
    ALL = "all"
    LIBRARY = "library"
    CUSTOM = "custom"


async def sync_ideas(db: AsyncSession) -> SyncReport:
    catalog = read_catalog(CATALOG_FILE, IdeaEntry)
    rows = [
        {
            "id": item.id,
            "title": item.title,
            "description": item.description,
            "category": item.category,
            "closeness": item.closeness,
            "duration_minutes": item.duration_minutes,
            "needs": list(item.needs),
            "activities": list(item.activities),
            "position": position,
        }
        for position, item in enumerate(catalog.items)
    ]
    return await sync_rows(db, Idea, rows)


def _searched_body(description: str, needs: list[str], category: str) -> str:
    return " ".join([description, *needs, category])


async def index_ideas(db: AsyncSession) -> SyncReport:
    """The search index of the library's ideas (ideas members add are searched as they are read, see `library`)."""
    catalog = read_catalog(CATALOG_FILE, IdeaEntry)
    documents = [
        Document(doc_id=i.id, title=i.title, body=_searched_body(i.description, list(i.needs), str(i.category)))
        for i in catalog.items
    ]
    return await replace_documents(db, SEARCH_KIND, catalog.version, documents)


class IdeaView(msgspec.Struct, frozen=True):
    """A library idea or a custom idea, in one shape: `out` is what is sent to a member who has not
    rated it, did not write it and sets nothing in it aside (the common case, sent as it is)."""

    out: IdeaOut
    activities: frozenset[str]
    custom_id: uuid.UUID | None
    author_id: uuid.UUID | None
    order: tuple[int, int, float, str]

    @property
    def key(self) -> str:
        return self.out.id

    @property
    def custom(self) -> bool:
        return self.custom_id is not None

    # The idea's own fields, read where it is filtered (and where plans are made from it).
    @property
    def title(self) -> str:
        return self.out.title

    @property
    def category(self) -> IdeaCategory:
        return self.out.category

    @property
    def closeness(self) -> int:
        return self.out.closeness

    @property
    def duration_minutes(self) -> int:
        return self.out.duration_minutes


# What every member sees alike; `IdeaService.out` adds the viewer's own rating and marks.
_UNMARKED = {"added_by_me": False, "set_aside": False, "my_rating": None}


def _from_catalog(idea: Idea) -> IdeaView:
    return IdeaView(
        out=from_row(IdeaOut, idea, custom=False, **_UNMARKED),
        activities=frozenset(idea.activities),
        custom_id=None,
        author_id=None,
        order=(idea.closeness, 0, float(idea.position), idea.id),
    )


def _from_custom(idea: CustomIdea) -> IdeaView:
    return IdeaView(
        out=from_row(IdeaOut, idea, id=idea.key, custom=True, **_UNMARKED),
        activities=frozenset(idea.activities),
        custom_id=idea.id,
        author_id=idea.author_id,
        order=(idea.closeness, 1, idea.created_at.timestamp(), idea.key),
    )


class Library(msgspec.Struct, frozen=True):
    """The library's ideas as decoded once per process: in order, and by id."""

    ideas: tuple[IdeaView, ...]
    by_key: dict[str, IdeaView]


async def _load_library(db: AsyncSession) -> Library:
    rows = await db.scalars(select(Idea).where(Idea.retired.is_(False)))
    views = tuple(sorted((_from_catalog(i) for i in rows), key=_order))
    return Library(ideas=views, by_key={v.key: v for v in views})


def _order(view: IdeaView) -> tuple[int, int, float, str]:
    return view.order


LIBRARY = CatalogCache(_load_library)
# The cursor of the library list: the order of its last idea, after its search rank when searching.
ORDER_SHAPE: tuple[type, ...] = (int, int, float, str)
SEARCH_ORDER_SHAPE: tuple[type, ...] = (int, int, *ORDER_SHAPE)


def custom_id_of(key: str) -> uuid.UUID | None:
    if not key.startswith(CUSTOM_PREFIX):
        return None
    try:
        return uuid.UUID(key[len(CUSTOM_PREFIX) :])
    except ValueError:
        return None


def custom_key(key: str) -> uuid.UUID:
    """A custom idea's id as the API returns it ("custom-<uuid>") or its bare uuid; anything else is unknown."""
    found = custom_id_of(key) if key.startswith(CUSTOM_PREFIX) else custom_id_of(CUSTOM_PREFIX + key)
    if found is None:
        raise NotFoundException()
    return found


# The reads every ideas page makes, built once with the member as bound parameters.
_CUSTOM_IDEAS = reader.readable_bound(CustomIdea)
_MY_RATINGS = reader.own_bound(IdeaRating, IdeaRating.idea_key, IdeaRating.value)
_MATCHES_SEEN = reader.own_bound(MatchSeen, MatchSeen.idea_key)


class IdeaService:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    # --- reading ideas ------------------------------------------------------------------------
    async def all_ideas(self, member: Member) -> list[IdeaView]:
        library = await LIBRARY.get(self.db)
        rows = await self.db.scalars(_CUSTOM_IDEAS, reader.member_parameters(member))
        custom = sorted((_from_custom(i) for i in rows), key=_order)
        if not custom:
            return list(library.ideas)
        return list(heapq.merge(library.ideas, custom, key=_order))

    async def find(self, member: Member, key: str) -> IdeaView | None:
        custom_id = custom_id_of(key)
        if custom_id is not None:
            custom = await reader.get_readable(self.db, member, CustomIdea, custom_id)
            return _from_custom(custom) if custom is not None else None
        return (await LIBRARY.get(self.db)).by_key.get(key)

    async def get(self, member: Member, key: str) -> IdeaView:
        view = await self.find(member, key)
        if view is None:
            raise NotFoundException()
        return view

    async def my_ratings(self, member: Member) -> dict[str, RatingValue]:
        rows = await self.db.execute(_MY_RATINGS, reader.member_parameters(member))
        return {key: value for key, value in rows}

    async def off_limits(self, member: Member) -> set[str]:
        return await activities_off_limits(self.db, member)

    def out(self, member: Member, view: IdeaView, ratings: dict[str, RatingValue], off_limits: set[str]) -> IdeaOut:
        """The idea as this member sees it: only their own rating and marks are computed here."""
        my_rating = ratings.get(view.key)
        set_aside = not view.activities.isdisjoint(off_limits)
        added_by_me = view.author_id is not None and view.author_id == member.user_id
        if my_rating is None and not set_aside and not added_by_me:
            return view.out
        return msgspec.structs.replace(view.out, my_rating=my_rating, set_aside=set_aside, added_by_me=added_by_me)

    async def one(self, member: Member, key: str) -> IdeaOut:
        view = await self.get(member, key)
        return self.out(member, view, await self.my_ratings(member), await self.off_limits(member))

    async def library(
        self,
        member: Member,
        *,
        category: IdeaCategory | None = None,
        closeness: int | None = None,
        max_minutes: int | None = None,
        query: str | None = None,
        source: Source = Source.ALL,
        rating: RatingFilter | None = None,
        limit: int = 20,
        cursor: str | None = None,
    ) -> IdeaPage:
        searching = bool(query and query.strip())
        after = decode_key_cursor(cursor, SEARCH_ORDER_SHAPE if searching else ORDER_SHAPE)
        ratings = await self.my_ratings(member)
        off_limits = await self.off_limits(member)
        views = await self.all_ideas(member)
        scores = await self._search(query, views) if query and searching else None
        chosen = []
        for view in views:
            if category is not None and view.category != category:
                continue
            if closeness is not None and view.closeness != closeness:
                continue
            if max_minutes is not None and view.duration_minutes > max_minutes:
                continue
            if (source == Source.LIBRARY and view.custom) or (source == Source.CUSTOM and not view.custom):
                continue
            if scores is not None and view.key not in scores:
                continue
            if rating is not None:
                mine = ratings.get(view.key)
                if (mine.value if mine else RatingFilter.UNRATED.value) != rating.value:
                    continue
            chosen.append(view)
        key: Callable[[IdeaView], SortKey]
        if scores is not None:
            # Best first; equal scores keep the gentlest first.
            def key(v: IdeaView) -> SortKey:
                return (*scores[v.key].rank, *v.order)

            chosen.sort(key=key)
        else:

            def key(v: IdeaView) -> SortKey:
                return v.order

        page, next_cursor = key_page(chosen, limit, key, after)
        return IdeaPage(items=[self.out(member, v, ratings, off_limits) for v in page], next_cursor=next_cursor)

    async def _search(self, query: str, views: list[IdeaView]) -> dict[str, Score]:
        """Scores of the ideas matching `query`: the library's from the index, the couple's own in Python.

        Ideas members write come read through the scoped reader (all_ideas) and are never searched in
        SQL: their text may be stored encrypted.
        """
        scores = await search(self.db, SEARCH_KIND, query)
        if scores is None:
            raise bad_field("q", NO_SEARCH_WORDS)
        for view in views:
            if view.custom:
                idea = view.out
                found = score_text(query, idea.title, _searched_body(idea.description, idea.needs, str(idea.category)))
                if found is not None:
                    scores[view.key] = found
        return scores

    async def queue(self, member: Member, limit: int) -> list[IdeaOut]:
        """ "Rate a few": ideas I have not rated yet, leaving out those set aside, gentlest first."""
        ratings = await self.my_ratings(member)
        off_limits = await self.off_limits(member)
        waiting = [
            v for v in await self.all_ideas(member) if v.key not in ratings and v.activities.isdisjoint(off_limits)
        ]
        return [self.out(member, v, ratings, off_limits) for v in waiting[:limit]]

    # --- ratings ------------------------------------------------------------------------------
    async def rate(
        self, member: Member, key: str, value: RatingValue, channels: ChannelsPlugin | None = None
    ) -> RatingOut:
        view = await self.get(member, key)
        matched_before = await self.matched_idea(member, view.key) is not None
        statement = dialect_insert(self.db)(IdeaRating).values(
            id=uuid.uuid4(),
            author_id=member.user_id,
            space_id=member.space_id,
            idea_key=view.key,
            custom_idea_id=view.custom_id,
            value=value,
            updated_at=utcnow(),
        )
        # One atomic statement: concurrent ratings of the same idea never lose one nor fail.
        statement = statement.on_conflict_do_update(
            index_elements=["space_id", "author_id", "idea_key"],
            set_={"value": statement.excluded.value, "updated_at": statement.excluded.updated_at},
        )
        try:
            async with self.db.begin_nested():
                await self.db.execute(statement)
        except IntegrityError as exc:
            # The custom idea was deleted in the meantime.
            raise NotFoundException() from exc
        if channels is not None and not matched_before and await self.matched_idea(member, view.key) is not None:
            # Only a match both made is news: one member's "yes" alone never makes a signal. The signal
            # names no idea; each page refetches its matches.
            emit(self.db, channels, member.space_id, EventKind.MATCH, "matched")
        return RatingOut(idea_id=view.key, value=value)

    async def unrate(self, member: Member, key: str) -> None:
        view = await self.get(member, key)
        await self.db.execute(
            delete(IdeaRating).where(
                IdeaRating.space_id == member.space_id,
                IdeaRating.author_id == member.user_id,
                IdeaRating.idea_key == view.key,
            )
        )

    # --- matches ------------------------------------------------------------------------------
    async def _mutual_keys(self, member: Member) -> dict[str, bool]:
        """Ideas both current members rated yes or maybe: {idea key: both said yes}.

        The only read of the partner's ratings. Anything but yes/maybe (a "not now", or no rating
        at all) falls out in the same WHERE clause.
        """
        rows = await reader.mutual_choices(self.db, member, IdeaRating, IdeaRating.idea_key, IdeaRating.value, POSITIVE)
        return {key: (a == RatingValue.YES and b == RatingValue.YES) for key, (a, b) in rows.items()}

    async def matches(self, member: Member) -> Matches:
        mutual = await self._mutual_keys(member)
        ratings = await self.my_ratings(member)
        off_limits = await self.off_limits(member)
        both_yes: list[IdeaOut] = []
        open_to_it: list[IdeaOut] = []
        for view in await self.all_ideas(member):
            if view.key not in mutual or not view.activities.isdisjoint(off_limits):
                continue
            (both_yes if mutual[view.key] else open_to_it).append(self.out(member, view, ratings, off_limits))
        shown = [idea.id for idea in (*both_yes, *open_to_it)]
        seen = await self._seen(member)
        return Matches(both_yes=both_yes, open_to_it=open_to_it, new_ids=[key for key in shown if key not in seen])

    async def _seen(self, member: Member) -> set[str]:
        return set(await self.db.scalars(_MATCHES_SEEN, reader.member_parameters(member)))

    async def mark_seen(self, member: Member, keys: list[str]) -> None:
        """Remember that this member has seen these matches, so "new match" shows once. Others are ignored."""
        mutual = await self._mutual_keys(member)
        wanted = sorted({key for key in keys if key in mutual} - await self._seen(member))
        for key in wanted:
            statement = dialect_insert(self.db)(MatchSeen).values(
                id=uuid.uuid4(), author_id=member.user_id, space_id=member.space_id, idea_key=key, seen_at=utcnow()
            )
            # Two devices marking the same match at once: the first mark stands.
            await self.db.execute(
                statement.on_conflict_do_nothing(index_elements=["space_id", "author_id", "idea_key"])
            )

    async def matched_idea(self, member: Member, key: str) -> IdeaView | None:
        """The idea when it is a current match of the pair (and not set aside), else None."""
        view = await self.find(member, key)
        if view is None or view.key not in await self._mutual_keys(member):
            return None
        if not view.activities.isdisjoint(await self.off_limits(member)):
            return None
        return view

    # --- custom ideas -------------------------------------------------------------------------
    async def _clean(self, data: CustomIdeaIn) -> dict[str, Any]:
        title = data.title.strip()
        if not title:
            raise bad_field("title", "Please give your idea a title.")
        needs: list[str] = []
        for need in data.needs:
            need = need.strip()
            if need and need not in needs:
                needs.append(need)
        activities = list(dict.fromkeys(data.activities))
        if activities:
            allowed = set(
                await self.db.scalars(
                    select(Activity.id).where(
                        Activity.id.in_(activities),
                        Activity.retired.is_(False),
                        Activity.involves_penetration.is_(False),
                    )
                )
            )
            if set(activities) - allowed:
                raise bad_field("activities", "Please choose activities from the list.")
        return {
            "title": title,
            "description": data.description.strip(),
            "category": data.category,
            "closeness": data.closeness,
            "duration_minutes": data.duration_minutes,
            "needs": needs,
            "activities": activities,
        }

    async def create_custom(self, member: Member, data: CustomIdeaIn) -> IdeaOut:
        values = await self._clean(data)
        await lock_parent(self.db, Space, member.space_id)
        count = await self.db.scalar(reader.readable(member, CustomIdea, func.count()))
        if (count or 0) >= MAX_CUSTOM_IDEAS:
            raise Conflict(detail=f"A space can have up to {MAX_CUSTOM_IDEAS} ideas of its own.")
        now = utcnow()
        idea = CustomIdea(author_id=member.user_id, space_id=member.space_id, created_at=now, updated_at=now, **values)
        self.db.add(idea)
        await self.db.flush()
        return self.out(member, _from_custom(idea), await self.my_ratings(member), await self.off_limits(member))

    async def _own_custom(self, member: Member, custom_id: uuid.UUID) -> CustomIdea:
        idea = await reader.get_own(self.db, member, CustomIdea, custom_id)
        if idea is None:
            raise NotFoundException()
        return idea

    async def replace_custom(self, member: Member, custom_id: uuid.UUID, data: CustomIdeaIn) -> IdeaOut:
        idea = await self._own_custom(member, custom_id)
        for name, value in (await self._clean(data)).items():
            setattr(idea, name, value)
        idea.updated_at = utcnow()
        await self.db.flush()
        return self.out(member, _from_custom(idea), await self.my_ratings(member), await self.off_limits(member))

    async def delete_custom(self, member: Member, custom_id: uuid.UUID) -> None:
        idea = await self._own_custom(member, custom_id)
        # Its ratings go with it (ON DELETE CASCADE); plans made from it stay, with its title (SET NULL).
        await self.db.execute(delete(CustomIdea).where(CustomIdea.id == idea.id))


# --- export ---------------------------------------------------------------------------------------
def _custom_record(idea: CustomIdea) -> dict[str, Any]:
    return {
        "id": idea.key,
        "space_id": str(idea.space_id),
        "title": idea.title,
        "description": idea.description,
        "category": idea.category.value,
        "closeness": idea.closeness,
        "duration_minutes": idea.duration_minutes,
        "needs": list(idea.needs),
        "activities": list(idea.activities),
        "created_at": _iso(idea.created_at),
        "updated_at": _iso(idea.updated_at),
    }


def _iso(moment: datetime) -> str:
    return moment.isoformat()


async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    """What the user wrote (ratings, custom ideas), and what the partner made visible to them."""
    ratings = await db.scalars(reader.own(scope.members, IdeaRating).order_by(IdeaRating.updated_at))
    own_custom = await db.scalars(reader.own(scope.members, CustomIdea).order_by(CustomIdea.created_at))
    seen = await db.scalars(reader.own(scope.members, MatchSeen).order_by(MatchSeen.seen_at))
    partners = await db.scalars(reader.shared_with(scope.current, CustomIdea).order_by(CustomIdea.created_at))
    return {
        "authored": {
            "ratings": [
                {
                    "idea_id": r.idea_key,
                    "space_id": str(r.space_id),
                    "value": r.value.value,
                    "updated_at": _iso(r.updated_at),
                }
                for r in ratings
            ],
            "custom_ideas": [_custom_record(i) for i in own_custom],
            "matches_seen": [
                {"idea_id": s.idea_key, "space_id": str(s.space_id), "seen_at": _iso(s.seen_at)} for s in seen
            ],
        },
        "shared_with_me": {"custom_ideas": [_custom_record(i) for i in partners]},
    }


# --- what the member shares (for the sharing overview) -------------------------------------------


CUSTOM_IDEA_ITEMS = SharedRows(
    rows=reader.own_bound(CustomIdea, CustomIdea.id, CustomIdea.created_at),
    items=each(
        lambda r: SharedItem(
            kind="custom_ideas",
            id=str(r.id),
            label="An idea you added",
            link=f"/space/ideas/custom/{r.id}",
            can_stop=False,
            at=r.at,
        )
    ),
)
