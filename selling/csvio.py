"""Contacts to and from CSV (UTF-8; Chinese names; labels in either language)."""

import csv
import io

from flask_babel import force_locale
from flask_babel import gettext as _

from security import spreadsheet_safe
from selling.labels import LABELS
from selling.models import GUIDE
from selling.models import LEVELS
from selling.models import RELATIONSHIPS
from selling.models import ROLES

COLUMNS = (
    "account",
    "name",
    "title",
    "level",
    "role",
    "guide",
    "relationship",
    "notes",
)
CHOICES = {
    "level": LEVELS,
    "role": ROLES,
    "guide": GUIDE,
    "relationship": RELATIONSHIPS,
}
LIMITS = {"account": 120, "name": 120, "title": 120, "notes": 5000}


def _lookup():
    """Every way a choice may be written (key, English or Chinese label) -> its key."""
    names = {}
    for locale in ("en", "zh_CN"):
        with force_locale(locale):
            for column, keys in CHOICES.items():
                for key in keys:
                    names[(column, str(LABELS[key]).casefold())] = key
                    names[(column, key)] = key
    return names


def write(contacts):
    """CSV text (with a BOM for Excel) of the given contacts, labels in the user's language."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for c in contacts:
        writer.writerow(
            [
                spreadsheet_safe(c.account.name),
                spreadsheet_safe(c.name),
                spreadsheet_safe(c.title),
            ]
            + [
                str(LABELS[getattr(c, col)])
                for col in ("level", "role", "guide", "relationship")
            ]
            + [spreadsheet_safe(c.notes)]
        )
    return out.getvalue()


def read(data: bytes):
    """Parse an uploaded file into rows of clean values, or say what is wrong line by line.

    :return: (rows, errors); errors are (line number, message) and rows is empty when
        there are any, so a file with a mistake imports nothing.
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
        header = [h.strip().casefold() for h in (reader.fieldnames or [])]
        return _rows(reader, header)
    except csv.Error:
        return [], [(reader.line_num or 1, _("This line is not valid CSV."))]


def _rows(reader, header):
    missing = [c for c in ("account", "name") if c not in header]
    if missing:
        return [], [(1, _("The first line must name the columns; missing: %(cols)s.",
                          cols=", ".join(missing)))]  # fmt: skip
    reader.fieldnames = header
    lookup, rows, errors = _lookup(), [], []
    for line, raw in enumerate(reader, start=2):
        row, problems = _clean(raw, lookup)
        errors += [(line, p) for p in problems]
        rows.append(row)
    if not rows and not errors:
        errors.append((2, _("The file has no contacts.")))
    return ([] if errors else rows), errors


def _clean(raw, lookup):
    row, problems = {}, []
    for column in COLUMNS:
        value = (raw.get(column) or "").strip()
        if column in CHOICES:
            if not value:
                value = {"level": "middle", "role": "user", "guide": "none",
                         "relationship": "not_met"}[column]  # fmt: skip
            key = lookup.get((column, value.casefold()))
            if key is None:
                problems.append(_("%(column)s: “%(value)s” is not one of the options.",
                                  column=column, value=value))  # fmt: skip
            value = key
        elif len(value) > LIMITS[column]:
            problems.append(_("%(column)s: at most %(n)d characters.", column=column,
                              n=LIMITS[column]))  # fmt: skip
        row[column] = value
    for column in ("account", "name"):
        if not row[column]:
            problems.append(_("%(column)s is empty.", column=column))
    return row, problems
