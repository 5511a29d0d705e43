"""Write theme/assets/css/pygments.css: code highlighting through Pygments' CSS classes, light
and dark, on the theme's own code background.

Pygments' styles are made for their own backgrounds, and none reaches WCAG AA contrast (4.5:1)
on ours, so each colour is darkened (light) or lightened (dark) just enough. Run it after
changing the styles or the theme's --panel colours: `.venv/bin/python tools/pygments_css.py`.
"""

import re
from pathlib import Path

from pygments.formatters import HtmlFormatter
from pygments.token import STANDARD_TYPES

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "theme" / "assets" / "css" / "pygments.css"
# (Pygments style, the theme's code background, the colour to move towards)
LIGHT = ("xcode", "#f1ede4", (0, 0, 0))
DARK = ("one-dark", "#21272a", (255, 255, 255))
MIN_CONTRAST = 4.6  # a little above 4.5, so rounding never drops below
COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def rgb(hex_colour):
    text = hex_colour.lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    return tuple(int(text[i : i + 2], 16) for i in (0, 2, 4))


def luminance(colour):
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour, background, towards):
    """`colour` moved towards `towards` in small steps until it contrasts enough."""
    step = 0
    mixed = colour
    while contrast(mixed, background) < MIN_CONTRAST:
        step += 1
        mixed = tuple(round(c + (t - c) * step / 40) for c, t in zip(colour, towards, strict=True))
    return "#{:02x}{:02x}{:02x}".format(*mixed)


# Where highlighted code is: Python-Markdown's codehilite and Pelican's reStructuredText
# `code-block` / `sourcecode` write `<div class="highlight">`; docutils' own `code` directive
# writes `<pre class="code python literal-block">` and its `code` role `<code class="python">`,
# with the same short token classes (Pelican sets docutils' syntax_highlight to "short").
BLOCKS = ":is(.highlight, pre.code)"
TOKENS = ":is(.highlight, pre.code, code)"
# With DOCUTILS_SETTINGS = {"syntax_highlight": "long"}, docutils names a token by its type's
# path instead (`<span class="keyword constant">`). An `:is()` counts as its most specific
# member, so only names of one length share one: the more specific type then wins, in light
# and in dark alike.
LONG_TOKENS = ":is(pre.code, code)"
# Pygments' short class -> docutils' long classes ("kc" -> ".keyword.constant").
LONG = {
    short: "".join(
        f".{part}" for part in str(ttype).lower().split(".") if part not in ("token", "text")
    )
    for ttype, short in STANDARD_TYPES.items()
    if short
}


def declarations(style, background, towards):
    """{token class selector ("" for the block itself): declarations} of Pygments' rules,
    without backgrounds, with readable colours."""
    background = rgb(background)
    found = {}
    for line in HtmlFormatter(style=style).get_style_defs(".highlight").splitlines():
        if not line.startswith(".highlight ") or line.startswith(".highlight .hll"):
            continue  # the page rules (pre, td.linenos...) and the highlighted-line background
        line = re.sub(r"background(-color)?: [^;]+;?\s*", "", line)
        line = re.sub(r"border: [^;]+;?\s*", "", line)
        line = COLOUR.sub(lambda m: readable(rgb(m.group(0)), background, towards), line)
        selector, _, rule = line.split(" /* ")[0].partition(" { ")
        rule = rule.rstrip(" }").strip().rstrip(";")
        if rule:
            found[selector.removeprefix(".highlight").strip()] = rule
    return found


def grouped(found):
    """Rules, the token classes that share their declarations grouped in one `:is()` (a
    third of the size); the block's own colour is never given to inline code."""
    groups = {}
    for token, rule in found.items():
        groups.setdefault(rule, []).append(token)
    rules = []
    for rule, tokens in groups.items():
        selectors = [BLOCKS] if "" in tokens else []
        tokens = [token for token in tokens if token]
        if len(tokens) > 1:
            selectors.append(f"{TOKENS} :is({','.join(tokens)})")
        elif tokens:
            selectors.append(f"{TOKENS} {tokens[0]}")
        by_length = {}
        for token in tokens:
            if LONG.get(token[1:]):
                by_length.setdefault(LONG[token[1:]].count("."), []).append(LONG[token[1:]])
        selectors += [
            f"{LONG_TOKENS} :is({','.join(names)})"
            if len(names) > 1
            else f"{LONG_TOKENS} {names[0]}"
            for names in by_length.values()
        ]
        rules.append(",".join(selectors) + f"{{{rule}}}")
    return rules


def css():
    light = declarations(*LIGHT)
    dark = declarations(*DARK)
    # What the light style sets and the dark one does not must not carry over into dark.
    for selector in light.keys() - dark.keys():
        dark[selector] = "color: inherit; font-weight: inherit; font-style: inherit"
    light, dark = grouped(light), grouped(dark)
    return (
        "/* Generated by tools/pygments_css.py from Pygments' "
        f"{LIGHT[0]} (light) and {DARK[0]} (dark) styles; do not edit. */\n"
        + "\n".join(light)
        + "\n@media (prefers-color-scheme: dark) {\n"
        + "\n".join("  " + line for line in dark)
        + "\n}\n"
    )


def main():
    OUT.write_text(css(), encoding="utf-8")


if __name__ == "__main__":
    main()
