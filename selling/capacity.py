"""How many contacts one import and one key account may hold.

A buying centre is a handful of people; these limits sit far above any real
account and keep one upload from filling the database or making the account
page, the exports and the user's own download slow for everyone (the probe
imported 120,000 contacts from a 480 KB file). Documented in docs/reps.md.
"""

from collections.abc import Mapping

MAX_IMPORT_ROWS = 1000  # contacts in one uploaded file
MAX_CONTACTS_PER_ACCOUNT = 200
CONTACTS_PER_PAGE = 50  # rows of the account page's contact table


def over_capacity(
    existing: Mapping[str, int], adding: Mapping[str, int]
) -> list[tuple[str, int]]:
    """The accounts that would hold more than MAX_CONTACTS_PER_ACCOUNT contacts.

    :param existing: contacts per account name today.
    :param adding: contacts per account name about to be added.
    :return: (account name, total it would reach), in name order.
    """
    return sorted(
        (name, existing.get(name, 0) + n)
        for name, n in adding.items()
        if existing.get(name, 0) + n > MAX_CONTACTS_PER_ACCOUNT
    )


def page_of(items: list, page: int) -> tuple[list, int, int]:
    """One page of the contact table: (rows, page number, number of pages)."""
    pages = max(1, -(-len(items) // CONTACTS_PER_PAGE))
    number = min(max(1, page), pages)
    start = (number - 1) * CONTACTS_PER_PAGE
    return items[start : start + CONTACTS_PER_PAGE], number, pages
