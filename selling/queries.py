"""Reading a rep's accounts, contacts and meetings, each in a fixed number of queries."""

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from extensions import db
from selling.models import Contact
from selling.models import KeyAccount
from selling.models import Meeting


def accounts_of(rep_id, text=""):
    """The rep's accounts by name, with their contacts; `text` matches an account's
    name or a contact's name or title."""
    query = select(KeyAccount).where(KeyAccount.owner_id == rep_id)
    if text:
        like = f"%{text}%"
        query = query.where(
            or_(
                KeyAccount.name.ilike(like),
                KeyAccount.contacts.any(
                    or_(Contact.name.ilike(like), Contact.title.ilike(like))
                ),
            )
        )
    return db.session.scalars(
        query.options(selectinload(KeyAccount.contacts)).order_by(KeyAccount.name)
    ).all()


def contacts_of(account_id):
    """The account's contacts by name, with their estimates and meetings."""
    return db.session.scalars(
        select(Contact)
        .where(Contact.account_id == account_id)
        .options(selectinload(Contact.estimates), selectinload(Contact.meetings))
        .order_by(Contact.name)
    ).all()


def meetings_of(account_id):
    """Every meeting logged with any of the account's contacts."""
    return db.session.scalars(
        select(Meeting).join(Contact).where(Contact.account_id == account_id)
    ).all()


def all_contacts_of(rep_id):
    """Every contact of the rep's, account by account, for the CSV export."""
    return db.session.scalars(
        select(Contact)
        .join(KeyAccount)
        .where(KeyAccount.owner_id == rep_id)
        .options(selectinload(Contact.account), selectinload(Contact.estimates))
        .order_by(KeyAccount.name, Contact.name, Contact.id)
    ).all()


def contact_counts(rep_id):
    """How many contacts each of the rep's accounts holds, by account name."""
    return dict(
        db.session.execute(
            select(KeyAccount.name, func.count(Contact.id))
            .join(Contact, Contact.account_id == KeyAccount.id)
            .where(KeyAccount.owner_id == rep_id)
            .group_by(KeyAccount.name)
        ).all()
    )
