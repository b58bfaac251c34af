"""Place a buyer among the four negotiation counterparts and pick the tactics."""

from dataclasses import dataclass
from functools import cache

from assessment.text import Text
from assessment.text import read_toml

# (reads the situation, acts with integrity) -> counterpart
_PLACES = {
    (True, True): "owl",
    (True, False): "fox",
    (False, True): "sheep",
    (False, False): "donkey",
}


@dataclass(frozen=True)
class Question:
    text: Text
    yes: Text
    no: Text


@dataclass(frozen=True)
class Counterpart:
    key: str
    name: Text
    summary: Text
    tactics: tuple[Text, ...]
    watch_out: Text
    # The name where a page shows the type: the owl names the course's eagle (鹰).
    label: Text


@dataclass(frozen=True)
class Negotiation:
    questions: dict[str, Question]  # "reads", "integrity"
    counterparts: dict[str, Counterpart]
    logic_name: Text
    logic_summary: Text
    logic_steps: tuple[Text, ...]


@cache
def load() -> Negotiation:
    data = read_toml("selling", "negotiation.toml")
    return Negotiation(
        questions={
            key: Question(Text.of(q["text"]), Text.of(q["yes"]), Text.of(q["no"]))
            for key, q in data["questions"].items()
        },
        counterparts={
            key: Counterpart(
                key,
                Text.of(c["name"]),
                Text.of(c["summary"]),
                tuple(Text.of(t) for t in c["tactics"]),
                Text.of(c["watch_out"]),
                Text.of(c.get("label", c["name"])),
            )
            for key, c in data["counterparts"].items()
        },
        logic_name=Text.of(data["logic"]["name"]),
        logic_summary=Text.of(data["logic"]["summary"]),
        logic_steps=tuple(Text.of(s) for s in data["logic"]["steps"]),
    )


def place(reads_situation: bool | None, integrity: bool | None) -> str | None:
    """Owl, fox, sheep or donkey; None until both questions are answered."""
    if reads_situation is None or integrity is None:
        return None
    return _PLACES[(reads_situation, integrity)]
