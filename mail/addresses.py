"""Reading a list of email addresses pasted by a person (a spreadsheet column)."""

import re
from dataclasses import dataclass

from email_validator import EmailNotValidError
from email_validator import validate_email

# The most addresses one submission may hold.
MAX_ADDRESSES = 200
# A column from a spreadsheet arrives one per line; people also type , ; or tabs.
_SEPARATORS = re.compile(r"[\r\n,;\t]+")


@dataclass(frozen=True)
class Refused:
    """One entry that is not an address: where it stood and what was typed."""

    position: int
    text: str


@dataclass(frozen=True)
class AddressList:
    """The valid addresses (normalised, each once, in order) and the refused entries."""

    valid: tuple[str, ...]
    refused: tuple[Refused, ...]
    too_many: bool


def read_addresses(text: str) -> AddressList:
    """Split pasted text into addresses and check each one.

    `Name <a@b.c>` is read as its address. Duplicates (ignoring case) count once.

    :return: valid and refused entries, and whether there were more than
        MAX_ADDRESSES distinct ones.
    """
    entries = [e.strip() for e in _SEPARATORS.split(text or "") if e.strip()]
    valid, refused, seen = [], [], set()
    for position, entry in enumerate(entries, start=1):
        address = _checked(entry)
        if address is None:
            refused.append(Refused(position, entry[:254]))
        elif address not in seen:
            seen.add(address)
            valid.append(address)
    return AddressList(tuple(valid), tuple(refused), len(valid) > MAX_ADDRESSES)


def _inside_brackets(entry: str) -> str:
    """'Ann Lee <ann@example.com>' gives 'ann@example.com'; other entries stay as
    they are. Plain string checks: linear on any input, unlike a backtracking regex."""
    if entry.endswith(">") and entry.count("<") == 1 and entry.count(">") == 1:
        inside = entry[entry.index("<") + 1 : -1]
        if inside:
            return inside
    return entry


def _checked(entry: str) -> str | None:
    candidate = _inside_brackets(entry).strip()
    if len(candidate) > 254:
        return None
    try:
        checked = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return None
    return checked.normalized.lower()
