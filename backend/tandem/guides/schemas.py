from __future__ import annotations

import enum
from typing import Annotated

import msgspec
from msgspec import Meta

NOT_MEDICAL_ADVICE = (
    "This guide is general information, not medical advice. For advice about your own situation, "
    "talk to a clinician or a pelvic-floor physiotherapist."
)


class Audience(enum.StrEnum):
    BOTH = "both"
    PATIENT = "patient"
    PARTNER = "partner"


class GuideSource(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A public source: a clinical guideline, a review, a health service's or professional body's page."""

    title: Annotated[str, Meta(min_length=3, max_length=300)]
    publisher: Annotated[str, Meta(min_length=2, max_length=120)]
    url: Annotated[str, Meta(pattern=r"^https://[^\s]+$", max_length=300)]


class GuideFrontMatter(msgspec.Struct, forbid_unknown_fields=True):
    """The YAML front matter of one guide file. Ids are stable forever; a guide is retired, never deleted."""

    id: Annotated[str, Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
    title: Annotated[str, Meta(min_length=3, max_length=120)]
    audience: Audience
    summary: Annotated[str, Meta(min_length=3, max_length=200)]
    version: Annotated[int, Meta(ge=1)]
    sources: Annotated[list[GuideSource], Meta(min_length=1, max_length=20)]
    retired: bool = False


class GuideSummary(msgspec.Struct):
    """A guide in the list: who it is written for and what it covers."""

    id: str
    title: str
    audience: Audience
    summary: str
    minutes: int


class GuideOut(msgspec.Struct):
    """One guide. `body` is Markdown limited to headings, paragraphs, lists, bold, italics and links;
    `/guides/<id>` links point to other guides. It ends with `sources` and the not-medical-advice line."""

    id: str
    title: str
    audience: Audience
    summary: str
    minutes: int
    version: int
    body: str
    sources: list[GuideSource]
    not_medical_advice: str
    retired: bool


class GuideRef(msgspec.Struct):
    id: str
    title: str


class SourceOut(msgspec.Struct):
    """A source cited by one or more guides, listed once."""

    title: str
    publisher: str
    url: str
    guides: list[GuideRef]
