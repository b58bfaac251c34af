"""The user's own data: everything the app holds about them, out as JSON or CSV, or erased.

Left out of the export on purpose: coaches' private notes about the user (they
are the coaches' working notes) and the password hash. Both go with the account.
"""

import json

from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from accounts.models import User
from assessment.models import Assessment
from coaching.commands import release
from coaching.models import CoachNote
from coaching.models import Membership
from coaching.models import Team
from coaching.models import TeamCoach
from extensions import db
from security import log_event
from selling.models import Contact
from selling.models import KeyAccount
from spreadsheets import csv_text


def _iso(value):
    return value.isoformat() if value else None


def collect(user: User) -> dict:
    """Every row of the user's, as plain data."""
    assessments = db.session.scalars(
        select(Assessment).where(Assessment.user_id == user.id).order_by(Assessment.id)
    ).all()
    memberships = db.session.execute(
        select(Team.name, Membership.joined_at, Membership.left_at)
        .join(Membership, Membership.team_id == Team.id)
        .where(Membership.user_id == user.id)
    ).all()
    coached = db.session.scalars(
        select(Team.name).join(TeamCoach).where(TeamCoach.user_id == user.id)
    ).all()
    notes = db.session.scalars(
        select(CoachNote).where(CoachNote.author_id == user.id)
    ).all()
    # Every contact's estimates and meetings in one query each, not two per contact.
    accounts = db.session.scalars(
        select(KeyAccount)
        .where(KeyAccount.owner_id == user.id)
        .order_by(KeyAccount.id)
        .options(
            selectinload(KeyAccount.contacts).selectinload(Contact.estimates),
            selectinload(KeyAccount.contacts).selectinload(Contact.meetings),
        )
    ).all()
    return {
        "user": {
            "email": user.email,
            "name": user.name,
            "locale": user.locale,
            "created_at": _iso(user.created_at),
        },
        "assessments": [
            {
                "id": a.id,
                "catalogue_version": a.catalogue_version,
                "started_at": _iso(a.started_at),
                "finished_at": _iso(a.finished_at),
                "counts": a.counts,
                "pattern": a.pattern,
                "picks": {str(r.round_number): list(r.picks) for r in a.answers},
            }
            for a in assessments
        ],
        "team_memberships": [
            {"team": name, "joined_at": _iso(joined), "left_at": _iso(left)}
            for name, joined, left in memberships
        ],
        "teams_coached": list(coached),
        "notes_written": [
            {"created_at": _iso(n.created_at), "body": n.body} for n in notes
        ],
        "key_accounts": [
            {
                "name": a.name,
                "funnel_step": a.funnel_step,
                "notes": a.notes,
                "contacts": [_contact(c) for c in a.contacts],
            }
            for a in accounts
        ],
    }


def _contact(c: Contact) -> dict:
    return {
        "name": c.name,
        "title": c.title,
        "level": c.level,
        "role": c.role,
        "guide": c.guide,
        "relationship": c.relationship,
        "reads_situation": c.reads_situation,
        "integrity": c.integrity,
        "notes": c.notes,
        "estimates": [
            {
                "created_at": _iso(e.created_at),
                "cues": e.cues,
                "counts": e.counts,
                "pattern": e.pattern,
                "confidence": e.confidence,
            }
            for e in c.estimates
        ],
        "meetings": [
            {
                "held_on": _iso(m.held_on),
                "outcome": m.outcome,
                "customer_action": m.customer_action,
                "advances": m.advances,
                "notes": m.notes,
            }
            for m in c.meetings
        ],
    }


def as_json(user: User) -> str:
    return json.dumps(collect(user), ensure_ascii=False, indent=2)


def as_csv(user: User) -> str:
    """One row per fact: section, item, field, value (flattened from the JSON)."""
    return csv_text(
        ["section", "item", "field", "value"],
        (
            [section, *_item_and_field(path), leaf]
            for section, value in collect(user).items()
            for path, leaf in _flatten(value)
        ),
    )


def _item_and_field(path):
    item, _, field = path.partition(".")
    return item, field


def _flatten(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _flatten(v, f"{prefix}.{k}" if prefix else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _flatten(v, f"{prefix}.{i}" if prefix else str(i))
    else:
        yield prefix, "" if value is None else str(value)


def erase(user: User) -> None:
    """Delete the user and every row that is theirs.

    The database cascades do most of it; notes coaches wrote about the user go
    explicitly, so nothing about them is left behind on any database. Notes the
    user wrote as a coach stay with the team, signed "a former coach": they are
    the team's record of its members, which the remaining coaches still need,
    and they lose their author rather than their content. Their
    coach roles end as stepping down would: their invitations that still work
    are revoked (a code never outlives its maker), and a team they were the last
    coach of is archived (coaching.commands.release).
    """
    for team_id in release(user.id):
        log_event("team_archived", team=team_id, reason="last_coach_deleted")
    db.session.execute(delete(CoachNote).where(CoachNote.member_id == user.id))
    db.session.delete(user)
    db.session.commit()
    _forget_on_disk()


def _forget_on_disk() -> None:
    """SQLite keeps recent writes in its -wal file: fold them into the database
    (where secure_delete has zeroed the deleted rows) and empty it."""
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as conn:  # outside a transaction, or it cannot run
            conn.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
