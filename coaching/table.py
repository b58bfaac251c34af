"""The team's member table: which rows a filter keeps, how each column sorts, and
the pages of 50. coaching.queries does the same in SQL for the team page; this is
the rule it is tested against, and what pages over rows already in memory use."""

from dataclasses import dataclass

SORT_KEYS = ("name", "code", "pattern", "date")
PER_PAGE = 50


@dataclass(frozen=True)
class Page:
    rows: list
    number: int
    pages: int
    total: int  # rows after filtering


def browse(rows, sort="name", descending=False, pattern="", status="", text="", page=1):
    """Filter, sort and page a team's member rows for the member table.

    :param rows: objects with `name`, `code`, `pattern` and `finished_at`.
    :param status: 'done' (has a profile), 'waiting' (has none) or '' for all.
    :param text: part of a name, any case.
    """
    text = text.strip().casefold()
    kept = [
        r
        for r in rows
        if (not pattern or r.pattern == pattern)
        and (status != "done" or r.finished_at is not None)
        and (status != "waiting" or r.finished_at is None)
        and (not text or text in r.name.casefold())
    ]
    sort = sort if sort in SORT_KEYS else "name"
    # Members without a profile go last whichever way the column is sorted.
    present, missing = kept, []
    if sort != "name":
        present = [r for r in kept if r.finished_at is not None]
        missing = [r for r in kept if r.finished_at is None]
    key = {
        "name": lambda r: (r.name.casefold(), r.name),
        "code": lambda r: r.code,
        "pattern": lambda r: (len(r.pattern), r.pattern),
        "date": lambda r: r.finished_at,
    }[sort]
    ordered = sorted(present, key=key, reverse=descending) + missing
    pages = max(1, -(-len(ordered) // PER_PAGE))
    number = min(max(1, page), pages)
    start = (number - 1) * PER_PAGE
    return Page(ordered[start : start + PER_PAGE], number, pages, len(ordered))
