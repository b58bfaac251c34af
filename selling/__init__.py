"""Reps: key accounts, buyer contacts, estimated profiles, briefs, pitch checks, meetings."""

# The web edge: modules that may use Flask, the database or forms. Every other
# module here is core (pure Python), as tests/test_architecture.py checks.
WEB_EDGE = (
    "access",
    "commands",
    "csvio",
    "forms",
    "labels",
    "models",
    "queries",
    "views",
)
