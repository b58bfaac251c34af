"""Teams, who coaches them, who is in them, invitations and coaches' notes."""

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from accounts.models import User
from database import utcnow
from extensions import db


class Team(db.Model):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the last coach left without a successor: nobody sees the team any
    # more, and its record stays for the members' own history.
    archived_at: Mapped[datetime | None]

    coaches: Mapped[list["TeamCoach"]] = relationship(
        back_populates="team", cascade="all, delete-orphan"
    )


class TeamCoach(db.Model):
    """A user who runs the team; a team may have several."""

    __tablename__ = "team_coaches"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    team: Mapped[Team] = relationship(back_populates="coaches")
    user: Mapped[User] = relationship()


class Membership(db.Model):
    """A trainee shares their profiles with the team's coaches from `joined_at` on.

    Leaving sets `left_at`; joining again starts a new sharing period, so what
    was completed before the latest join stays private.
    """

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    left_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


def _new_code():
    return secrets.token_urlsafe(9)


class Invite(db.Model):
    """A code that lets its holder join a team as a member or as a coach.

    Whether it still works is decided by `coaching.rules.invite_state`; who used
    it, and when, is in `InviteUse`.
    """

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(32), unique=True, default=_new_code)
    role: Mapped[str] = mapped_column(String(10), default="member")
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    max_uses: Mapped[int | None]  # None: until it expires or is revoked
    use_count: Mapped[int] = mapped_column(default=0, server_default="0")

    team: Mapped[Team] = relationship()


class InviteUse(db.Model):
    """Someone joined with an invitation. The row outlives their account (the
    user becomes NULL), so a used single-use code stays used."""

    __tablename__ = "invite_uses"

    id: Mapped[int] = mapped_column(primary_key=True)
    invite_id: Mapped[int] = mapped_column(
        ForeignKey("invites.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    used_at: Mapped[datetime] = mapped_column(default=utcnow)


class Removal(db.Model):
    """A coach removed this person (as a member or as a coach) from the team.

    Invitations made before the removal no longer let them back in.
    """

    __tablename__ = "team_removals"
    __table_args__ = (Index("ix_team_removals_user_team", "user_id", "team_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10))
    removed_at: Mapped[datetime] = mapped_column(default=utcnow)


class CoachNote(db.Model):
    """A coach's private note on a member, read only by that team's coaches."""

    __tablename__ = "coach_notes"
    __table_args__ = (Index("ix_coach_notes_team_member", "team_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class InviteEmail(db.Model):
    """An invitation mailed to one address: sent, opened, joined, or failed.

    Sent and failed come from its outbox message; opened is when the mailed link
    was first followed; joined is read from the team (someone with this address
    joined after it was sent).
    """

    __tablename__ = "invite_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    invite_id: Mapped[int] = mapped_column(
        ForeignKey("invites.id", ondelete="CASCADE"), index=True
    )
    address: Mapped[str] = mapped_column(String(254))
    lang: Mapped[str] = mapped_column(String(5))
    # In the mailed link: says which message was opened, and nothing else.
    token: Mapped[str] = mapped_column(String(32), unique=True, default=_new_code)
    sent_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("mail_outbox.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_at: Mapped[datetime | None]


class Reminder(db.Model):
    """A coach reminded a member to finish the questionnaire (once a day at most)."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_team_user", "team_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    sent_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
