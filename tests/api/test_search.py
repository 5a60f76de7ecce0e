"""Search of prompts and ideas: word forms, the synonym list, ranking, hostile input, custom ideas.

Every case runs on the database the suite runs on (SQLite or PostgreSQL) and is compared with the
ranking computed in Python from the catalogs (tandem.search.index.score_text): both databases give
that same ranked list, so they give the same results as each other.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.core.catalog import read_catalog
from tandem.ideas.schemas import IdeaEntry
from tandem.ideas.service import CATALOG_FILE
from tandem.prompts.service import read_prompt_categories, read_prompts
from tandem.search.index import Document, replace_documents, score_text, search
from tandem.search.text import read_synonyms

from .ideas_support import ensure_library, with_db
from .people import Couple, Person, make_couple


@pytest.fixture
async def pair(app: Litestar) -> Couple:
    await ensure_library(app)
    return await make_couple(app)


def prompts_url(couple: Couple) -> str:
    return f"/api/v1/spaces/{couple.space_id}/prompts"


def ideas_url(couple: Couple) -> str:
    return f"/api/v1/spaces/{couple.space_id}/ideas"


async def found(person: Person, url: str, q: str) -> list[dict[str, Any]]:
    response = await person.get(url, params={"q": q, "limit": 100})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"] is None, "the cases fit in one page"
    return list(body["items"])


def expected_prompts(q: str) -> list[str]:
    """The ranking the API must give: by score, then in the library's order (category, then prompt)."""
    categories = {c.id: (position, c.title) for position, c in enumerate(read_prompt_categories().items)}
    ranked = []
    for position, p in enumerate(read_prompts().items):
        category_position, category_title = categories[p.category]
        body = " ".join([p.follow_up or "", " ".join(p.tags), category_title])
        score = score_text(q, p.text, body)
        if score is not None:
            ranked.append((score.rank, category_position, position, p.id))
    return [prompt_id for *_, prompt_id in sorted(ranked)]


def expected_ideas(q: str) -> list[str]:
    ranked = []
    for position, i in enumerate(read_catalog(CATALOG_FILE, IdeaEntry).items):
        score = score_text(q, i.title, " ".join([i.description, *i.needs, str(i.category)]))
        if score is not None:
            ranked.append((score.rank, i.closeness, position, i.id))
    return [idea_id for *_, idea_id in sorted(ranked)]


# What people type, and what it must find among the prompts and the ideas (at least these).
PROMPT_CASES = {
    "scared": {"p-fear-017", "p-partner-017", "p-fear-002"},  # "afraid", "anxious"
    "family": {"p-fear-023"},
    "dilator": {"p-feel-004", "p-need-004"},  # "dilator", "practice"
    "sex": {"p-path-027", "p-intimacy-001", "p-intimacy-008"},  # "sex", "penetration"
    "talking": {"p-need-008", "p-wins-007", "p-fear-015"},  # "talk", "talking"
    "Worried about the FUTURE": {"p-fear-023"},
}
IDEA_CASES = {
    "scared": {"idea-one-off-class"},
    "dilator": {"idea-traffic-light-words"},  # "practise"
    "sex": {"idea-pleasure-wish-list", "idea-oral-only-when-invited"},  # "penetration", "intimacy"
    "talking": {"idea-playlist-swap", "idea-love-letters"},
    "massages": {"idea-full-body-oil-massage", "idea-bare-back-massage"},
}


@pytest.mark.parametrize("q", sorted(PROMPT_CASES))
async def test_prompt_search_finds_word_forms_and_synonyms_in_the_same_order_everywhere(pair: Couple, q: str) -> None:
    items = await found(pair.patient, prompts_url(pair), q)
    ids = [p["id"] for p in items]
    assert PROMPT_CASES[q] <= set(ids), ids
    assert ids == expected_prompts(q)


@pytest.mark.parametrize("q", sorted(IDEA_CASES))
async def test_idea_search_finds_word_forms_and_synonyms_in_the_same_order_everywhere(pair: Couple, q: str) -> None:
    items = await found(pair.partner, ideas_url(pair), q)
    ids = [i["id"] for i in items]
    assert IDEA_CASES[q] <= set(ids), ids
    assert ids == expected_ideas(q)


async def test_title_matches_rank_above_body_matches_and_the_typed_word_above_its_synonyms(pair: Couple) -> None:
    dilator = [p["id"] for p in await found(pair.patient, prompts_url(pair), "dilator")]
    assert dilator[0] == "p-feel-004"  # the only prompt that says "dilator"
    massage = await found(pair.patient, ideas_url(pair), "massage")
    titled = [i for i in massage if "massage" in i["title"].lower()]
    assert titled and massage[: len(titled)] == titled
    talking = [p["text"].lower() for p in await found(pair.patient, prompts_url(pair), "talking")]
    assert "talk" in talking[0]


async def test_every_word_must_match_and_words_without_meaning_are_refused(pair: Couple) -> None:
    both = {p["id"] for p in await found(pair.patient, prompts_url(pair), "sex future")}
    assert both and both <= set(expected_prompts("sex")) & set(expected_prompts("future"))
    assert await found(pair.patient, prompts_url(pair), "sex xylophone") == []
    for url in (prompts_url(pair), ideas_url(pair)):
        vague = await pair.patient.get(url, params={"q": "the and ?!"})
        assert vague.status_code == 400, vague.text
        assert vague.json()["errors"][0]["field"] == "q"


async def test_search_keeps_the_filters(pair: Couple) -> None:
    deep = await pair.patient.get(prompts_url(pair), params={"q": "sex", "depth": ["deep"], "limit": 100})
    items = deep.json()["items"]
    assert items and all(p["depth"] == "deep" for p in items)
    assert [p["id"] for p in items] == [i for i in expected_prompts("sex") if i in {p["id"] for p in items}]
    close = await pair.patient.get(ideas_url(pair), params={"q": "talking", "closeness": 1, "limit": 100})
    assert close.json()["items"] and all(i["closeness"] == 1 for i in close.json()["items"])


async def test_own_ideas_are_searched_for_the_couple_only(app: Litestar, pair: Couple) -> None:
    idea = {"title": "Nervous zorblat picnic", "category": "playful", "closeness": 1, "duration_minutes": 30}
    made = await pair.patient.post(f"/api/v1/spaces/{pair.space_id}/custom-ideas", json=idea)
    assert made.status_code == 201, made.text
    # Found by the partner through a synonym ("scared" → "nervous"), as a title match.
    assert made.json()["id"] in [i["id"] for i in await found(pair.partner, ideas_url(pair), "scared")]
    others = await make_couple(app)
    assert made.json()["id"] not in [i["id"] for i in await found(others.patient, ideas_url(others), "nervous")]
    assert [i["id"] for i in await found(others.patient, ideas_url(others), "zorblat")] == []


# FTS5 and tsquery syntax, words and anything else, glued together (at most the ideas' 80 characters).
HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(list("\"'*:^(){}[]-+~!&|<>@%_\\;., \t")),
        st.sampled_from(["AND", "OR", "NOT", "NEAR", "NEAR(", "title:", "body:", "'a':*", "!!", "<->", "sex", "fear"]),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=30,
).map(lambda parts: "".join(parts)[:80])


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(q=HOSTILE)
async def test_hostile_queries_never_fail(pair: Couple, q: str) -> None:
    for url in (prompts_url(pair), ideas_url(pair)):
        response = await pair.patient.get(url, params={"q": q})
        assert response.status_code in (200, 400), (q, response.text)
        if response.status_code == 400:
            assert response.headers["content-type"].startswith("application/problem+json")


async def test_the_index_is_rebuilt_only_when_a_catalog_changes(app: Litestar) -> None:
    documents = [Document("a", "Fear of the dark", "worries"), Document("b", "A calm walk", "fresh air")]

    async def work(db: AsyncSession) -> None:
        first = await replace_documents(db, "test", 1, documents)
        again = await replace_documents(db, "test", 1, documents)
        assert (first.added, again.added, again.retired) == (2, 0, 0)
        assert set(await search(db, "test", "scared") or {}) == {"a"}  # "fear", "worries"
        edited = await replace_documents(db, "test", 1, [documents[0], Document("b", "A calm stroll", "")])
        assert (edited.added, edited.retired) == (2, 2)
        assert set(await search(db, "test", "stroll") or {}) == {"b"}
        await db.execute(text("DELETE FROM search_documents WHERE kind = 'test'"))

    await with_db(app, work)


def test_the_indexed_words_are_the_same_in_every_process() -> None:
    """Every process indexes a text the same way (the order of a hyphenated word's parts once followed
    each process's hash seed, a set)."""
    code = (
        "from tandem.prompts.service import read_prompts; from tandem.search.text import index_tokens; "
        "print(hash('seed'), [index_tokens(p.text) for p in read_prompts().items])"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split(" ", 1)
        for seed in ("1", "2", "3")
    ]
    assert len({seed_hash for seed_hash, _ in outputs}) == 3, "the processes did not run with different seeds"
    assert len({tokens for _, tokens in outputs}) == 1
    assert any("-" in p.text for p in read_prompts().items), "no hyphenated word left to test the order with"


def test_the_synonym_list_has_stable_unique_ids_and_gentle_everyday_groups() -> None:
    synonyms = read_synonyms()
    assert synonyms.version >= 1 and len(synonyms.groups) >= 40
    assert all(g.id.startswith("syn-") and len(g.words) >= 3 for g in synonyms.groups)
