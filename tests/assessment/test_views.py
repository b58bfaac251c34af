"""The questionnaire pages: answering, resuming, revisiting, finishing, report and history."""

import re

import pytest
from sqlalchemy import func
from sqlalchemy import select

from assessment import questionnaire
from assessment.models import Assessment
from assessment.models import RoundAnswer
from extensions import db
from tests.conftest import Actions
from tests.conftest import picks_for

MIXED = picks_for({"A": 3, "B": 2, "C": 1, "D": 2})


@pytest.fixture
def trainee(actions):
    actions.register()
    return actions


def _shown_ids(html):
    return re.findall(r'name="picks" type="checkbox" value="([^"]+)"', html)


def _count(app, model, **filters):
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(model).filter_by(**filters)
        )


def test_pages_need_login(client):
    """Logged-out visitors are sent to log in."""
    for url in ["/assessment/history", "/assessment/1", "/assessment/1/report"]:
        response = client.get(url)
        assert response.status_code == 302
        assert "/account/login" in response.headers["Location"]


def test_round_shows_32_shuffled_elements_without_quadrants(client, trainee):
    """A round lists its 32 elements in this assessment's own order, the same on reload."""
    assessment_id = trainee.start()
    html = client.get(f"/assessment/{assessment_id}/round/1").get_data(as_text=True)
    shown = _shown_ids(html)
    catalogue = [e.id for e in questionnaire.load()[0].elements]
    assert sorted(shown) == sorted(catalogue) and len(shown) == 32
    assert shown != catalogue  # shuffled
    again = _shown_ids(
        client.get(f"/assessment/{assessment_id}/round/1").get_data(as_text=True)
    )
    assert again == shown
    assert "0 of 8 picked" in html
    assert not re.search(
        r"\b[ABCD]: (analytical|organised|interpersonal|imaginative)", html
    )
    assert "A象限" not in html


def test_two_assessments_are_shuffled_differently(app, client, trainee):
    """Each assessment gets its own order."""
    orders = set()
    for _ in range(3):
        assessment_id = trainee.take_assessment(MIXED)
        html = client.get(
            f"/assessment/{assessment_id}/round/1", follow_redirects=False
        )
        with app.app_context():
            seed = db.session.get(Assessment, assessment_id).seed
        orders.add(seed)
        assert html.status_code == 302  # finished: rounds are locked
    assert len(orders) == 3


@pytest.mark.parametrize("how_many", [0, 7, 9])
def test_round_needs_exactly_8_and_saves_nothing_otherwise(app, trainee, how_many):
    """Too few or too many picks get a message by the field; nothing is stored."""
    assessment_id = trainee.start()
    picks = [e.id for e in questionnaire.load()[0].elements][:how_many]
    response = trainee.answer(assessment_id, 1, picks)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f"Please pick exactly 8 elements; you picked {how_many}." in html
    assert 'id="picks-error"' in html
    assert _count(app, RoundAnswer) == 0


def test_round_rejects_elements_of_another_round(app, trainee):
    """An id from another round or an unknown id is refused with a message."""
    assessment_id = trainee.start()
    response = trainee.answer(assessment_id, 1, [*MIXED[0][:7], MIXED[1][0]])
    assert "Some of the picks are not in this round." in response.get_data(as_text=True)
    response = trainee.answer(assessment_id, 1, [*MIXED[0][:7], "<script>"])
    assert "Some of the picks are not in this round." in response.get_data(as_text=True)
    assert _count(app, RoundAnswer) == 0


def test_round_error_in_chinese(trainee):
    """The count message follows the user's language."""
    trainee.post("/account/language", {"locale": "zh_CN"})
    assessment_id = trainee.start()
    response = trainee.answer(assessment_id, 1, MIXED[0][:5])
    assert "请恰好选择 8 个元素；你选了 5 个。" in response.get_data(as_text=True)


def test_each_round_is_saved_and_the_assessment_resumes(app, client, trainee):
    """Closing the browser after round 1 brings the user back to round 2."""
    assessment_id = trainee.start()
    response = trainee.answer(assessment_id, 1, MIXED[0])
    assert response.headers["Location"] == f"/assessment/{assessment_id}"
    assert (
        client.get(f"/assessment/{assessment_id}")
        .headers["Location"]
        .endswith("/round/2")
    )
    assert _count(app, RoundAnswer, assessment_id=assessment_id) == 1
    # starting again resumes the open assessment instead of making another
    assert trainee.start() == assessment_id
    home = client.get("/").get_data(as_text=True)
    assert "1 of 3 rounds answered" in home


def test_cannot_skip_ahead(client, trainee):
    """Round 3 is not open before round 2 is answered."""
    assessment_id = trainee.start()
    response = client.get(f"/assessment/{assessment_id}/round/3")
    assert response.headers["Location"] == f"/assessment/{assessment_id}"


def test_earlier_rounds_can_be_revisited_before_finishing(app, client, trainee):
    """A saved round shows its picks ticked, and a new answer replaces the old one."""
    assessment_id = trainee.start()
    for number in (1, 2, 3):
        trainee.answer(assessment_id, number, MIXED[number - 1])
    html = client.get(f"/assessment/{assessment_id}/round/1").get_data(as_text=True)
    assert html.count("checked") == 8
    assert "8 of 8 picked" in html
    other = [e.id for e in questionnaire.load()[0].elements if e.quadrant == "C"]
    response = trainee.answer(assessment_id, 1, other)
    assert response.headers["Location"] == f"/assessment/{assessment_id}"
    assert (
        client.get(f"/assessment/{assessment_id}")
        .headers["Location"]
        .endswith("/review")
    )
    assert _count(app, RoundAnswer, assessment_id=assessment_id) == 3
    with app.app_context():
        assert sorted(db.session.get(Assessment, assessment_id).picks_for(1)) == sorted(
            other
        )


def test_review_lists_the_picks_and_finishing_locks(app, client, trainee):
    """The review shows every pick; after finishing, rounds cannot change."""
    assessment_id = trainee.start()
    for number in (1, 2, 3):
        trainee.answer(assessment_id, number, MIXED[number - 1])
    review = client.get(f"/assessment/{assessment_id}/review").get_data(as_text=True)
    first_label = questionnaire.load()[0].elements[0]
    labels = {e.id: e.en for r in questionnaire.load() for e in r.elements}
    assert all(labels[p] in review for p in MIXED[0])
    assert first_label  # the catalogue is not empty
    finish = trainee.post(f"/assessment/{assessment_id}/finish")
    assert finish.headers["Location"] == f"/assessment/{assessment_id}"
    changed = trainee.answer(assessment_id, 1, MIXED[0][::-1])
    assert changed.headers["Location"].endswith("/report")
    with app.app_context():
        stored = db.session.get(Assessment, assessment_id)
        assert stored.finished and stored.pattern == "A"
        assert (stored.count_a, stored.count_b, stored.count_c, stored.count_d) == (
            9,
            6,
            3,
            6,
        )
        assert stored.catalogue_version == questionnaire.version()


def test_finish_before_all_rounds_does_nothing(app, trainee):
    """Finishing with a round missing keeps the assessment open."""
    assessment_id = trainee.start()
    trainee.answer(assessment_id, 1, MIXED[0])
    response = trainee.post(f"/assessment/{assessment_id}/finish")
    assert response.headers["Location"] == f"/assessment/{assessment_id}"
    with app.app_context():
        assert not db.session.get(Assessment, assessment_id).finished


def test_report_shows_code_pattern_balances_and_loop(client, trainee):
    """The report carries the numbers a trainee relies on, and the chart data behind the radar."""
    assessment_id = trainee.take_assessment(MIXED)
    html = client.get(f"/assessment/{assessment_id}/report").get_data(as_text=True)
    assert "1-2-3-2" in html
    assert "A: " in html  # the pattern's title
    for heading in [
        "Characteristics",
        "Communication style",
        "Roles that suit",
        "Typical phrases",
        "How others may see you",
        "Blind spots",
        "How to grow",
    ]:
        assert heading in html
    assert "Left (A+B) <strong>15</strong>" in html
    assert "Right (C+D) <strong>9</strong>" in html
    assert "Consistency: the same quadrant leads 3 of the 3 rounds (A)." in html
    assert "Use both halves" in html  # the course's maxims, in the balance section
    assert "not what you can do" in html  # preferences, not abilities
    assert "do not rank people" in html
    assert "/vendor/plotly-polar.min.js" in html
    assert "&#34;r&#34;: [9, 6, 3, 6, 9]" in html  # the radar's data, HTML-escaped JSON
    loop = html[html.index('class="loop"') :]
    assert (
        loop.index("A: analytical")
        < loop.index("B: organised")
        < loop.index("C: interpersonal")
    )
    assert "check this one twice" in loop


def test_report_in_chinese(client, trainee):
    """The whole report, labels and content, reads in Chinese."""
    trainee.post("/account/language", {"locale": "zh_CN"})
    assessment_id = trainee.take_assessment(MIXED)
    html = client.get(f"/assessment/{assessment_id}/report").get_data(as_text=True)
    for text in [
        "偏好代码",
        "特点",
        "沟通风格",
        "盲点",
        "四象限沟通环走",
        "左脑（A+B）",
        "A象限：理性分析",
        "左右脑并用",
    ]:
        assert text in html
    assert "Characteristics" not in html


def test_unfinished_report_redirects_to_the_questionnaire(client, trainee):
    """There is no report before the last round is in."""
    assessment_id = trainee.start()
    response = client.get(f"/assessment/{assessment_id}/report")
    assert response.headers["Location"] == f"/assessment/{assessment_id}"


def test_retake_keeps_history_and_shows_the_change(client, trainee):
    """A second assessment is new; the history lists both and how the counts moved."""
    first = trainee.take_assessment(MIXED)
    second = trainee.take_assessment(picks_for({"A": 2, "B": 2, "C": 2, "D": 2}))
    assert first != second
    html = client.get("/assessment/history").get_data(as_text=True)
    assert html.count("/report") == 2
    assert "(-3)" in html and "(+3)" in html  # A 9 -> 6, C 3 -> 6
    assert "ABCD" in html


def test_other_users_assessment_is_404(app, trainee):
    """Another user's assessment answers exactly as a missing one does."""
    assessment_id = trainee.take_assessment(MIXED)
    open_id = trainee.start()
    trainee.logout()
    other = Actions(app.test_client())
    other.register(email="other@example.com")
    for url in [
        f"/assessment/{assessment_id}",
        f"/assessment/{assessment_id}/report",
        f"/assessment/{open_id}/round/1",
        f"/assessment/{open_id}/review",
        "/assessment/99999/report",
    ]:
        response = other.client.get(url)
        assert response.status_code == 404, url
        assert "There is nothing here" in response.get_data(as_text=True)
    assert other.answer(open_id, 1, MIXED[0]).status_code == 404
    assert other.post(f"/assessment/{open_id}/finish").status_code == 404
    assert _count(app, RoundAnswer, assessment_id=open_id) == 0


@pytest.mark.parametrize(
    "url", ["/assessment/1/round/0", "/assessment/1/round/4", "/assessment/x"]
)
def test_odd_addresses_are_404(trainee, url):
    """Rounds outside 1-3 and malformed ids are simply not found."""
    trainee.start()
    assert trainee.client.get(url).status_code == 404


def test_start_and_finish_need_csrf(app, trainee):
    """The questionnaire's POSTs carry the CSRF token."""
    assert trainee.client.post("/assessment/start").status_code == 400
    assert _count(app, Assessment) == 0
