"""Who reaches a team's pages: the team, invitation or member a URL names, or 404.

Someone without the role a page needs gets the same 404 as for a missing team,
and the refusal is logged (security.deny); the queries only fetch.
"""

from coaching import queries
from security import deny


def team_for(team_id, user_id, *roles):
    """The team and the user's role in it, if they hold one of `roles`; else 404."""
    found = queries.team_and_role(team_id, user_id)
    if not found or found[1] not in roles:
        deny("team", id=team_id)
    return found


def invite_for(team_id, invite_id, coach_ids, now):
    """One of the team's invitations and its uses; 404 if the team has no such one."""
    found = queries.invite_history(team_id, invite_id, coach_ids, now)
    if found is None:
        deny("invite", team=team_id, id=invite_id)
    return found


def member_for(team_id, user_id):
    """A member's membership and the profiles the coaches may see; 404 for anyone
    who is not a member of the team."""
    found = queries.member_history(team_id, user_id)
    if found is None:
        deny("team_member", team=team_id, id=user_id)
    return found
