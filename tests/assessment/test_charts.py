"""The radar figures are valid Plotly figures carrying the profile's numbers."""

import plotly.graph_objects as go

from assessment import charts
from assessment.scoring import score
from tests.conftest import picks_for


def test_profile_radar_is_a_valid_figure_with_the_counts():
    """Plotly accepts the figure, and its radii are the four counts (circle closed on A)."""
    profile = score(picks_for({"A": 3, "B": 2, "C": 1, "D": 2}))
    fig = charts.profile_radar(profile, "en", "t", "me")
    go.Figure(fig)  # raises on any invalid property
    trace = fig["data"][0]
    assert trace["type"] == "scatterpolar"
    assert trace["r"] == [9, 6, 3, 6, 9]
    assert trace["theta"][0] == "A: analytical"


def test_rounds_radar_has_three_traces_in_chinese():
    """The overlay draws one trace per round, labelled in the user's language."""
    profile = score(picks_for([{"A": 8}, {"B": 8}, {"C": 4, "D": 4}]))
    fig = charts.rounds_radar(profile, "zh", "t", ["一", "二", "三"])
    go.Figure(fig)
    assert [t["name"] for t in fig["data"]] == ["一", "二", "三"]
    assert fig["data"][2]["r"] == [0, 0, 4, 4, 0]
    assert fig["data"][0]["theta"][0].startswith("A象限")
