"""The leak test: a marker in every private field, then every GET route as everyone but the author.

Each feature's `seed_private(world, markers)` (in its routes_<domain>.py) writes `markers.patient`
into every private field of records the patient authors, and `markers.partner` into the partner's.
Then every GET route of the API is called with the world's parameters by the other member, the
outsider and an anonymous caller, and no marker but the viewer's own may appear: not in bodies,
headers or errors.
"""

from __future__ import annotations

from litestar import Litestar

from .leaks import Markers, assert_no_leak, seed_all_private
from .matrix import MATRIX
from .world import build_world


async def test_no_private_marker_reaches_anyone_but_its_author(app: Litestar) -> None:
    world = await build_world(app)
    markers = Markers()
    await seed_all_private(world, markers)
    checked = await assert_no_leak(world, markers)
    assert checked == 4 * len([1 for method, _ in MATRIX if method == "GET"])
