"""Users: sign-up, log-in, log-out, password and the language setting."""

# The web edge: modules that may use Flask, the database or forms. Every other
# module here is core (pure Python), as tests/test_architecture.py checks.
WEB_EDGE = (
    "confirmation",
    "forms",
    "language",
    "models",
    "signin",
    "views",
)
