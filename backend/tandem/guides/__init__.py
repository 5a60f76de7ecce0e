"""Short guides to learn together, with their public sources (read-only content, data/*.md)."""
