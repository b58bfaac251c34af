"""Item analysis of the questionnaire: does each element, round and quadrant do its job?

Pure: plain values in (the element ids each finished assessment picked, each
person's dated counts), frozen dataclasses out. Every threshold the page, the
CSV and the command line state is written here once; docs/instrument-health.md
explains each of them.
"""

from collections import Counter
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from math import sqrt
from statistics import NormalDist
from statistics import StatisticsError
from statistics import correlation
from statistics import fmean

from assessment.exc import InvalidPicks
from assessment.questionnaire import PICKS_PER_ROUND
from assessment.questionnaire import Element
from assessment.questionnaire import Round
from assessment.questionnaire import load
from assessment.scoring import score
from assessment.vocabulary import QUADRANTS
from assessment.vocabulary import pattern_of

# Privacy floor. Below 30 finished assessments a version shows nothing at all:
# with a handful of answers a pick rate can point at one person's choices, and
# the figures are too noisy to act on anyway (the 95% interval of a 25% pick
# rate over 30 answers already runs from 12% to 43%).
MIN_ASSESSMENTS = 30
# The retest figures compare two answers of the same people, so they get their
# own floor: 20 pairs, below which one person's change moves a correlation by
# more than the difference between a good and a poor instrument.
MIN_RETEST_PAIRS = 20
# A retest taken sooner repeats what the person remembers of the first answer.
RETEST_MIN_DAYS = 14

# 8 of a round's 32 elements are picked, so an element is expected in 25% of
# answers. Below 5% it barely competes (nobody wants it, or it is unclear);
# above 50% it is picked for being pleasant, not for telling quadrants apart.
EXPECTED_RATE = PICKS_PER_ROUND / 32
RARELY_BELOW = 0.05
OFTEN_ABOVE = 0.50
RARE = "rare"
OFTEN = "often"

# 8 picks spread over 4 quadrants of 8 elements: 2 per quadrant per round on
# average. A round whose mean leaves this band pulls every profile one way.
MEAN_LOW = 1.5
MEAN_HIGH = 2.5

CONFIDENCE = 0.95
# The HBDI's published test-retest correlation for quadrant A: an anchor to
# read ours against, not a target (our elements and forced choice differ).
HBDI_RETEST_A = 0.86

Picks = Sequence[Sequence[str]]  # three rounds of element ids


@dataclass(frozen=True)
class ElementRate:
    """How often one element was picked, with its 95% Wilson interval."""

    element: Element
    round_number: int
    picks: int
    rate: float
    low: float
    high: float
    flag: str | None  # RARE, OFTEN or None


@dataclass(frozen=True)
class QuadrantMean:
    """Mean picks of one quadrant in one round (2 expected)."""

    round_number: int
    quadrant: str
    mean: float
    flagged: bool


@dataclass(frozen=True)
class VersionHealth:
    """The figures of one instrument version; empty below the privacy floor."""

    version: str
    assessments: int  # finished assessments with all three rounds stored
    readable: bool = True  # False when the version's catalogue cannot be read
    elements: tuple[ElementRate, ...] = ()
    means: tuple[QuadrantMean, ...] = ()
    consistency: Mapping[int, int] = field(default_factory=dict)

    @property
    def shown(self) -> bool:
        """Whether the version has reached the privacy floor (and can be read)."""
        return self.readable and self.assessments >= MIN_ASSESSMENTS

    @property
    def flagged(self) -> tuple[ElementRate, ...]:
        """The elements picked rarely or very often, in catalogue order."""
        return tuple(rate for rate in self.elements if rate.flag)

    def mean(self, round_number: int, quadrant: str) -> QuadrantMean:
        """The mean of one quadrant in one round.

        :raises KeyError: below the privacy floor, or for an unknown round or quadrant.
        """
        for mean in self.means:
            if (mean.round_number, mean.quadrant) == (round_number, quadrant):
                return mean
        raise KeyError((round_number, quadrant))


@dataclass(frozen=True)
class Take:
    """One finished assessment as the retest needs it: whose, when, and its counts."""

    person: int
    finished_at: datetime
    counts: Mapping[str, int]


@dataclass(frozen=True)
class Retest:
    """Test-retest stability over people who answered twice; empty below the floor."""

    pairs: int
    correlation: Mapping[str, float | None] = field(default_factory=dict)
    mean_change: Mapping[str, float] = field(default_factory=dict)
    same_pattern: float | None = None

    @property
    def shown(self) -> bool:
        return self.pairs >= MIN_RETEST_PAIRS


@dataclass(frozen=True)
class Report:
    """Every version that has answers (newest first) and the retest across versions."""

    versions: tuple[VersionHealth, ...]
    retest: Retest


def wilson(successes: int, trials: int) -> tuple[float, float]:
    """The Wilson score interval of a proportion at `CONFIDENCE` (95%).

    Unlike the normal approximation it stays inside 0–1 and is honest at 0 or
    all: 0 of 40 still allows up to about 9%.

    :raises ValueError: when `trials` is not positive or `successes` is out of range.
    """
    if trials <= 0 or not 0 <= successes <= trials:
        raise ValueError(f"{successes} of {trials} is not a proportion")
    z = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)
    p = successes / trials
    shrink = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / shrink
    half = z / shrink * sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials))
    # At 0 and at all, one bound is exactly 0 or 1; say so instead of 1e-17.
    low = 0.0 if successes == 0 else centre - half
    high = 1.0 if successes == trials else centre + half
    return low, high


def flag_rate(rate: float) -> str | None:
    """RARE below 5%, OFTEN above 50%, else None."""
    if rate < RARELY_BELOW:
        return RARE
    if rate > OFTEN_ABOVE:
        return OFTEN
    return None


def flag_mean(mean: float) -> bool:
    """Whether a quadrant's mean picks in a round leave the band 1.5–2.5."""
    return not MEAN_LOW <= mean <= MEAN_HIGH


def rate_element(
    element: Element, round_number: int, picks: int, assessments: int
) -> ElementRate:
    """The pick rate of one element, its interval and its flag."""
    rate = picks / assessments
    low, high = wilson(picks, assessments)
    return ElementRate(element, round_number, picks, rate, low, high, flag_rate(rate))


def examine_version(
    version: str, rounds: Sequence[Round], answers: Iterable[Picks]
) -> VersionHealth:
    """The figures of one version from the picks of its finished assessments.

    Picks that cannot be scored against the version's rounds (never the case for
    an assessment finished in the app) are left out rather than guessed at.
    Below `MIN_ASSESSMENTS` only the count is returned.
    """
    readable = []
    profiles = []
    for picks in answers:
        try:
            profiles.append(score(picks, rounds))
        except InvalidPicks:
            continue
        readable.append(picks)
    n = len(readable)
    if n < MIN_ASSESSMENTS:
        return VersionHealth(version, n)
    tally = Counter(
        i for picks in readable for round_picks in picks for i in round_picks
    )
    elements = tuple(
        rate_element(e, r.number, tally[e.id], n) for r in rounds for e in r.elements
    )
    means = []
    for r in rounds:
        for q in QUADRANTS:
            mean = fmean(p.round_counts[r.number - 1][q] for p in profiles)
            means.append(QuadrantMean(r.number, q, mean, flag_mean(mean)))
    spread = Counter(p.consistency for p in profiles)
    return VersionHealth(
        version,
        n,
        elements=elements,
        means=tuple(means),
        consistency={k: spread[k] for k in (1, 2, 3)},
    )


def pair_retests(takes: Iterable[Take]) -> list[tuple[Take, Take]]:
    """Each person's first finished assessment and the first one at least
    `RETEST_MIN_DAYS` after it (the earliest qualifying pair), in person order.

    The first pair rather than first and latest: it measures the instrument
    over the shortest fair interval, before months of coaching move the answers.
    """
    by_person: dict[int, list[Take]] = defaultdict(list)
    for take in takes:
        by_person[take.person].append(take)
    gap = timedelta(days=RETEST_MIN_DAYS)
    pairs = []
    for person in sorted(by_person):
        first, *later = sorted(by_person[person], key=lambda t: t.finished_at)
        retest = next(
            (t for t in later if t.finished_at - first.finished_at >= gap), None
        )
        if retest is not None:
            pairs.append((first, retest))
    return pairs


def measure_retest(pairs: Sequence[tuple[Take, Take]]) -> Retest:
    """Per quadrant, the Pearson correlation of test and retest counts and the mean
    absolute change; and the share of people whose pattern stayed the same.

    A correlation is None where one side does not vary. Below
    `MIN_RETEST_PAIRS` only the number of pairs is returned.
    """
    n = len(pairs)
    if n < MIN_RETEST_PAIRS:
        return Retest(n)
    first = [a.counts for a, _ in pairs]
    second = [b.counts for _, b in pairs]
    return Retest(
        pairs=n,
        correlation={
            q: _pearson([c[q] for c in first], [c[q] for c in second])
            for q in QUADRANTS
        },
        mean_change={
            q: fmean(abs(b[q] - a[q]) for a, b in zip(first, second, strict=True))
            for q in QUADRANTS
        },
        same_pattern=sum(
            pattern_of(a) == pattern_of(b) for a, b in zip(first, second, strict=True)
        )
        / n,
    )


def examine(
    answers: Mapping[str, Sequence[Picks]],
    takes: Iterable[Take],
    catalogue: Callable[[str], Sequence[Round]] = load,
) -> Report:
    """The whole report: each version that has answers, newest first, and the retest.

    :param answers: the picks of finished assessments, by instrument version.
    :param takes: every finished assessment's person, date and counts, any version
        (counts of 24 picks over A–D compare across versions).
    :param catalogue: the rounds of a version; a version it cannot read (a file
        removed or half-written) is listed with its count and no figures.
    """
    versions = []
    for version in sorted(answers, key=_version_key, reverse=True):
        try:
            rounds = catalogue(version)
        except (KeyError, ValueError):
            versions.append(
                VersionHealth(version, len(answers[version]), readable=False)
            )
            continue
        versions.append(examine_version(version, rounds, answers[version]))
    return Report(tuple(versions), measure_retest(pair_retests(takes)))


def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    try:
        return correlation(xs, ys)
    except StatisticsError:  # one side constant: no correlation to speak of
        return None


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort '2026.10' after '2026.9'; anything odd still sorts."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))
