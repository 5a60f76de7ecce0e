from __future__ import annotations

import enum
from typing import Annotated

import msgspec
from msgspec import Meta

from tandem.guides.schemas import GuideRef
from tandem.ideas.schemas import IdeaOut
from tandem.path.models import Readiness

ABOUT_THE_PATH = (
    "The path follows sensate focus, a structure sex therapists use. It is not medical advice, and it is "
    "best done with a clinician's or therapist's guidance where that is possible. Either of you can stop "
    "at any moment, and nothing beyond the stage you are in is expected."
)

Line = Annotated[str, Meta(min_length=1, max_length=200)]
StageId = Annotated[str, Meta(pattern=r"^stage-[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]


class StageEntry(msgspec.Struct, forbid_unknown_fields=True):
    """One entry of stages.yaml."""

    id: StageId
    title: Annotated[str, Meta(min_length=1, max_length=120)]
    summary: Annotated[str, Meta(min_length=1, max_length=300)]
    description: Annotated[str, Meta(min_length=1, max_length=2000)]
    includes: Annotated[list[Line], Meta(min_length=1, max_length=10)]
    excludes: Annotated[list[Line], Meta(min_length=1, max_length=10)]
    guides: Annotated[list[str], Meta(min_length=1, max_length=10)]
    prompts: Annotated[list[str], Meta(min_length=2, max_length=10)]
    ideas: Annotated[list[str], Meta(min_length=1, max_length=100)]


class PathStatus(enum.StrEnum):
    OFF = "off"
    ON = "on"


class StageBrief(msgspec.Struct):
    id: str
    number: int
    title: str
    summary: str


class StagePrompt(msgspec.Struct):
    id: str
    category: str
    text: str


class StageOut(msgspec.Struct):
    """A stage with what is in and out of it, its guides, prompts and ideas.

    Ideas that either member's boundaries set aside are left out, as everywhere else (never saying whose).
    """

    id: str
    number: int
    title: str
    summary: str
    description: str
    includes: list[str]
    excludes: list[str]
    guides: list[GuideRef]
    prompts: list[StagePrompt]
    ideas: list[IdeaOut]


class PathOut(msgspec.Struct):
    """The path as the caller sees it.

    `status` is "on" only when both members have turned it on; `turned_on` and `my_readiness` are the
    caller's own choices and never the partner's. Until both are ready, nothing tells either member what
    the other answered: a "not yet" looks exactly like no answer at all.
    """

    status: PathStatus
    turned_on: bool
    stage: StageOut | None
    my_readiness: Readiness | None
    has_next_stage: bool
    can_step_back: bool
    stages: list[StageBrief]
    about: str


class ChoiceIn(msgspec.Struct, forbid_unknown_fields=True):
    """Turn the path on or off for yourself. It starts only once you have both turned it on."""

    turned_on: bool


class ReadinessIn(msgspec.Struct, forbid_unknown_fields=True):
    """Whether you feel ready to move to the next stage. Only you see this."""

    answer: Readiness
