"""Coaching texts: feedback, development exercises, friction; and the six funnel
steps, which are selling's content (selling/content/funnel.toml), read here for
the quadrants each step draws on."""

from dataclasses import dataclass
from functools import cache

from assessment.text import Text
from assessment.text import read_toml
from assessment.vocabulary import QUADRANTS


@dataclass(frozen=True)
class QuadrantCoaching:
    praise: Text
    correction: Text
    exercises: tuple[Text, ...]
    reach: Text


@dataclass(frozen=True)
class FunnelStep:
    key: str
    name: Text
    quadrants: tuple[str, ...]
    why: Text


@dataclass(frozen=True)
class Friction:
    pair: str  # "AC" or "BD"
    text: Text
    bridge: Text


@dataclass(frozen=True)
class Coaching:
    feedback_rule: Text
    quadrants: dict[str, QuadrantCoaching]
    funnel_steps: tuple[FunnelStep, ...]
    friction: dict[str, Friction]


@cache
def load() -> Coaching:
    """Read coaching/content/coaching.toml and the funnel steps once per process."""
    data = read_toml("coaching", "coaching.toml")
    funnel = read_toml("selling", "funnel.toml")
    return Coaching(
        feedback_rule=Text.of(data["feedback_rule"]["text"]),
        quadrants={
            q: QuadrantCoaching(
                praise=Text.of(data["quadrants"][q]["praise"]),
                correction=Text.of(data["quadrants"][q]["correction"]),
                exercises=tuple(Text.of(e) for e in data["quadrants"][q]["exercises"]),
                reach=Text.of(data["quadrants"][q]["reach"]),
            )
            for q in QUADRANTS
        },
        funnel_steps=tuple(
            FunnelStep(
                key=step["key"],
                name=Text.of(step["name"]),
                quadrants=tuple(step["quadrants"]),
                why=Text.of(step["why"]),
            )
            for step in funnel["funnel_steps"]
        ),
        friction={
            pair: Friction(pair, Text.of(f["text"]), Text.of(f["bridge"]))
            for pair, f in data["friction"].items()
        },
    )
