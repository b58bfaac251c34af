"""Teams: coaches, invitations, the team's whole-brain map, pairs and guidance."""

# The web edge: modules that may use Flask, the database or forms. Every other
# module here is core (pure Python), as tests/test_architecture.py checks.
WEB_EDGE = (
    "access",
    "blueprint",
    "commands",
    "demo",
    "forms",
    "insights",
    "mailing",
    "models",
    "notes",
    "queries",
    "teams",
    "views",
)
