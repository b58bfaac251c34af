"""The team page and the CSV export use as many SQL queries for 1,000 members as for 10."""

import pytest

from coaching.demo import gen_team
from coaching.demo import member_name
from extensions import db
from tests.helpers import count_queries
from tests.helpers import sign_in


@pytest.mark.parametrize(
    "url", ["/teams/{id}", "/teams/{id}/export.csv", "/teams/{id}/report"]
)
def test_queries_do_not_grow_with_the_team(app, client, url):
    """Same number of queries for a team of 10 and a team of 1,000."""
    used = {}
    for size in (10, 1000):
        with app.app_context():
            team_id, coach_id = gen_team(size, coach_email=f"coach{size}@example.com")
        sign_in(client, coach_id)
        with app.app_context():
            engine = db.engine
        with count_queries(engine) as statements:
            response = client.get(url.format(id=team_id))
        assert response.status_code == 200
        used[size] = len(statements)
        body = response.get_data(as_text=True)
        # The data really is there: the first member by name heads every page.
        first = min((member_name(i) for i in range(size)), key=str.casefold)
        assert first in body
    assert used[10] == used[1000], used
    assert used[10] <= 8, used
