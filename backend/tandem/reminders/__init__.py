"""Gentle reminders: opt-in, neutrally titled events with an alarm in the member's own calendar feed."""
