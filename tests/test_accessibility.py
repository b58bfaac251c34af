"""First fixes from the accessibility audit: the language marked, a skip link, link contrast."""

import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[1] / "static" / "css" / "app.css"


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a, b):
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_current_language_is_marked_in_both_languages(client):
    """中文 carries aria-current on Chinese pages, English on English ones."""
    for accept, label in (("zh-CN", "中文"), ("en", "English")):
        html = client.get("/", headers={"Accept-Language": accept}).get_data(
            as_text=True
        )
        current = re.findall(r'aria-current="true" class="current">([^<]+)<', html)
        assert current == [label], accept


def test_the_first_link_skips_to_the_content(client):
    """The first thing a keyboard reaches is a link to the page's main content."""
    html = client.get("/").get_data(as_text=True)
    body = html[html.index("<body>") :]
    first_link = re.search(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', body)
    assert first_link.group(1) == "#main"
    assert '<main id="main"' in html


def test_links_are_readable_on_every_background_they_sit_on():
    """The accent colour reaches WCAG's 4.5:1 on the page, step and tag backgrounds."""
    css = CSS.read_text(encoding="utf-8")
    accent = re.search(r"--accent:\s*(#[0-9a-fA-F]{6})", css).group(1)
    for background in ("#f7f8fa", "#eceff4", "#dff3e4", "#ffffff"):
        assert _contrast(accent, background) >= 4.5, background


def _rules():
    """(selector, {property: colour}) of every CSS rule, var(--x) resolved to its hex."""
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    variables = dict(re.findall(r"(--[a-z]+):\s*(#[0-9a-fA-F]{6})", css))
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        colours = {}
        for prop in ("color", "background"):
            value = re.search(rf"(?<![-\w]){prop}:\s*([^;]+)", body)
            hexes = value and re.findall(
                r"#[0-9a-fA-F]{6}|#fff\b|var\(--[a-z]+\)", value.group(1)
            )
            if hexes:
                found = hexes[0]
                found = (
                    variables.get(found[4:-1], found)
                    if found.startswith("var")
                    else found
                )
                colours[prop] = "#ffffff" if found == "#fff" else found
        rules.append((selector.strip(), colours))
    return rules, variables


# Backgrounds of boxes that hold any text (page, cards, steps, tags, chips, notices).
SURFACES = ("#ffffff", "#f7f8fa", "#eceff4", "#dff3e4", "#eef1ff", "#e8f0fe",
            "#fff8e1", "#fff5f5", "#ffe0e0")  # fmt: skip


def test_every_text_colour_in_the_stylesheet_reaches_4_5_to_1():
    """Each rule's text colour on its own background, else on the page and white
    backgrounds, and every text colour variable on every surface, reach 4.5:1."""
    rules, variables = _rules()
    checked = 0
    for selector, colours in rules:
        if "color" not in colours:
            continue
        behind = [colours["background"]] if "background" in colours else SURFACES[:2]
        for background in behind:
            assert _contrast(colours["color"], background) >= 4.5, selector
            checked += 1
    for name in ("ink", "muted", "accent", "error", "ok"):
        for background in SURFACES:
            assert _contrast(variables[f"--{name}"], background) >= 4.5, (
                name,
                background,
            )
    assert checked > 20  # the parser found the rules
