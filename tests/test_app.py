"""App-wide behaviour: configuration, error pages, offline assets."""

from pathlib import Path

from sqlalchemy import text

from app import create_app
from extensions import db


def test_default_database_is_sqlite_in_instance_folder_with_wal(tmp_path, monkeypatch):
    """Without DATABASE_URL the app makes and migrates its own SQLite file, in WAL mode."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True}, instance_path=str(tmp_path))
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"]
        == f"sqlite:///{tmp_path / 'wholebrain.sqlite'}"
    )
    with app.app_context(), db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
        tables = set(
            conn.execute(
                text("SELECT name FROM sqlite_master WHERE type='table'")
            ).scalars()
        )
    assert {"users", "assessments", "round_answers", "alembic_version"} <= tables


def test_database_url_is_honoured(tmp_path, monkeypatch):
    """DATABASE_URL picks another database, e.g. PostgreSQL through psycopg."""
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@localhost/db")
    app = create_app({"AUTO_MIGRATE": False}, instance_path=str(tmp_path))
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@localhost/db"
    )


def test_secret_key_is_shared_through_the_instance_folder(tmp_path):
    """Without SECRET_KEY every app of one instance reads the same key from a file."""
    config = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 's.sqlite'}"}
    first = create_app(config, instance_path=str(tmp_path))
    second = create_app(config, instance_path=str(tmp_path))
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) >= 32


def test_static_files_are_fingerprinted_cached_and_compressed(client):
    """plotly.js comes from the app itself (offline), under a hashed URL, gzipped, kept a year."""
    import re

    html = client.get("/account/login").get_data(as_text=True)
    css = re.search(r'href="(/assets/[0-9a-f]{16}/css/app.css)"', html).group(1)
    response = client.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Encoding"] == "gzip"
    import gzip

    assert b".site-header" in gzip.decompress(response.data)
    again = client.get(css, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    stale = client.get(css.replace(css.split("/")[2], "0" * 16))
    assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"
    assert client.get("/assets/x/../../app.py").status_code == 404


def test_plotly_bundle_is_the_apps_own(client, actions):
    """The report loads the small polar-only plotly bundle, not a CDN copy."""
    actions.register()
    report = client.get(f"/assessment/{actions.take_assessment()}/report").get_data(
        as_text=True
    )
    import re

    url = re.search(
        r'src="(/assets/[0-9a-f]{16}/vendor/plotly-polar.min.js)"', report
    ).group(1)
    response = client.get(url)
    assert response.mimetype == "application/javascript"
    assert len(response.data) < 1_300_000
    assert b"scatterpolar" in response.data


def test_no_page_loads_anything_from_elsewhere():
    """Templates reference no CDN or other host."""
    for path in Path(__file__).parent.parent.glob("templates/**/*.html"):
        text = path.read_text()
        assert "http://" not in text and "https://" not in text, path


def test_missing_page_is_a_translated_404(client):
    """An unknown address shows the error page in the user's language."""
    response = client.get("/nowhere", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 404
    assert "这里什么也没有" in response.get_data(as_text=True)


def test_unexpected_error_shows_no_traceback(app, client, actions):
    """A crash answers a plain 500 page, never a traceback."""

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    actions.register()  # a new route is closed to strangers by default

    response = client.get("/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "secret detail" not in html and "Traceback" not in html
    assert "Something went wrong on our side" in html


def test_seed_demo_makes_a_coach_who_can_log_in(app):
    """`flask seed-demo` gives a first look: a coach with a team of profiled members."""
    from tests.conftest import Actions

    result = app.test_cli_runner().invoke(args=["seed-demo", "--members", "5"])
    assert result.exit_code == 0, result.output
    assert "5 members" in result.output
    coach = Actions(app.test_client())
    assert coach.login("coach@example.com", "demo-password").status_code == 302
    html = coach.client.get("/teams/").get_data(as_text=True)
    assert "5 members" in html
    again = app.test_cli_runner().invoke(args=["seed-demo"])
    assert again.exit_code != 0 and "exists already" in again.output
