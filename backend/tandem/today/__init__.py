"""A question for today: one conversation prompt a day for the couple, answered apart, revealed together."""
