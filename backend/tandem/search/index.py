"""The search index of the content catalogs, and the one query function over it.

The index is a table of prepared documents (`search_documents`): an FTS5 virtual table on SQLite,
a table with `tsvector` columns and GIN indexes on PostgreSQL (both made by migration 0031_search,
outside the SQLAlchemy models). It is filled from the YAML catalogs at start-up and rebuilt only
when a catalog's version or content changes. Only catalog text is indexed: what members write is
never searched in SQL (it may be stored encrypted); `score_text` ranks it in Python the same way.

A query is planned into word groups (text.plan). A document is found when every group matches its
title or body; for each group the best match counts (title 3, body 1; the typed word or its forms
twice a synonym), and on equal scores more matching terms rank higher. The databases only say which
term matched which field, so the ranking is the same on both.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.core.catalog import SyncReport
from tandem.search import text as search_text
from tandem.search.text import Term, WordGroup, index_tokens, plan, term_matches

TABLE = "search_documents"
# Bump when the index's layout changes, so every index is rebuilt at the next start. A change to the
# tokenizer rebuilds it too: the index's version includes the source of search/text.py and the
# stemmer's version (read from its installed metadata, without importing the stemmers).
INDEX_FORMAT = 1
_TOKENIZER = hashlib.sha256(Path(search_text.__file__).read_bytes() + version("snowballstemmer").encode()).hexdigest()
FIELDS = (("title", 3), ("body", 1))


def is_index_table(name: str) -> bool:
    """The index and (on SQLite) its FTS5 shadow tables, which have no SQLAlchemy model."""
    return name == TABLE or name.startswith(TABLE + "_")


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    title: str
    body: str


@dataclass(frozen=True, slots=True, order=True)
class Score:
    points: int
    matched_terms: int

    @property
    def rank(self) -> tuple[int, int]:
        """Sort key, best first."""
        return (-self.points, -self.matched_terms)


# --- filling the index ----------------------------------------------------------------------


async def replace_documents(
    db: AsyncSession, kind: str, catalog_version: int, documents: Sequence[Document]
) -> SyncReport:
    """Make the index hold exactly `documents` for `kind`, unless it does already."""
    # The version names the documents and the code that tokenizes them, so a current index is
    # recognised without tokenizing (and stemming) every document at each start.
    digest = hashlib.sha256(repr((INDEX_FORMAT, _TOKENIZER, [(d.doc_id, d.title, d.body) for d in documents])).encode())
    version = f"{catalog_version}:{digest.hexdigest()[:16]}"
    held = (
        await db.execute(
            text(f"SELECT version, count(*) FROM {TABLE} WHERE kind = :kind GROUP BY version"),  # noqa: S608
            {"kind": kind},
        )
    ).all()
    if [(v, n) for v, n in held] == [(version, len(documents))]:
        return SyncReport(added=0, updated=0, retired=0)
    rows = [
        {"kind": kind, "doc_id": d.doc_id, "title": index_tokens(d.title), "body": index_tokens(d.body)}
        for d in documents
    ]
    await db.execute(text(f"DELETE FROM {TABLE} WHERE kind = :kind"), {"kind": kind})  # noqa: S608
    if rows:
        await db.execute(
            text(
                f"INSERT INTO {TABLE} (kind, doc_id, version, title, body)"  # noqa: S608
                " VALUES (:kind, :doc_id, :version, :title, :body)"
            ),
            [{**row, "version": version} for row in rows],
        )
    return SyncReport(added=len(rows), updated=0, retired=sum(n for _, n in held))


# --- searching ------------------------------------------------------------------------------


def _fts5_query(field: str, term: Term) -> str:
    # Tokens are [a-z0-9]+ only (text.words), quoted anyway so no word is read as an FTS5 operator.
    star = "*" if term.prefix else ""
    return f"{field} : (" + " OR ".join(f'"{t}"{star}' for t in term.tokens) + ")"


def _tsquery(term: Term) -> str:
    # Cast, not to_tsquery: the tokens are used as they are, without PostgreSQL's parser or stemmer.
    star = ":*" if term.prefix else ""
    return " | ".join(f"'{t}'{star}" for t in term.tokens)


def _slots(groups: list[WordGroup]) -> list[tuple[int, Term, str, int]]:
    """(group, term, field, field weight) for every term of every group, in both fields."""
    return [
        (g, term, field, weight) for g, group in enumerate(groups) for term in group.terms for field, weight in FIELDS
    ]


async def search(db: AsyncSession, kind: str, query: str) -> dict[str, Score] | None:
    """The documents of `kind` matching every word of `query`, with their scores; None if it has no words."""
    groups = plan(query)
    if not groups:
        return None
    slots = _slots(groups)
    postgres = db.get_bind().dialect.name == "postgresql"
    parts = []
    params: dict[str, str] = {"kind": kind}
    for i, (_, term, field, _) in enumerate(slots):
        if postgres:
            match = f"{field}_terms @@ CAST(:m{i} AS tsquery)"
            params[f"m{i}"] = _tsquery(term)
        else:
            match = f"{TABLE} MATCH :m{i}"
            params[f"m{i}"] = _fts5_query(field, term)
        parts.append(f"SELECT doc_id, {i} AS slot FROM {TABLE} WHERE kind = :kind AND {match}")  # noqa: S608
    statement = text(" UNION ALL ".join(parts))
    hits: dict[str, set[int]] = {}
    for doc_id, slot in await db.execute(statement, params):
        hits.setdefault(doc_id, set()).add(slot)
    return {doc_id: score for doc_id, found in hits.items() if (score := _score(groups, slots, found)) is not None}


def _score(groups: list[WordGroup], slots: list[tuple[int, Term, str, int]], found: Iterable[int]) -> Score | None:
    best = [0] * len(groups)
    matched = 0
    for i in found:
        g, term, _, weight = slots[i]
        best[g] = max(best[g], weight * (2 if term.typed else 1))
        matched += 1
    if not all(best):
        return None
    return Score(points=sum(best), matched_terms=matched)


def score_text(query: str, title: str, body: str) -> Score | None:
    """The score `search` would give a document with this title and body (for text kept out of the index)."""
    groups = plan(query)
    if not groups:
        return None
    slots = _slots(groups)
    fields = {"title": set(index_tokens(title).split()), "body": set(index_tokens(body).split())}
    return _score(
        groups, slots, [i for i, (_, term, field, _) in enumerate(slots) if term_matches(term, fields[field])]
    )
