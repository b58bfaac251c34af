"""Helpers for tests and the benchmark."""

from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def count_queries(engine):
    """Count the SQL statements sent to `engine` inside the block."""
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
