"""Where a key account stands in the sales funnel, and when an advance may move it on.

An account sits at the funnel's entry stage, target customer, or at one of the
six funnel steps (docs/course.md#funnel), all in selling/content/funnel.toml.

A meeting logged as an advance may move the account one stage on, but only when
the rep says so (`suggest_move`): the app never moves an account by itself.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from assessment.text import Text
from assessment.text import read_toml

ADVANCE = "advance"


@dataclass(frozen=True)
class Stage:
    key: str
    name: Text
    number: int  # 0 for the entry stage, then 1-6 for the funnel steps


@cache
def stages() -> tuple[Stage, ...]:
    """The entry stage, then the six funnel steps, in order."""
    funnel = read_toml("selling", "funnel.toml")
    entry = funnel["entry"]
    return (Stage(entry["key"], Text.of(entry["name"]), 0),) + tuple(
        Stage(step["key"], Text.of(step["name"]), n)
        for n, step in enumerate(funnel["funnel_steps"], start=1)
    )


def stage(key: str) -> Stage:
    """The stage called `key`.

    :raises KeyError: `key` is not a stage.
    """
    return {s.key: s for s in stages()}[key]


def stage_keys() -> tuple[str, ...]:
    """The keys of `stages()`, the values an account's funnel step may take."""
    return tuple(s.key for s in stages())


def next_stage(key: str) -> str | None:
    """The stage after `key`; None after the last funnel step.

    :raises ValueError: `key` is not a stage.
    """
    keys = stage_keys()
    i = keys.index(key)
    return keys[i + 1] if i + 1 < len(keys) else None


@dataclass(frozen=True)
class LoggedMeeting:
    """What the funnel needs to know of a logged meeting."""

    id: int
    held_on: date
    outcome: str
    funnel_step: str | None  # where the account stood when it was logged
    moved_to: str | None  # the stage this meeting moved the account on to


@dataclass(frozen=True)
class Move:
    meeting_id: int
    from_step: str
    to_step: str


def can_move(current: str, meeting: LoggedMeeting) -> Move | None:
    """The move this meeting allows now, or None.

    An advance may move the account one stage on from where it stood when the
    meeting was logged, once, and only while the account is still there (a rep
    who has since changed the step by hand has already acted on it).
    """
    if meeting.outcome != ADVANCE or meeting.moved_to is not None:
        return None
    if meeting.funnel_step != current or current not in stage_keys():
        return None
    after = next_stage(current)
    return Move(meeting.id, current, after) if after else None


def suggest_move(current: str, meetings: Iterable[LoggedMeeting]) -> Move | None:
    """The move to offer the rep for an account at stage `current`, or None.

    The newest advance that `can_move` allows; the rep decides with one click.
    """
    newest_first = sorted(meetings, key=lambda m: (m.held_on, m.id), reverse=True)
    for meeting in newest_first:
        move = can_move(current, meeting)
        if move:
            return move
    return None
