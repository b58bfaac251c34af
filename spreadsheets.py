"""CSV files people open in Excel or WPS: one writer for every download.

Every file starts with a byte-order mark, so a spreadsheet reads Chinese names
as UTF-8, and every cell that a spreadsheet would run as a formula gets a
leading apostrophe. A cell that starts with an apostrophe gets one more, so
`unsafe` gives back exactly what was written (the contacts import reads its
own export).
"""

import csv
import io
import re
from collections.abc import Iterable

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")  # a negative number stays a number


def spreadsheet_safe(value):
    """A cell no spreadsheet runs as a formula (= + - @, tab, CR, or a leading ')."""
    if (
        isinstance(value, str)
        and value[:1] in _FORMULA_STARTS
        and not _NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def unsafe(value: str) -> str:
    """The value `spreadsheet_safe` was given, for a cell it wrote."""
    if value.startswith("'") and spreadsheet_safe(value[1:]) == value:
        return value[1:]
    return value


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV file: the BOM, the header and the rows, every cell made safe."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow([spreadsheet_safe(str(h)) for h in header])
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return out.getvalue()
