"""Limits on contacts: per import, per account, a paged table, and a download in few queries."""

import io
import re

from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select

from extensions import db
from selling.capacity import MAX_CONTACTS_PER_ACCOUNT
from selling.capacity import MAX_IMPORT_ROWS
from selling.models import Contact
from tests.helpers import count_queries

HEADER = "company,name\n"


def _contacts(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Contact))


def _fill(app, account_id, n):
    """Add `n` contacts to an account in one statement."""
    with app.app_context():
        db.session.execute(
            insert(Contact),
            [{"account_id": account_id, "name": f"P{i:04}"} for i in range(n)],
        )
        db.session.commit()


def _upload(rep, text):
    return rep.post(
        "/key-accounts/import",
        {"file": (io.BytesIO(text.encode()), "contacts.csv")},
        content_type="multipart/form-data",
    )


def test_an_import_over_the_row_limit_imports_nothing(app, rep):
    """A file of 1,001 contacts is refused with a message; no row is written."""
    text = HEADER + "".join(f"Acme,P{i}\n" for i in range(MAX_IMPORT_ROWS + 1))
    page = _upload(rep, text).get_data(as_text=True)
    assert f"at most {MAX_IMPORT_ROWS:,} contacts".replace(",", "") in page.replace(
        ",", ""
    )
    assert _contacts(app) == 0


def test_an_import_that_would_overfill_an_account_imports_nothing(app, rep):
    """An account already near the limit takes no import that would pass it."""
    account_id = rep.add_account(name="Acme")
    _fill(app, account_id, MAX_CONTACTS_PER_ACCOUNT - 1)
    page = _upload(rep, HEADER + "Acme,New one\nAcme,New two\n").get_data(as_text=True)
    assert f"Acme would hold {MAX_CONTACTS_PER_ACCOUNT + 1} contacts" in page
    assert _contacts(app) == MAX_CONTACTS_PER_ACCOUNT - 1


def test_a_full_account_takes_no_new_contact(app, rep):
    """The contact form of a full account says why and saves nothing."""
    account_id = rep.add_account()
    _fill(app, account_id, MAX_CONTACTS_PER_ACCOUNT)
    response = rep.client.get(
        f"/key-accounts/{account_id}/contacts/new", follow_redirects=True
    )
    assert "the most an account can hold" in response.get_data(as_text=True)
    posted = rep.post(f"/key-accounts/{account_id}/contacts/new", {"name": "One more"})
    assert posted.status_code == 302
    assert _contacts(app) == MAX_CONTACTS_PER_ACCOUNT


def test_the_contact_table_is_paged(app, rep):
    """120 contacts show as 50, 50 and 20 rows, with a pager."""
    account_id = rep.add_account()
    _fill(app, account_id, 120)
    first = rep.client.get(f"/key-accounts/{account_id}").get_data(as_text=True)
    last = rep.client.get(f"/key-accounts/{account_id}?page=3").get_data(as_text=True)
    rows = re.compile(r'href="/key-accounts/contacts/\d+">P\d{4}</a>')
    assert len(rows.findall(first)) == 50 and "Page 1 of 3" in first
    assert len(rows.findall(last)) == 20 and "Page 3 of 3" in last


def test_the_own_data_download_takes_the_same_queries_for_5_or_100_contacts(app, rep):
    """Estimates and meetings are fetched per table, not per contact."""
    used = []
    for n in (5, 100):
        account_id = rep.add_account(name=f"Acme {n}")
        _fill(app, account_id, n)
        with app.app_context():
            engine = db.engine
        with count_queries(engine) as statements:
            assert rep.client.get("/account/data.json").status_code == 200
        used.append(len(statements))
    assert used[0] == used[1], used
