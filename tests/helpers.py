"""Record builders for tests and the benchmark: many rows, quickly, without the web."""

import random
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import event
from sqlalchemy import insert

from accounts.models import User
from accounts.models import utcnow
from assessment.models import Assessment
from assessment.scoring import code_for
from coaching.models import Membership
from coaching.models import Team
from coaching.models import TeamCoach
from extensions import db


def gen_counts(rng):
    """A random split of 24 picks over A-D, at most 8 per quadrant per round (so 24)."""
    counts = dict.fromkeys("ABCD", 0)
    for _round in range(3):
        for q in rng.sample([q for q in "ABCD" for _ in range(8)], 8):
            counts[q] += 1
    return counts


def gen_team(size, coach_email="coach@example.com", seed=1, profiled=0.9):
    """A team with one coach and `size` members, most with a finished assessment.

    Call inside an app context. Returns (team id, coach id).
    """
    rng = random.Random(seed)
    now = utcnow()
    coach = User(email=coach_email, name="Coach", password_hash="x")
    team = Team(name=f"Team of {size}")
    db.session.add_all([coach, team])
    db.session.flush()
    db.session.add(TeamCoach(team_id=team.id, user_id=coach.id))
    users = [
        {"email": f"m{team.id}-{i}@example.com", "name": f"Member {i:05d}",
         "password_hash": "x", "created_at": now}
        for i in range(size)
    ]  # fmt: skip
    db.session.execute(insert(User), users)
    member_ids = db.session.scalars(
        db.select(User.id).where(User.email.like(f"m{team.id}-%")).order_by(User.id)
    ).all()
    joined = now - timedelta(days=30)
    db.session.execute(
        insert(Membership),
        [{"team_id": team.id, "user_id": uid, "joined_at": joined} for uid in member_ids],
    )
    assessments = []
    for uid in member_ids:
        if rng.random() >= profiled:
            continue
        counts = gen_counts(rng)
        pattern = "".join(q for q in "ABCD" if code_for(counts[q]) == 1) or "ABCD"
        finished = joined + timedelta(days=rng.randint(1, 29))
        assessments.append(
            {"user_id": uid, "catalogue_version": "2026.1", "seed": 1, "started_at": finished,
             "finished_at": finished, "count_a": counts["A"], "count_b": counts["B"],
             "count_c": counts["C"], "count_d": counts["D"], "pattern": pattern}
        )  # fmt: skip
    if assessments:
        db.session.execute(insert(Assessment), assessments)
    db.session.commit()
    return team.id, coach.id


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
