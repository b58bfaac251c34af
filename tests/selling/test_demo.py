"""`flask seed-demo --lang`: demo people and teams named in the language of the run.

The demo itself (coaching/demo.py) is tested in tests/test_app.py and, at scale,
in tests/coaching/test_scale.py; these tests cover the names only.
"""

import re

from coaching.demo import member_name
from tests.conftest import Actions


def _team_page(app, lang, members=12):
    result = app.test_cli_runner().invoke(
        args=["seed-demo", "--members", str(members), "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    coach = Actions(app.test_client())
    coach.login("coach@example.com", "demo-password")
    team_id = re.search(r"Team (\d+)", result.output).group(1)
    return coach.client.get(f"/teams/{team_id}").get_data(as_text=True)


def test_a_chinese_run_gives_chinese_names(app):
    """--lang zh_CN: the coach, the team and every member carry Chinese names."""
    page = _team_page(app, "zh_CN")
    assert "演示团队（12 人）" in page
    names = [member_name(i, "zh_CN") for i in range(12)]
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{3}", n) for n in names)
    assert len(set(names)) == 12
    assert all(n in page for n in names)
    assert "Member 0" not in page


def test_an_english_run_gives_readable_english_names(app):
    """The default run names members like 'Olivia Smith', not 'Member 00007'."""
    page = _team_page(app, "en")
    assert "Team of 12" in page
    assert all(member_name(i) in page for i in range(12))
    assert member_name(0) == "Olivia Smith"
    assert "Member 0" not in page


def test_names_stay_apart_in_large_teams():
    """10,000 members get 10,000 different names in either language."""
    for lang in ("en", "zh_CN"):
        assert len({member_name(i, lang) for i in range(10_000)}) == 10_000
