"""The content as data: a year of prompts, ideas placed in the path's stages, and guides with sources.

Checks counts, unique ids, that every idea sits in exactly one stage, that every guide cites at least
one public source, that no idea describes penetration as part of the activity (and no prompt assumes
it as the goal), and that every internal link to a guide resolves: in guide bodies, in the stages and
in the frontend's own code.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tandem.core.catalog import read_catalog
from tandem.guides.service import GUIDES_DIR, guide_links, read_guides
from tandem.ideas.schemas import IdeaEntry
from tandem.ideas.service import CATALOG_FILE as IDEAS_FILE
from tandem.path.schemas import StageEntry
from tandem.path.service import CATALOG_FILE as STAGES_FILE
from tandem.prompts.schemas import PromptCategoryEntry, PromptEntry
from tandem.prompts.service import CATEGORIES_FILE, PROMPTS_FILE

FRONTEND_SRC = Path(__file__).resolve().parents[2] / "frontend" / "src"
# A link written in the frontend's code: a string starting with /guides/ (imports like "../guides/x" are not).
FRONTEND_GUIDE_LINK = re.compile(r"[\"'`]/guides/([a-z0-9]+(?:-[a-z0-9]+)*)\b")

# The topics the issue asks for, by the guide that covers each.
REQUIRED_GUIDES = {
    "both": {"what-vaginismus-is", "how-home-treatment-goes", "when-to-see-a-clinician"},
    "patient": {"relaxation-and-breathing", "dilator-practice", "after-a-hard-session", "setting-your-own-goals"},
    "partner": {"supporting-without-pressure", "what-to-say", "your-own-feelings"},
}
ALSO_REQUIRED = {"intimacy-beyond-penetration", "pause-and-not-now", "sensate-focus-path", "talking-with-a-clinician"}

PENETRATION = re.compile(r"penetrat\w*|intercourse|\binsert\w*|into the vagina|inside the vagina", re.IGNORECASE)
NEGATED = re.compile(r"\b(no|not|without|never|nothing|nor|isn't|doesn't)\b[^.;:!?]*$", re.IGNORECASE)


def describes_penetration(text: str) -> bool:
    """True when the text speaks of penetration other than to rule it out ("without penetration")."""
    for match in PENETRATION.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()]
        if not NEGATED.search(before):
            return True
    return False


def test_the_penetration_check_is_not_vacuous() -> None:
    assert describes_penetration("Then try gentle penetration with one finger.")
    assert describes_penetration("Insert the smallest size slowly.")
    assert describes_penetration("Work toward intercourse by the end of the month.")
    assert not describes_penetration("A lovely form of closeness without penetration.")
    assert not describes_penetration("Things that have nothing to do with penetration: a kiss.")


def prompts() -> list[PromptEntry]:
    return read_catalog(PROMPTS_FILE, PromptEntry).items


def ideas() -> list[IdeaEntry]:
    return read_catalog(IDEAS_FILE, IdeaEntry).items


def stages() -> list[StageEntry]:
    return read_catalog(STAGES_FILE, StageEntry).items


def test_a_year_of_prompts_with_unique_ids_in_existing_categories() -> None:
    items = prompts()
    assert len(items) >= 365
    ids = [p.id for p in items]
    assert len(ids) == len(set(ids))
    assert len({p.text.casefold() for p in items}) == len(items), "a prompt is repeated"
    categories = {c.id for c in read_catalog(CATEGORIES_FILE, PromptCategoryEntry).items}
    assert {p.category for p in items} == categories, "prompts use the existing categories, all of them"
    per_category = Counter(p.category for p in items)
    assert min(per_category.values()) >= 20, per_category
    assert set(Counter(p.depth.value for p in items)) == {"light", "deeper", "deep"}


def test_no_prompt_assumes_intercourse_is_the_goal() -> None:
    for prompt in prompts():
        text = f"{prompt.text} {prompt.follow_up or ''}"
        assert not describes_penetration(text), prompt.id


def test_ideas_are_at_least_120_each_in_exactly_one_stage() -> None:
    library = ideas()
    assert len(library) >= 120
    ids = [i.id for i in library]
    assert len(ids) == len(set(ids))
    placed = Counter(idea for stage in stages() for idea in stage.ideas)
    assert set(placed) == set(ids), "every idea in a stage, and only ideas of the library"
    assert max(placed.values()) == 1, [i for i, n in placed.items() if n > 1]


def test_no_idea_describes_penetration_as_part_of_the_activity() -> None:
    for idea in ideas():
        assert not describes_penetration(f"{idea.title}. {idea.description}"), idea.id
        assert not any(a.startswith("penetration") for a in idea.activities), idea.id


def test_the_stages_are_four_or_five_with_their_prompts_and_guides() -> None:
    path = stages()
    assert 4 <= len(path) <= 5
    assert len({s.id for s in path}) == len(path)
    prompt_ids = {p.id for p in prompts()}
    guide_ids = set(read_guides())
    for stage in path:
        assert set(stage.prompts) <= prompt_ids, stage.id
        assert len(stage.prompts) >= 2, stage.id
        assert set(stage.guides) <= guide_ids, stage.id
        assert any("penetration" in line.casefold() for line in stage.excludes), stage.id
        assert not describes_penetration(f"{stage.summary} {stage.description} {' '.join(stage.includes)}"), stage.id
    # The stage prompts are their own, written for the path.
    all_stage_prompts = [p for s in path for p in s.prompts]
    assert len(all_stage_prompts) == len(set(all_stage_prompts))


def test_the_guides_cover_the_topics_each_with_sources() -> None:
    guides = read_guides()
    for audience, required in REQUIRED_GUIDES.items():
        for guide_id in required:
            assert guide_id in guides, guide_id
            assert guides[guide_id].meta.audience.value == audience, guide_id
    assert set(guides) >= ALSO_REQUIRED
    for guide in guides.values():
        assert len(guide.meta.sources) >= 1, guide.meta.id
        assert all(s.url.startswith("https://") for s in guide.meta.sources), guide.meta.id
        assert 150 <= len(guide.body.split()) <= 900, f"{guide.meta.id}: readable in a few minutes"
        assert guide.minutes <= 5, guide.meta.id


def test_the_dilator_guide_covers_every_step_the_issue_names() -> None:
    body = read_guides()["dilator-practice"].body.casefold()
    for words in (
        "water-based",
        "silicone",
        "oil",
        "private",
        "position",
        "tailbone",
        "resistance",
        "breathe",
        "5 to 15 minutes",
        "without pain and without significant anxiety",
        "air-dry",
    ):
        assert words in body, words


def test_every_internal_guide_link_resolves() -> None:
    guides = read_guides()
    for guide in guides.values():
        for target in guide_links(guide.body):
            assert target in guides, f"{guide.meta.id} links to {target}"
    frontend_links: set[str] = set()
    for source in [*FRONTEND_SRC.rglob("*.ts"), *FRONTEND_SRC.rglob("*.tsx")]:
        if "api" in source.parts:
            continue
        frontend_links.update(FRONTEND_GUIDE_LINK.findall(source.read_text(encoding="utf-8")))
    frontend_links.discard("sources")
    assert frontend_links, "the frontend links to the guides that explain its pages"
    assert frontend_links <= set(guides), frontend_links - set(guides)


@pytest.mark.parametrize("path", sorted(GUIDES_DIR.glob("*.md")), ids=lambda p: p.stem)
def test_each_guide_file_is_named_after_its_id(path: Path) -> None:
    assert read_guides()[path.stem].meta.id == path.stem
