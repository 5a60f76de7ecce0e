"""The guides: read-only, for anyone signed in; every source listed once; reading leaves no trace."""

from __future__ import annotations

from litestar import Litestar

from tandem.guides.service import read_guides

from .matrix import MATRIX
from .people import Couple, Person, make_couple
from .streams import StreamReader
from .twins import normalise_response


async def test_the_list_has_every_guide_for_both_members(couple: Couple) -> None:
    expected = {g.meta.id for g in read_guides().values() if not g.meta.retired}
    for person in (couple.patient, couple.partner):
        response = await person.get("/api/v1/guides")
        assert response.status_code == 200
        listed = response.json()
        assert {g["id"] for g in listed} == expected
        assert {g["audience"] for g in listed} == {"both", "patient", "partner"}
        assert all(1 <= g["minutes"] <= 5 for g in listed)


async def test_a_guide_ends_with_its_sources_and_the_not_medical_advice_line(couple: Couple) -> None:
    response = await couple.partner.get("/api/v1/guides/dilator-practice")
    assert response.status_code == 200
    guide = response.json()
    assert guide["audience"] == "patient", "the partner can read the patient's guides too"
    assert guide["sources"] and all(s["url"].startswith("https://") for s in guide["sources"])
    assert "not medical advice" in guide["not_medical_advice"]
    assert "tailbone" in guide["body"]


async def test_an_unknown_guide_is_a_404(signed_up: Person) -> None:
    for guide_id in ("no-such-guide", "../data", "x" * 64):
        response = await signed_up.get(f"/api/v1/guides/{guide_id}")
        assert response.status_code == 404, guide_id
    assert (await signed_up.get("/api/v1/guides/" + "x" * 65)).status_code == 400


async def test_sources_are_listed_once_with_the_guides_citing_them(signed_up: Person) -> None:
    sources = (await signed_up.get("/api/v1/guides/sources")).json()
    urls = [s["url"] for s in sources]
    assert len(urls) == len(set(urls))
    cited = {s.url for g in read_guides().values() for s in g.meta.sources}
    assert set(urls) == cited
    nhs = next(s for s in sources if s["url"] == "https://www.nhs.uk/conditions/vaginismus/")
    assert len(nhs["guides"]) >= 5


async def test_anonymous_callers_cannot_read_guides(person: Person) -> None:
    for path in ("/api/v1/guides", "/api/v1/guides/sources", "/api/v1/guides/what-vaginismus-is"):
        assert (await person.get(path)).status_code == 401


async def test_reading_guides_leaves_no_trace_the_other_member_can_see(live_app: Litestar) -> None:
    """Everything the patient can fetch is the same before and after the partner reads every guide, and
    the patient's live stream carries nothing from those reads."""
    couple = await make_couple(live_app)
    events_path = "/api/v1/spaces/{space_id}/events"

    async def everything() -> list[object]:
        seen: list[object] = []
        for method, path in sorted(MATRIX):
            # The live stream is read below for as long as the reads last: what a fresh connection
            # says first depends on when it connects (the couple's own "joined" or a heartbeat).
            if method != "GET" or "{" in path.replace("{space_id}", "") or path == events_path:
                continue
            response = await couple.patient.get(path.format(space_id=couple.space_id))
            seen.append((path, normalise_response(response)))
        return seen

    before = await everything()
    async with StreamReader(live_app, couple.patient, events_path.format(space_id=couple.space_id)) as stream:
        assert await stream.wait_for(lambda s: any(e.event == "ready" for e in s.events()))
        for guide in (await couple.partner.get("/api/v1/guides")).json():
            assert (await couple.partner.get(f"/api/v1/guides/{guide['id']}")).status_code == 200
        assert (await couple.partner.get("/api/v1/guides/sources")).status_code == 200
        assert await everything() == before
        # A fence: a change of the patient's own. Signals arrive in order, so once it is in, anything the
        # reads above had caused would be in too.
        fence = await couple.patient.patch(
            f"/api/v1/spaces/{couple.space_id}/boundaries",
            json={"changes": [{"activity_id": "kissing", "level": "ask_first"}]},
        )
        assert fence.status_code == 200
        assert await stream.wait_for(lambda s: "changed" in s.changes("boundaries"))
    # The couple's own "joined" may still be on its way when the stream opens.
    arrived = [
        (e.event, e.data.get("change"))
        for e in stream.events()
        if e.event != "ready" and (e.event, e.data.get("change")) != ("space", "joined")
    ]
    assert arrived == [("boundaries", "changed")], arrived
