"""One database session per request, committed only when the handler succeeded.

The session is a generator dependency: Litestar closes it after the handler has built its answer and
before a byte is sent. So a commit that fails (a dropped connection, a full disk) reaches the exception
handlers and the client gets an error answer, never a 2xx for a write that was not kept; a handler
that raises rolls back. (advanced-alchemy's plugin, used before, committed while sending and only
logged a failed commit at debug level; it also cost about half of the app's import time.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from litestar.datastructures import State
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker


def request_sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Objects stay readable after commit: answers are built from them once the transaction has ended.
    return async_sessionmaker(engine, expire_on_commit=False)


async def provide_db_session(state: State) -> AsyncIterator[AsyncSession]:
    sessions: async_sessionmaker[AsyncSession] = state.db_sessions
    async with sessions() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        await session.commit()
