"""Plotly figure specs for profiles, as plain dicts.

The dicts are what plotly.js draws (`Plotly.newPlot(el, fig.data, fig.layout)`);
building them by hand avoids plotly.graph_objects' validation cost on every
request. tests/assessment/test_charts.py validates them with plotly itself.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assessment.content import quadrants
from assessment.questionnaire import QUADRANTS
from assessment.scoring import Profile

Figure = dict[str, Any]

STYLESHEET = Path(__file__).resolve().parents[1] / "static" / "css" / "app.css"


def _chart_colours() -> tuple[str, tuple[str, ...]]:
    """The profile colour and the series palette, from the stylesheet's variables,
    so each colour of the app is written once."""
    css = STYLESHEET.read_text(encoding="utf-8")
    profile = re.search(r"--chart-profile:\s*(#[0-9a-fA-F]{6})", css)
    series = re.search(r"--chart-series:\s*([^;]+);", css)
    return profile.group(1), tuple(series.group(1).split())


PROFILE_COLOUR, PALETTE = _chart_colours()
# Rounds 1-3 in blue, green and red: the palette's first, third and fourth.
ROUND_COLOURS = (PALETTE[0], PALETTE[2], PALETTE[3])


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
