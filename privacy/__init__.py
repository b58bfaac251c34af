"""The user's own data: download everything the app holds about them, or erase it.

It reads every feature's tables, so it sits above them all: no feature imports it.
"""

# The web edge: modules that may use Flask, the database or forms. Every other
# module here is core (pure Python), as tests/test_architecture.py checks.
WEB_EDGE = (
    "data",
    "views",
)
