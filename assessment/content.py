"""Quadrant and pattern texts for the profile report."""

from dataclasses import dataclass
from functools import cache

from assessment.text import Text
from assessment.text import read_toml
from assessment.vocabulary import PATTERNS
from assessment.vocabulary import QUADRANTS


@dataclass(frozen=True)
class Quadrant:
    key: str
    name: Text
    summary: Text
    cues: tuple[Text, ...]
    phrases: tuple[Text, ...]
    seen_by_others: Text
    loop_stop: Text
    loop_checks: tuple[Text, ...]


@dataclass(frozen=True)
class Pattern:
    key: str
    name: Text
    characteristics: Text
    communication: Text
    roles: Text
    phrases: tuple[Text, ...]
    seen_by_others: Text
    blind_spots: Text
    growth: Text


def _texts(items: list[dict[str, str]]) -> tuple[Text, ...]:
    return tuple(Text.of(item) for item in items)


@cache
def quadrants() -> dict[str, Quadrant]:
    """The four quadrants' texts, keyed 'A' to 'D'."""
    data = read_toml("assessment", "quadrants.toml")["quadrants"]
    return {
        q: Quadrant(
            key=q,
            name=Text.of(data[q]["name"]),
            summary=Text.of(data[q]["summary"]),
            cues=_texts(data[q]["cues"]),
            phrases=_texts(data[q]["phrases"]),
            seen_by_others=Text.of(data[q]["seen_by_others"]),
            loop_stop=Text.of(data[q]["loop_stop"]),
            loop_checks=_texts(data[q]["loop_checks"]),
        )
        for q in QUADRANTS
    }


@cache
def patterns() -> dict[str, Pattern]:
    """The description of every possible pattern, keyed as in `PATTERNS`."""
    data = read_toml("assessment", "patterns.toml")["patterns"]
    return {
        key: Pattern(
            key=key,
            name=Text.of(data[key]["name"]),
            characteristics=Text.of(data[key]["characteristics"]),
            communication=Text.of(data[key]["communication"]),
            roles=Text.of(data[key]["roles"]),
            phrases=_texts(data[key]["phrases"]),
            seen_by_others=Text.of(data[key]["seen_by_others"]),
            blind_spots=Text.of(data[key]["blind_spots"]),
            growth=Text.of(data[key]["growth"]),
        )
        for key in PATTERNS
    }
