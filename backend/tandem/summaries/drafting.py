"""Tandem's first draft of a summary: separate lines from the journal, in the patient's own voice.

Every line is the patient's to keep or drop; nothing here is shared until they publish.
"""

from __future__ import annotations

from tandem.practice import progress
from tandem.practice.models import PracticeKind
from tandem.practice.service import Journal
from tandem.summaries.schemas import MAX_LINES

# The longest line drafted.
MAX_TEXT = 300
# Reached goals named one per line; any beyond are counted in one more line.
GOALS_NAMED = 5

KIND_WORDS = {
    PracticeKind.DILATOR: "dilator sessions",
    PracticeKind.BREATHING: "breathing exercises",
    PracticeKind.PELVIC_FLOOR_RELEASE: "pelvic-floor relaxation",
    PracticeKind.MINDFULNESS: "mindfulness or guided imagery",
    PracticeKind.STRETCHING: "gentle stretching",
}


def draft_lines(journal: Journal) -> list[tuple[str, str]]:
    """(topic, text) pairs, in the order they are offered."""
    lines: list[tuple[str, str]] = []
    days = len(journal.practice_days())
    if days:
        lines.append(("practice_days", progress.practice_days_sentence(days, "me")))
    else:
        lines.append(("practice_days", "This was a quieter period for practice."))
    kinds = [kind for kind in PracticeKind if any(e.kind is kind for e in journal.entries)]
    if kinds:
        lines.append(("kinds", f"My practice included {progress.join_words([KIND_WORDS[k] for k in kinds])}."))
    practised = journal.sizes_practised()
    if practised:
        lines.append(("sizes", progress.sizes_sentence([s.label for s in practised], "me")))
    for trend in progress.trends(journal.dilator_sessions(), journal.size_labels()):
        lines.append((f"{trend.metric}:{trend.size_id}", progress.trend_sentence(trend, "me")))
    reached = journal.goals_reached()
    named = reached if len(reached) <= GOALS_NAMED else reached[: GOALS_NAMED - 1]
    for goal in named:
        lines.append((f"goal:{goal.id}", f"I reached a goal: {goal.title}"))
    if len(reached) > len(named):
        lines.append(("goals", f"I reached {progress.number_word(len(reached) - len(named))} more goals."))
    if journal.readiness is not None:
        current, following = journal.readiness
        lines.append(
            (
                "readiness",
                f"{progress.size_name(current.label).capitalize()} has been feeling comfortable lately. "
                f"I may try {progress.size_name(following.label)} when I feel ready.",
            )
        )
    # At most 3 + 2 per size (12) + GOALS_NAMED + 1 lines; the cap only guards the update's limit.
    return [(topic, _fit(text)) for topic, text in lines[:MAX_LINES]]


def _fit(text: str) -> str:
    """Every sentence above fits already; this only guards the column."""
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"
