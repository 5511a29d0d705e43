"""Code highlighting through CSS classes, admonitions and figures, with no inline style."""

import re

from tests.support import ROOT, article
from tools import pygments_css

BODY = """Some text.

```python
def fee(hours):
    return hours * 90  # per session
```

!!! warning "Check with your insurer"
    Cover differs between policies.

<figure>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot" width="1" height="1">
<figcaption>A caption.</figcaption>
</figure>
"""


def test_code_admonitions_and_figures_are_marked_up_for_the_stylesheet(make_site):
    build = make_site({"articles/a.md": article(Slug="a", body=BODY)})
    assert build.errors == []
    soup = build.soup("/a/")
    code = soup.select_one(".post-body div.highlight pre")
    assert code.select_one("span.k").get_text() == "def"
    assert code.select_one("span.c1").get_text() == "# per session"
    note = soup.select_one(".post-body div.admonition.warning")
    assert note.select_one(".admonition-title").get_text() == "Check with your insurer"
    assert soup.select_one(".post-body figure figcaption").get_text() == "A caption."
    assert not soup.find_all(style=True)
    css_dir = build.output / "theme" / "css"
    css = next(css_dir.glob("site.*.css")).read_text()
    for selector in (".admonition-title", "figcaption"):
        assert selector in css
    # The highlighting's own stylesheet, linked only from pages that show code.
    code_css = next(css_dir.glob("code.*.css"))
    assert ".highlight .k" in code_css.read_text()
    linked = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert linked[-1].endswith(code_css.name)
    assert not any(
        "code." in link["href"] for link in build.soup("/").select("link[rel=stylesheet]")
    )


def test_highlighting_css_is_fresh_and_readable_in_both_schemes():
    committed = (ROOT / "theme" / "assets" / "css" / "pygments.css").read_text()
    assert committed == pygments_css.css(), "run tools/pygments_css.py"
    light, _, dark = committed.partition("@media (prefers-color-scheme: dark)")
    site_css = (ROOT / "theme" / "assets" / "css" / "site.css").read_text()
    panels = re.findall(r"--panel: (#[0-9a-f]{6})", site_css)
    for block, panel in ((light, panels[0]), (dark, panels[1])):
        colours = set(re.findall(r"color: (#[0-9a-f]{6})", block))
        assert colours
        for colour in colours:
            ratio = pygments_css.contrast(pygments_css.rgb(colour), pygments_css.rgb(panel))
            assert ratio >= 4.5, (colour, panel, ratio)
