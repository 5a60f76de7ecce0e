"""The patient's private practice journal: entries, dilator set, settings, clinician plan, goals, progress.

Nothing here is ever visible to the partner. Only lines the patient puts in a published progress
summary (see tandem.summaries) reach them.
"""
