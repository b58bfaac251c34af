"""Meeting outcomes and the advance examples offered when logging a meeting."""

from dataclasses import dataclass
from functools import cache

from assessment.text import Text
from assessment.text import read_toml


@dataclass(frozen=True)
class Advance:
    id: str
    text: Text


@dataclass(frozen=True)
class Meetings:
    outcomes: dict[str, tuple[Text, Text]]  # key -> (name, summary)
    advances: tuple[Advance, ...]
    rule: Text


@cache
def load() -> Meetings:
    data = read_toml("selling", "meetings.toml")
    return Meetings(
        outcomes={
            k: (Text.of(v["name"]), Text.of(v["summary"]))
            for k, v in data["outcomes"].items()
        },
        advances=tuple(Advance(a["id"], Text.of(a["text"])) for a in data["advances"]),
        rule=Text.of(data["rule"]["text"]),
    )
