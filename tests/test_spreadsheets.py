"""The one CSV writer: a BOM, formulas disarmed, and a safe cell reads back as written."""

import csv
import io

import pytest

from spreadsheets import csv_text
from spreadsheets import spreadsheet_safe
from spreadsheets import unsafe


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("'quoted", "''quoted"),
        ("-12.5", "-12.5"),
        ("王小明", "王小明"),
        (7, 7),
    ],
)  # fmt: skip - one case a pair
def test_cells_a_spreadsheet_would_run_get_an_apostrophe(cell, written):
    """Formula starts are disarmed; plain numbers, names and integers stay as they are."""
    assert spreadsheet_safe(cell) == written
    if isinstance(cell, str):
        assert unsafe(spreadsheet_safe(cell)) == cell


def test_a_file_starts_with_a_bom_and_reads_back():
    """Excel reads UTF-8 with the BOM; the rows come back cell for cell."""
    text = csv_text(["名字", "note"], [["王小明", "=HYPERLINK(1)"], ["Ann", 3]])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [["名字", "note"], ["王小明", "'=HYPERLINK(1)"], ["Ann", "3"]]
