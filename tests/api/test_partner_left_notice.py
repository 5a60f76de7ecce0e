"""After the other member leaves or deletes their account, the one who stays sees a calm notice once."""

from __future__ import annotations

from .journal import ok
from .people import PASSWORD, Couple, Person

NOTICE = "/api/v1/spaces/{}/notices/partner-left"


async def test_the_notice_shows_once_after_the_partner_left(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    assert await ok(p.get(NOTICE.format(s))) == {"partner_left": False}
    await ok(q.post(f"/api/v1/spaces/{s}/leave"), 204)
    assert await ok(p.get(NOTICE.format(s))) == {"partner_left": True}
    # Reading it does not change it; marking it seen does, and it stays seen.
    assert await ok(p.get(NOTICE.format(s))) == {"partner_left": True}
    await ok(p.post(NOTICE.format(s) + "/seen"), 204)
    assert await ok(p.get(NOTICE.format(s))) == {"partner_left": False}
    await ok(p.post(NOTICE.format(s) + "/seen"), 204)
    assert await ok(p.get(NOTICE.format(s))) == {"partner_left": False}


async def test_the_one_who_leaves_gets_no_notice_and_the_other_no_reason(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    await ok(p.post(f"/api/v1/spaces/{s}/leave"), 204)
    shown = await ok(q.get(NOTICE.format(s)))
    assert shown == {"partner_left": True}  # nothing else: not why, not when
    assert (await p.get(NOTICE.format(s))).status_code == 404


async def test_the_notice_after_an_account_deletion_goes_when_a_new_partner_joins(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    assert (await q.request("DELETE", "/api/v1/me", json={"password": PASSWORD})).status_code == 204
    assert await ok(p.get(NOTICE.format(s))) == {"partner_left": True}
    newcomer = await Person(q.app, display_name="Kim").sign_up()
    invitation = await p.invite(s)
    assert (await newcomer.accept(invitation["token"])).status_code == 200
    assert await ok(p.get(NOTICE.format(s))) == {"partner_left": False}
    assert await ok(newcomer.get(NOTICE.format(s))) == {"partner_left": False}
