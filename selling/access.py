"""Who may read and who may change a rep's accounts and contacts."""

from flask_login import current_user
from sqlalchemy import select

from coaching.models import Membership
from coaching.models import TeamCoach
from extensions import db
from security import deny
from selling.models import Contact
from selling.models import KeyAccount
from selling.models import Meeting


def coaches(coach_id, rep_id):
    """True when `coach_id` coaches a team that `rep_id` is an active member of."""
    return bool(
        db.session.scalar(
            select(TeamCoach.user_id)
            .join(Membership, Membership.team_id == TeamCoach.team_id)
            .where(
                TeamCoach.user_id == coach_id,
                Membership.user_id == rep_id,
                Membership.left_at.is_(None),
            )
            .limit(1)
        )
    )


def can_read(owner_id):
    return owner_id == current_user.id or coaches(current_user.id, owner_id)


def account_for(account_id, write=False):
    """The account if the signed-in user may read it (or change it, with `write`); else 404."""
    account = db.session.get(KeyAccount, account_id)
    if account is None:
        deny("key_account", id=account_id)
    mine = account.owner_id == current_user.id
    if not mine and (write or not coaches(current_user.id, account.owner_id)):
        deny("key_account", id=account_id, write=write)
    return account


def contact_for(contact_id, write=False):
    """The contact, under the same rule as its account."""
    contact = db.session.get(Contact, contact_id)
    if contact is None:
        deny("contact", id=contact_id)
    account_for(contact.account_id, write=write)
    return contact


def meeting_for(meeting_id, write=False):
    """The meeting, under the same rule as its contact's account."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        deny("meeting", id=meeting_id)
    contact_for(meeting.contact_id, write=write)
    return meeting
