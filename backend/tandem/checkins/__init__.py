"""Check-ins: how each member is doing, shared or kept as a private journal, and checking in together."""
