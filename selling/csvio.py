"""Contacts to and from CSV (UTF-8; Chinese names; labels in either language).

A file holds every field of a contact and its estimate history, so exporting,
importing the file (into a fresh account or for another user) and exporting
again gives the same rows. Column headings and choices are written in the
user's language and read in English, Chinese or as keys, compared after
Unicode NFKC normalisation (full-width and ASCII parentheses read alike); the
labels of earlier versions are still read (`ALIASES`). The estimates column
lists each estimate, oldest first, as its date and time (UTC) and the ids of
the cues ticked, separated by semicolons:
`2026-11-20 09:31 cue-01 cue-05; 2026-11-27 10:02 cue-03 cue-14`.
"""

import csv
import io
import re
import unicodedata
from datetime import datetime
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from accounts.language import join_list
from selling import cues
from selling.capacity import MAX_IMPORT_ROWS
from selling.labels import LABELS
from selling.models import BUYING_ROLES
from selling.models import GUIDE_CHOICES
from selling.models import LEVELS
from selling.models import RELATIONSHIPS
from selling.models import TRISTATE
from spreadsheets import csv_text
from spreadsheets import unsafe

COLUMNS = (
    "account",
    "name",
    "title",
    "level",
    "role",
    "guide",
    "relationship",
    "notes",
    "reads_situation",
    "integrity",
    "estimates",
)
# The headings of the export, in the user's language: the names of the form fields.
HEADINGS = {
    "account": _l("Company"),
    "name": _l("Name"),
    "title": _l("Job title"),
    "level": _l("Organisation level"),
    "role": _l("Buying-centre role"),
    "guide": _l("Guide or insider"),
    "relationship": _l("Relationship"),
    "notes": _l("Notes"),
    "reads_situation": _l("Reads the situation"),
    "integrity": _l("Acts with integrity"),
    "estimates": _l("Estimates"),
}
CHOICES = {
    "level": LEVELS,
    "role": BUYING_ROLES,
    "guide": GUIDE_CHOICES,
    "relationship": RELATIONSHIPS,
    "reads_situation": tuple(TRISTATE),
    "integrity": tuple(TRISTATE),
}
DEFAULTS = {
    "level": "middle",
    "role": "user",
    "guide": "none",
    "relationship": "not_met",
    "reads_situation": "unknown",
    "integrity": "unknown",
}
# Chinese labels that were also CSV choices before the language review; files
# exported then still carry them. (The review's other change, ASCII to
# full-width parentheses, reads alike after NFKC normalisation anyway.)
ALIASES = {
    "guide": {"向导(希望你赢)": "guide", "内线(只传递信息)": "insider"},
    "relationship": {"已争取": "won_over"},
}
LIMITS = {"account": 120, "name": 120, "title": 120, "notes": 5000}
WHEN = "%Y-%m-%d %H:%M"
_ENTRY = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})(?:[ T](?P<time>\d{1,2}:\d{2})(?::\d{2})?)?"
    r"\s+(?P<cues>\S.*)",
    re.DOTALL,
)


def _norm(text):
    """A heading or a choice as compared: NFKC, spaces trimmed and collapsed, no case."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _lookup():
    """Every way a heading or a choice may be written -> key, by its `_norm` form.

    The key itself, the English and the Chinese label, and an earlier label.
    """
    names = {}
    for locale in ("en", "zh_CN"):
        with force_locale(locale):
            for column in COLUMNS:
                names[("heading", _norm(str(HEADINGS[column])))] = column
                names[("heading", column)] = column
            for column, keys in CHOICES.items():
                for key in keys:
                    names[(column, _norm(str(LABELS[key])))] = key
                    names[(column, key)] = key
    for column, old in ALIASES.items():
        for label, key in old.items():
            names.setdefault((column, _norm(label)), key)
    return names


def _tristate(value):
    return {v: k for k, v in TRISTATE.items()}[value]


def _history(contact):
    ordered = sorted(contact.estimates, key=lambda e: (e.created_at, e.id or 0))
    return "; ".join(
        f"{e.created_at.strftime(WHEN)} {' '.join(e.cues)}" for e in ordered
    )


def write(contacts):
    """CSV text (with a BOM for Excel) of the given contacts, labels in the user's language."""
    return csv_text([str(HEADINGS[c]) for c in COLUMNS], (_row(c) for c in contacts))


def _row(c):
    """One contact's cells, in COLUMNS order."""
    values = {
        "account": c.account.name,
        "name": c.name,
        "title": c.title,
        "notes": c.notes,
        "estimates": _history(c),
    }
    for column in ("level", "role", "guide", "relationship"):
        values[column] = str(LABELS[getattr(c, column)])
    for column in ("reads_situation", "integrity"):
        values[column] = str(LABELS[_tristate(getattr(c, column))])
    return [values[column] for column in COLUMNS]


def read(data: bytes):
    """Parse an uploaded file into rows of clean values, or say what is wrong line by line.

    :return: (rows, errors); errors are (line number, message) and rows is empty when
        there are any, so a file with a mistake imports nothing. A row's
        `estimates` is a list of (datetime, cue ids), oldest first, each later
        than the one before.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = "\x00"
    if "\x00" in text:  # binary data, or a text encoding other than UTF-8
        return [], [
            (1, _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."))
        ]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        lookup = _lookup()
        header = [
            lookup.get(("heading", _norm(h)), _norm(h))
            for h in (reader.fieldnames or [])
        ]
        return _rows(reader, header, lookup)
    except csv.Error:
        return [], [(reader.line_num or 1, _("This line is not valid CSV."))]


def _rows(reader, header, lookup):
    missing = [str(HEADINGS[c]) for c in ("account", "name") if c not in header]
    if missing:
        return [], [
            (
                1,
                _(
                    "The first line must name the columns; missing: %(cols)s.",
                    cols=join_list(missing),
                ),
            )
        ]
    reader.fieldnames = header
    rows, errors = [], []
    for line, raw in enumerate(reader, start=2):
        if len(rows) == MAX_IMPORT_ROWS:  # stop reading: the file is refused anyway
            return [], [
                (
                    line,
                    _(
                        "A file may hold at most %(n)d contacts; import the rest in another file.",
                        n=MAX_IMPORT_ROWS,
                    ),
                )
            ]  # fmt: skip - one message
        row, problems = _clean(raw, lookup)
        errors += [(line, p) for p in problems]
        rows.append(row)
    if not rows and not errors:
        errors.append((2, _("The file has no contacts.")))
    return ([] if errors else rows), errors


def _clean(raw, lookup):
    row, problems = {}, []
    for column in COLUMNS:
        value = unsafe((raw.get(column) or "").strip())
        heading = str(HEADINGS[column])
        if column == "estimates":
            value, wrong = _estimates(value)
            problems += [_bad_estimate(heading, text) for text in wrong]
        elif column in CHOICES:
            value = value or DEFAULTS[column]
            key = lookup.get((column, _norm(value)))
            if key is None:
                problems.append(
                    _(
                        "%(column)s: “%(value)s” is not one of the options.",
                        column=heading,
                        value=value,
                    )
                )
            value = TRISTATE[key] if key in TRISTATE else key
        elif len(value) > LIMITS[column]:
            problems.append(
                _(
                    "%(column)s: at most %(n)d characters.",
                    column=heading,
                    n=LIMITS[column],
                )
            )
        row[column] = value
    for column in ("account", "name"):
        if not row[column]:
            problems.append(_("%(column)s is empty.", column=str(HEADINGS[column])))
    return row, problems


def _bad_estimate(heading, text):
    return _(
        "%(column)s: “%(value)s” is not a date followed by cue ids, e.g. “2026-11-20 cue-01 cue-05”.",
        column=heading,
        value=text,
    )


def _estimates(cell):
    """(entries, the entries that cannot be read) of an estimates cell.

    Entries come back oldest first (equal times keep the file's order) and one
    microsecond apart at least, so their order survives the next export.
    """
    known = {c.id for c in cues.load()}
    entries, wrong = [], []
    for text in filter(None, (t.strip() for t in cell.split(";"))):
        match = _ENTRY.fullmatch(text)
        try:
            when = datetime.strptime(f"{match['day']} {match['time'] or '0:00'}", WHEN)
        except (TypeError, ValueError):  # no match, or no such day
            wrong.append(text)
            continue
        ids = list(dict.fromkeys(re.split(r"[\s,]+", match["cues"].strip())))
        if not all(i in known for i in ids):
            wrong.append(text)
            continue
        entries.append((when, ids))
    entries.sort(key=lambda entry: entry[0])
    for i in range(1, len(entries)):
        if entries[i][0] <= entries[i - 1][0]:
            entries[i] = (entries[i - 1][0] + timedelta(microseconds=1), entries[i][1])
    return entries, wrong
