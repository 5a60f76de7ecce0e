"""Matrix entries, seed and private seed for the practice journal and progress summaries.

Every journal route is the patient's alone: the partner gets the same 404 as an outsider. Published
summaries are read by both members; only the partner reacts to them.
"""

from __future__ import annotations

from typing import Any

from .journal import (
    ago,
    dilator_body,
    draft,
    log_dilator,
    make_set,
    ok,
    practice,
    publish,
    set_message,
    today,
    withdraw,
)
from .people import Person
from .world import Cell, World, statuses

SPACE = "/api/v1/spaces/{space_id}"
P = SPACE + "/practice"
S = SPACE + "/summaries"

PATIENT_ONLY_READ = statuses(401, 404, 404, 200)


def patient_only(status: int) -> dict[str, int]:
    return statuses(401, 404, 404, status)


def entry_body(world: World, _: Person) -> dict[str, Any]:
    return dilator_body(world.params["size_id"], note="from the matrix")


def settings_body(_: World, __: Person) -> dict[str, Any]:
    return {
        "hint_enabled": True,
        "hint_sessions": 3,
        "hint_min_minutes": 5,
        "hint_max_pain": 2,
        "hint_max_anxiety": 3,
        "inhale_seconds": 4,
        "exhale_seconds": 6,
    }


def set_body(world: World, _: Person) -> dict[str, Any]:
    return {"sizes": [{"id": world.params["size_id"], "label": "1"}, {"label": "2"}]}


def period_body(_: World, __: Person) -> dict[str, Any]:
    return {"period_start": today().replace(day=1).isoformat(), "period_end": today().isoformat()}


MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", P + "/entries"): Cell(PATIENT_ONLY_READ),
    ("POST", P + "/entries"): Cell(patient_only(201), entry_body),
    ("GET", P + "/entries/{entry_id}"): Cell(PATIENT_ONLY_READ),
    ("PUT", P + "/entries/{entry_id}"): Cell(patient_only(200), entry_body),
    ("DELETE", P + "/entries/{entry_id}"): Cell(patient_only(204)),
    ("GET", P + "/dilator-set"): Cell(PATIENT_ONLY_READ),
    ("PUT", P + "/dilator-set"): Cell(patient_only(200), set_body),
    ("GET", P + "/settings"): Cell(PATIENT_ONLY_READ),
    ("PUT", P + "/settings"): Cell(patient_only(200), settings_body),
    ("GET", P + "/plan"): Cell(PATIENT_ONLY_READ),
    ("PUT", P + "/plan"): Cell(patient_only(200), lambda w, p: {"hold_min_minutes": 5, "hold_max_minutes": 10}),
    ("GET", P + "/goals"): Cell(PATIENT_ONLY_READ),
    ("POST", P + "/goals"): Cell(patient_only(201), lambda w, p: {"title": "Use a tampon"}),
    ("PUT", P + "/goals/{goal_id}"): Cell(patient_only(200), lambda w, p: {"title": "Calm exam", "status": "reached"}),
    ("DELETE", P + "/goals/{goal_id}"): Cell(patient_only(204)),
    ("GET", P + "/overview"): Cell(PATIENT_ONLY_READ),
    ("GET", P + "/progress"): Cell(PATIENT_ONLY_READ),
    ("GET", P + "/report"): Cell(PATIENT_ONLY_READ),
    ("GET", P + "/summaries"): Cell(PATIENT_ONLY_READ),
    ("POST", P + "/summaries"): Cell(patient_only(201), period_body),
    ("GET", P + "/summaries/{summary_id}"): Cell(PATIENT_ONLY_READ),
    ("PUT", P + "/summaries/{summary_id}"): Cell(patient_only(200), lambda w, p: {"message": "Thank you"}),
    ("DELETE", P + "/summaries/{summary_id}"): Cell(patient_only(204)),
    ("POST", P + "/summaries/{summary_id}/preview"): Cell(patient_only(200), lambda w, p: {"message": "Hi"}),
    ("POST", P + "/summaries/{summary_id}/publish"): Cell(patient_only(200)),
    ("POST", P + "/summaries/{summary_id}/withdraw"): Cell(patient_only(200)),
    ("GET", S): Cell(statuses(401, 404, 200, 200)),
    ("GET", S + "/{summary_id}"): Cell(statuses(401, 404, 200, 200)),
    # Reactions are the partner's: the patient may not react to their own summary.
    ("PUT", S + "/{summary_id}/reaction"): Cell(statuses(401, 404, 200, 403), lambda w, p: {"kind": "proud-of-you"}),
    ("DELETE", S + "/{summary_id}/reaction"): Cell(statuses(401, 404, 204, 403)),
    ("GET", "/api/v1/summary-reactions"): Cell(statuses(401, 200, 200, 200)),
}


async def seed(world: World) -> None:
    """A small journal and one published summary the partner has reacted to."""
    patient, space = world.patient, world.space_id
    sizes = await make_set(patient, space, ["1", "2", "3"])
    world.params["size_id"] = sizes[0]["id"]
    entry = await log_dilator(patient, space, sizes[0]["id"], when=ago(days=2))
    await log_dilator(patient, space, sizes[0]["id"], when=ago(days=1))
    world.params["entry_id"] = entry["id"]
    goal = await ok(patient.post(practice(space, "/goals"), json={"title": "A calm exam"}), 201)
    world.params["goal_id"] = goal["id"]
    summary = await draft(patient, space)
    await publish(patient, space, summary["id"])
    world.params["summary_id"] = summary["id"]
    await ok(
        world.partner.request(
            "PUT", f"/api/v1/spaces/{space}/summaries/{summary['id']}/reaction", json={"kind": "thank-you-for-sharing"}
        )
    )


async def seed_private(world: World, markers: Any) -> None:
    """A marker in every private field: a size label, an entry's note, a goal's title, the plan's notes,
    an unpublished draft's message, and a withdrawn summary's message. The path parameters then point
    at these records, so the partner asks for them by id too."""
    patient, space, marker = world.patient, world.space_id, markers.patient
    current = await ok(patient.get(practice(space, "/dilator-set")))
    sizes = await ok(
        patient.request(
            "PUT",
            practice(space, "/dilator-set"),
            json={"sizes": [*({"id": s["id"], "label": s["label"]} for s in current), {"label": marker}]},
        )
    )
    secret_size = sizes[-1]["id"]
    entry = await log_dilator(patient, space, secret_size, note=f"note {marker}", pain=0, anxiety=0)
    goal = await ok(patient.post(practice(space, "/goals"), json={"title": marker, "status": "reached"}), 201)
    await ok(patient.request("PUT", practice(space, "/plan"), json={"notes": f"plan {marker}", "hold_min_minutes": 6}))
    unpublished = await draft(patient, space)
    await set_message(patient, space, unpublished["id"], f"draft {marker}")
    gone = await draft(patient, space)
    await set_message(patient, space, gone["id"], f"withdrawn {marker}")
    await publish(patient, space, gone["id"])
    await withdraw(patient, space, gone["id"])
    world.params.update(entry_id=entry["id"], goal_id=goal["id"], summary_id=gone["id"], size_id=secret_size)
