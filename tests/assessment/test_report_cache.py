"""What caching the report must not break: whose report, which language, which
content, and that an erased account's reports leave the cache with it."""

import html

import pytest
from sqlalchemy import select

import pagecache
from assessment import content
from assessment import resolved
from assessment.models import Assessment
from assessment.reports import report_key
from extensions import cache
from extensions import db
from tests.conftest import Actions
from tests.conftest import picks_for
from tests.helpers import count_queries

A_LEADS = {"A": 4, "B": 2, "C": 1, "D": 1}
C_LEADS = {"A": 1, "B": 1, "C": 4, "D": 2}


def _person(app, email, name, picks):
    person = Actions(app.test_client())
    person.register(email=email, name=name)
    return person, person.take_assessment(picks_for(picks))


def _pattern(app, assessment_id, lang):
    with app.app_context():
        pattern = db.session.get(Assessment, assessment_id).pattern
    return resolved.pattern_texts(lang)[pattern]


def _page(person, assessment_id):
    response = person.client.get(f"/assessment/{assessment_id}/report")
    return response.status_code, html.unescape(response.get_data(as_text=True))


def test_a_warm_report_is_never_shown_to_another_user(app):
    """With both reports cached, each person gets their own and 404 for the other's."""
    ann, ann_report = _person(app, "ann@example.com", "Ann", A_LEADS)
    bo, bo_report = _person(app, "bo@example.com", "Bo", C_LEADS)
    for person, report in ((ann, ann_report), (bo, bo_report)):
        assert _page(person, report)[0] == 200  # warm the cache
    ann_text = _pattern(app, ann_report, "en").characteristics
    bo_text = _pattern(app, bo_report, "en").characteristics
    assert ann_text != bo_text

    status, page = _page(ann, ann_report)
    assert status == 200
    assert "Whole-brain profile of Ann" in page and ann_text in page
    assert bo_text not in page
    assert _page(ann, bo_report)[0] == 404
    assert _page(bo, ann_report)[0] == 404
    status, page = _page(bo, bo_report)
    assert "Whole-brain profile of Bo" in page and bo_text in page


def test_a_repeat_view_is_the_session_check_and_one_query(app):
    """Cached: the signed-in user's row and the assessment's row, nothing else."""
    ann, report = _person(app, "ann@example.com", "Ann", A_LEADS)
    _page(ann, report)
    with app.app_context():
        engine = db.engine
    with count_queries(engine) as statements:
        status, page = _page(ann, report)
    assert status == 200 and "Whole-brain profile of Ann" in page
    assert len(statements) == 2, statements


def test_switching_language_shows_the_other_language(app):
    """A report cached in English is shown in Chinese after a switch, and back."""
    ann, report = _person(app, "ann@example.com", "Ann", A_LEADS)
    english = _pattern(app, report, "en").name
    chinese = _pattern(app, report, "zh").name
    assert english in _page(ann, report)[1]
    ann.post("/account/language", {"locale": "zh_CN"})
    page = _page(ann, report)[1]
    assert chinese in page and english not in page
    assert "偏好代码" in page
    ann.post("/account/language", {"locale": "en"})
    page = _page(ann, report)[1]
    assert english in page and chinese not in page


def test_a_renamed_user_sees_the_new_name_on_a_cached_report(app):
    """The heading's name is not part of the cached body."""
    ann, report = _person(app, "ann@example.com", "Ann", A_LEADS)
    _page(ann, report)
    with app.app_context():
        from accounts.models import User

        db.session.scalar(select(User)).name = "Ann Lee"
        db.session.commit()
    assert "Whole-brain profile of Ann Lee" in _page(ann, report)[1]


def test_a_content_change_shows_the_new_text(app, monkeypatch):
    """New content comes with a new code version, so the cached body is not used."""
    ann, report = _person(app, "ann@example.com", "Ann", A_LEADS)
    old = _pattern(app, report, "en").characteristics
    assert old in _page(ann, report)[1]

    data = content.read_toml("assessment", "patterns.toml")
    edited = {"patterns": {k: dict(v) for k, v in data["patterns"].items()}}
    for text in edited["patterns"].values():
        text["characteristics"] = {"zh": "新的说明。", "en": "A reworded description."}
    monkeypatch.setattr(content, "read_toml", lambda package, name: edited)
    for cached in (content.patterns, resolved.pattern_texts):
        cached.cache_clear()
    try:
        # Same version: the stored body is still served (the cache is really used)...
        assert old in _page(ann, report)[1]
        # ...and a new version (what a changed content file gives) shows the new text.
        monkeypatch.setattr(pagecache, "code_version", lambda: "edited")
        page = _page(ann, report)[1]
        assert "A reworded description." in page and old not in page
    finally:
        monkeypatch.undo()
        content.patterns.cache_clear()
        resolved.pattern_texts.cache_clear()


def test_the_code_version_changes_with_any_content_or_template_byte(tmp_path):
    """Editing a content file, a template or code gives a new version."""
    (tmp_path / "assessment" / "content").mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    toml = tmp_path / "assessment" / "content" / "patterns.toml"
    template = tmp_path / "templates" / "page.html"
    code = tmp_path / "assessment" / "views.py"
    for path in (toml, template, code):
        path.write_text("one")
    versions = {pagecache.version_of(tmp_path)}
    for path in (toml, template, code):
        path.write_text("two")
        versions.add(pagecache.version_of(tmp_path))
    assert len(versions) == 4
    assert pagecache.version_of(tmp_path) == pagecache.version_of(tmp_path)


def test_a_deleted_accounts_cached_reports_are_gone(app):
    """Erasing an account deletes its reports from the cache, in both languages."""
    ann, report = _person(app, "ann@example.com", "Ann", A_LEADS)
    _page(ann, report)
    ann.post("/account/language", {"locale": "zh_CN"})
    _page(ann, report)
    with app.app_context():
        user_id, finished, version = db.session.execute(
            select(
                Assessment.user_id, Assessment.finished_at, Assessment.catalogue_version
            )
        ).one()
        keys = [
            pagecache.full_key(report_key(report, user_id, finished, version, lang))
            for lang in ("en", "zh")
        ]
        assert all(cache.get(k) is not None for k in keys)
    assert ann.post("/account/delete", {"password": "correct horse"}).status_code == 302
    with app.app_context():
        assert [cache.get(k) for k in keys] == [None, None]

    # Whoever gets the same row id next (SQLite may reuse it) sees their own report.
    bo, bo_report = _person(app, "bo@example.com", "Bo", C_LEADS)
    page = _page(bo, bo_report)[1]
    assert "Whole-brain profile of Bo" in page
    assert _pattern(app, bo_report, "en").characteristics in page


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_report_renders_when_the_cache_store_is_down(make_app, lang):
    """Redis stopped (a closed port): the report is rendered, not an error page."""
    app = make_app(
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL="redis://127.0.0.1:9/0",
        CACHE_OPTIONS={"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
    )
    ann, report = _person(app, "ann@example.com", "Ann", A_LEADS)
    ann.post("/account/language", {"locale": lang})
    status, page = _page(ann, report)
    assert status == 200
    assert _pattern(app, report, lang[:2]).name in page


def test_workers_share_cached_reports_through_redis(redis_server, make_app):
    """With Redis, a report one worker rendered is in the shared store, and erasing
    the account removes it there too."""
    app = make_app(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=redis_server.url)
    ann, report = _person(app, "ann@example.com", "Ann", A_LEADS)
    page = _page(ann, report)[1]
    with app.app_context():
        user_id, finished, version = db.session.execute(
            select(
                Assessment.user_id, Assessment.finished_at, Assessment.catalogue_version
            )
        ).one()
        key = pagecache.full_key(report_key(report, user_id, finished, version, "en"))
        stored = cache.get(key)
    assert stored is not None and html.unescape(stored["body"]) in page
    ann.post("/account/delete", {"password": "correct horse"})
    with app.app_context():
        assert cache.get(key) is None


def test_redis_url_sets_a_shared_cache_that_gives_up_quickly(monkeypatch, tmp_path):
    """REDIS_URL makes the page cache Redis, with short socket timeouts."""
    import config

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    settings = config.defaults(tmp_path)
    assert settings["CACHE_TYPE"] == "RedisCache"
    assert settings["CACHE_REDIS_URL"] == (
        "redis://127.0.0.1:6379/0?socket_timeout=0.5&socket_connect_timeout=0.5"
    )
    monkeypatch.delenv("REDIS_URL")
    assert config.defaults(tmp_path)["CACHE_TYPE"] == "SimpleCache"


def test_an_account_is_erased_even_when_the_cache_store_is_down(make_app):
    """Redis stopped: deleting the account still works (its parts expire in a day)."""
    app = make_app(
        CACHE_TYPE="RedisCache",
        CACHE_REDIS_URL="redis://127.0.0.1:9/0",
        CACHE_OPTIONS={"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
    )
    ann, report = _person(app, "ann@example.com", "Ann", A_LEADS)
    assert _page(ann, report)[0] == 200
    deleted = ann.post("/account/delete", {"password": "correct horse"})
    assert deleted.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Assessment.id)) is None
