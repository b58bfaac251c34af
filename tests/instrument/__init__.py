"""Record builders shared by the instrument health tests."""

from assessment.questionnaire import QUADRANTS

# Picks per quadrant in each round; person k answers with MIXES[k % 4].
MIXES = (
    {"A": 3, "B": 2, "C": 2, "D": 1},
    {"A": 2, "B": 3, "C": 1, "D": 2},
    {"A": 1, "B": 2, "C": 3, "D": 2},
    {"A": 2, "B": 1, "C": 2, "D": 3},
)


def gen_picks(rounds, k, never=(), mix=None):
    """Person k's three rounds of picks, `mix` (or MIXES[k % 4]) per quadrant.

    People of the same mix take each quadrant's elements in turn, so every
    element but those in `never` is picked about a quarter of the time.
    """
    mix = mix or MIXES[k % 4]
    picks = []
    for r in rounds:
        chosen = []
        for q in QUADRANTS:
            pool = [e.id for e in r.elements if e.quadrant == q and e.id not in never]
            start = (k // 4) * mix[q]
            chosen += [pool[(start + j) % len(pool)] for j in range(mix[q])]
        picks.append(chosen)
    return picks
