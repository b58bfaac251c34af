"""Plotly figure specs for profiles, as plain dicts.

The dicts are what plotly.js draws (`Plotly.newPlot(el, fig.data, fig.layout)`);
building them by hand avoids plotly.graph_objects' validation cost on every
request. tests/assessment/test_charts.py validates them with plotly itself.
"""

from typing import Any

from assessment.content import quadrants
from assessment.questionnaire import QUADRANTS
from assessment.scoring import Profile

Figure = dict[str, Any]

ROUND_COLOURS = ("#1f77b4", "#2ca02c", "#d62728")
PROFILE_COLOUR = "#6a3d9a"


def _axis(lang: str) -> list[str]:
    # The circle closes back on A.
    return [quadrants()[q].name.get(lang) for q in (*QUADRANTS, "A")]


def _trace(
    values: dict[str, int], name: str, colour: str, fill: bool
) -> dict[str, Any]:
    return {
        "type": "scatterpolar",
        "r": [values[q] for q in (*QUADRANTS, "A")],
        "name": name,
        "line": {"color": colour},
        "fill": "toself" if fill else "none",
        "opacity": 0.85,
        "hovertemplate": "%{theta}: %{r}<extra>%{fullData.name}</extra>",
    }


def _layout(max_r: int, title: str) -> dict[str, Any]:
    return {
        "title": {"text": title},
        # The model's usual map: A upper left, B lower left, C lower right, D upper right.
        "polar": {
            "angularaxis": {"rotation": 135, "direction": "counterclockwise"},
            "radialaxis": {"range": [0, max_r], "dtick": max(1, max_r // 4)},
        },
        "showlegend": True,
        "legend": {"orientation": "h"},
        "margin": {"l": 60, "r": 60, "t": 60, "b": 40},
        "height": 380,
    }


def profile_radar(profile: Profile, lang: str, title: str, name: str) -> Figure:
    """One radar of the 24 picks over A/B/C/D."""
    trace = _trace(profile.counts, name, PROFILE_COLOUR, fill=True)
    trace["theta"] = _axis(lang)
    top = max(12, max(profile.counts.values()))
    return {"data": [trace], "layout": _layout(top, title)}


def rounds_radar(
    profile: Profile, lang: str, title: str, round_names: list[str]
) -> Figure:
    """The three rounds overlaid, 8 picks each, to show where they part."""
    data = []
    for counts, name, colour in zip(
        profile.round_counts, round_names, ROUND_COLOURS, strict=True
    ):
        trace = _trace(counts, name, colour, fill=False)
        trace["theta"] = _axis(lang)
        data.append(trace)
    return {"data": data, "layout": _layout(8, title)}
