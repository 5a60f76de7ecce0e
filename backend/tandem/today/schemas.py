from __future__ import annotations

from datetime import date

import msgspec

from tandem.prompts.models import PromptDepth
from tandem.prompts.schemas import ConversationOut, PromptOut


class TodayOut(msgspec.Struct):
    """Today's question for the couple: the same for both members all day (the day is UTC's)."""

    day: date
    # How deep the couple let the daily question go: "light" (the default) starts with the gentlest.
    depth: PromptDepth
    # None once every prompt of the library has been talked about.
    prompt: PromptOut | None
    # The conversation on today's prompt, once either of them opened it; it reveals as any other does.
    conversation: ConversationOut | None


class TodayDepthIn(msgspec.Struct, forbid_unknown_fields=True):
    depth: PromptDepth
