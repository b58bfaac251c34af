"""The element catalogue of the three questionnaire rounds, one file per version.

Each version of the instrument lives in `content/instrument/<version>.toml`.
An assessment keeps the version it was answered on for good, so its review and
report always show the wording its owner saw; new assessments use the newest.
"""

import random
from dataclasses import dataclass
from functools import cache
from importlib import resources

from assessment.text import Text
from assessment.text import read_toml
from assessment.vocabulary import QUADRANTS

__all__ = ["QUADRANTS", "PICKS_PER_ROUND", "Element", "Round", "load", "version"]

PICKS_PER_ROUND = 8


@dataclass(frozen=True)
class Element:
    """One pickable element; `quadrant` is never shown while answering."""

    id: str
    quadrant: str
    text: Text
    why: Text | None = None  # why it belongs to its quadrant (from 2026.2 on)

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


def _sort_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split("."))


@cache
def versions() -> tuple[str, ...]:
    """Every instrument version, oldest first."""
    folder = resources.files("assessment").joinpath("content", "instrument")
    names = [f.name.removesuffix(".toml") for f in folder.iterdir()]
    return tuple(sorted((n for n in names if n[:1].isdigit()), key=_sort_key))


def version() -> str:
    """The newest instrument version: the one new assessments are answered on."""
    return versions()[-1]


@cache
def load(version_: str | None = None) -> tuple[Round, ...]:
    """The three rounds of an instrument version (the newest by default), in order.

    :raises KeyError: for a version that does not exist.
    """
    name = version_ or version()
    if name not in versions():
        raise KeyError(f"no instrument version {name!r}")
    data = read_toml("assessment", f"instrument/{name}.toml")
    return tuple(
        Round(
            number=number,
            key=r["key"],
            title=Text.of(r["title"]),
            prompt=Text.of(r["prompt"]),
            elements=tuple(
                Element(
                    id=e["id"],
                    quadrant=e["quadrant"],
                    text=Text.of(e),
                    why=Text.of(e["why"]) if "why" in e else None,
                )
                for e in r["elements"]
            ),
        )
        for number, r in enumerate(data["rounds"], start=1)
    )


def shuffled(round_: Round, seed: int) -> list[Element]:
    """The round's elements in this assessment's own order, stable across reloads."""
    elements = list(round_.elements)
    random.Random(f"{seed}:{round_.number}").shuffle(elements)  # noqa: S311 - not security
    return elements
