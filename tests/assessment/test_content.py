"""The content files: complete, bilingual, and shaped as the questionnaire needs."""

from assessment import questionnaire
from assessment.content import PATTERNS
from assessment.content import patterns
from assessment.content import quadrants
from assessment.questionnaire import QUADRANTS
from assessment.vocabulary import NO_PRIMARY


def test_three_rounds_of_32_elements_8_per_quadrant():
    """Each round offers 32 elements, 8 from each quadrant, in round order."""
    rounds = questionnaire.load()
    assert [r.key for r in rounds] == ["likes", "career", "ideal_job"]
    for r in rounds:
        assert len(r.elements) == 32
        for q in QUADRANTS:
            assert sum(e.quadrant == q for e in r.elements) == 8


def test_element_ids_unique_and_labels_bilingual():
    """Ids are unique across rounds; every label exists in both languages and is short."""
    elements = [e for r in questionnaire.load() for e in r.elements]
    assert len({e.id for e in elements}) == len(elements)
    for e in elements:
        assert e.zh.strip() and e.en.strip()
        assert 2 <= len(e.zh) <= 6, e
        assert 1 <= len(e.en.split()) <= 4, e
    for lang in ("zh", "en"):
        labels = [e.label(lang) for e in elements]
        assert len(set(labels)) == len(labels), f"a {lang} label repeats"


def test_element_ids_do_not_reveal_the_quadrant():
    """An id such as r1-07 says nothing about the quadrant behind it."""
    for r in questionnaire.load():
        quadrants_in_id_order = "".join(
            e.quadrant for e in sorted(r.elements, key=lambda e: e.id)
        )
        assert quadrants_in_id_order != "".join(q * 8 for q in QUADRANTS)
        assert all(q not in e.id for e in r.elements for q in QUADRANTS)


def test_every_pattern_has_every_text():
    """All 16 patterns, single quadrants to whole-brain and three-way balance, in both languages."""
    described = patterns()
    assert set(described) == set(PATTERNS) and len(PATTERNS) == 16
    for pattern in described.values():
        if pattern.key != NO_PRIMARY:  # named in words: it has no leading quadrant
            assert pattern.key in pattern.name.zh and pattern.key in pattern.name.en
        assert len(pattern.phrases) >= 3


def test_every_quadrant_has_four_loop_checks():
    """The communication loop has four check questions at each stop."""
    texts = quadrants()
    assert list(texts) == list(QUADRANTS)
    for q in texts.values():
        assert len(q.loop_checks) == 4
        assert q.cues and q.phrases
