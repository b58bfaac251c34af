"""Mechanical rules for every questionnaire version after the frozen 2026.1.

The rules and the reasons behind them are written up in docs/instrument.md.
These tests read the TOML files directly, so they check the content itself,
not whatever the loader makes of it.
"""

import re
import tomllib
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

INSTRUMENT_DIR = (
    Path(__file__).resolve().parents[2] / "assessment" / "content" / "instrument"
)
LEGACY = "2026.1"  # frozen: only its ids are checked, for the never-reuse rule
ROUND_KEYS = ["likes", "career", "ideal_job"]
QUADRANTS = ("A", "B", "C", "D")
ELEMENTS_PER_QUADRANT = 8
MAX_LENGTH_RATIO = 1.15

# Words and bigrams allowed to appear in more than one round. Keep it empty:
# a shared word lets a respondent carry one preference across rounds.
ALLOWED_REPEATS: frozenset[str] = frozenset()

# Function words that may repeat; everything else counts as a content word.
STOPWORDS = frozenset(
    "a an the of to and or in on for with at by from as my your one's "
    "who what that things new no it you".split()
)

# An element must not simply name a quadrant's label (GLOSSARY: 理性分析,
# 组织规划, 人际感受, 想象创新 / analytical, organised, interpersonal, imaginative).
LABEL_WORDS_ZH = ("理性", "分析", "组织", "规划", "人际", "感受", "想象", "创新")
LABEL_STEMS_EN = ("analy", "organi", "interpersonal", "imagin")

CJK = r"\u4e00-\u9fff"
CJK_OR_CJK_PUNCT = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
ASCII_PUNCT_NEXT_TO_CJK = re.compile(
    rf"[{CJK_OR_CJK_PUNCT}] ?[,:;!?()]|[,:;!?()] ?[{CJK_OR_CJK_PUNCT}]"
)
ID_PATTERN = re.compile(r"^r([123])-(\d{2})$")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _load_all() -> dict[str, dict]:
    versions = {}
    for path in sorted(INSTRUMENT_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        assert data["version"] == path.stem, f"{path.name} declares {data['version']}"
        versions[data["version"]] = data
    return dict(sorted(versions.items(), key=lambda item: _version_key(item[0])))


ALL_VERSIONS = _load_all()
CHECKED = [v for v in ALL_VERSIONS if _version_key(v) > _version_key(LEGACY)]


def _elements(data: dict):
    """Yield (round key, element) for every element of a version."""
    for round_ in data["rounds"]:
        for element in round_["elements"]:
            yield round_["key"], element


def _cjk_length(text: str) -> int:
    return len(re.findall(f"[{CJK}]", text))


def _bigrams(text: str) -> set[str]:
    return {
        text[i : i + 2]
        for i in range(len(text) - 1)
        if re.match(f"[{CJK}]{{2}}", text[i : i + 2])
    }


def _content_words(text: str) -> set[str]:
    words = set()
    for word in re.findall(r"[a-z]+(?:'[a-z]+)?", text.lower().replace("-", " ")):
        if word in STOPWORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word not in STOPWORDS:
            words.add(word)
    return words


def _shared_across_rounds(data: dict, split) -> dict[str, set[str]]:
    """Map each token found in more than one round to those rounds."""
    rounds_of = defaultdict(set)
    for key, element in _elements(data):
        for token in split(element):
            rounds_of[token].add(key)
    return {
        token: keys
        for token, keys in rounds_of.items()
        if len(keys) > 1 and token not in ALLOWED_REPEATS
    }


versions = pytest.mark.parametrize("version", CHECKED)


def test_there_is_a_version_to_check():
    """At least one version after the frozen 2026.1 exists, and 2026.1 is still there."""
    assert LEGACY in ALL_VERSIONS
    assert CHECKED


@versions
def test_three_rounds_of_32_with_8_per_quadrant(version):
    """Three rounds in order, each with 32 elements, 8 from each quadrant."""
    rounds = ALL_VERSIONS[version]["rounds"]
    assert [r["key"] for r in rounds] == ROUND_KEYS
    for round_ in rounds:
        assert round_["title"]["zh"].strip() and round_["title"]["en"].strip()
        assert round_["prompt"]["zh"].strip() and round_["prompt"]["en"].strip()
        counts = {q: 0 for q in QUADRANTS}
        for element in round_["elements"]:
            assert element["quadrant"] in QUADRANTS, element
            counts[element["quadrant"]] += 1
        assert counts == dict.fromkeys(QUADRANTS, ELEMENTS_PER_QUADRANT), round_["key"]


@versions
def test_every_element_has_text_and_a_reason_in_both_languages(version):
    """Every element has non-empty zh and en, and a `why` with non-empty zh and en."""
    for key, element in _elements(ALL_VERSIONS[version]):
        assert element["zh"].strip() == element["zh"] != "", (key, element)
        assert element["en"].strip() == element["en"] != "", (key, element)
        why = element.get("why")
        assert isinstance(why, dict), f"{element['id']} has no why"
        assert why.get("zh", "").strip() and why.get("en", "").strip(), element["id"]


@versions
def test_reasons_name_the_quadrant_and_a_rival(version):
    """Each zh `why` names the element's own quadrant and at least one other to contrast it with."""
    for _, element in _elements(ALL_VERSIONS[version]):
        letters = set(
            re.findall(r"(?<![A-Za-z])([ABCD])(?![A-Za-z])", element["why"]["zh"])
        )
        assert element["quadrant"] in letters, element["id"]
        assert letters - {element["quadrant"]}, element["id"]


@versions
def test_element_length(version):
    """zh is 2 to 6 Chinese characters and nothing else; en is 1 to 4 words."""
    for _, element in _elements(ALL_VERSIONS[version]):
        zh, en = element["zh"], element["en"]
        assert _cjk_length(zh) == len(zh), f"{element['id']}: non-Chinese in {zh!r}"
        assert 2 <= len(zh) <= 6, f"{element['id']}: {zh!r}"
        assert 1 <= len(en.split()) <= 4, f"{element['id']}: {en!r}"


@versions
def test_quadrant_lengths_are_balanced(version):
    """Per round, each quadrant's mean zh and en length is within 15% of every other's."""
    for round_ in ALL_VERSIONS[version]["rounds"]:
        for lang, length in (("zh", _cjk_length), ("en", len)):
            sizes = defaultdict(list)
            for element in round_["elements"]:
                sizes[element["quadrant"]].append(length(element[lang]))
            means = {q: sum(v) / len(v) for q, v in sizes.items()}
            ratio = max(means.values()) / min(means.values())
            assert ratio <= MAX_LENGTH_RATIO, (round_["key"], lang, means)


@versions
def test_no_text_repeats_within_the_version(version):
    """No zh or en element text (case-insensitive) appears twice anywhere in the version."""
    for lang in ("zh", "en"):
        seen = {}
        for _, element in _elements(ALL_VERSIONS[version]):
            text = element[lang].casefold()
            assert text not in seen, f"{element['id']} repeats {seen[text]}: {text!r}"
            seen[text] = element["id"]


@versions
def test_no_chinese_bigram_in_two_rounds(version):
    """No pair of adjacent Chinese characters appears in elements of two different rounds."""
    shared = _shared_across_rounds(ALL_VERSIONS[version], lambda e: _bigrams(e["zh"]))
    assert not shared, shared


@versions
def test_no_english_content_word_in_two_rounds(version):
    """No English content word (lowercased, plural s stripped, stopwords aside) appears in two rounds."""
    shared = _shared_across_rounds(
        ALL_VERSIONS[version], lambda e: _content_words(e["en"])
    )
    assert not shared, shared


@versions
def test_no_element_names_a_quadrant_label(version):
    """No element text contains a quadrant label word such as 分析 / analytical."""
    for _, element in _elements(ALL_VERSIONS[version]):
        assert not [w for w in LABEL_WORDS_ZH if w in element["zh"]], element["id"]
        en = element["en"].lower()
        assert not [s for s in LABEL_STEMS_EN if s in en], element["id"]


@versions
def test_chinese_uses_full_width_punctuation(version):
    """No ASCII , : ; ! ? ( ) next to a Chinese character in zh texts, reasons, titles or prompts."""
    data = ALL_VERSIONS[version]
    texts = [r[field]["zh"] for r in data["rounds"] for field in ("title", "prompt")]
    for _, element in _elements(data):
        texts += [element["zh"], element.get("why", {}).get("zh", "")]
    bad = [t for t in texts if ASCII_PUNCT_NEXT_TO_CJK.search(t)]
    assert not bad, bad


@versions
def test_ids_are_unique_well_formed_and_mixed(version):
    """Ids are unique, read r<round>-NN with the right round, and quadrants are not grouped."""
    data = ALL_VERSIONS[version]
    ids = [element["id"] for _, element in _elements(data)]
    assert len(set(ids)) == len(ids)
    for number, round_ in enumerate(data["rounds"], start=1):
        for element in round_["elements"]:
            match = ID_PATTERN.match(element["id"])
            assert match and int(match.group(1)) == number, element["id"]
        order = "".join(e["quadrant"] for e in round_["elements"])
        assert not re.search(r"(.)\1\1", order), (round_["key"], order)


@versions
def test_new_ids_never_appear_in_an_earlier_version(version):
    """An id of this version appears in no earlier version, the frozen 2026.1 included."""
    ids = {element["id"] for _, element in _elements(ALL_VERSIONS[version])}
    for earlier, data in ALL_VERSIONS.items():
        if _version_key(earlier) >= _version_key(version):
            continue
        reused = ids & {element["id"] for _, element in _elements(data)}
        assert not reused, (earlier, sorted(reused))


def test_an_id_in_two_versions_is_the_same_element():
    """If two versions ever share an id, it has the same round and quadrant in both."""
    for (v1, d1), (v2, d2) in combinations(ALL_VERSIONS.items(), 2):
        first = {e["id"]: (k, e["quadrant"]) for k, e in _elements(d1)}
        for key, element in _elements(d2):
            if element["id"] in first:
                assert first[element["id"]] == (key, element["quadrant"]), (
                    v1,
                    v2,
                    element["id"],
                )
