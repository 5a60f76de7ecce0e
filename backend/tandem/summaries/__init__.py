"""Progress summaries: drafted from the patient's journal, shared only when the patient publishes one,
withdrawn at once when they say so; and the partner's short supportive reactions to them."""
