"""Who an export is about: the same `Member` a request would build, once per space.

A person's export holds what they wrote in every space they belong to or once belonged to, and
what their current partner makes visible to them right now. Each domain's `export_records` takes
this one scope and reads through `access.reader`, like every request does.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select, union
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller
from tandem.access.membership import Member, member_of
from tandem.access.policy import authored_models
from tandem.spaces.models import Membership


@dataclass(frozen=True, slots=True)
class ExportScope:
    user_id: uuid.UUID
    current: Member | None
    """The current membership with the current partner; None when the person is in no space."""
    members: tuple[Member, ...]
    """One `Member` per space the person wrote in or belongs to (the current one first)."""


async def export_scope(db: AsyncSession, caller: Caller) -> ExportScope:
    user_id = caller.user.id
    current_membership = await db.scalar(select(Membership).where(Membership.user_id == user_id))
    current = await member_of(db, caller, current_membership) if current_membership is not None else None
    spaces_written_in = union(
        *(select(model.space_id).where(model.author_id == user_id) for model in authored_models())
    )
    former = [
        # A former space: no membership any more, so no partner; the person reads only their own rows.
        Member(caller=caller, membership=Membership(space_id=space_id, user_id=user_id), partner_user_id=None)
        for space_id in sorted(await db.scalars(select(spaces_written_in.subquery().c[0])))
        if current is None or space_id != current.space_id
    ]
    return ExportScope(user_id=user_id, current=current, members=((current,) if current else ()) + tuple(former))
