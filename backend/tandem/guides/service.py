"""The guides: Markdown files with YAML front matter under data/, read once and kept in memory.

Reading a guide writes nothing anywhere: no table, no log line beyond the usual request line, so
reading leaves no trace that the other member (or anyone) could see.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import msgspec

from tandem.core.catalog import CatalogError, load_yaml
from tandem.guides.schemas import (
    NOT_MEDICAL_ADVICE,
    GuideFrontMatter,
    GuideOut,
    GuideRef,
    GuideSummary,
    SourceOut,
)

GUIDES_DIR = Path(__file__).parent / "data"
WORDS_PER_MINUTE = 200
GUIDE_LINK = re.compile(r"\]\(/guides/([a-z0-9-]+)\)")
ANY_LINK = re.compile(r"\]\(([^)\s]+)\)")


@dataclass(frozen=True, slots=True)
class Guide:
    meta: GuideFrontMatter
    body: str

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(len(self.body.split()) / WORDS_PER_MINUTE))

    def summary(self) -> GuideSummary:
        m = self.meta
        return GuideSummary(id=m.id, title=m.title, audience=m.audience, summary=m.summary, minutes=self.minutes)

    def out(self) -> GuideOut:
        m = self.meta
        return GuideOut(
            id=m.id,
            title=m.title,
            audience=m.audience,
            summary=m.summary,
            minutes=self.minutes,
            version=m.version,
            body=self.body,
            sources=list(m.sources),
            not_medical_advice=NOT_MEDICAL_ADVICE,
            retired=m.retired,
        )


def parse_guide(path: Path) -> Guide:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise CatalogError(f"{path.name}: a guide starts with YAML front matter between '---' lines")
    head, body = text[4:].split("\n---\n", 1)
    try:
        meta = msgspec.convert(load_yaml(head), GuideFrontMatter)
    except msgspec.ValidationError as exc:
        raise CatalogError(f"{path.name}: {exc}") from exc
    if path.stem != meta.id:
        raise CatalogError(f"{path.name}: the file is named after its id ({meta.id})")
    for target in ANY_LINK.findall(body):
        if not (target.startswith("https://") or target.startswith("/guides/")):
            raise CatalogError(f"{path.name}: links are https:// or /guides/<id>, not {target}")
    return Guide(meta=meta, body=body.strip() + "\n")


def read_guides(directory: Path = GUIDES_DIR) -> dict[str, Guide]:
    guides = [parse_guide(p) for p in sorted(directory.glob("*.md"))]
    by_id = {g.meta.id: g for g in guides}
    if len(by_id) != len(guides):
        raise CatalogError("guides: repeated ids")
    return by_id


@cache
def all_guides() -> dict[str, Guide]:
    """Every guide, in a stable order: for both first, then for the patient, then for the partner."""
    order = {"both": 0, "patient": 1, "partner": 2}
    guides = read_guides()
    return dict(sorted(guides.items(), key=lambda kv: (order[kv[1].meta.audience.value], kv[0])))


def list_guides() -> list[GuideSummary]:
    return [g.summary() for g in all_guides().values() if not g.meta.retired]


def find_guide(guide_id: str) -> GuideOut | None:
    """A retired guide is still readable by its id, so old links keep working."""
    guide = all_guides().get(guide_id)
    return guide.out() if guide is not None else None


def list_sources() -> list[SourceOut]:
    """Every source cited by a current guide, once (by address), in order of first citation."""
    found: dict[str, SourceOut] = {}
    for guide in all_guides().values():
        if guide.meta.retired:
            continue
        ref = GuideRef(id=guide.meta.id, title=guide.meta.title)
        for source in guide.meta.sources:
            entry = found.get(source.url)
            if entry is None:
                found[source.url] = SourceOut(
                    title=source.title, publisher=source.publisher, url=source.url, guides=[ref]
                )
            elif ref not in entry.guides:
                entry.guides.append(ref)
    return list(found.values())


def guide_links(body: str) -> list[str]:
    """The ids of the guides a body links to."""
    return GUIDE_LINK.findall(body)
