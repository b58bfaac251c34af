"""Instrument health: how the questionnaire's elements behave across all answers.

Read by the people who run an installation (operators), never by trainees or
coaches; see docs/instrument-health.md.
"""
