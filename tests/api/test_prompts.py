"""The prompt library (content as data), browsing and search, the couple's marks, and conversations."""

from __future__ import annotations

import asyncio
import base64
import uuid
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.core.catalog import CatalogError, invalidate_catalogs, sync_rows
from tandem.core.db import make_engine
from tandem.prompts.models import Prompt
from tandem.prompts.service import (
    CATEGORIES_FILE,
    read_prompt_categories,
    read_prompts,
    sync_prompt_categories,
    sync_prompts,
)
from tandem.search.index import score_text
from tandem.search.text import plan

from .ideas_support import with_db
from .people import Couple, Person
from .routes_prompts import start_conversation

CATEGORY_IDS = {
    "how-treatment-feels",
    "fears-and-reassurance",
    "needs-and-wishes",
    "appreciation",
    "redefining-intimacy",
    "boundaries-and-consent",
    "small-wins",
    "after-a-hard-day",
    "clinician-together",
    "partners-feelings",
}


def crafted_cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def base(couple: Couple) -> str:
    return f"/api/v1/spaces/{couple.space_id}"


# --- the library as data ----------------------------------------------------------------------


def test_the_library_is_valid_with_enough_prompts_in_every_category() -> None:
    categories = read_prompt_categories()
    assert {c.id for c in categories.items} == CATEGORY_IDS
    prompts = read_prompts()
    ids = [p.id for p in prompts.items]
    assert len(ids) == len(set(ids)) >= 90
    per_category = Counter(p.category for p in prompts.items)
    assert set(per_category) == CATEGORY_IDS
    assert min(per_category.values()) >= 8, per_category
    assert {p.depth for p in prompts.items} == {"light", "deeper", "deep"}
    texts = [p.text.casefold() for p in prompts.items]
    assert len(texts) == len(set(texts)), "a prompt is repeated"


def test_a_prompt_with_an_unknown_category_or_depth_is_refused(tmp_path: Path) -> None:
    bad_category = tmp_path / "prompts.yaml"
    bad_category.write_text(
        "version: 1\nitems:\n  - {id: p-x-001, category: nowhere, depth: light, text: 'What made you smile?'}\n"
    )
    with pytest.raises(CatalogError, match="unknown categories"):
        read_prompts(bad_category, CATEGORIES_FILE)
    bad_category.write_text(
        "version: 1\nitems:\n  - {id: p-x-001, category: small-wins, depth: bottomless, text: 'What made you smile?'}\n"
    )
    with pytest.raises(CatalogError):
        read_prompts(bad_category, CATEGORIES_FILE)
    bad_category.write_text(
        "version: 1\nitems:\n"
        "  - {id: p-x-001, category: small-wins, depth: light, text: 'What made you smile?'}\n"
        "  - {id: p-x-001, category: small-wins, depth: light, text: 'What made you laugh?'}\n"
    )
    with pytest.raises(CatalogError, match="repeated ids"):
        read_prompts(bad_category, CATEGORIES_FILE)


async def test_syncing_is_idempotent_and_an_edited_prompt_updates_in_place(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        async with AsyncSession(engine) as db, db.begin():
            await sync_prompt_categories(db)
            await sync_prompts(db)
            again = await sync_prompts(db)
            assert (again.added, again.updated, again.retired) == (0, 0, 0)
            before = await db.scalar(select(func.count()).select_from(Prompt))
            first = read_prompts().items[0]
            rows = [
                {
                    "id": p.id,
                    "category_id": p.category,
                    "depth": p.depth,
                    "text": p.text + (" (edited)" if p.id == first.id else ""),
                    "follow_up": p.follow_up,
                    "tags": list(p.tags),
                    "position": i,
                }
                for i, p in enumerate(read_prompts().items)
            ]
            edited = await sync_rows(db, Prompt, rows)
            assert (edited.added, edited.updated, edited.retired) == (0, 1, 0)
            assert await db.scalar(select(func.count()).select_from(Prompt)) == before
            await db.rollback()
    finally:
        await engine.dispose()


def test_search_words_fold_stem_and_expand() -> None:
    (fears,) = plan("What about our FEARS?")
    assert fears.typed.tokens == ("fear", "fears")
    assert fears.synonyms is not None and {"afraid", "scare", "worri"} <= set(fears.synonyms.tokens)
    assert [g.typed.tokens[0] for g in plan("Touching, éasing")] == ["touch", "eas"]
    title_match = score_text("fear", "A fear of the future", "")
    body_match = score_text("fear", "The future", "fear")
    assert title_match is not None and body_match is not None and title_match.rank < body_match.rank
    assert score_text("fear touch", "A fear", "") is None


# --- browsing ---------------------------------------------------------------------------------


async def every_page(person: Person, url: str, **params: Any) -> list[dict[str, Any]]:
    """Every prompt matching `params`, following `next_cursor` page after page."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(100):
        response = await person.get(url, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        page = response.json()
        assert set(page) == {"items", "next_cursor"}
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the pages never ended")


async def test_browse_by_category_and_depth(couple: Couple) -> None:
    everything = await every_page(couple.patient, f"{base(couple)}/prompts", limit=100)
    catalog = read_prompts().items
    assert sorted(p["id"] for p in everything) == sorted(p.id for p in catalog)
    # Small pages hold every prompt once, in the same order.
    assert [p["id"] for p in await every_page(couple.patient, f"{base(couple)}/prompts", limit=37)] == [
        p["id"] for p in everything
    ]
    deep_wins = (
        await couple.patient.get(
            f"{base(couple)}/prompts", params={"category": ["small-wins", "appreciation"], "depth": ["deep"]}
        )
    ).json()
    assert deep_wins["items"]
    assert {(p["category"], p["depth"]) for p in deep_wins["items"]} <= {
        ("small-wins", "deep"),
        ("appreciation", "deep"),
    }
    categories = (await couple.patient.get("/api/v1/prompt-categories")).json()
    assert sum(c["prompt_count"] for c in categories) == len(everything)
    refused = await couple.patient.get(f"{base(couple)}/prompts", params={"category": ["made-up"]})
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "category"


async def test_full_text_search_finds_words_and_their_forms(couple: Couple) -> None:
    found = (await couple.patient.get(f"{base(couple)}/prompts", params={"q": "fears", "limit": 100})).json()
    assert found["items"]
    fear_words = ("fear", "afraid", "scare", "worr", "nervous", "anxi", "frighten", "dread", "panic")
    for p in found["items"]:
        searched = " ".join([p["text"], p["follow_up"] or "", p["category_title"], *p["tags"]]).lower()
        assert any(word in searched for word in fear_words), searched
    # Words in the prompt itself rank above words only in its category's name.
    assert "fear" in found["items"][0]["text"].lower()
    nothing = (await couple.patient.get(f"{base(couple)}/prompts", params={"q": "xylophone"})).json()
    assert nothing == {"items": [], "next_cursor": None}
    vague = await couple.patient.get(f"{base(couple)}/prompts", params={"q": "the and"})
    assert vague.status_code == 400
    assert vague.json()["errors"][0]["field"] == "q"


async def test_favourites_and_talked_marks_belong_to_the_couple(couple: Couple) -> None:
    first, second = [
        p["id"] for p in (await couple.patient.get(f"{base(couple)}/prompts", params={"limit": 2})).json()["items"]
    ]
    assert (await couple.patient.request("PUT", f"{base(couple)}/prompts/{first}/favourite")).json()["favourite"]
    # Twice, or by both at once, is still one favourite.
    await asyncio.gather(
        couple.patient.request("PUT", f"{base(couple)}/prompts/{second}/favourite"),
        couple.partner.request("PUT", f"{base(couple)}/prompts/{second}/favourite"),
    )
    favourites = (await couple.partner.get(f"{base(couple)}/prompts", params={"favourites": True})).json()
    assert [p["id"] for p in favourites["items"]] == [first, second]
    assert (await couple.partner.delete(f"{base(couple)}/prompts/{first}/favourite")).status_code == 204
    assert (await couple.patient.get(f"{base(couple)}/prompts/{first}")).json()["favourite"] is False

    day = date.today() - timedelta(days=3)
    marked = await couple.partner.request("PUT", f"{base(couple)}/prompts/{first}/talked", json={"on": day.isoformat()})
    assert marked.json()["talked_on"] == day.isoformat()
    talked = (await couple.patient.get(f"{base(couple)}/prompts", params={"talked": True})).json()
    assert [p["id"] for p in talked["items"]] == [first]
    not_yet = (await couple.patient.get(f"{base(couple)}/prompts", params={"talked": False, "limit": 100})).json()
    assert first not in [p["id"] for p in not_yet["items"]]
    for bad in ((date.today() + timedelta(days=5)).isoformat(), "1999-12-31", "yesterday"):
        refused = await couple.patient.request("PUT", f"{base(couple)}/prompts/{first}/talked", json={"on": bad})
        assert refused.status_code == 400, bad
        assert refused.json()["errors"][0]["field"] == "on"
    assert (await couple.patient.delete(f"{base(couple)}/prompts/{first}/talked")).status_code == 204
    assert (await couple.patient.get(f"{base(couple)}/prompts/{first}")).json()["talked_on"] is None
    assert (await couple.patient.get(f"{base(couple)}/prompts/p-none-999")).status_code == 404
    assert (await couple.patient.request("PUT", f"{base(couple)}/prompts/p-none-999/favourite")).status_code == 404


async def test_surprise_avoids_what_was_talked_about(couple: Couple) -> None:
    wins = (
        await couple.patient.get(f"{base(couple)}/prompts", params={"category": ["small-wins"], "limit": 100})
    ).json()
    ids = [p["id"] for p in wins["items"]]
    for prompt_id in ids[1:]:
        await couple.patient.request("PUT", f"{base(couple)}/prompts/{prompt_id}/talked", json={"on": "2026-01-02"})
    picks = {
        (await couple.patient.get(f"{base(couple)}/prompts/surprise", params={"category": ["small-wins"]})).json()[
            "prompt"
        ]["id"]
        for _ in range(3)
    }
    assert picks == {ids[0]}
    skipped = await couple.patient.get(
        f"{base(couple)}/prompts/surprise", params={"category": ["small-wins"], "skip": [ids[0]]}
    )
    assert skipped.json() == {"prompt": None}
    # Answering the last one together (both answers revealed) counts as having discussed it.
    talk = await start_conversation(couple.patient, couple.space_id, ids[0])
    path = f"{base(couple)}/conversations/{talk['id']}/answer"
    await couple.patient.post(path, json={"text": "a small win"})
    still = await couple.patient.get(f"{base(couple)}/prompts/surprise", params={"category": ["small-wins"]})
    assert still.json()["prompt"]["id"] == ids[0]
    await couple.partner.post(path, json={"text": "another"})
    done = await couple.patient.get(f"{base(couple)}/prompts/surprise", params={"category": ["small-wins"]})
    assert done.json() == {"prompt": None}
    other = await couple.patient.get(f"{base(couple)}/prompts/surprise", params={"category": ["appreciation"]})
    assert other.json()["prompt"]["category"] == "appreciation"


# --- conversations ----------------------------------------------------------------------------


async def conversation(couple: Couple, index: int = 0) -> tuple[dict[str, Any], str]:
    prompts = (await couple.patient.get(f"{base(couple)}/prompts", params={"limit": index + 1})).json()["items"]
    made = await start_conversation(couple.patient, couple.space_id, prompts[index]["id"])
    return made, f"{base(couple)}/conversations/{made['id']}"


async def test_answer_separately_reveal_together_then_keep(couple: Couple) -> None:
    made, path = await conversation(couple)
    assert made["state"] == "open" and made["started_by_me"]
    # The partner opening the same prompt lands in the same conversation.
    same = await start_conversation(couple.partner, couple.space_id, made["prompt"]["id"])
    assert same["id"] == made["id"]
    assert (await couple.patient.post(f"{path}/answer", json={"text": "  I feel braver lately.  "})).status_code == 200
    waiting = (await couple.partner.get(path)).json()
    assert waiting["partners_answer"] is None
    assert "braver" not in str(waiting)
    listed = (await couple.partner.get(f"{base(couple)}/conversations")).json()["items"]
    assert listed[0]["partner_answered"] is True and listed[0]["i_answered"] is False
    assert "braver" not in str(listed)

    assert (await couple.patient.post(f"{path}/keep")).status_code == 409
    revealed = (await couple.partner.post(f"{path}/answer", json={"text": "I noticed, and I'm proud."})).json()
    assert revealed["state"] == "revealed"
    assert revealed["partners_answer"]["text"] == "I feel braver lately."
    kept = (await couple.patient.post(f"{path}/keep")).json()
    assert kept["kept_at"] is not None
    assert kept["prompt"]["talked_on"] is not None
    assert (await couple.partner.post(f"{path}/keep")).json()["kept_at"] == kept["kept_at"]


async def test_answers_are_checked_and_given_once(couple: Couple) -> None:
    _, path = await conversation(couple)
    for body, field in (({"text": "   "}, "text"), ({"text": "x" * 2001}, "text"), ({"text": "a\u0000"}, "text")):
        refused = await couple.patient.post(f"{path}/answer", json=body)
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["field"] == field
    assert (await couple.patient.post(f"{path}/answer", json={"text": "Once."})).status_code == 200
    assert (await couple.patient.post(f"{path}/answer", json={"text": "Twice?"})).status_code == 409
    unknown = await couple.patient.post(f"{base(couple)}/conversations", json={"prompt_id": "p-none-999"})
    assert unknown.status_code == 404


async def test_an_author_may_take_back_a_revealed_answer(couple: Couple) -> None:
    _, path = await conversation(couple)
    await couple.patient.post(f"{path}/answer", json={"text": "Something I said"})
    assert (await couple.patient.delete(f"{path}/answer")).status_code == 409
    await couple.partner.post(f"{path}/answer", json={"text": "Something back"})
    assert (await couple.patient.delete(f"{path}/answer")).status_code == 204
    seen = (await couple.partner.get(path)).json()
    assert seen["partners_answer"] is None
    assert seen["my_answer"]["text"] == "Something back"
    assert (await couple.patient.delete(f"{path}/answer")).status_code == 404


async def test_discarding(couple: Couple) -> None:
    _, open_path = await conversation(couple, 0)
    await couple.patient.post(f"{open_path}/answer", json={"text": "mine"})
    assert (await couple.partner.delete(open_path)).status_code == 409
    assert (await couple.patient.delete(open_path)).status_code == 204
    assert (await couple.partner.get(open_path)).status_code == 404
    _, revealed_path = await conversation(couple, 1)
    await couple.patient.post(f"{revealed_path}/answer", json={"text": "a"})
    await couple.partner.post(f"{revealed_path}/answer", json={"text": "b"})
    # After the reveal either of them may let it go, taking only their own answer with them.
    assert (await couple.partner.delete(revealed_path)).status_code == 204
    kept = (await couple.patient.get(revealed_path)).json()
    assert (kept["my_answer"]["text"], kept["partners_answer"]) == ("a", None)
    assert (await couple.patient.delete(revealed_path)).status_code == 204
    assert (await couple.patient.get(f"{base(couple)}/conversations")).json()["items"] == []


async def test_both_answering_a_conversation_at_once_reveals_once(couple: Couple) -> None:
    _, path = await conversation(couple)
    answers = await asyncio.gather(
        couple.patient.post(f"{path}/answer", json={"text": "from the patient"}),
        couple.partner.post(f"{path}/answer", json={"text": "from the partner"}),
    )
    assert [a.status_code for a in answers] == [200, 200]
    assert sorted(a.json()["state"] for a in answers) == ["open", "revealed"]
    seen = (await couple.patient.get(path)).json()
    assert (seen["my_answer"]["text"], seen["partners_answer"]["text"]) == ("from the patient", "from the partner")


async def test_search_results_page_by_cursor_in_rank_order(couple: Couple) -> None:
    url = f"{base(couple)}/prompts"
    whole = (await couple.patient.get(url, params={"q": "talk", "limit": 100})).json()
    assert len(whole["items"]) > 3 and whole["next_cursor"] is None
    paged = await every_page(couple.patient, url, q="talk", limit=2)
    assert [p["id"] for p in paged] == [p["id"] for p in whole["items"]]


async def test_crafted_and_mismatched_cursors_are_a_400(couple: Couple) -> None:
    url = f"{base(couple)}/prompts"
    browsing = (await couple.patient.get(url, params={"limit": 2})).json()["next_cursor"]
    searching = (await couple.patient.get(url, params={"q": "talk", "limit": 2})).json()["next_cursor"]
    crafted = [
        "not-a-cursor",
        "bm90fGE",
        "x" * 201,
        crafted_cursor("[1, 2]"),
        crafted_cursor("[1, 2, 3]"),
        crafted_cursor('[true, 2, "p"]'),
        crafted_cursor('[1e999, 2, "p"]'),
        crafted_cursor('{"a": 1}'),
        crafted_cursor("[" * 150),
        crafted_cursor(f"2100-01-01T12:00:00+00:00|{uuid.uuid4()}"),
    ]
    for params in (
        *({"cursor": c} for c in crafted),
        {"cursor": searching},  # a search's cursor in plain browsing, and the other way round
        {"cursor": browsing, "q": "talk"},
    ):
        response = await couple.patient.get(url, params=params)
        assert response.status_code == 400, (params, response.text)
        assert response.json()["errors"][0]["field"] == "cursor"


async def test_the_catalog_is_decoded_once_and_read_again_after_a_sync(app: Litestar, couple: Couple) -> None:
    """Requests answer from the catalog decoded once per process; a sync (here: its last step) drops it."""
    first = read_prompts().items[0]
    url = f"{base(couple)}/prompts/{first.id}"
    assert (await couple.patient.get(url)).json()["text"] == first.text.strip()

    async def edit(text: str) -> None:
        async def work(db: AsyncSession) -> None:
            await db.execute(update(Prompt).where(Prompt.id == first.id).values(text=text))

        await with_db(app, work)

    await edit("An edited prompt, for this test only?")
    try:
        assert (await couple.patient.get(url)).json()["text"] == first.text.strip()  # still the decoded one
        invalidate_catalogs()
        assert (await couple.patient.get(url)).json()["text"] == "An edited prompt, for this test only?"
    finally:
        await edit(first.text.strip())
        invalidate_catalogs()
    assert (await couple.patient.get(url)).json()["text"] == first.text.strip()
