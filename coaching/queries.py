"""The database reads of the team pages, each a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_
from sqlalchemy import func
from sqlalchemy import select

from accounts.models import User
from assessment.models import Assessment
from assessment.vocabulary import code_string
from coaching.models import Membership
from coaching.models import Team
from coaching.models import TeamCoach
from extensions import db
from security import deny


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One member with their latest profile the coaches may see (or None)."""

    user_id: int
    name: str
    email: str
    joined_at: datetime
    assessment_id: int | None
    finished_at: datetime | None
    counts: dict[str, int] | None
    pattern: str | None

    @property
    def code(self):
        return self.counts and code_string(self.counts)


def role_in(team_id, user_id):
    """'coach', 'member' or None: what this user is in this team (one query)."""
    coach = select(TeamCoach.user_id).where(
        TeamCoach.team_id == team_id, TeamCoach.user_id == user_id
    )
    member = select(Membership.user_id).where(
        Membership.team_id == team_id,
        Membership.user_id == user_id,
        Membership.left_at.is_(None),
    )
    row = db.session.execute(select(coach.exists(), member.exists())).one()
    return "coach" if row[0] else "member" if row[1] else None


def team_for(team_id, user_id, *roles):
    """The team if the user holds one of `roles` in it, else 404 as for a missing team."""
    role = role_in(team_id, user_id)
    team = db.session.get(Team, team_id) if role in roles else None
    if team is None:
        deny("team", id=team_id)
    return team, role


def visible_assessments(team_id):
    """Finished assessments of active members, made since they (last) joined."""
    return (
        select(Assessment)
        .join(
            Membership,
            and_(
                Membership.user_id == Assessment.user_id,
                Membership.team_id == team_id,
                Membership.left_at.is_(None),
            ),
        )
        .where(
            Assessment.finished_at.is_not(None),
            Assessment.finished_at >= Membership.joined_at,
        )
    )


def member_rows(team_id):
    """Every active member with their latest visible profile, in two queries.

    Two plain queries merged here beat one outer join to a windowed subquery,
    which SQLite runs as a nested loop (4 s for 10,000 members).
    """
    ranked = (
        visible_assessments(team_id)
        .with_only_columns(
            Assessment.id,
            Assessment.user_id,
            Assessment.finished_at,
            Assessment.count_a,
            Assessment.count_b,
            Assessment.count_c,
            Assessment.count_d,
            Assessment.pattern,
            func.row_number()
            .over(
                partition_by=Assessment.user_id,
                order_by=(Assessment.finished_at.desc(), Assessment.id.desc()),
            )
            .label("rank"),
        )
        .subquery()
    )
    profiles = db.session.execute(select(ranked).where(ranked.c.rank == 1))
    latest = {
        user_id: (assessment_id, finished_at, {"A": a, "B": b, "C": c, "D": d}, pattern)
        for assessment_id, user_id, finished_at, a, b, c, d, pattern, _rank in profiles
    }
    members = db.session.execute(
        select(User.id, User.name, User.email, Membership.joined_at)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.team_id == team_id, Membership.left_at.is_(None))
        .order_by(User.name, User.id)
    )
    return [
        MemberRow(user_id, name, email, joined_at, *latest.get(user_id, _NO_PROFILE))
        for user_id, name, email, joined_at in members
    ]


_NO_PROFILE = (None, None, None, None)


def member_history(team_id, user_id):
    """One member's profiles the coaches may see, newest first (404 if not a member)."""
    member = db.session.scalar(
        select(Membership).where(
            Membership.team_id == team_id,
            Membership.user_id == user_id,
            Membership.left_at.is_(None),
        )
    )
    if member is None:
        deny("team_member", team=team_id, id=user_id)
    assessments = db.session.scalars(
        visible_assessments(team_id)
        .where(Assessment.user_id == user_id)
        .order_by(Assessment.finished_at.desc())
    ).all()
    return member, assessments


def latest_own(user_id):
    """A user's own latest finished assessment (a coach's, for a pair view)."""
    return db.session.scalar(
        select(Assessment)
        .where(Assessment.user_id == user_id, Assessment.finished_at.is_not(None))
        .order_by(Assessment.finished_at.desc())
        .limit(1)
    )
