"""The database reads of the team pages, each a fixed number of queries."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_
from sqlalchemy import case
from sqlalchemy import exists
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import aliased

from accounts.models import User
from assessment.models import Assessment
from assessment.vocabulary import PRIMARY_MIN
from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import SECONDARY_MIN
from assessment.vocabulary import code_string
from coaching import rules
from coaching.composite import Group
from coaching.models import CoachNote
from coaching.models import Invite
from coaching.models import InviteEmail
from coaching.models import InviteUse
from coaching.models import Membership
from coaching.models import Removal
from coaching.models import Team
from coaching.models import TeamCoach
from coaching.table import PER_PAGE
from coaching.table import Page
from extensions import db
from mail.models import OutboxMessage

# The team page lists every invitation that still works and the latest of the others.
PAST_INVITES_SHOWN = 20


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


@dataclass(frozen=True, slots=True)
class InviteRow:
    """One invitation as the team page lists it."""

    id: int
    code: str
    role: str
    state: str  # coaching.rules.invite_state
    creator: str | None  # None: the creator deleted their account
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    max_uses: int | None
    use_count: int


def _is_coach(team_id, user_id):
    return (
        select(TeamCoach.user_id)
        .where(TeamCoach.team_id == team_id, TeamCoach.user_id == user_id)
        .exists()
    )


def _is_member(team_id, user_id):
    return (
        select(Membership.user_id)
        .where(
            Membership.team_id == team_id,
            Membership.user_id == user_id,
            Membership.left_at.is_(None),
        )
        .exists()
    )


def _role(coach, member):
    return "coach" if coach else "member" if member else None


def role_in(team_id, user_id):
    """'coach', 'member' or None: what this user is in this team (one query)."""
    row = db.session.execute(
        select(_is_coach(team_id, user_id), _is_member(team_id, user_id))
    ).one()
    return _role(*row)


def team_and_role(team_id, user_id):
    """The team and the user's role in it ('coach', 'member' or None), or None when
    there is no such team (one query). coaching.access decides who gets in."""
    row = db.session.execute(
        select(Team, _is_coach(team_id, user_id), _is_member(team_id, user_id)).where(
            Team.id == team_id
        )
    ).first()
    return row and (row[0], _role(row[1], row[2]))


def teams_of(user_id):
    """The teams the user coaches (with their sizes) and the teams they are in."""
    coached = db.session.scalars(
        select(Team)
        .join(TeamCoach)
        .where(TeamCoach.user_id == user_id)
        .order_by(Team.name)
    ).all()
    sizes = dict(
        db.session.execute(
            select(Membership.team_id, func.count())
            .where(
                Membership.team_id.in_([t.id for t in coached]),
                Membership.left_at.is_(None),
            )
            .group_by(Membership.team_id)
        ).all()
    )
    joined = db.session.scalars(
        select(Team)
        .join(Membership)
        .where(Membership.user_id == user_id, Membership.left_at.is_(None))
        .order_by(Team.name)
    ).all()
    return coached, sizes, joined


def coaches_of(team_id):
    """The team's coaches, by name."""
    return db.session.scalars(
        select(User)
        .join(TeamCoach)
        .where(TeamCoach.team_id == team_id)
        .order_by(User.name, User.id)
    ).all()


def _facts(invite, creator_coaches):
    return rules.InviteFacts(
        revoked_at=invite.revoked_at,
        expires_at=invite.expires_at,
        max_uses=invite.max_uses,
        use_count=invite.use_count,
        creator_coaches=creator_coaches,
    )


def find_invite(code, now):
    """The invitation with this code and its state, or (None, None) (one query)."""
    creator_coaches = (
        select(TeamCoach.user_id)
        .where(
            TeamCoach.team_id == Invite.team_id, TeamCoach.user_id == Invite.created_by
        )
        .exists()
    )
    row = db.session.execute(
        select(Invite, creator_coaches).where(Invite.code == code.strip())
    ).first()
    if row is None:
        return None, None
    return row[0], rules.invite_state(_facts(*row), now)


def join_outcome(invite, user_id):
    """What accepting `invite` would do for this user (coaching.rules.join_outcome)."""
    removed = (
        select(Removal.id)
        .where(
            Removal.team_id == invite.team_id,
            Removal.user_id == user_id,
            Removal.removed_at >= invite.created_at,
        )
        .exists()
    )
    coach, member, removed = db.session.execute(
        select(
            _is_coach(invite.team_id, user_id),
            _is_member(invite.team_id, user_id),
            removed,
        )
    ).one()
    return rules.join_outcome(invite.role, _role(coach, member), removed)


def _invite_row(invite, creator, coach_ids, now):
    return InviteRow(
        id=invite.id,
        code=invite.code,
        role=invite.role,
        state=rules.invite_state(_facts(invite, invite.created_by in coach_ids), now),
        creator=creator,
        created_at=invite.created_at,
        expires_at=invite.expires_at,
        revoked_at=invite.revoked_at,
        max_uses=invite.max_uses,
        use_count=invite.use_count,
    )


def _invites_with_creators(*conditions):
    return db.session.execute(
        select(Invite, User.name)
        .outerjoin(User, User.id == Invite.created_by)
        .where(*conditions)
        .order_by(Invite.created_at.desc(), Invite.id.desc())
    ).all()


def invite_rows(team_id, coach_ids, now):
    """The team's invitations that still work, and the latest of the others (one query)."""
    rows = [
        _invite_row(invite, creator, coach_ids, now)
        for invite, creator in _invites_with_creators(Invite.team_id == team_id)
    ]
    active = [r for r in rows if r.state == "active"]
    past = [r for r in rows if r.state != "active"][:PAST_INVITES_SHOWN]
    return active, past


def invite_history(team_id, invite_id, coach_ids, now):
    """One of the team's invitations and who joined with it, latest first; None if
    the team has no such invitation."""
    found = _invites_with_creators(Invite.team_id == team_id, Invite.id == invite_id)
    if not found:
        return None
    uses = db.session.execute(
        select(User.name, InviteUse.used_at)
        .select_from(InviteUse)
        .outerjoin(User, User.id == InviteUse.user_id)
        .where(InviteUse.invite_id == invite_id)
        .order_by(InviteUse.used_at.desc(), InviteUse.id.desc())
    ).all()
    return _invite_row(*found[0], coach_ids, now), uses


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


def _members_with_latest(team_id, *columns, with_names=True):
    """Active members (`Membership`, and `User` if `with_names`) with their latest
    visible profile (`Assessment`, or NULLs), selecting `columns`.

    Each member's latest profile is a correlated subquery on the index
    (user_id, finished_at): one index probe per member on SQLite and PostgreSQL
    alike. An outer join to a windowed subquery instead ran as a nested loop in
    SQLite (4 s for 10,000 members).
    """
    candidate = aliased(Assessment)
    latest_id = (
        select(candidate.id)
        .where(
            candidate.user_id == Membership.user_id,
            candidate.finished_at.is_not(None),
            candidate.finished_at >= Membership.joined_at,
        )
        .order_by(candidate.finished_at.desc(), candidate.id.desc())
        .limit(1)
        .correlate(Membership)
        .scalar_subquery()
    )
    members = (
        select(Membership.user_id, Membership.joined_at, latest_id.label("latest_id"))
        .where(Membership.team_id == team_id, Membership.left_at.is_(None))
        .subquery()
    )
    query = select(*columns).select_from(members)
    if with_names:
        query = query.join(User, User.id == members.c.user_id)
    return query.outerjoin(Assessment, Assessment.id == members.c.latest_id), members


def _row_columns(members):
    """The columns of a `MemberRow`, in its order, for `_members_with_latest`."""
    return (
        User.id,
        User.name,
        User.email,
        members.c.joined_at,
        Assessment.id,
        Assessment.finished_at,
        *_COUNT_COLUMNS,
        Assessment.pattern,
    )


def _row(
    user_id, name, email, joined_at, assessment_id, finished_at, a, b, c, d, pattern
):
    counts = None if assessment_id is None else {"A": a, "B": b, "C": c, "D": d}
    return MemberRow(
        user_id, name, email, joined_at, assessment_id, finished_at, counts, pattern
    )


def member_rows(team_id):
    """Every active member with their latest visible profile, in one query."""
    query, members = _members_with_latest(team_id)
    query = query.add_columns(*_row_columns(members))
    return [_row(*r) for r in db.session.execute(query.order_by(User.name, User.id))]


def team_groups(team_id):
    """The team's size and its profiles summed by pattern, in one `GROUP BY` query."""
    primary = [
        func.sum(case((column >= PRIMARY_MIN, 1), else_=0)) for column in _COUNT_COLUMNS
    ]
    query, _members = _members_with_latest(
        team_id,
        Assessment.pattern,
        func.count(),
        *(func.sum(column) for column in _COUNT_COLUMNS),
        *primary,
        with_names=False,
    )
    size, groups = 0, []
    for pattern, n, *sums in db.session.execute(query.group_by(Assessment.pattern)):
        size += n
        if pattern is not None:
            totals = dict(zip(QUADRANTS, sums[:4], strict=True))
            primaries = dict(zip(QUADRANTS, sums[4:], strict=True))
            groups.append(Group(pattern, n, totals, primaries))
    # Ties listed alike on every database: most common first, then by pattern.
    return size, sorted(groups, key=lambda g: g.pattern)


_COUNT_COLUMNS = (
    Assessment.count_a,
    Assessment.count_b,
    Assessment.count_c,
    Assessment.count_d,
)


def _code_key(column):
    return case((column >= PRIMARY_MIN, 1), (column >= SECONDARY_MIN, 2), else_=3)


# What each column of the member table sorts on (see coaching.table.browse).
_SORTS = {
    "code": lambda: [_code_key(c) for c in _COUNT_COLUMNS],
    "pattern": lambda: [func.length(Assessment.pattern), Assessment.pattern],
    "date": lambda: [Assessment.finished_at],
}


def member_page(
    team_id,
    sort="name",
    descending=False,
    pattern="",
    status="",
    text="",
    page=1,
    size=None,
):
    """One page of the member table, filtered and sorted in SQL, in two queries.

    Behaves as `coaching.table.browse` over `member_rows` (tested side by side):
    members without a profile go last under any sort but name, ties keep the
    name order, and the page number is kept within the pages there are.
    `size`, the team's member count when the caller has it, saves counting
    again when no filter is set.
    """
    query, members = _members_with_latest(team_id)
    text = text.strip().casefold()
    if pattern:
        query = query.where(Assessment.pattern == pattern)
    if status == "done":
        query = query.where(Assessment.id.is_not(None))
    elif status == "waiting":
        query = query.where(Assessment.id.is_(None))
    if text:
        query = query.where(func.lower(User.name).contains(text, autoescape=True))
    if size is None or pattern or status or text:
        total = db.session.scalar(query.with_only_columns(func.count()))
    else:
        total = size
    pages = max(1, -(-total // PER_PAGE))
    number = min(max(1, page), pages)
    if sort in _SORTS:
        keys = [k.desc() if descending else k for k in _SORTS[sort]()]
        order = [Assessment.id.is_(None), *keys, User.name, User.id]
    else:
        name_keys = [func.lower(User.name), User.name]
        order = [k.desc() if descending else k for k in name_keys] + [User.id]
    rows = db.session.execute(
        query.add_columns(*_row_columns(members))
        .order_by(*order)
        .limit(PER_PAGE)
        .offset((number - 1) * PER_PAGE)
    )
    return Page([_row(*r) for r in rows], number, pages, total)


def active_membership(team_id, user_id):
    """The user's current membership of the team, or None."""
    return db.session.scalar(
        select(Membership).where(
            Membership.team_id == team_id,
            Membership.user_id == user_id,
            Membership.left_at.is_(None),
        )
    )


def member_history(team_id, user_id):
    """One member's membership and the profiles the coaches may see, newest first;
    None if the user is not a member."""
    member = active_membership(team_id, user_id)
    if member is None:
        return None
    assessments = db.session.scalars(
        visible_assessments(team_id)
        .where(Assessment.user_id == user_id)
        .order_by(Assessment.finished_at.desc())
    ).all()
    return member, assessments


def notes_about(team_id, member_id):
    """The coaches' private notes on one member of the team, newest first."""
    return db.session.scalars(
        select(CoachNote)
        .where(CoachNote.team_id == team_id, CoachNote.member_id == member_id)
        .order_by(CoachNote.created_at.desc())
    ).all()


def latest_visible_to(coach_id, user_id):
    """The user's latest finished assessment that this coach may see: one made
    while the user was a member of a team the coach runs (as on the member page)."""
    return db.session.scalar(
        select(Assessment)
        .join(
            Membership,
            and_(
                Membership.user_id == Assessment.user_id,
                Membership.left_at.is_(None),
                Assessment.finished_at >= Membership.joined_at,
            ),
        )
        .join(
            TeamCoach,
            and_(
                TeamCoach.team_id == Membership.team_id,
                TeamCoach.user_id == coach_id,
            ),
        )
        .where(Assessment.user_id == user_id, Assessment.finished_at.is_not(None))
        .order_by(Assessment.finished_at.desc())
        .limit(1)
    )


def latest_own(user_id):
    """A user's own latest finished assessment (a coach's, for a pair view)."""
    return db.session.scalar(
        select(Assessment)
        .where(Assessment.user_id == user_id, Assessment.finished_at.is_not(None))
        .order_by(Assessment.finished_at.desc())
        .limit(1)
    )


def mailed_invites(team_id, listed=200):
    """The latest mailed invitations with their state (rules.mailed_state) and the
    outbox's last error, newest first, in one query."""
    joined = exists().where(
        Membership.team_id == team_id,
        Membership.user_id == User.id,
        func.lower(User.email) == InviteEmail.address,
        Membership.joined_at >= InviteEmail.created_at,
    )
    rows = db.session.execute(
        select(InviteEmail, OutboxMessage.status, OutboxMessage.last_error, joined)
        .join(Invite, Invite.id == InviteEmail.invite_id)
        .outerjoin(OutboxMessage, OutboxMessage.id == InviteEmail.outbox_id)
        .where(Invite.team_id == team_id)
        .order_by(InviteEmail.id.desc())
        .limit(listed)
    ).all()
    return [
        (mailed, rules.mailed_state(status, mailed.opened_at, has_joined), error)
        for mailed, status, error, has_joined in rows
    ]
