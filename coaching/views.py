"""The team pages: one blueprint (`coaching.blueprint.bp`), its views by feature.

- `coaching.teams`: teams, invitations, joining and leaving, removing people,
  stepping down and archiving;
- `coaching.insights`: the team page, pairs, the printable report, the CSV;
- `coaching.notes`: a member's page with the coaches' private notes;
- `coaching.mailing`: invitations by email and reminders.

Importing them here adds their routes to `bp`, which the app registers.
"""

from coaching import insights  # noqa: F401
from coaching import mailing  # noqa: F401
from coaching import notes  # noqa: F401
from coaching import teams  # noqa: F401
from coaching.blueprint import bp

__all__ = ["bp"]
