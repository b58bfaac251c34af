"""The database writes of the team pages. Each reads what it needs, lets
`coaching.rules` decide, writes and commits (all but `release`, whose caller
commits).

Changes to who coaches a team lock the team's row first (SELECT ... FOR UPDATE
on PostgreSQL; SQLite's write lock already serialises writers), so two coaches
stepping down or removing each other at the same moment never leave a team
without a coach.
"""

from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update

from accounts.models import User
from coaching import queries
from coaching import rules
from coaching.models import CoachNote
from coaching.models import Invite
from coaching.models import InviteUse
from coaching.models import Membership
from coaching.models import Removal
from coaching.models import Team
from coaching.models import TeamCoach
from database import utcnow
from extensions import db


def create_team(name, user_id):
    """A new team with this user as its coach."""
    team = Team(name=name)
    team.coaches.append(TeamCoach(user_id=user_id))
    db.session.add(team)
    db.session.commit()
    return team


def create_invite(team_id, role, days, user_id):
    """A new invitation made by this coach (single-use when it is for a coach)."""
    invite = Invite(
        team_id=team_id,
        role=role,
        created_by=user_id,
        expires_at=rules.expiry(utcnow(), days),
        max_uses=rules.max_uses_for(role),
    )
    db.session.add(invite)
    db.session.commit()
    return invite


def revoke_invite(team_id, invite_id):
    """Revoke one of the team's invitations; None if the team has no such invitation."""
    invite = db.session.get(Invite, invite_id)
    if invite is None or invite.team_id != team_id:
        return None
    invite.revoked_at = invite.revoked_at or utcnow()
    db.session.commit()
    return invite


def accept(invite, user_id):
    """Let the user in with the invitation; returns what happened.

    'coach' or 'member' when they joined; 'already' or 'removed' as decided by
    `rules.join_outcome`; 'used' when the last use of the invitation was taken
    by someone else a moment before.
    """
    _lock(invite.team_id)
    outcome = queries.join_outcome(invite, user_id)
    if outcome not in ("coach", "member"):
        db.session.rollback()
        return outcome
    if not _claim(invite.id):
        db.session.rollback()
        return "used"
    now = utcnow()
    if outcome == "coach":
        db.session.add(TeamCoach(team_id=invite.team_id, user_id=user_id))
    else:
        _start_membership(invite.team_id, user_id, now)
    db.session.add(InviteUse(invite_id=invite.id, user_id=user_id, used_at=now))
    db.session.commit()
    return outcome


def _claim(invite_id):
    """Count one use, unless the invitation is revoked, expired or used up: one
    atomic UPDATE, so two people racing for a single-use code cannot both get in."""
    claimed = db.session.execute(
        update(Invite)
        .where(
            Invite.id == invite_id,
            Invite.revoked_at.is_(None),
            or_(Invite.expires_at.is_(None), Invite.expires_at > utcnow()),
            or_(Invite.max_uses.is_(None), Invite.use_count < Invite.max_uses),
        )
        .values(use_count=Invite.use_count + 1)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1


def _start_membership(team_id, user_id, now):
    membership = db.session.scalar(
        select(Membership).filter_by(team_id=team_id, user_id=user_id)
    )
    if membership is None:
        db.session.add(Membership(team_id=team_id, user_id=user_id, joined_at=now))
    else:  # a former member: a new sharing period starts now
        membership.joined_at, membership.left_at = now, None


def leave(team_id, user_id):
    """The member leaves: their sharing with the coaches ends now."""
    membership = queries.active_membership(team_id, user_id)
    if membership is not None:  # else they left a moment ago, in another tab
        membership.left_at = utcnow()
        db.session.commit()


def remove_member(team_id, user_id):
    """A coach removes a member: their sharing ends, and invitations made before
    this moment no longer let them back. Returns the ended membership, or None
    if they are not a member."""
    membership = queries.active_membership(team_id, user_id)
    if membership is None:
        return None
    now = utcnow()
    membership.left_at = now
    db.session.add(
        Removal(team_id=team_id, user_id=user_id, role="member", removed_at=now)
    )
    db.session.commit()
    return membership


def remove_coach(team_id, actor_id, target_id):
    """A coach removes another coach, whose outstanding invitations die with the
    role. Returns the removed user, or None if either of them is not (or no
    longer) a coach of the team."""
    coach_ids = _lock_coaches(team_id)
    allowed = rules.may_remove_coach(actor_id, target_id, coach_ids)
    if actor_id not in coach_ids or not allowed:
        db.session.rollback()
        return None
    now = utcnow()
    _end_coach_role(team_id, target_id, now)
    db.session.add(
        Removal(team_id=team_id, user_id=target_id, role="coach", removed_at=now)
    )
    db.session.commit()
    return db.session.get(User, target_id)


def step_down(team_id, user_id):
    """The coach gives up the role: 'done', 'last_coach' (refused: hand over or
    archive first) or 'not_coach'."""
    coach_ids = _lock_coaches(team_id)
    if user_id not in coach_ids:
        outcome = "not_coach"
    elif not rules.coach_may_leave(len(coach_ids)):
        outcome = "last_coach"
    else:
        _end_coach_role(team_id, user_id, utcnow())
        db.session.commit()
        return "done"
    db.session.rollback()
    return outcome


def archive(team_id, user_id):
    """The last coach steps down and archives the team: 'done', 'other_coaches'
    (refused: step down instead) or 'not_coach'."""
    coach_ids = _lock_coaches(team_id)
    if user_id not in coach_ids:
        outcome = "not_coach"
    elif not rules.may_archive(len(coach_ids)):
        outcome = "other_coaches"
    else:
        _archive(team_id, utcnow())
        db.session.commit()
        return "done"
    db.session.rollback()
    return outcome


def add_note(team_id, member_id, author_id, body):
    """A coach's private note on a member."""
    db.session.add(
        CoachNote(team_id=team_id, member_id=member_id, author_id=author_id, body=body)
    )
    db.session.commit()


def release(user_id):
    """Before an account is deleted: its outstanding invitations die, and every
    team it is the last coach of is archived. Returns those teams' ids.

    Does not commit: the account's deletion commits it all at once.
    """
    now = utcnow()
    db.session.execute(_revoke_outstanding(Invite.created_by == user_id, now))
    coached = select(TeamCoach.team_id).where(TeamCoach.user_id == user_id)
    counts = db.session.execute(
        select(TeamCoach.team_id, func.count())
        .where(TeamCoach.team_id.in_(coached))
        .group_by(TeamCoach.team_id)
    ).all()
    last = [team_id for team_id, coaches in counts if rules.may_archive(coaches)]
    for team_id in last:
        _archive(team_id, now)
    return last


def _lock(team_id):
    db.session.execute(select(Team.id).where(Team.id == team_id).with_for_update())


def _lock_coaches(team_id):
    """Lock the team, then read its coaches as they are now."""
    _lock(team_id)
    return set(
        db.session.scalars(
            select(TeamCoach.user_id).where(TeamCoach.team_id == team_id)
        )
    )


def _revoke_outstanding(condition, now):
    """Revoke the invitations matching `condition` that could still be used
    (expired and used-up ones keep their state for the team page)."""
    return (
        update(Invite)
        .where(
            condition,
            Invite.revoked_at.is_(None),
            or_(Invite.expires_at.is_(None), Invite.expires_at > now),
            or_(Invite.max_uses.is_(None), Invite.use_count < Invite.max_uses),
        )
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )


def _end_coach_role(team_id, user_id, now):
    db.session.execute(
        delete(TeamCoach).where(
            TeamCoach.team_id == team_id, TeamCoach.user_id == user_id
        )
    )
    db.session.execute(
        _revoke_outstanding(
            (Invite.team_id == team_id) & (Invite.created_by == user_id), now
        )
    )


def _archive(team_id, now):
    """Close the team: every sharing period ends, every invitation dies, no coach
    is left; the team's record (name, dates, notes) stays."""
    db.session.execute(update(Team).where(Team.id == team_id).values(archived_at=now))
    db.session.execute(
        update(Membership)
        .where(Membership.team_id == team_id, Membership.left_at.is_(None))
        .values(left_at=now)
    )
    db.session.execute(_revoke_outstanding(Invite.team_id == team_id, now))
    db.session.execute(delete(TeamCoach).where(TeamCoach.team_id == team_id))
