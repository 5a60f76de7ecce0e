"""The idea library, the couple's own ideas, private ratings and mutual matches."""
