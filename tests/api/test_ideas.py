"""The idea library, custom ideas, ratings, the "rate a few" queue and matches."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from litestar import Litestar

from .ideas_support import ensure_library, gentle_ideas, library, rate, set_boundary
from .people import Couple, Person, make_couple


@pytest.fixture
async def pair(app: Litestar) -> Couple:
    await ensure_library(app)
    return await make_couple(app)


def url(couple: Couple, rest: str) -> str:
    return f"/api/v1/spaces/{couple.space_id}{rest}"


async def matches(person: Person, couple: Couple) -> dict[str, list[str]]:
    response = await person.get(url(couple, "/matches"))
    assert response.status_code == 200, response.text
    body = response.json()
    return {group: [i["id"] for i in body[group]] for group in ("both_yes", "open_to_it")}


def idea_with(items: list[dict[str, Any]], activity: str) -> str:
    return next(i["id"] for i in items if activity in i["activities"])


# --- the library ---------------------------------------------------------------------------------
async def test_library_lists_filters_and_searches(pair: Couple) -> None:
    person = pair.patient
    items = await library(person, pair.space_id)
    assert len(items) >= 10
    assert [i["closeness"] for i in items] == sorted(i["closeness"] for i in items)
    first = items[0]
    assert set(first) >= {"id", "title", "description", "category", "closeness", "duration_minutes", "needs"}
    assert first["my_rating"] is None and first["custom"] is False and first["set_aside"] is False

    for category in {i["category"] for i in items}:
        chosen = await library(person, pair.space_id, category=category)
        assert chosen and all(i["category"] == category for i in chosen)
    level_two = await library(person, pair.space_id, closeness=2)
    assert level_two and all(i["closeness"] == 2 for i in level_two)
    short = await library(person, pair.space_id, max_minutes=20)
    assert short and all(i["duration_minutes"] <= 20 for i in short)

    title = items[3]["title"]
    word = max(title.split(), key=len)
    found = await library(person, pair.space_id, q=word.upper())
    assert items[3]["id"] in [i["id"] for i in found]
    assert await library(person, pair.space_id, q="zzqx-nothing-like-this") == []

    first_page = (await person.get(url(pair, "/ideas"), params={"limit": 2})).json()
    assert [i["id"] for i in first_page["items"]] == [i["id"] for i in items[:2]]
    page = (await person.get(url(pair, "/ideas"), params={"limit": 3, "cursor": first_page["next_cursor"]})).json()
    assert [i["id"] for i in page["items"]] == [i["id"] for i in items[2:5]]
    assert set(page) == {"items", "next_cursor"} and page["next_cursor"] is not None

    one = await person.get(url(pair, f"/ideas/{first['id']}"))
    assert one.status_code == 200 and one.json() == first


@pytest.mark.parametrize(
    "params",
    [
        {"closeness": 0},
        {"closeness": 5},
        {"max_minutes": 4},
        {"max_minutes": 721},
        {"limit": 0},
        {"limit": 101},
        {"cursor": "x" * 201},
        {"cursor": "not a cursor"},
        {"q": "x" * 81},
        {"category": "spicy"},
        {"source": "elsewhere"},
        {"my_rating": "never"},
    ],
)
async def test_library_query_is_validated(pair: Couple, params: dict[str, Any]) -> None:
    response = await pair.patient.get(url(pair, "/ideas"), params=params)
    assert response.status_code == 400, response.text


async def test_unknown_ideas_answer_like_any_unknown_id(pair: Couple) -> None:
    answers = set()
    for idea_id in ("idea-does-not-exist", f"custom-{uuid.uuid4()}", "custom-not-a-uuid", "x" * 80):
        response = await pair.patient.get(url(pair, f"/ideas/{idea_id}"))
        answers.add((response.status_code, response.content))
        put = await pair.patient.request("PUT", url(pair, f"/ideas/{idea_id}/rating"), json={"value": "yes"})
        assert put.status_code == 404
    assert len(answers) == 1 and next(iter(answers))[0] == 404


# --- ratings ---------------------------------------------------------------------------------------
async def test_ratings_are_mine_alone(pair: Couple) -> None:
    idea_id = gentle_ideas(await library(pair.patient, pair.space_id), 1)[0]
    for value in ("yes", "maybe", "not_now"):
        response = await pair.patient.request("PUT", url(pair, f"/ideas/{idea_id}/rating"), json={"value": value})
        assert response.status_code == 200
        assert response.json() == {"idea_id": idea_id, "value": value}
        mine = (await pair.patient.get(url(pair, f"/ideas/{idea_id}"))).json()
        assert mine["my_rating"] == value
        theirs = (await pair.partner.get(url(pair, f"/ideas/{idea_id}"))).json()
        assert theirs["my_rating"] is None
    rated = await library(pair.patient, pair.space_id, my_rating="not_now")
    assert [i["id"] for i in rated] == [idea_id]
    assert idea_id not in [i["id"] for i in await library(pair.patient, pair.space_id, my_rating="unrated")]
    assert await rate(pair.patient, pair.space_id, idea_id, None) == 204
    assert await rate(pair.patient, pair.space_id, idea_id, None) == 204
    assert (await pair.patient.get(url(pair, f"/ideas/{idea_id}"))).json()["my_rating"] is None


@pytest.mark.parametrize("body", [{"value": "no"}, {"value": None}, {}, {"value": "yes", "extra": 1}, {"value": 1}])
async def test_a_rating_must_be_one_of_the_three(pair: Couple, body: dict[str, Any]) -> None:
    idea_id = gentle_ideas(await library(pair.patient, pair.space_id), 1)[0]
    response = await pair.patient.request("PUT", url(pair, f"/ideas/{idea_id}/rating"), json=body)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] in {"value", "extra"}


async def test_rate_a_few_skips_what_i_rated(pair: Couple) -> None:
    queue = (await pair.patient.get(url(pair, "/idea-queue"), params={"limit": 100})).json()
    # The queue answers at most 100 at a time; the library holds more than that.
    assert len(queue) == min(100, len(await library(pair.patient, pair.space_id)))
    assert [i["closeness"] for i in queue] == sorted(i["closeness"] for i in queue)
    first, second = queue[0]["id"], queue[1]["id"]
    await rate(pair.patient, pair.space_id, first, "yes")
    await rate(pair.patient, pair.space_id, second, "not_now")
    after = (await pair.patient.get(url(pair, "/idea-queue"), params={"limit": 3})).json()
    assert len(after) == 3 and first not in [i["id"] for i in after] and second not in [i["id"] for i in after]
    # The partner's queue is untouched by my ratings.
    theirs = (await pair.partner.get(url(pair, "/idea-queue"), params={"limit": 2})).json()
    assert [i["id"] for i in theirs] == [first, second]
    assert (await pair.patient.get(url(pair, "/idea-queue"), params={"limit": 101})).status_code == 400


# --- matches -------------------------------------------------------------------------------------
async def test_matches_group_and_order_and_follow_changes_at_once(pair: Couple) -> None:
    items = await library(pair.patient, pair.space_id)
    a, b, c = gentle_ideas(items, 3)
    closer = next(i["id"] for i in items if i["closeness"] >= 2)
    await rate(pair.patient, pair.space_id, closer, "yes")
    await rate(pair.partner, pair.space_id, closer, "yes")
    await rate(pair.patient, pair.space_id, a, "yes")
    await rate(pair.partner, pair.space_id, a, "yes")
    await rate(pair.patient, pair.space_id, b, "maybe")
    await rate(pair.partner, pair.space_id, b, "yes")
    await rate(pair.patient, pair.space_id, c, "yes")
    await rate(pair.partner, pair.space_id, c, "not_now")
    for person in (pair.patient, pair.partner):
        assert await matches(person, pair) == {"both_yes": [a, closer], "open_to_it": [b]}
    # A change takes effect on the very next request, silently.
    await rate(pair.partner, pair.space_id, a, None)
    await rate(pair.partner, pair.space_id, c, "maybe")
    assert await matches(pair.patient, pair) == {"both_yes": [closer], "open_to_it": [b, c]}


async def test_matches_need_a_partner_and_a_current_one(app: Litestar, pair: Couple) -> None:
    idea_id = gentle_ideas(await library(pair.patient, pair.space_id), 1)[0]
    await rate(pair.patient, pair.space_id, idea_id, "yes")
    await rate(pair.partner, pair.space_id, idea_id, "yes")
    assert await matches(pair.patient, pair) == {"both_yes": [idea_id], "open_to_it": []}
    assert (await pair.partner.post(url(pair, "/leave"))).status_code == 204
    assert await matches(pair.patient, pair) == {"both_yes": [], "open_to_it": []}
    # A new partner starts from their own ratings.
    newcomer = await Person(app, display_name="Jo").sign_up()
    invitation = await pair.patient.invite(pair.space_id)
    assert (await newcomer.accept(invitation["token"])).status_code == 200
    assert await matches(pair.patient, pair) == {"both_yes": [], "open_to_it": []}
    await rate(newcomer, pair.space_id, idea_id, "maybe")
    assert await matches(newcomer, pair) == {"both_yes": [], "open_to_it": [idea_id]}


async def test_boundaries_set_ideas_aside_without_saying_whose(app: Litestar, pair: Couple) -> None:
    items = await library(pair.patient, pair.space_id)
    cuddle = idea_with(items, "cuddling")
    gentle = gentle_ideas(items, 1)[0]
    for idea_id in (cuddle, gentle):
        await rate(pair.patient, pair.space_id, idea_id, "yes")
        await rate(pair.partner, pair.space_id, idea_id, "yes")
    assert cuddle in (await matches(pair.patient, pair))["both_yes"]

    # "Ask first" changes nothing; "not right now" from either member sets the idea aside for both.
    await set_boundary(app, pair.space_id, pair.partner, "cuddling", "ask_first")
    assert cuddle in (await matches(pair.patient, pair))["both_yes"]
    await set_boundary(app, pair.space_id, pair.partner, "cuddling", "not_now")
    for viewer in (pair.patient, pair.partner):
        assert (await matches(viewer, pair))["both_yes"] == [gentle]
        listed = {i["id"]: i for i in await library(viewer, pair.space_id)}
        assert listed[cuddle]["set_aside"] is True and listed[gentle]["set_aside"] is False
        queue = (await viewer.get(url(pair, "/idea-queue"), params={"limit": 100})).json()
        assert all("cuddling" not in i["activities"] for i in queue)
    # Nobody is told whose boundary it was: both see the same idea.
    patient_view = (await pair.patient.get(url(pair, f"/ideas/{cuddle}"))).json()
    partner_view = (await pair.partner.get(url(pair, f"/ideas/{cuddle}"))).json()
    assert {**patient_view, "my_rating": None} == {**partner_view, "my_rating": None}
    # A plan can't be made from it either, with the same answer as for any non-match.
    refused = await pair.patient.post(url(pair, "/plans"), json={"idea_id": cuddle})
    unknown = await pair.patient.post(url(pair, "/plans"), json={"idea_id": "idea-nothing"})
    assert refused.status_code == 400 and refused.content == unknown.content
    # The boundary lifted, the match is back.
    await set_boundary(app, pair.space_id, pair.partner, "cuddling", "welcome")
    assert cuddle in (await matches(pair.patient, pair))["both_yes"]


# --- custom ideas ----------------------------------------------------------------------------------
CUSTOM = {
    "title": "  Picnic by the river ",
    "description": "Bring the blue blanket.",
    "category": "adventure",
    "closeness": 2,
    "duration_minutes": 90,
    "needs": ["blanket", " blanket", "snacks"],
    "activities": ["holding-hands"],
}


async def test_custom_ideas_are_shared_space_content(app: Litestar, pair: Couple) -> None:
    created = await pair.patient.post(url(pair, "/custom-ideas"), json=CUSTOM)
    assert created.status_code == 201, created.text
    idea = created.json()
    assert idea["id"].startswith("custom-") and idea["custom"] and idea["added_by_me"]
    assert idea["title"] == "Picnic by the river" and idea["needs"] == ["blanket", "snacks"]
    seen = (await pair.partner.get(url(pair, f"/ideas/{idea['id']}"))).json()
    assert seen["added_by_me"] is False and seen["title"] == idea["title"]
    assert [i["id"] for i in await library(pair.partner, pair.space_id, source="custom")] == [idea["id"]]
    assert idea["id"] not in [i["id"] for i in await library(pair.partner, pair.space_id, source="library")]

    # Only its author changes or deletes it; the partner gets the same 404 as for nothing.
    custom_url = url(pair, f"/custom-ideas/{idea['id'].removeprefix('custom-')}")
    changed = {**CUSTOM, "title": "Picnic in the park"}
    assert (await pair.partner.request("PUT", custom_url, json=changed)).status_code == 404
    assert (await pair.partner.delete(custom_url)).status_code == 404
    replaced = await pair.patient.request("PUT", custom_url, json=changed)
    assert replaced.status_code == 200 and replaced.json()["title"] == "Picnic in the park"

    # Another couple never sees it.
    others = await make_couple(app)
    assert (await others.patient.get(f"/api/v1/spaces/{others.space_id}/ideas/{idea['id']}")).status_code == 404
    other_url = f"/api/v1/spaces/{others.space_id}/custom-ideas/{idea['id'].removeprefix('custom-')}"
    assert (await others.patient.delete(other_url)).status_code == 404

    # Rated by both, it matches; deleted, its ratings and matches go with it.
    await rate(pair.patient, pair.space_id, idea["id"], "yes")
    await rate(pair.partner, pair.space_id, idea["id"], "maybe")
    assert (await matches(pair.patient, pair))["open_to_it"] == [idea["id"]]
    assert (await pair.patient.delete(custom_url)).status_code == 204
    assert (await matches(pair.partner, pair))["open_to_it"] == []
    assert (await pair.partner.get(url(pair, f"/ideas/{idea['id']}"))).status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"title": "a\u0000b"}, "title"),
        ({"description": "x" * 1001}, "description"),
        ({"category": "spicy"}, "category"),
        ({"closeness": 0}, "closeness"),
        ({"closeness": 5}, "closeness"),
        ({"duration_minutes": 4}, "duration_minutes"),
        ({"duration_minutes": 721}, "duration_minutes"),
        ({"needs": ["x"] * 11}, "needs"),
        ({"needs": ["x" * 61]}, "needs"),
        ({"activities": ["no-such-activity"]}, "activities"),
        ({"activities": ["penetration-fingers"]}, "activities"),
        ({"activities": ["cuddling"] * 21}, "activities"),
        ({"author_id": str(uuid.uuid4())}, "author_id"),
    ],
)
async def test_custom_idea_fields_are_validated(pair: Couple, change: dict[str, Any], field: str) -> None:
    response = await pair.patient.post(url(pair, "/custom-ideas"), json={**CUSTOM, **change})
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["field"].split("[")[0] == field
    assert await library(pair.patient, pair.space_id, source="custom") == []


async def test_export_holds_my_ratings_and_ideas_but_never_the_partners_ratings(pair: Couple) -> None:
    idea_id = gentle_ideas(await library(pair.patient, pair.space_id), 1)[0]
    await rate(pair.patient, pair.space_id, idea_id, "not_now")
    await rate(pair.partner, pair.space_id, idea_id, "yes")
    created = (await pair.patient.post(url(pair, "/custom-ideas"), json=CUSTOM)).json()
    mine = (await pair.patient.get("/api/v1/me/export")).json()["records"]["ideas"]
    assert mine["authored"]["ratings"][0]["idea_id"] == idea_id
    assert mine["authored"]["ratings"][0]["value"] == "not_now"
    assert [i["id"] for i in mine["authored"]["custom_ideas"]] == [created["id"]]
    theirs = (await pair.partner.get("/api/v1/me/export")).json()["records"]["ideas"]
    assert [r["value"] for r in theirs["authored"]["ratings"]] == ["yes"]
    assert [i["id"] for i in theirs["shared_with_me"]["custom_ideas"]] == [created["id"]]
    assert "not_now" not in str(theirs)


async def test_the_library_pages_by_cursor_while_ratings_change(pair: Couple) -> None:
    person = pair.patient
    items = await library(person, pair.space_id)
    first = (await person.get(url(pair, "/ideas"), params={"my_rating": "unrated", "limit": 4})).json()
    assert [i["id"] for i in first["items"]] == [i["id"] for i in items[:4]]
    # Rating ideas of the first page takes them out of "unrated": the next page still starts after it.
    for idea in first["items"]:
        assert await rate(person, pair.space_id, idea["id"], "yes") == 200
    second = (
        await person.get(
            url(pair, "/ideas"), params={"my_rating": "unrated", "limit": 4, "cursor": first["next_cursor"]}
        )
    ).json()
    assert [i["id"] for i in second["items"]] == [i["id"] for i in items[4:8]]
    # A cursor of the plain list does not fit a search, and a crafted one is refused: 400, never a 500.
    for params in (
        {"q": "walk", "cursor": first["next_cursor"]},
        {"cursor": base64.urlsafe_b64encode(b'[1, 0, "x", "y"]').decode().rstrip("=")},
        {"cursor": base64.urlsafe_b64encode(b"[1, 0, 2.5]").decode().rstrip("=")},
    ):
        response = await person.get(url(pair, "/ideas"), params=params)
        assert response.status_code == 400, (params, response.text)
        assert response.json()["errors"][0]["field"] == "cursor"
