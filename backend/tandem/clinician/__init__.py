"""Clinician links: the patient shares the printable report with a clinician through a secret address."""
