"""Guided conversation prompts: the library, the couple's marks on it, and conversations answered separately."""
