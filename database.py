"""SQLite tuning, and when a request takes SQLite's write lock.

SQLite lets one writer in at a time. A request that will write takes the lock
at its first query (BEGIN IMMEDIATE), so two requests never both read, then
both try to write and one fails with "database is locked": the second waits
(busy timeout) and then sees what the first wrote. A request that never writes
takes no lock at all: the signed-in user is loaded in a transaction of its own,
a view marked `@reads_only` (log-in, the pitch checker) runs deferred, sign-up
hashes its password before its first query, and after a request's first commit
its remaining reads are deferred too. A GET that writes after reading (a link
followed from an email) is marked `@writes` and takes the lock like a POST.
"""

from datetime import UTC
from datetime import datetime

from flask import current_app
from flask import g
from flask import has_app_context
from flask import request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from werkzeug.routing import IntegerConverter

from extensions import db

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Ids are 32-bit on every database we run on: a larger number names no row, and
# must not reach PostgreSQL (which refuses it) or SQLite (which overflows).
MAX_ROW_ID = 2**31 - 1


def utcnow():
    """Now, in UTC without a zone: how every timestamp column stores time."""
    return datetime.now(UTC).replace(tzinfo=None)


class RowIdConverter(IntegerConverter):
    """`<id:...>` in a route: too large a number is simply not found (404)."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=MAX_ROW_ID)


def row_id(text):
    """A database id from a query string; out-of-range numbers are no id at all.

    Use as `request.args.get("a", type=row_id)`: a ValueError gives None.
    """
    number = int(text)
    if not 1 <= number <= MAX_ROW_ID:
        raise ValueError(text)
    return number


def reads_only(view):
    """Mark a POST view that never writes, so it never takes the write lock."""
    view.reads_only = True
    return view


def writes(view):
    """Mark a GET view that reads, then writes (a link followed from an email), so
    it takes the write lock at its first query like a POST: a read transaction
    that later writes fails at once if another connection wrote meanwhile."""
    view.writes = True
    return view


def engine_options(config):
    """How long a query may wait for a lock or run at all, per database.

    SQLite waits up to DB_LOCK_TIMEOUT_MS for the write lock; PostgreSQL gives
    up waiting for a lock after DB_LOCK_TIMEOUT_MS and on a statement after
    DB_STATEMENT_TIMEOUT_MS. Either way a request that cannot go on gets the
    retryable 503 page (errors.py) instead of holding a worker thread.
    """
    uri = config["SQLALCHEMY_DATABASE_URI"]
    lock_ms = int(config["DB_LOCK_TIMEOUT_MS"])
    if uri.startswith("sqlite"):
        return {"connect_args": {"timeout": lock_ms / 1000}}
    if uri.startswith("postgresql"):
        statement_ms = int(config["DB_STATEMENT_TIMEOUT_MS"])
        options = f"-c lock_timeout={lock_ms} -c statement_timeout={statement_ms}"
        return {"connect_args": {"options": options}}
    return {}


def init_app(app):
    app.url_map.converters["id"] = RowIdConverter
    app.before_request(_decide_write_lock)


def _decide_write_lock():
    view = current_app.view_functions.get(request.endpoint)
    g.sqlite_write_lock = getattr(view, "writes", False) or (
        request.method not in SAFE_METHODS and not getattr(view, "reads_only", False)
    )


def end_read(obj):
    """End the current read transaction but keep `obj` loaded and in the session.

    Used for the signed-in user, read before the view runs: the view then starts
    its own transaction, and only if it needs one.
    """
    db.session.close()
    db.session.add(obj)
    return obj


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, connection_record):
    """WAL lets readers run beside a writer; the driver's timeout (engine_options)
    waits for the write lock instead of failing at once."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    # SQLAlchemy emits BEGIN itself (below) instead of the driver's own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # A deleted row's bytes are overwritten, not left in free pages (erasure).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


@event.listens_for(Engine, "begin")
def _begin_sqlite(conn):
    if conn.dialect.name != "sqlite":
        return
    lock = has_app_context() and g.get("sqlite_write_lock", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if lock else "BEGIN")


@event.listens_for(Session, "after_commit")
def _written(session):
    """The request's write is done: whatever it reads next needs no lock."""
    if has_app_context():
        g.sqlite_write_lock = False
