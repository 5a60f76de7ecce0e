"""Words as the search sees them: folded, split, stemmed, and a query planned into groups of terms.

Stemming happens here, in Python, for both the index and the query: SQLite's FTS5 (Porter) and
PostgreSQL (Snowball) stem differently, and the same search must find the same things on both. The
databases only match the prepared tokens, exactly or as prefixes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from tandem.core.catalog import load_yaml

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.yaml"
# A query keeps this many words; more say little more and cost a statement part each.
MAX_WORDS = 6
# A typed word also matches longer words from this many letters on ("dila" finds "dilator").
MIN_PREFIX = 3
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "do",
        "for",
        "from",
        "how",
        "i",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "this",
        "to",
        "us",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def fold(text: str) -> str:
    """Lower case without accents or apostrophes (a typographic or a plain one: "dont")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return plain.replace("'", "").replace("\u2019", "")


@cache
def _stemmer() -> Any:
    # Imported on first use: the package loads the stemmers of all its thirty-odd languages, a few
    # hundred milliseconds that start-up does not need when the index is current (search/index.py).
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def words(text: str) -> list[str]:
    """The words of a text; a hyphenated word is one word, written without its hyphens ("in-laws" → "inlaws")."""
    return [w.replace("-", "") for w in _WORD.findall(fold(text))]


def index_tokens(text: str) -> str:
    """What the index holds for a text: each word, its parts if hyphenated, and their stems, once each."""
    tokens: dict[str, None] = {}
    for word in _WORD.findall(fold(text)):
        # In a fixed order (not a set): the index's version is a digest of these tokens, and a
        # set's order changes with each process's hash seed, which rebuilt the index at every start.
        for form in dict.fromkeys([word.replace("-", ""), *word.split("-")]):
            if form:
                tokens[form] = None
                tokens[stem(form)] = None
    return " ".join(tokens)


# --- synonyms -------------------------------------------------------------------------------


class SynonymGroup(msgspec.Struct, frozen=True):
    id: str
    words: list[str]


class SynonymFile(msgspec.Struct, frozen=True):
    version: int
    groups: list[SynonymGroup]


def read_synonyms(path: Path = SYNONYMS_FILE) -> SynonymFile:
    synonyms = msgspec.convert(load_yaml(path.read_text(encoding="utf-8")), SynonymFile)
    ids = [g.id for g in synonyms.groups]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path.name}: repeated group ids")
    return synonyms


@cache
def _synonyms_by_stem() -> dict[str, frozenset[str]]:
    """Each stem of a group's words → the stems of every group it is in."""
    found: dict[str, set[str]] = {}
    for group in read_synonyms().groups:
        stems = {stem(w) for word in group.words for w in words(word)}
        for one in stems:
            found.setdefault(one, set()).update(stems)
    return {key: frozenset(value) for key, value in found.items()}


# --- queries --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """Tokens any one of which matches; as prefixes of longer tokens too when `prefix`."""

    tokens: tuple[str, ...]
    prefix: bool
    typed: bool


@dataclass(frozen=True, slots=True)
class WordGroup:
    """One word of the query: what was typed, and its synonyms (empty when it has none)."""

    typed: Term
    synonyms: Term | None

    @property
    def terms(self) -> tuple[Term, ...]:
        return (self.typed,) if self.synonyms is None else (self.typed, self.synonyms)


def plan(query: str) -> list[WordGroup]:
    """The query's words (without stopwords, at most MAX_WORDS), each with its word forms and synonyms."""
    groups: dict[str, WordGroup] = {}
    for word in words(query):
        if word in STOPWORDS or stem(word) in groups:
            continue
        stemmed = stem(word)
        typed_tokens = tuple(dict.fromkeys([stemmed, word]))
        typed = Term(tokens=typed_tokens, prefix=len(stemmed) >= MIN_PREFIX, typed=True)
        others = sorted(_synonyms_by_stem().get(stemmed, frozenset()) - set(typed_tokens))
        synonyms = Term(tokens=tuple(others), prefix=False, typed=False) if others else None
        groups[stemmed] = WordGroup(typed=typed, synonyms=synonyms)
        if len(groups) == MAX_WORDS:
            break
    return list(groups.values())


def term_matches(term: Term, tokens: set[str]) -> bool:
    """The same test the databases make, for text that is not in the index (members' own ideas)."""
    if any(t in tokens for t in term.tokens):
        return True
    return term.prefix and any(token.startswith(t) for t in term.tokens for token in tokens)
