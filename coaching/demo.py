"""Demo data: a coach with a team of members who already have profiles.

Used by `flask seed-demo` for a first look, by the benchmark and by the tests
that need large teams; rows are inserted in bulk, so 10,000 members take seconds.
"""

import random
from datetime import timedelta

import click
from flask.cli import with_appcontext
from sqlalchemy import insert
from sqlalchemy import select

from accounts.models import User
from accounts.models import utcnow
from assessment.models import Assessment
from assessment.questionnaire import version
from assessment.vocabulary import pattern_of
from coaching.models import Membership
from coaching.models import Team
from coaching.models import TeamCoach
from extensions import db

# No password hashes to "!", so seeded members cannot log in.
UNUSABLE = "!"  # noqa: S105  # nosec B105 - a marker, not a password


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
    rng = random.Random(seed)  # noqa: S311 - demo data, not a secret
    now = utcnow()
    coach = User(email=coach_email, name="Demo Coach", password_hash=UNUSABLE)
    team = Team(name=f"Team of {size}")
    db.session.add_all([coach, team])
    db.session.flush()
    db.session.add(TeamCoach(team_id=team.id, user_id=coach.id))
    users = [
        {"email": f"m{team.id}-{i}@example.com", "name": f"Member {i:05d}",
         "password_hash": UNUSABLE, "created_at": now}
        for i in range(size)
    ]  # fmt: skip
    db.session.execute(insert(User), users)
    member_ids = db.session.scalars(
        select(User.id).where(User.email.like(f"m{team.id}-%")).order_by(User.id)
    ).all()
    joined = now - timedelta(days=30)
    db.session.execute(
        insert(Membership),
        [
            {"team_id": team.id, "user_id": uid, "joined_at": joined}
            for uid in member_ids
        ],
    )
    assessments = []
    for uid in member_ids:
        if rng.random() >= profiled:
            continue
        counts = gen_counts(rng)
        pattern = pattern_of(counts)
        finished = joined + timedelta(days=rng.randint(1, 29))
        assessments.append(
            {"user_id": uid, "catalogue_version": version(), "seed": 1, "started_at": finished,
             "finished_at": finished, "count_a": counts["A"], "count_b": counts["B"],
             "count_c": counts["C"], "count_d": counts["D"], "pattern": pattern}
        )  # fmt: skip
    if assessments:
        db.session.execute(insert(Assessment), assessments)
    db.session.commit()
    return team.id, coach.id


@click.command("seed-demo")
@with_appcontext
@click.option("--members", default=12, show_default=True, help="How many team members.")
@click.option("--email", default="coach@example.com", show_default=True)
@click.option("--password", default="demo-password", show_default=True)
def seed_demo_command(members, email, password):
    """Make a demo coach (who can log in) with a team of members who have profiles."""
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise click.ClickException(f"{email} exists already")
    team_id, coach_id = gen_team(members, coach_email=email)
    coach = db.session.get(User, coach_id)
    coach.set_password(password)
    db.session.commit()
    click.echo(f"Team {team_id} with {members} members; log in as {email} / {password}")


def init_app(app):
    app.cli.add_command(seed_demo_command)
