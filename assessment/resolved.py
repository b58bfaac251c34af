"""Content texts resolved to one language, once per process.

A page that reads `pattern.name.get(lang)` a hundred times pays a hundred
look-ups on every request; these view models hold plain strings instead, made
once per language and kept for the life of the process (content files change
only with a deployment).
"""

from dataclasses import fields
from dataclasses import is_dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from assessment.content import patterns
from assessment.content import quadrants
from assessment.text import Text


def in_language(value: Any, lang: str) -> Any:
    """`value` with every `Text` in it replaced by its `lang` string.

    Dataclasses become plain namespaces with the same attribute names, tuples stay
    tuples and dicts stay dicts; anything else is returned as it is.
    """
    if isinstance(value, Text):
        return value.get(lang)
    if is_dataclass(value):
        return SimpleNamespace(
            **{f.name: in_language(getattr(value, f.name), lang) for f in fields(value)}
        )
    if isinstance(value, tuple):
        return tuple(in_language(v, lang) for v in value)
    if isinstance(value, dict):
        return {k: in_language(v, lang) for k, v in value.items()}
    return value


@cache
def quadrant_texts(lang: str) -> dict[str, SimpleNamespace]:
    """The four quadrants' texts in `lang`, keyed 'A' to 'D'."""
    return in_language(quadrants(), lang)


@cache
def pattern_texts(lang: str) -> dict[str, SimpleNamespace]:
    """Every pattern's texts in `lang`, keyed as in `PATTERNS`."""
    return in_language(patterns(), lang)
