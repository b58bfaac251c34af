"""Every interface string exists in Chinese, and the compiled catalogue is current."""

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
ZH = ROOT / "translations" / "zh_Hans_CN" / "LC_MESSAGES"


def _extract():
    """The msgids of the code and templates, as `pybabel extract -F babel.cfg` finds them."""
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    skip = {"venv", ".venv", "tests", "migrations", "instance", "node_modules"}
    found = extract_from_dir(
        ROOT,
        method_map=[("**.py", "python"), ("templates/**.html", "jinja2")],
        keywords=keywords,
        directory_filter=lambda path: (
            Path(path).name not in skip and not Path(path).name.startswith(".")
        ),
    )
    return {message for _, _, message, _, _ in found}


def test_every_string_in_the_code_has_a_chinese_translation():
    """No string of templates or code appears in English only."""
    with (ZH / "messages.po").open("rb") as fh:
        catalogue = {m.id: m.string for m in read_po(fh) if m.id and not m.fuzzy}
    missing = sorted(i for i in _extract() if not catalogue.get(i))
    assert not missing


def test_compiled_catalogue_matches_the_po_file():
    """The .mo the app loads says what the .po says (run `make translations` after edits)."""
    with (ZH / "messages.po").open("rb") as fh:
        po = {m.id: m.string for m in read_po(fh) if m.id and not m.fuzzy}
    with (ZH / "messages.mo").open("rb") as fh:
        mo = {m.id: m.string for m in read_mo(fh) if m.id}
    assert mo == po
