"""Contacts to CSV and back: every field and the estimate history survive."""

import csv
import io

import pytest
from sqlalchemy import select

from accounts.models import User
from extensions import db
from selling.models import Contact
from selling.models import Estimate
from selling.models import KeyAccount
from tests.selling.conftest import RepActions

FIELDS = (
    "name",
    "title",
    "level",
    "role",
    "guide",
    "relationship",
    "reads_situation",
    "integrity",
    "notes",
)


@pytest.fixture
def history(rep, account):
    """The account's contacts with tricky values, negotiation answers and estimates."""
    ids = account["contacts"]
    rep.post(
        f"/key-accounts/contacts/{ids['purchaser']}/edit",
        {
            "name": "Li Na",
            "title": "'Senior' buyer",
            "level": "middle",
            "role": "purchaser",
            "guide": "guide",
            "relationship": "won_over",
            "reads_situation": "unknown",
            "integrity": "no",
            "notes": "=SUM(A1)\nprefers email, 周三下午",
        },
    )
    rep.post(
        f"/key-accounts/contacts/{ids['user']}/edit",
        {
            "name": "Wang Fang",
            "title": "-",
            "level": "front_line",
            "role": "user",
            "guide": "none",
            "relationship": "opposed",
            "reads_situation": "no",
            "integrity": "unknown",
            "notes": "@home; +86 notes",
        },
    )
    rep.post(
        f"/key-accounts/contacts/{ids['purchaser']}/estimate",
        {"cues": ["cue-12", "cue-23"]},
    )
    rep.post(
        f"/key-accounts/contacts/{ids['purchaser']}/estimate",
        {"cues": ["cue-12", "cue-23", "cue-26", "cue-33"]},
    )
    rep.estimate(ids["decision_maker"], "CD")
    return account


def _import(person, data):
    return person.post(
        "/key-accounts/import",
        {"file": (io.BytesIO(data), "c.csv")},
        content_type="multipart/form-data",
    )


def _newcomer(app, email="other@example.com"):
    person = RepActions(app.test_client())
    person.register(email=email, name="Other Rep")
    return person


def test_export_import_export_gives_the_same_rows(app, rep, history):
    """A fresh user imports the export; their export is the same, byte for byte."""
    first = rep.client.get("/key-accounts/export.csv").data
    other = _newcomer(app)
    assert _import(other, first).status_code == 302
    second = other.client.get("/key-accounts/export.csv").data
    assert second == first
    rows = list(csv.reader(io.StringIO(first.decode("utf-8-sig"))))
    assert rows[0] == [
        "Company",
        "Name",
        "Job title",
        "Organisation level",
        "Buying-centre role",
        "Guide or insider",
        "Relationship",
        "Notes",
        "Reads the situation",
        "Acts with integrity",
        "Estimates",
    ]
    li_na = next(r for r in rows if r[1] == "Li Na")
    assert li_na[2] == "''Senior' buyer"  # a leading quote is escaped too
    assert li_na[7].startswith("'=SUM(A1)")  # formula protection
    assert li_na[8:10] == ["Cannot tell yet", "No"]
    assert li_na[10].count(";") == 1 and li_na[10].endswith(
        "cue-12 cue-23 cue-26 cue-33"
    )


def test_the_round_trip_keeps_every_field_and_the_estimates(app, rep, history):
    """Negotiation answers, notes and the estimate history arrive as they were."""
    with app.app_context():
        before = _by_owner("rep@example.com")
    other = _newcomer(app)
    _import(other, rep.client.get("/key-accounts/export.csv").data)
    with app.app_context():
        after = _by_owner("other@example.com")
        estimates = db.session.scalars(select(Estimate)).all()
        assert len(estimates) == 6  # 3 of the rep's, 3 imported
        assert all(e.saved_pattern == e.pattern for e in estimates)  # saved by the rule
    assert after == before
    assert [c[7:9] for c in after if c[1] == "Li Na"] == [(None, False)]
    assert sorted(len(c[-1]) for c in after) == [0, 0, 1, 2]


def _by_owner(email):
    """Every contact of one user as plain values, estimates as (minute, cues)."""
    contacts = db.session.scalars(
        select(Contact)
        .join(KeyAccount)
        .join(User, User.id == KeyAccount.owner_id)
        .where(User.email == email)
    ).all()
    return sorted(
        (
            c.account.name,
            *(getattr(c, f) for f in FIELDS),
            [
                (e.created_at.strftime("%Y-%m-%d %H:%M"), e.cues)
                for e in sorted(c.estimates, key=lambda e: e.created_at)
            ],
        )
        for c in contacts
    )


def test_a_chinese_export_imports_for_an_english_user(app, rep, history):
    """Headings and choices in Chinese are read back; the English exports agree."""
    english = rep.client.get("/key-accounts/export.csv").data
    rep.post("/account/language", {"locale": "zh_CN"})
    chinese = rep.client.get("/key-accounts/export.csv").data
    assert chinese != english
    other = _newcomer(app)
    assert _import(other, chinese).status_code == 302
    assert other.client.get("/key-accounts/export.csv").data == english


def test_old_files_without_the_new_columns_still_import(app, rep):
    """The first eight columns alone are enough; the rest take their defaults."""
    text = "account,name,title,level,role,guide,relationship,notes\nAcme,Ann,CEO,,,,,\n"
    assert _import(rep, text.encode()).status_code == 302
    with app.app_context():
        ann = db.session.scalar(select(Contact))
        assert (ann.reads_situation, ann.integrity, ann.estimates) == (None, None, [])


def test_bad_estimates_are_reported_by_line_and_nothing_is_imported(app, rep):
    """A bad date and an unknown cue are named with their line; no row is added."""
    text = (
        "account,name,estimates\n"
        "Acme,Ann,2026-11-20 09:30 cue-01 cue-05\n"
        "Acme,Bob,2026-13-01 cue-01\n"
        "Acme,Cy,2026-11-20 cue-01; 2026-11-21 cue-99\n"
        "Acme,Di,cue-01\n"
    )
    html = _import(rep, text.encode()).get_data(as_text=True)
    assert "Line 2" not in html
    assert (
        "Line 3: Estimates: “2026-13-01 cue-01” is not a date followed by cue ids"
        in html
    )
    assert (
        "Line 4: Estimates: “2026-11-21 cue-99” is not a date followed by cue ids"
        in html
    )
    assert "Line 5: Estimates: “cue-01”" in html
    with app.app_context():
        assert db.session.scalars(select(Contact)).all() == []
        assert db.session.scalars(select(Estimate)).all() == []


def test_import_errors_name_the_column_in_the_users_language(rep):
    """A Chinese-speaking rep reads the column's Chinese name in the message."""
    rep.post("/account/language", {"locale": "zh_CN"})
    text = "公司,姓名,组织层级\nAcme,Ann,boss\n,Bob,\n"
    html = _import(rep, text.encode()).get_data(as_text=True)
    assert "组织层级" in html and "“boss”不是可选的值" in html
    assert "公司：不能为空。" in html


def test_labels_of_files_exported_before_the_review_still_import(app, rep):
    """Old Chinese labels (ASCII parentheses, 已争取) and full-width variants are read."""
    rep.post("/account/language", {"locale": "zh_CN"})
    text = (
        "公司,姓名,向导还是内线,关系状态\n"
        "Acme,Ann,向导(希望你赢),已争取\n"
        "Acme,Bob,内线(只传递信息),已争取到支持\n"
        "Acme,Cy, 内线（只传递信息） ,已接触\n"
        "Acme,Di,ＧＵＩＤＥ,WON_OVER\n"
    )
    assert _import(rep, text.encode()).status_code == 302
    with app.app_context():
        people = {
            c.name: (c.guide, c.relationship)
            for c in db.session.scalars(select(Contact))
        }
    assert people == {
        "Ann": ("guide", "won_over"),
        "Bob": ("insider", "won_over"),
        "Cy": ("insider", "in_contact"),
        "Di": ("guide", "won_over"),
    }


def test_missing_columns_are_listed_in_the_users_language(rep):
    """Without company and name the message lists both, joined with 、 in Chinese."""
    text = "title\nCEO\n"
    html = _import(rep, text.encode()).get_data(as_text=True)
    assert "missing: Company, Name." in html
    rep.post("/account/language", {"locale": "zh_CN"})
    html = _import(rep, text.encode()).get_data(as_text=True)
    assert "缺少：公司、姓名。" in html
