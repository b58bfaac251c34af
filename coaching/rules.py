"""Who may do and see what in a team: invitations, joining, leaving the coach
role, pairs, and what members may see of the team. Pure: plain values in,
plain values out; the views ask, the queries fetch, these decide."""

from dataclasses import dataclass
from dataclasses import replace
from datetime import datetime
from datetime import timedelta

from coaching.composite import Composite

TEAM_ROLES = ("member", "coach")

# A coach invitation hands over everything the team shares, so it lets one
# person in; a member invitation goes round the team until it expires or is
# revoked.
MAX_USES = {"coach": 1, "member": None}

# Members see the team's map only once this many members have a profile: in a
# smaller team, someone who knows their own profile could work out the others'.
MIN_PROFILED = 5
# Within the map, a member never sees a count that points to fewer than this
# many people, on either side of it (how many lead with a quadrant and how many
# do not, how many share a pattern and how many do not).
MIN_CELL = 2


@dataclass(frozen=True)
class InviteFacts:
    """What decides whether an invitation still works."""

    revoked_at: datetime | None
    expires_at: datetime | None
    max_uses: int | None
    use_count: int
    creator_coaches: bool  # its creator still coaches the team


def max_uses_for(role: str) -> int | None:
    """How many people one invitation may let in: 1 for a coach, no limit for members."""
    return MAX_USES[role]


def expiry(now: datetime, days: int) -> datetime | None:
    """When an invitation made `now` for `days` days stops working (0: never)."""
    return now + timedelta(days=days) if days else None


def invite_state(invite: InviteFacts, now: datetime) -> str:
    """'active', 'revoked', 'used' or 'expired'.

    An invitation dies with its creator's coach role: once they step down, are
    removed or delete their account, it reads as revoked even where nobody
    revoked it by hand. One that had already stopped keeps saying why.
    """
    if invite.revoked_at is not None:
        return "revoked"
    if invite.max_uses is not None and invite.use_count >= invite.max_uses:
        return "used"
    if invite.expires_at is not None and now >= invite.expires_at:
        return "expired"
    return "active" if invite.creator_coaches else "revoked"


def join_outcome(
    invite_role: str, current_role: str | None, removed_since_invite: bool
) -> str:
    """What accepting an invitation does: 'coach', 'member', 'already' or 'removed'.

    A member invited as a coach becomes a coach; anyone already holding the
    offered role (or more) stays as they are. Someone a coach removed from the
    team after the invitation was made cannot use it to come back: a coach who
    wants them back makes a new one.
    """
    if invite_role == "coach" and current_role != "coach":
        outcome = "coach"
    elif invite_role == "member" and current_role is None:
        outcome = "member"
    else:
        return "already"
    return "removed" if removed_since_invite else outcome


def coach_may_leave(coaches: int) -> bool:
    """A coach may step down only while another coach stays with the team.

    :param coaches: how many coaches the team has now, the leaving one included.
    """
    return coaches > 1


def may_archive(coaches: int) -> bool:
    """Only the team's last coach archives it, as the way to step down without a successor."""
    return coaches == 1


def may_remove_coach(actor_id: int, target_id: int, coach_ids: set[int]) -> bool:
    """A coach removes another coach; leaving oneself is stepping down."""
    return target_id != actor_id and target_id in coach_ids


def pair_choice(
    role: str,
    first: int | None,
    second: int | None,
    coach_ids: set[int],
    member_ids: set[int],
) -> str:
    """Whom a pair view may compare: 'choose' (ask), 'compare' or 'refuse' (404).

    A coach compares any two different people of the team, coaches included. A
    member compares themself (`first`) with one of the coaches, never with
    another member.
    """
    if role == "member":
        if second is None:
            return "choose"
        return "compare" if second in coach_ids and second != first else "refuse"
    if first is None or second is None:
        return "choose"
    people = coach_ids | member_ids
    allowed = first in people and second in people and first != second
    return "compare" if allowed else "refuse"


def still_needed(profiled: int) -> int:
    """How many more profiles the team needs before its members see the map."""
    return max(0, MIN_PROFILED - profiled)


def disclosed(count: int, profiled: int) -> bool:
    """May members see this count of people? Zero (nobody) yes; else only when at
    least `MIN_CELL` people are in it and at least `MIN_CELL` are outside it."""
    return count == 0 or (count >= MIN_CELL and profiled - count >= MIN_CELL)


def for_members(composite: Composite) -> Composite | None:
    """The team's map as members may see it, or None while too few have a profile.

    Counts that would point to one person (or to all but one) are left out:
    patterns drop from the table, and a quadrant's count of leaders reads None.
    """
    if still_needed(composite.profiled):
        return None
    profiled = composite.profiled
    return replace(
        composite,
        patterns={
            p: n for p, n in composite.patterns.items() if disclosed(n, profiled)
        },
        primaries={
            q: (n if disclosed(n, profiled) else None)
            for q, n in composite.primaries.items()
        },
        redacted=True,
    )


def mailed_state(outbox_status, opened_at, joined) -> str:
    """Where a mailed invitation stands: joined, failed, opened, sent or waiting,
    in that order of precedence."""
    if joined:
        return "joined"
    if outbox_status == "failed":
        return "failed"
    if opened_at:
        return "opened"
    return "sent" if outbox_status == "sent" else "waiting"
