"""The lists' indexes match the visibility filter (space, author) and each list's order, and the
maintenance loop keeps SQLite's planner statistics current so it keeps choosing them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, text

from tandem.core.db import make_engine
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
