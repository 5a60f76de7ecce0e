"""Search of the content catalogs (prompts, ideas): word forms, a synonym list, and a ranked full-text index."""
