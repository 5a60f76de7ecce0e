"""Live events: content-free signals through Litestar's channels, and the reveal they announce.

These tests use an app of their own whose lifespan runs in the test's event loop (the channels
plugin's workers live there) and whose streams stay open long enough to be read while the other
member acts. The partner's stream is read for a bounded time while the patient writes marker text
into unrevealed answers: the marker must never be in it.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar

from tandem.core.config import Settings
from tandem.events.channels import make_channels_plugin

from .apps import make_settings
from .people import Couple, Person, make_couple
from .routes_checkins import checkin_body
from .routes_prompts import some_prompts, start_conversation
from .streams import StreamReader

QUIET_SECONDS = 0.6


@pytest.fixture
async def pair(live_app: Litestar) -> Couple:
    return await make_couple(live_app)


def events_path(couple: Couple) -> str:
    return f"/api/v1/spaces/{couple.space_id}/events"


def marker() -> str:
    return f"UNREVEALED{uuid.uuid4().hex}"


async def test_check_in_together_presence_and_reveal_arrive_live_without_content(
    live_app: Litestar, pair: Couple
) -> None:
    secret = marker()
    base = f"/api/v1/spaces/{pair.space_id}/together"
    async with (
        StreamReader(live_app, pair.partner, events_path(pair)) as partner_stream,
        StreamReader(live_app, pair.patient, events_path(pair)) as patient_stream,
    ):
        assert partner_stream.status == 200
        assert await partner_stream.wait_for(lambda s: any(e.event == "ready" for e in s.events()))
        started = (await pair.patient.post(base)).json()
        assert await partner_stream.wait_for(lambda s: "started" in s.changes("together"))

        joined = await pair.partner.post(f"{base}/{started['id']}/join")
        assert joined.status_code == 200
        assert await patient_stream.wait_for(lambda s: "joined" in s.changes("together"))

        answered = await pair.patient.post(
            f"{base}/{started['id']}/answer",
            json=checkin_body(2, own_words=[secret], help_from_you=secret, note=secret),
        )
        assert answered.status_code == 200
        assert answered.json()["state"] == "open"
        assert await partner_stream.wait_for(lambda s: "answered" in s.changes("together"))
        # The partner learns that the patient finished, and nothing of what they wrote.
        waiting = (await pair.partner.get(f"{base}/{started['id']}")).json()
        assert [seat["answered"] for seat in waiting["seats"] if not seat["is_me"]] == [True]
        assert waiting["partners"] is None
        assert secret not in str(waiting)
        assert secret not in partner_stream.text

        revealed = await pair.partner.post(f"{base}/{started['id']}/answer", json=checkin_body(4, note="Thank you"))
        assert revealed.json()["state"] == "revealed"
        assert await patient_stream.wait_for(lambda s: "revealed" in s.changes("together"))
        assert await partner_stream.wait_for(lambda s: "revealed" in s.changes("together"))
        # Now, and only now, each reads the other's answer through the API.
        after = (await pair.partner.get(f"{base}/{started['id']}")).json()
        assert after["partners"]["note"] == secret
        # No event ever carried it, before or after the reveal.
        assert secret not in partner_stream.text
        assert secret not in patient_stream.text
    for event in partner_stream.events():
        assert set(event.data) <= {"kind", "change", "id"}


async def test_unrevealed_conversation_answer_never_travels_on_the_partners_stream(
    live_app: Litestar, pair: Couple
) -> None:
    secret = marker()
    prompt_id, _ = await some_prompts(pair.patient, pair.space_id)
    conversation = await start_conversation(pair.patient, pair.space_id, prompt_id)
    path = f"/api/v1/spaces/{pair.space_id}/conversations/{conversation['id']}"
    async with StreamReader(live_app, pair.partner, events_path(pair)) as partner_stream:
        answered = await pair.patient.post(f"{path}/answer", json={"text": secret})
        assert answered.status_code == 200
        assert await partner_stream.wait_for(lambda s: "answered" in s.changes("conversation"))
        # Keep reading for a while: nothing else may arrive, and certainly not the answer.
        await asyncio.sleep(QUIET_SECONDS)
        assert partner_stream.changes("conversation") == ["answered"]
        assert secret not in partner_stream.text
        seen = (await pair.partner.get(path)).json()
        assert seen["partners_answer"] is None
        assert secret not in str(seen)


async def test_a_private_check_in_makes_no_event_at_all(live_app: Litestar, pair: Couple) -> None:
    secret = marker()
    checkins = f"/api/v1/spaces/{pair.space_id}/checkins"
    async with StreamReader(live_app, pair.partner, events_path(pair)) as partner_stream:
        assert await partner_stream.wait_for(lambda s: bool(s.events()))
        private = await pair.patient.post(checkins, json=checkin_body(note=secret))
        assert private.status_code == 201
        # The timing of a private check-in is not observable: nothing arrives.
        assert not await partner_stream.wait_for(lambda s: len(s.events()) > 1, seconds=QUIET_SECONDS)
        shared = await pair.patient.post(checkins, json=checkin_body(visibility="shared"))
        assert await partner_stream.wait_for(lambda s: s.changes("checkin") == ["shared"])
        assert partner_stream.events()[-1].data["id"] == shared.json()["id"]
        assert secret not in partner_stream.text


@pytest.mark.parametrize("attempt", range(4))
async def test_both_answering_at_the_same_instant_reveals_exactly_once(
    live_app: Litestar, pair: Couple, attempt: int
) -> None:
    base = f"/api/v1/spaces/{pair.space_id}/together"
    started = (await pair.patient.post(base)).json()
    async with StreamReader(live_app, pair.patient, events_path(pair)) as stream:
        responses = await asyncio.gather(
            pair.patient.post(f"{base}/{started['id']}/answer", json=checkin_body(1, note="patient's")),
            pair.partner.post(f"{base}/{started['id']}/answer", json=checkin_body(5, note="partner's")),
        )
        assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
        # Serialised on the round: one of them saw the other's answer and revealed; neither answer was lost.
        assert sorted(r.json()["state"] for r in responses) == ["open", "revealed"]
        assert await stream.wait_for(lambda s: "revealed" in s.changes("together"))
        await asyncio.sleep(0.2)
        assert stream.changes("together").count("revealed") == 1
    for person, mine, theirs in ((pair.patient, 1, 5), (pair.partner, 5, 1)):
        seen = (await person.get(f"{base}/{started['id']}")).json()
        assert seen["state"] == "revealed"
        assert (seen["mine"]["mood"], seen["partners"]["mood"]) == (mine, theirs)


async def test_a_refused_request_publishes_nothing(live_app: Litestar, pair: Couple) -> None:
    base = f"/api/v1/spaces/{pair.space_id}/together"
    started = (await pair.patient.post(base)).json()
    first = await pair.patient.post(f"{base}/{started['id']}/answer", json=checkin_body(3))
    assert first.status_code == 200
    async with StreamReader(live_app, pair.partner, events_path(pair)) as stream:
        assert await stream.wait_for(lambda s: bool(s.events()))
        again = await pair.patient.post(f"{base}/{started['id']}/answer", json=checkin_body(3))
        assert again.status_code == 409
        assert not await stream.wait_for(lambda s: len(s.events()) > 1, seconds=QUIET_SECONDS)


async def test_leaving_the_space_ends_the_stream_before_the_next_event(live_app: Litestar, pair: Couple) -> None:
    async with StreamReader(live_app, pair.partner, events_path(pair)) as stream:
        assert await stream.wait_for(lambda s: bool(s.events()))
        assert (await pair.partner.post(f"/api/v1/spaces/{pair.space_id}/leave")).status_code == 204
        changed = await pair.patient.patch(
            f"/api/v1/spaces/{pair.space_id}/boundaries",
            json={"changes": [{"activity_id": "kissing", "level": "ask_first"}]},
        )
        assert changed.status_code == 200
        assert await stream.wait_for(lambda s: s.finished, seconds=5)
        assert stream.changes("boundaries") == []


async def test_streams_are_per_space_and_refuse_strangers(live_app: Litestar, pair: Couple) -> None:
    stranger = await Person(live_app).sign_up()
    own = await stranger.create_space("partner")
    async with StreamReader(live_app, stranger, f"/api/v1/spaces/{pair.space_id}/events") as refused:
        assert await refused.wait_for(lambda s: s.finished)
        assert refused.status == 404
    async with StreamReader(live_app, stranger, f"/api/v1/spaces/{own['id']}/events") as elsewhere:
        assert await elsewhere.wait_for(lambda s: bool(s.events()))
        await pair.patient.patch(
            f"/api/v1/spaces/{pair.space_id}/boundaries",
            json={"changes": [{"activity_id": "cuddling", "level": "welcome"}]},
        )
        assert not await elsewhere.wait_for(lambda s: len(s.events()) > 1, seconds=QUIET_SECONDS)
    anonymous = Person(live_app)
    async with StreamReader(live_app, anonymous, events_path(pair)) as nobody:
        assert await nobody.wait_for(lambda s: s.finished)
        assert nobody.status == 401


def test_redis_carries_events_when_configured(tmp_path: Path) -> None:
    base = make_settings(tmp_path, "sqlite+aiosqlite:///unused.db")
    in_memory = make_channels_plugin(base)
    assert type(in_memory._backend).__name__ == "MemoryChannelsBackend"
    with_redis: Any = make_channels_plugin(Settings(**{**_fields(base), "redis_url": "redis://127.0.0.1:6379/0"}))
    assert type(with_redis._backend).__name__ == "ReconnectingRedisPubSubBackend"


def _fields(settings: Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}


async def test_changing_a_private_note_makes_no_event(live_app: Litestar, pair: Couple) -> None:
    secret = marker()
    made = await pair.patient.post(
        f"/api/v1/spaces/{pair.space_id}/custom-activities", json={"title": "Morning walks", "note": "first"}
    )
    path = f"/api/v1/spaces/{pair.space_id}/custom-activities/{made.json()['id']}"
    async with StreamReader(live_app, pair.partner, events_path(pair)) as partner_stream:
        assert await partner_stream.wait_for(lambda s: bool(s.events()))
        same_title = await pair.patient.patch(path, json={"title": "Morning walks", "note": secret})
        assert same_title.status_code == 200
        assert not await partner_stream.wait_for(lambda s: len(s.events()) > 1, seconds=QUIET_SECONDS)
        renamed = await pair.patient.patch(path, json={"title": "Evening walks"})
        assert renamed.status_code == 200
        assert await partner_stream.wait_for(lambda s: s.changes("boundaries") == ["activity_changed"])
        assert secret not in partner_stream.text
