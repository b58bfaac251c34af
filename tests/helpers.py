"""Helpers for tests and the benchmark."""

import re
import socket
import subprocess
import time
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


def shows(html, word):
    """Whether a page's text (not a tag, a token or an attribute) holds `word`.

    A short name such as "Bo" can turn up inside a random CSRF token.
    """
    return bool(re.search(rf">[^<]*\b{re.escape(word)}\b", html))


def sign_in(client, user_id):
    """Give `client` a signed-in session without a password (for seeded users)."""
    import time

    from accounts.models import User
    from extensions import db

    with client.application.app_context():
        token = db.session.get(User, user_id).session_token
    now = int(time.time())
    with client.session_transaction() as session:
        session.update(
            {
                "_user_id": str(user_id),
                "_fresh": True,
                "token": token,
                "login_at": now,
                "seen_at": now,
            }
        )


class RedisServer:
    """A real Redis on a free loopback port that a test may stop and start again."""

    def __init__(self, binary):
        self.binary = binary
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - a fixed binary and arguments
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip - one argument pair a line would be longer, not clearer
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=5)
            self.process = None
