"""The product's wording: Chinese punctuation, one term per concept, unique names.

The checks read every text a user can see: the Chinese catalogue, every content
file (`*/content/**/*.toml`) and the templates. Each content file, template,
part of the interface (by the files its English strings come from) and folder
is a test case of its own, named by its path, so a failure lands with the part
of the product that owns it (e.g. `[selling]`, `[templates/selling/brief.html]`).
The terms and the banned variants come from docs/glossary.md.
"""

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
CATALOGUE = ROOT / "translations" / "zh_Hans_CN" / "LC_MESSAGES" / "messages.po"
GLOSSARY = ROOT / "docs" / "glossary.md"
# Folders that hold tools, caches or local data, not the product's own files.
NOT_OURS = {
    ".git",
    ".venv",
    ".venv-ci",
    "venv",
    "node_modules",
    "instance",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "htmlcov",
    "test-artifacts",
}

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A %-placeholder stands in for Chinese words in a Chinese sentence, so
# "欢迎你,%(name)s!" counts as Chinese on both sides of its commas.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%")
STAND_IN = "\ue000"
HAN = f"[{CJK}{STAND_IN}]"
ASCII_MARK = r"[,:;!?()]"
# An ASCII mark next to Chinese (spaces between allowed). Codes such as 2-1-2-2,
# numbers such as 1,000 and URLs have no Chinese beside their marks.
MIXED = re.compile(rf"{HAN}[ \t]*{ASCII_MARK}|{ASCII_MARK}[ \t]*{HAN}")


def _walk(node, where=""):
    """Yield (where, lang, text) for every `zh` or `en` string in a parsed TOML."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("zh", "en") and isinstance(value, str):
                yield where, key, value
            else:
                yield from _walk(value, f"{where}.{key}" if where else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{where}[{i}]")


def _ours(path):
    """True for a file of the product, not of a tool, cache or local data."""
    return not NOT_OURS.intersection(path.relative_to(ROOT).parts)


CONTENT = sorted(p for p in ROOT.glob("*/content/**/*.toml") if _ours(p))
TEMPLATES = sorted(p for p in (ROOT / "templates").rglob("*.html"))


def _rel(path):
    return path.relative_to(ROOT).as_posix()


def _content_texts(path, lang):
    """The `lang` texts of one content file, as (where, text)."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return [(where, text) for where, lg, text in _walk(data) if lg == lang]


def _catalogue():
    """The live entries of the Chinese catalogue (obsolete ones are not shown)."""
    with CATALOGUE.open("rb") as fh:
        return [m for m in read_po(fh) if m.id]


def _text(value):
    """A msgid or msgstr as one string (plural forms joined)."""
    return value if isinstance(value, str) else " / ".join(value)


def _where(message):
    """Where a catalogue entry comes from, e.g. 'templates/selling/brief.html:11'."""
    return " ".join(f"{path}:{line}" for path, line in message.locations) or "?"


def _mixed_punctuation(text):
    """The ASCII marks next to Chinese in `text`, each shown in its context."""
    plain = PLACEHOLDER.sub(STAND_IN, text)
    return [
        plain[max(m.start() - 6, 0) : m.end() + 6].replace(STAND_IN, "…")
        for m in MIXED.finditer(plain)
    ]


def punctuation_in_catalogue():
    """Violations of Chinese punctuation in the catalogue's msgstr."""
    found = []
    for m in _catalogue():
        for bad in _mixed_punctuation(_text(m.string)):
            found.append(f"{_where(m)}: {bad!r} in {_text(m.string)!r}")
    return found


def punctuation_in_content(path):
    """Violations of Chinese punctuation in the `zh` texts of a content file."""
    return [
        f"{_rel(path)} {where}: {bad!r}"
        for where, text in _content_texts(path, "zh")
        for bad in _mixed_punctuation(text)
    ]


def banned_variants():
    """The table under '## Banned variants' in docs/glossary.md: (banned, lang, instead)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    section = text.split("\n## Banned variants", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1] in ("zh", "en"):
            rows.append(tuple(cells))
    return rows


def _finds(variant, lang, text):
    """True if `text` uses the banned `variant`: zh as a substring, en as whole words."""
    if lang == "zh":
        return variant in text
    return (
        re.search(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", text, re.I) is not None
    )


def _banned_in(texts, lang):
    """One line per banned `lang` variant found in the (where, text) pairs."""
    return [
        f"{where}: “{variant}” (use “{instead}”)"
        for variant, lg, instead in banned_variants()
        if lg == lang
        for where, text in texts
        if _finds(variant, lang, text)
    ]


def _owner(path):
    """The part of the product a source file belongs to: selling, instrument, ..."""
    parts = Path(path).parts
    if parts[0] == "templates" and len(parts) > 2:
        return parts[1]
    return parts[0] if len(parts) > 1 else "app"


def banned_in_msgids(owner):
    """Banned English variants in the msgids that `owner`'s files use."""
    messages = [m for m in _catalogue() if owner in {_owner(p) for p, _ in m.locations}]
    return _banned_in([(_where(m), _text(m.id)) for m in messages], "en")


def banned_in_msgstrs():
    """Banned Chinese variants in the catalogue's translations."""
    return _banned_in([(_where(m), _text(m.string)) for m in _catalogue()], "zh")


OWNERS = sorted({_owner(p) for m in _catalogue() for p, _ in m.locations})


def banned_in_content(path):
    """Banned variants in a content file: each language in its own texts."""
    return [
        f"{_rel(path)} {found}"
        for lang in ("zh", "en")
        for found in _banned_in(_content_texts(path, lang), lang)
    ]


def banned_in_template(path):
    """Banned variants anywhere in a template's source, in either language."""
    text = [(_rel(path), path.read_text(encoding="utf-8"))]
    return _banned_in(text, "en") + _banned_in(text, "zh")


def _role(name, lang):
    """The role noun of a pattern name: 'B: the reliable organiser' -> 'organiser'.

    In English the last word; in Chinese what follows the last 的 of the part
    after the colon (分析者 in 'A 型：严谨的分析者'), or that whole part.
    """
    if lang == "en":
        return name.split()[-1].casefold()
    return name.split("：", 1)[-1].rsplit("的", 1)[-1]


def pattern_name_clashes():
    """Pattern names, or their role nouns, shared by two patterns in one language.

    Two names clash when they are equal or name the same role, as 'the reliable
    organiser' and 'the practical organiser' do, or 执行者 and 全面执行者.
    """
    with (ROOT / "assessment" / "content" / "patterns.toml").open("rb") as fh:
        patterns = tomllib.load(fh)["patterns"]
    clashes = []
    for lang in ("zh", "en"):
        names = [(key, p["name"][lang]) for key, p in patterns.items()]
        for i, (key, name) in enumerate(names):
            for other, other_name in names[i + 1 :]:
                role, other_role = _role(name, lang), _role(other_name, lang)
                if role.endswith(other_role) or other_role.endswith(role):
                    clashes.append(f"{lang}: {key} {name!r} and {other} {other_name!r}")
    return clashes


# The development machine's folders, which a clone of the repository lacks.
OUTSIDE = re.compile(r"/work/|\.\./shared")
# Shared folders are split by the part of the product each subfolder belongs to.
SPLIT = ("tests", "templates")
AREAS = sorted(
    [p.name for p in ROOT.iterdir() if _ours(p)]
    + [
        _rel(p)
        for top in SPLIT
        for p in (ROOT / top).iterdir()
        if p.is_dir() and _ours(p)
    ]
)


def outside_citations(area):
    """Files in `area` (a top-level entry or a subfolder of tests/, templates/) that
    cite a path outside the repository."""
    top = ROOT / area
    if top.is_file():
        files = [top]
    elif area in SPLIT:
        files = [p for p in top.iterdir() if p.is_file()]
    else:
        files = [p for p in top.rglob("*") if p.is_file()]
    found = []
    for path in files:
        if not _ours(path) or path.resolve() == Path(__file__).resolve():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (fonts, compiled catalogues) cite nothing
        for n, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{_rel(path)}:{n}: {line.strip()}")
    return found


def test_the_glossary_bans_variants_in_both_languages():
    """docs/glossary.md has a banned-variants table the checks below can read."""
    langs = {lang for _, lang, _ in banned_variants()}
    assert langs == {"zh", "en"}


def test_catalogue_chinese_uses_chinese_punctuation():
    """No msgstr puts an ASCII , : ; ! ? ( ) next to Chinese text."""
    found = punctuation_in_catalogue()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", CONTENT, ids=_rel)
def test_content_chinese_uses_chinese_punctuation(path):
    """No `zh` text of this content file puts an ASCII , : ; ! ? ( ) next to Chinese."""
    found = punctuation_in_content(path)
    assert not found, "\n".join(found)


def test_catalogue_chinese_uses_no_banned_variant():
    """The catalogue's Chinese (msgstr) uses the glossary's terms."""
    found = banned_in_msgstrs()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("owner", OWNERS)
def test_interface_english_uses_no_banned_variant(owner):
    """The English strings (msgid) in this part's code and templates use the glossary's terms."""
    found = banned_in_msgids(owner)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", CONTENT, ids=_rel)
def test_content_uses_no_banned_variant(path):
    """This content file uses the glossary's terms in both languages."""
    found = banned_in_content(path)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", TEMPLATES, ids=_rel)
def test_template_uses_no_banned_variant(path):
    """This template's strings use the glossary's terms."""
    found = banned_in_template(path)
    assert not found, "\n".join(found)


def test_pattern_names_are_unique_in_each_language():
    """No two patterns share a name, or the role it names, in Chinese or English."""
    clashes = pattern_name_clashes()
    assert not clashes, "\n".join(clashes)


@pytest.mark.parametrize("area", AREAS)
def test_no_file_cites_the_development_machine(area):
    """The files in this folder cite sources inside the repository only."""
    found = outside_citations(area)
    assert not found, "\n".join(found)
