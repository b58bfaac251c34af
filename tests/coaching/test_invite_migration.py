"""Migration f6b2c0ffee02 brings the teams that exist under the new rules."""

import flask_migrate
from sqlalchemy import text

from extensions import db


def test_open_coach_codes_orphaned_codes_and_coachless_teams(app, people):
    """Open coach codes (uses unknown) and codes whose maker is gone are revoked;
    a team without a coach is archived and its members' sharing ends."""
    olga, pat, ann = people("olga"), people("pat"), people("ann")
    kept = olga.create_team("Kept")
    member_code = olga.invite(kept)
    coach_code = olga.invite(kept, role="coach")
    left = pat.create_team("Left behind")
    ann.join(pat.invite(left))
    orphan = pat.invite(left)
    with app.app_context():
        flask_migrate.downgrade(revision="e5a1c0ffee01")
        # Before the new rules, deleting Pat's account left exactly this behind.
        db.session.execute(
            text("DELETE FROM team_coaches WHERE team_id = :t"), {"t": left}
        )
        db.session.execute(
            text("UPDATE invites SET created_by = NULL WHERE team_id = :t"), {"t": left}
        )
        db.session.commit()
        flask_migrate.upgrade()
        invites = {
            code: (revoked_at, max_uses)
            for code, revoked_at, max_uses in db.session.execute(
                text("SELECT code, revoked_at, max_uses FROM invites")
            )
        }
        archived = dict(
            db.session.execute(text("SELECT id, archived_at FROM teams")).all()
        )
        ann_left = db.session.execute(
            text("SELECT left_at FROM memberships WHERE team_id = :t"), {"t": left}
        ).scalar_one()
        db.session.remove()
    assert invites[member_code] == (None, None)
    assert invites[coach_code][0] is not None and invites[coach_code][1] == 1
    assert invites[orphan][0] is not None
    assert archived[kept] is None and archived[left] is not None
    assert ann_left is not None
    assert ann.client.get(f"/teams/{left}").status_code == 404
    assert olga.client.get(f"/teams/{kept}").status_code == 200
