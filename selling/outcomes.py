"""Meeting outcomes and the advance examples offered when logging a meeting.

The course judges a meeting by what the customer does. A large sale has four
outcomes; a small sale has two: the customer orders or does not
(docs/course.md#meeting-outcomes).
"""

from dataclasses import dataclass
from functools import cache

from assessment.text import Text
from assessment.text import read_toml

LARGE_SALE = ("order", "advance", "continuation", "no_sale")
SMALL_SALE = ("order", "no_order")
# Every outcome a meeting may carry, in the order the forms offer them.
OUTCOMES = (*LARGE_SALE, *(o for o in SMALL_SALE if o not in LARGE_SALE))
# Outcomes that need something the customer agreed to do.
ACTED = ("order", "advance")


@dataclass(frozen=True)
class Advance:
    id: str
    text: Text


@dataclass(frozen=True)
class Meetings:
    outcomes: dict[str, tuple[Text, Text]]  # key -> (name, summary)
    advances: tuple[Advance, ...]
    rule: Text
    small_sale_rule: Text


def outcomes_for(small_sale: bool) -> tuple[str, ...]:
    """The outcomes a meeting of this kind of sale can have.

    :param small_sale: the account is a small sale (order or no order).
    :return: outcome keys, in the order a form offers them.
    """
    return SMALL_SALE if small_sale else LARGE_SALE


@cache
def load() -> Meetings:
    data = read_toml("selling", "meetings.toml")
    outcomes = {
        k: (Text.of(v["name"]), Text.of(v["summary"]))
        for k, v in data["outcomes"].items()
    }
    if set(outcomes) != set(OUTCOMES):
        raise ValueError(f"meetings.toml outcomes {sorted(outcomes)!r}")
    return Meetings(
        outcomes=outcomes,
        advances=tuple(Advance(a["id"], Text.of(a["text"])) for a in data["advances"]),
        rule=Text.of(data["rule"]["text"]),
        small_sale_rule=Text.of(data["rule"]["small_sale"]),
    )
