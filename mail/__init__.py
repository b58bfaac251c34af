"""Mail: the outbox, its sender, and the flows that need an address (password reset).

A message is a row of the outbox, written in the same transaction as the change
that causes it; a sender delivers pending rows (docs/EMAIL.md).
"""

# The web edge: modules that may use Flask, the database or forms. Every other
# module here is core (pure Python), as tests/test_architecture.py checks.
WEB_EDGE = (
    "cli",
    "forms",
    "models",
    "outbox",
    "recovery",
    "sender",
    "views",
)
