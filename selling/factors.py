"""Which of the five purchase factors a buyer will weigh most."""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from assessment.text import Text
from assessment.text import read_toml
from assessment.vocabulary import QUADRANTS
from selling.cues import BuyerEstimate

FACTORS = ("value", "need", "price", "trust", "experience")


@dataclass(frozen=True)
class Factor:
    key: str
    name: Text
    summary: Text
    prompt: Text


@dataclass(frozen=True)
class Factors:
    factors: dict[str, Factor]
    needs_prompt: Text
    wants_prompt: Text
    roles: dict[str, dict[str, int]]  # role -> factor -> weight 0..3
    role_names: dict[str, Text]
    role_why: dict[str, Text]
    quadrants: dict[str, dict[str, int]]  # quadrant -> factor -> weight 0..3
    quadrant_why: dict[str, Text]


@cache
def load() -> Factors:
    data = read_toml("selling", "factors.toml")
    f = data["factors"]
    return Factors(
        factors={
            k: Factor(
                k,
                Text.of(f[k]["name"]),
                Text.of(f[k]["summary"]),
                Text.of(f[k]["prompt"]),
            )
            for k in FACTORS
        },
        needs_prompt=Text.of(f["need"]["needs_prompt"]),
        wants_prompt=Text.of(f["need"]["wants_prompt"]),
        roles={r: dict(v["weights"]) for r, v in data["roles"].items()},
        role_names={r: Text.of(v["name"]) for r, v in data["roles"].items()},
        role_why={r: Text.of(v["why"]) for r, v in data["roles"].items()},
        quadrants={q: dict(data["quadrants"][q]["weights"]) for q in QUADRANTS},
        quadrant_why={q: Text.of(data["quadrants"][q]["why"]) for q in QUADRANTS},
    )


def weigh(role: str, counts: Mapping[str, int] | None) -> list[tuple[str, float]]:
    """Rank the five factors for a buyer, heaviest first.

    A factor's weight is what the buying-centre role gives it (0-3) plus what the
    buyer's quadrants give it, averaged by their share of the profile (0-3).
    Without a profile only the role counts. Ties keep the order of FACTORS.
    For an estimated buyer use `weigh_buyer`, which does not count the role twice.
    """
    table = load()
    total = sum(counts.values()) if counts else 0
    scores = {}
    for factor in FACTORS:
        score = float(table.roles[role][factor])
        if total:
            score += sum(
                table.quadrants[q][factor] * counts[q] / total for q in QUADRANTS
            )
        scores[factor] = round(score, 2)
    return sorted(scores.items(), key=lambda item: (-item[1], FACTORS.index(item[0])))


def weigh_buyer(result: BuyerEstimate) -> list[tuple[str, float]]:
    """Rank the five factors for an estimated buyer, counting their job only once.

    A cue the contact's role explains (a purchaser comparing prices item by item)
    shows the job, and the role's weights already stand for the job. So the
    quadrant part uses only the profile of the other cues (`personal_counts`);
    when every ticked cue is explained by the role, only the role counts.

    :raises ValueError: the estimate was made without a role.
    """
    if result.role is None:
        raise ValueError("the estimate has no buying-centre role")
    return weigh(result.role, result.personal_counts)
