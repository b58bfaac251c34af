"""The element catalogue of the three questionnaire rounds."""

import random
from dataclasses import dataclass
from functools import cache

from assessment.text import Text
from assessment.text import read_toml

QUADRANTS = ("A", "B", "C", "D")
PICKS_PER_ROUND = 8


@dataclass(frozen=True)
class Element:
    """One pickable element; `quadrant` is never shown while answering."""

    id: str
    quadrant: str
    text: Text

    @property
    def zh(self) -> str:
        return self.text.zh

    @property
    def en(self) -> str:
        return self.text.en

    def label(self, lang: str) -> str:
        return self.text.get(lang)


@dataclass(frozen=True)
class Round:
    number: int  # 1, 2 or 3
    key: str  # likes, career, ideal_job
    title: Text
    prompt: Text
    elements: tuple[Element, ...]


@cache
def load() -> tuple[Round, ...]:
    """The three rounds in order: likes, long-term career, ideal job."""
    data = read_toml("assessment", "elements.toml")
    return tuple(
        Round(
            number=number,
            key=r["key"],
            title=Text.of(r["title"]),
            prompt=Text.of(r["prompt"]),
            elements=tuple(
                Element(id=e["id"], quadrant=e["quadrant"], text=Text.of(e))
                for e in r["elements"]
            ),
        )
        for number, r in enumerate(data["rounds"], start=1)
    )


def version() -> str:
    """The catalogue version stored with every set of picks."""
    return str(read_toml("assessment", "elements.toml")["version"])


@cache
def element_rounds() -> dict[str, int]:
    """Map each element id to the number of its round."""
    return {e.id: r.number for r in load() for e in r.elements}


def shuffled(round_: Round, seed: int) -> list[Element]:
    """The round's elements in this assessment's own order, stable across reloads."""
    elements = list(round_.elements)
    random.Random(f"{seed}:{round_.number}").shuffle(elements)  # noqa: S311 - not security
    return elements
