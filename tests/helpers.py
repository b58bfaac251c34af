"""Helpers for tests and the benchmark."""

from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def count_queries(engine):
    """Count the SQL statements sent to `engine` inside the block.

    SQLite's BEGIN (sent by database.py) is transaction control, not a query, and
    PostgreSQL's never reaches the cursor: leaving it out counts alike on both.
    """
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith("BEGIN"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def sign_in(client, user_id):
    """Give `client` a signed-in session without a password (for seeded users)."""
    import time

    from accounts.models import User
    from extensions import db

    with client.application.app_context():
        token = db.session.get(User, user_id).session_token
    now = int(time.time())
    with client.session_transaction() as session:
        session.update({"_user_id": str(user_id), "_fresh": True, "token": token,
                        "login_at": now, "seen_at": now})  # fmt: skip
