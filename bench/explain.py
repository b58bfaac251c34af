"""Print how the database plans the team page's queries, for a team of 10,000.

Run by hand (not part of the test suite):

    python bench/explain.py                                  # SQLite
    DATABASE_URL=postgresql+psycopg://.../empty_db python bench/explain.py

Seeds a team, records the SQL statements of one team page (sorted by code, page
3), then asks the database to plan each: SQLite's EXPLAIN QUERY PLAN, or
PostgreSQL's EXPLAIN ANALYZE (which runs the query and shows its real time).
"""

import os
import sys
import tempfile
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from coaching.demo import gen_team  # noqa: E402
from extensions import db  # noqa: E402
from tests.helpers import sign_in  # noqa: E402


def main(size=10_000):
    folder = tempfile.mkdtemp()
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL")
            or f"sqlite:///{Path(folder) / 'explain.sqlite'}",
            "AUTO_MIGRATE": True,
        },
        instance_path=folder,
    )
    with app.app_context():
        team_id, coach_id = gen_team(size, coach_email="explain@example.com")
        engine = db.engine
    client = app.test_client()
    sign_in(client, coach_id)
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "memberships" in statement and "assessments" in statement:
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    client.get(f"/teams/{team_id}?sort=code&order=desc&page=3")
    event.remove(engine, "before_cursor_execute", record)
    sqlite = engine.dialect.name == "sqlite"
    prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, COSTS OFF) "
    with engine.connect() as conn:
        for statement, parameters in statements:
            print("\n" + " ".join(statement.split())[:300] + " ...")
            cursor = conn.connection.driver_connection.cursor()
            cursor.execute(prefix + statement, parameters)
            for row in cursor.fetchall():
                print("   ", row[-1] if sqlite else row[0])


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
