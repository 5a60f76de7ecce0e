"""Plans made from a match, private reflections afterwards, and each member's private calendar feed."""
