"""The two reference apps `make bench` measures the real app against, served the way `tandem serve` serves.

- "hello": a bare Litestar route returning a small JSON object.
- "ORM probe": one SQLAlchemy async select of 20 rows per request, through a session per request.

Run: `python benchmarks/probes.py hello|orm PORT DATABASE_URL`.
"""

from __future__ import annotations

import sys
from typing import Any

import uvicorn
from litestar import Litestar, get
from sqlalchemy import Integer, String, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ProbeRow(Base):
    __tablename__ = "bench_probe_rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(String(400))


@get("/hello", sync_to_thread=False)
def hello() -> dict[str, Any]:
    return {"hello": "world", "ok": True}


def orm_app(engine: AsyncEngine) -> Litestar:
    sessions = async_sessionmaker(engine, expire_on_commit=False)

    @get("/orm")
    async def orm() -> list[dict[str, Any]]:
        async with sessions() as db:
            rows = (await db.scalars(select(ProbeRow).order_by(ProbeRow.id).limit(20))).all()
            return [{"id": r.id, "title": r.title, "body": r.body} for r in rows]

    async def prepare() -> None:
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        async with sessions() as db, db.begin():
            if await db.scalar(select(ProbeRow.id).limit(1)) is None:
                db.add_all(ProbeRow(id=i, title=f"row {i}", body="x" * 200) for i in range(1, 41))

    return Litestar(route_handlers=[orm], on_startup=[prepare])


def main() -> None:
    kind, port, url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if kind == "hello":
        app = Litestar(route_handlers=[hello])
    else:
        options: dict[str, Any] = {"pool_size": 20, "max_overflow": 0}  # the app's defaults (core/config.py)
        app = orm_app(create_async_engine(url, **options))
    # The same server and HTTP protocol as `tandem serve`.
    uvicorn.run(app, host="127.0.0.1", port=port, http="httptools", access_log=False, log_level="warning")


if __name__ == "__main__":
    main()
