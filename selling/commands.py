"""Writing a rep's rows where more than one row changes together."""

from sqlalchemy import select

from extensions import db
from selling import cues
from selling.models import Contact
from selling.models import Estimate
from selling.models import KeyAccount


def add_estimate(contact, cue_ids, created_at=None):
    """Add an estimate to `contact` from the ticked cues, computed for their role."""
    row = Estimate(cues=list(cue_ids))
    if created_at is not None:  # an imported estimate keeps its date
        row.created_at = created_at
    row.save_reading(cues.estimate(row.cues, role=contact.role))
    contact.estimates.append(row)


def import_rows(owner_id, rows):
    """Add the imported contacts, with their estimates, to the owner's accounts by
    name, making the accounts that do not exist yet; all in one commit."""
    accounts = {
        a.name: a
        for a in db.session.scalars(
            select(KeyAccount).where(KeyAccount.owner_id == owner_id)
        )
    }
    for row in rows:
        account = accounts.get(row["account"])
        if account is None:
            account = accounts[row["account"]] = KeyAccount(
                owner_id=owner_id, name=row["account"]
            )
            db.session.add(account)
        contact = Contact(
            **{k: row[k] for k in row if k not in ("account", "estimates")}
        )
        account.contacts.append(contact)
        for created_at, cue_ids in row["estimates"]:
            add_estimate(contact, cue_ids, created_at)
    db.session.commit()
