"""The whole-brain questionnaire, its scoring and the profile report."""

# The web edge: modules that may use Flask, the database or forms. Every other
# module here is core (pure Python), as tests/test_architecture.py checks.
WEB_EDGE = ("forms", "models", "queries", "reports", "views")
