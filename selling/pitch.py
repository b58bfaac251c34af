"""Which quadrants a draft email or proposal serves, with the words that show it.

Rules (documented in docs/reps.md): a quadrant gets one piece of
evidence for each match of
- its terms in selling/content/pitch.toml (Chinese as substrings; English as
  whole words, case-insensitive, `*` for a word prefix);
- A: numbers, percentages and amounts of money;
- B: dates, times, numbered weeks or steps, list markers at the start of a
  line, and ordinals (first, then, 首先, 然后...).
A quadrant is served when it has at least SERVED pieces of evidence.
"""

import re
from dataclasses import dataclass
from functools import cache

from assessment.questionnaire import QUADRANTS
from assessment.text import read_toml

SERVED = 2

_BUILT_IN = {
    "A": [
        r"[¥$€£]\s?\d[\d,]*(?:\.\d+)?",
        r"\d[\d,]*(?:\.\d+)?\s?(?:%|％|万|亿|元|美元|percent\b)?",
        r"百分之[一二三四五六七八九十百零]+",
    ],
    "B": [
        # Dates, times and numbered weeks or steps are schedules (B), not figures (A).
        r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}",
        r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[日号]|第\d+(?:周|天|步|阶段|期)",
        r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b",
        r"(?i)\b(?:week|day|step|phase)\s+\d+\b",
        # Horizontal space only: `\s*` would run on over every following blank
        # line from each line start, which is quadratic on a text of newlines.
        r"(?m)^[^\S\n]*(?:\d+[.)、]|[-•*])[^\S\n]",
        r"第[一二三四五六七八九十]+(?:步|阶段|周|天)?|首先|其次|然后|接着|最后",
        r"(?i)\b(?:first|second|third|then|next|finally)\b",
    ],
    "C": [],
    "D": [],
}


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    quadrant: str
    text: str


@dataclass(frozen=True)
class PitchCheck:
    evidence: dict[str, list[str]]  # quadrant -> matched words, in text order
    served: tuple[str, ...]
    # the text in pieces, each marked with its quadrant
    segments: list[tuple[str, str | None]]

    def serves(self, quadrant: str) -> bool:
        return quadrant in self.served


def _term_pattern(term: str) -> str:
    if re.search(r"[\u3400-\u9fff]", term):
        return re.escape(term)
    body = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+")
    tail = r"[\w-]*" if term.endswith("*") else r"(?![\w-])"
    return r"(?i)(?<![\w-])" + body + tail


@cache
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    lexicon = read_toml("selling", "pitch.toml")["quadrants"]
    patterns = {}
    for q in QUADRANTS:
        terms = [*lexicon[q].get("en", []), *lexicon[q].get("zh", [])]
        patterns[q] = [re.compile(p) for p in _BUILT_IN[q]] + [
            re.compile(_term_pattern(t)) for t in terms
        ]
    return patterns


def check(text: str) -> PitchCheck:
    """Find the evidence for each quadrant in `text`.

    Overlapping matches keep the earliest, then the longest, so a word counts once.
    """
    found = [
        Match(m.start(), m.end(), q, m.group())
        for q, patterns in _patterns().items()
        for pattern in patterns
        for m in pattern.finditer(text)
        if m.group().strip()
    ]
    found.sort(key=lambda m: (m.start, -(m.end - m.start), m.quadrant))
    kept, end = [], 0
    for m in found:
        if m.start >= end:
            kept.append(m)
            end = m.end
    evidence = {q: [m.text.strip() for m in kept if m.quadrant == q] for q in QUADRANTS}
    segments, at = [], 0
    for m in kept:
        if m.start > at:
            segments.append((text[at : m.start], None))
        segments.append((text[m.start : m.end], m.quadrant))
        at = m.end
    if at < len(text):
        segments.append((text[at:], None))
    served = tuple(q for q in QUADRANTS if len(evidence[q]) >= SERVED)
    return PitchCheck(evidence=evidence, served=served, segments=segments)
