"""The lists' indexes match the visibility filter (space, author) and each list's order, and the
maintenance loop keeps SQLite's planner statistics current so it keeps choosing them."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Engine

from tandem.access.policy import authored_models
from tandem.core.db import make_engine, planner_statistics_changed
from tandem.maintenance import refresh_statistics

from .people import Couple

EXPECTED = {
    "practice_entries": ("ix_practice_entries_space_author_practised_at", ["space_id", "author_id", "practised_at"]),
    "checkins": ("ix_checkins_space_author_created_at", ["space_id", "author_id", "created_at"]),
    "boundary_changes": ("ix_boundary_changes_space_author_changed_at", ["space_id", "author_id", "changed_at"]),
    "progress_summaries": ("ix_progress_summaries_space_author_created_at", ["space_id", "author_id", "created_at"]),
    "plans": ("ix_plans_space_id_starts_at", ["space_id", "starts_at"]),
}


async def test_list_indexes_exist_and_statistics_are_refreshed(couple: Couple, database_url: str) -> None:
    body = {"mood": 3, "closeness": "some", "feelings": ["hopeful"], "visibility": "shared"}
    assert (await couple.patient.post(f"/api/v1/spaces/{couple.space_id}/checkins", json=body)).status_code == 201
    await refresh_statistics(database_url)
    engine = make_engine(database_url, pooled=False)
    try:
        async with engine.connect() as connection:

            def indexes(sync: Any) -> dict[str, dict[str, list[str]]]:
                inspector = inspect(sync)
                return {
                    table: {i["name"]: list(i["column_names"]) for i in inspector.get_indexes(table)}
                    for table in EXPECTED
                }

            found = await connection.run_sync(indexes)
            for table, (name, columns) in EXPECTED.items():
                assert found[table].get(name) == columns, (table, found[table])
            if database_url.startswith("sqlite"):
                analysed = set(await connection.scalars(text("SELECT idx FROM sqlite_stat1")))
                assert "ix_checkins_space_author_created_at" in analysed
    finally:
        await engine.dispose()


# --- plans of the daily pages' queries, with other couples' data beside the caller's -----------

DAILY = (
    "/api/v1/me",
    "/api/v1/spaces/{space}",
    "/api/v1/spaces/{space}/checkins",
    "/api/v1/spaces/{space}/matches",
    "/api/v1/spaces/{space}/practice/progress",
    "/api/v1/spaces/{space}/practice/entries",
    "/api/v1/spaces/{space}/practice/overview",
    "/api/v1/spaces/{space}/ideas",
    "/api/v1/spaces/{space}/idea-queue",
    "/api/v1/spaces/{space}/plans",
    "/api/v1/spaces/{space}/boundaries",
    "/api/v1/spaces/{space}/conversations",
    "/api/v1/spaces/{space}/checkins/mood",
    "/api/v1/spaces/{space}/path",
)
OTHERS = "ffffffff"  # the cloned couples' spaces and authors start so, to be removed afterwards


def _authored_tables() -> list[str]:
    import tandem.models  # noqa: F401  (every model)

    return sorted({m.__tablename__ for m in authored_models()})  # type: ignore[attr-defined]


async def _clone_others(database_url: str, copies: int, space_id: str) -> None:
    """The couple's personal records, `copies` times over in spaces of their own (SQLite: with the
    foreign keys off, since those spaces and people exist only as ids): the data of many other couples.

    Only this couple's space is copied: the suite's database also holds every other test's rows, and
    each copy's ids must stay unique (a copied author keeps the last 16 hex digits of the original)."""
    source = space_id.replace("-", "")
    engine = make_engine(database_url, pooled=False)
    try:
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("PRAGMA foreign_keys=OFF")
            for table in _authored_tables():
                columns = [row[1] for row in await autocommit.exec_driver_sql(f'PRAGMA table_info("{table}")')]
                values = []
                for column in columns:
                    if column == "id":
                        values.append("lower(hex(randomblob(16)))")
                    elif column == "space_id":
                        values.append(f"printf('{OTHERS}%024x', n.i)")
                    elif column == "author_id":
                        values.append(f"printf('{OTHERS}%08x', n.i) || substr(t.author_id, 17)")
                    else:
                        values.append(f't."{column}"')
                names = ", ".join(f'"{c}"' for c in columns)
                await autocommit.exec_driver_sql(
                    f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {copies}) "  # noqa: S608
                    f'INSERT INTO "{table}" ({names}) SELECT {", ".join(values)} FROM "{table}" AS t, n '
                    f"WHERE t.space_id = '{source}'"
                )
    finally:
        await engine.dispose()


async def _remove_others(database_url: str) -> None:
    engine = make_engine(database_url, pooled=False)
    try:
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("PRAGMA foreign_keys=OFF")
            for table in _authored_tables():
                await autocommit.exec_driver_sql(f"DELETE FROM \"{table}\" WHERE space_id LIKE '{OTHERS}%'")  # noqa: S608
    finally:
        await engine.dispose()


async def _seed_history(couple: Couple) -> None:
    """A little of everything the daily pages read: practice, check-ins by both, boundaries."""
    from .journal import dilator_body, log, make_set

    space = couple.space_id
    sizes = await make_set(couple.patient, space, ["S", "M"])
    for day in range(12):
        when = (datetime.now(UTC) - timedelta(days=day, hours=1)).isoformat()
        await log(couple.patient, space, dilator_body(sizes[day % 2]["id"], when=when, pain=1, anxiety=1, note=None))
    for i in range(8):
        who = couple.patient if i % 2 else couple.partner
        body = {
            "mood": 1 + i % 5,
            "closeness": "some",
            "feelings": ["hopeful"],
            "visibility": "shared" if i % 3 else "private",
        }
        assert (await who.post(f"/api/v1/spaces/{space}/checkins", json=body)).status_code == 201


async def _daily_selects(couple: Couple) -> dict[str, list[tuple[str, Any]]]:
    """The SELECTs each daily GET runs (logged as the app sends them), by endpoint."""
    seen: list[tuple[str, Any]] = []

    def log(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    found: dict[str, list[tuple[str, Any]]] = {}
    event.listen(Engine, "before_cursor_execute", log)
    try:
        for template in DAILY:
            path = template.format(space=couple.space_id)
            assert (await couple.patient.get(path)).status_code == 200, path
            seen.clear()
            assert (await couple.patient.get(path)).status_code == 200, path
            found[template] = list(seen)
    finally:
        event.remove(Engine, "before_cursor_execute", log)
    return found


# With 300 copies of the couple's history, the tables it writes to hold thousands of rows.
LARGE_TABLE_ROWS = 1000
SCAN = re.compile(r"^SCAN (\w+)(?! USING (COVERING )?INDEX)")


async def _scans(database_url: str, selects: dict[str, list[tuple[str, Any]]], tables: set[str]) -> list[str]:
    """Each (endpoint, table, statement) whose plan reads a whole personal-records table."""
    bad = []
    engine = make_engine(database_url, pooled=False)
    try:
        async with engine.connect() as connection:
            if database_url.startswith("sqlite"):
                # A table of a few rows is rightly scanned (the couple wrote none there, and the suite's
                # other tests only a few): only the tables the clones made large count.
                sizes = {}
                for table in tables:
                    count = f'SELECT count(*) FROM "{table}"'  # noqa: S608  (a table name of the models)
                    sizes[table] = (await connection.exec_driver_sql(count)).scalar_one()
                tables = {t for t, n in sizes.items() if n >= LARGE_TABLE_ROWS}
                assert tables, "no table of personal records is large: the clones are missing"
            if database_url.startswith("postgresql"):
                # Could an index serve it? With sequential scans priced out, the planner still picks one
                # only where no index can answer the filter.
                await connection.exec_driver_sql("SET enable_seqscan = off")
            for template, statements in selects.items():
                for statement, parameters in statements:
                    if database_url.startswith("sqlite"):
                        plan = [
                            r[3]
                            for r in await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
                        ]
                        scanned = {m.group(1) for line in plan if (m := SCAN.match(line))}
                    else:
                        plan = [r[0] for r in await connection.exec_driver_sql("EXPLAIN " + statement, parameters)]
                        scanned = {m.group(1) for line in plan if (m := re.search(r"Seq Scan on (\w+)", line))}
                    for table in sorted(scanned & tables):
                        bad.append(f"{template}: {table}: {' '.join(statement.split())[:200]} -> {plan}")
    finally:
        await engine.dispose()
    return bad


async def test_daily_queries_use_indexes_with_other_couples_data(couple: Couple, database_url: str) -> None:
    """No SELECT of a daily page reads a whole table of personal records: with 300 other couples' copies
    beside the caller's data (SQLite, freshly analysed) each one finds the caller's rows through an
    index; on PostgreSQL an index can answer each (sequential scans priced out)."""
    await _seed_history(couple)
    selects = await _daily_selects(couple)
    assert all(selects.values())
    tables = set(_authored_tables())
    if database_url.startswith("sqlite"):
        await _clone_others(database_url, 300, couple.space_id)
    try:
        await refresh_statistics(database_url)
        assert await _scans(database_url, selects, tables) == []
    finally:
        if database_url.startswith("sqlite"):
            await _remove_others(database_url)
            await refresh_statistics(database_url)


CHECKINS = (
    "SELECT checkins.id FROM checkins WHERE checkins.space_id = ? AND checkins.author_id = ? "
    "OR checkins.space_id = ? AND checkins.author_id = ? AND checkins.visibility = 'shared' "
    "ORDER BY checkins.created_at DESC LIMIT 20"
)


async def test_pooled_connections_plan_with_statistics_refreshed_after_growth(
    couple: Couple, database_url: str
) -> None:
    """A SQLite connection keeps the statistics it read when it opened: one opened while the database
    held one couple ("a space is the whole table") scanned the check-ins for ever once a thousand couples
    arrived. The drift check analyses again when a table has grown, and the pool then hands out
    connections that read the new statistics."""
    await _seed_history(couple)
    if not database_url.startswith("sqlite"):
        # PostgreSQL keeps its own statistics (autovacuum): nothing to refresh, no digest.
        assert await refresh_statistics(database_url, only_if_drifted=True) == ""
        return
    params = (couple.space_id.replace("-", ""), couple.patient.id.replace("-", ""))
    params += (couple.space_id.replace("-", ""), couple.partner.id.replace("-", ""))
    await _remove_others(database_url)
    await refresh_statistics(database_url)
    engine = make_engine(database_url)  # pooled, as the app's
    try:

        async def plan() -> list[str]:
            async with engine.connect() as connection:
                return [r[3] for r in await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + CHECKINS, params)]

        await plan()  # the pooled connection has read the small database's statistics
        await _clone_others(database_url, 400, couple.space_id)
        try:
            unchanged = await refresh_statistics(database_url, only_if_drifted=True)
            assert await refresh_statistics(database_url, only_if_drifted=True) == unchanged  # no drift left
            assert not [line for line in await plan() if SCAN.match(line)], await plan()
        finally:
            await _remove_others(database_url)
            await refresh_statistics(database_url)
    finally:
        await engine.dispose()


async def test_a_refresh_finishing_while_a_connection_opens_never_fails_the_checkout(tmp_path: Path) -> None:
    """Opening a SQLite connection awaits (its PRAGMAs), so a statistics refresh may finish meanwhile. The
    pool then replaced the new connection at once as well, and SQLAlchemy, which tries a checkout twice,
    gave up: "This connection is closed", a 500 (seen in CI). Here the opening races a refresh: the stale
    pooled connection is replaced once and the checkout succeeds; a later refresh still replaces it."""
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'statistics.db'}")
    opened: list[int] = []

    def count(*_: object) -> None:
        opened.append(1)

    def refresh_finishes_meanwhile(*_: object) -> None:
        planner_statistics_changed()

    async def select_one() -> None:
        async with engine.connect() as connection:
            assert (await connection.exec_driver_sql("SELECT 1")).scalar() == 1

    event.listen(engine.sync_engine, "connect", count)
    try:
        await select_one()
        planner_statistics_changed()  # the pooled connection now holds outdated statistics
        event.listen(engine.sync_engine, "connect", refresh_finishes_meanwhile)
        await select_one()
        event.remove(engine.sync_engine, "connect", refresh_finishes_meanwhile)
        assert len(opened) == 2  # replaced once, and the new one kept
        await select_one()
        assert len(opened) == 2
        planner_statistics_changed()
        await select_one()
        assert len(opened) == 3  # a later refresh replaces it at its next checkout
    finally:
        await engine.dispose()
