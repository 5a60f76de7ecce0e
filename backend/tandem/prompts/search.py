"""Full-text search over the prompt library: every word of the query must match, best matches first.

The library is small (a few hundred prompts at most) and read from the database per request, so the
search runs in Python the same way on SQLite and PostgreSQL: words are folded (case, accents),
lightly stemmed, and matched as prefixes, so "fear" finds "fears" and "touch" finds "touching".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_TERMS = 8
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
_WORD = re.compile(r"[a-z0-9]+")
_SUFFIXES = ("ings", "ing", "ies", "ed", "es", "s")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("'", "")


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(fold(text))}


def query_terms(query: str) -> list[str]:
    words = [w for w in _WORD.findall(fold(query)) if w not in STOPWORDS]
    return list(dict.fromkeys(stem(w) for w in words))[:MAX_TERMS]


def score(terms: list[str], fields: Iterable[tuple[str, int]]) -> int:
    """For each term, the best weight of a field with a word starting with it, summed; 0 if a term is missing."""
    indexed = [(stems(text), weight) for text, weight in fields]
    total = 0
    for term in terms:
        best = max((weight for words, weight in indexed if any(w.startswith(term) for w in words)), default=0)
        if best == 0:
            return 0
        total += best
    return total
