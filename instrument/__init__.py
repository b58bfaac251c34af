"""Instrument health: how the questionnaire's elements behave across all answers.

Read by the people who run an installation (operators), never by trainees or
coaches; see docs/instrument-health.md.
"""

# The web edge: modules that may use Flask, the database or forms. Every other
# module here is core (pure Python), as tests/test_architecture.py checks.
WEB_EDGE = (
    "cli",
    "queries",
    "views",
)
