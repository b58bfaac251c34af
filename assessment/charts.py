"""Plotly figure specs for profiles, as plain dicts.

The dicts are what plotly.js draws (`Plotly.newPlot(el, fig.data, fig.layout)`);
building them by hand avoids plotly.graph_objects' validation cost on every
request. tests/assessment/test_charts.py validates them with plotly itself.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assessment.content import quadrants
from assessment.questionnaire import QUADRANTS
from assessment.scoring import Profile

Figure = dict[str, Any]

ROUND_COLOURS = ("#1f77b4", "#2ca02c", "#d62728")
PROFILE_COLOUR = "#6a3d9a"
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


@dataclass(frozen=True)
class Series:
    """One shape on a radar: counts per quadrant and how to draw them."""

    name: str
    counts: Mapping[str, float]
    colour: str
    fill: bool = False
    shown: bool = True  # False: listed in the legend, drawn when clicked
    dash: str = "solid"


def _plain(text: str) -> str:
    """Plotly reads a few HTML tags in labels (<a>, <b>...); show people's names as typed."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def radar(
    series: list[Series], lang: str, title: str, max_r: float | None = None
) -> Figure:
    """A radar with the quadrants in the model's usual places, one trace per series.

    :param max_r: the outer ring; by default the largest value rounded up to a
        multiple of 4, at least 12, so a typical profile fills the circle.
    """
    if max_r is None:
        top = max((v for s in series for v in s.counts.values()), default=0)
        max_r = max(12, -(-top // 4) * 4)
    theta = [quadrants()[q].name.get(lang) for q in (*QUADRANTS, "A")]  # closes on A
    data = [
        {
            "type": "scatterpolar",
            "r": [s.counts[q] for q in (*QUADRANTS, "A")],
            "theta": theta,
            "name": _plain(s.name),
            "line": {"color": s.colour, "dash": s.dash},
            "fill": "toself" if s.fill else "none",
            "opacity": 0.85,
            "visible": True if s.shown else "legendonly",
            "hovertemplate": "%{theta}: %{r}<extra>%{fullData.name}</extra>",
        }
        for s in series
    ]
    layout = {
        "title": {"text": title},
        # The model's usual map: A upper left, B lower left, C lower right, D upper right.
        "polar": {
            "angularaxis": {"rotation": 135, "direction": "counterclockwise"},
            "radialaxis": {"range": [0, max_r], "dtick": max(1, int(max_r) // 4)},
        },
        "showlegend": True,
        "legend": {"orientation": "h"},
        "margin": {"l": 60, "r": 60, "t": 60, "b": 40},
        "height": 380,
    }
    return {"data": data, "layout": layout}


def profile_radar(profile: Profile, lang: str, title: str, name: str) -> Figure:
    """One radar of the 24 picks over A/B/C/D."""
    top = max(12, *profile.counts.values())
    return radar(
        [Series(name, profile.counts, PROFILE_COLOUR, fill=True)], lang, title, top
    )


def rounds_radar(
    profile: Profile, lang: str, title: str, round_names: list[str]
) -> Figure:
    """The three rounds overlaid, 8 picks each, to show where they part."""
    series = [
        Series(name, counts, colour)
        for counts, name, colour in zip(
            profile.round_counts, round_names, ROUND_COLOURS, strict=True
        )
    ]
    return radar(series, lang, title, 8)
