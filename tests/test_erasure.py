"""A deleted account leaves no trace: not in the tables, not in SQLite's files."""

from pathlib import Path

from sqlalchemy import select

from coaching.models import CoachNote
from extensions import db
from tests.coaching.conftest import CoachActions

MARK = "Zqxjvwk"  # a name no page or table holds by chance


def test_a_deleted_coach_takes_their_notes_and_their_name_off_the_disk(
    make_app, tmp_path
):
    """Notes a deleted coach wrote go with them, and neither they nor the name stay on disk."""
    path = tmp_path / "erase.sqlite"
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{path}")
    coach = CoachActions(app.test_client())
    coach.register(email="coach@example.com", name=f"{MARK} Coach")
    team_id = coach.create_team()
    member = CoachActions(app.test_client())
    member.register(email="ann@example.com", name="Ann")
    member.join(coach.invite(team_id))
    member.take_assessment()
    coach.post(f"/teams/{team_id}/members/2", {"body": "Ann leads with stories"})

    deleted = coach.post("/account/delete", {"password": "correct horse"})
    assert deleted.status_code == 302
    with app.app_context():
        note = db.session.scalar(select(CoachNote))
        assert note.body == "Ann leads with stories" and note.author_id is None
        db.engine.dispose()
    for file in (path, Path(f"{path}-wal")):
        if file.exists():
            assert MARK.encode() not in file.read_bytes(), file.name
