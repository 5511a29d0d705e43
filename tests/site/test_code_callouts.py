"""Code highlighting through CSS classes, admonitions and figures, with no inline style."""

import re

from tests.support import ROOT, article, css_declarations, css_rules
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
    keyword = code.select_one("span.k")
    assert css_declarations(soup, keyword, css_rules(code_css.read_text()))
    linked = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert linked[-1].endswith(code_css.name)
    assert not any(
        "code." in link["href"] for link in build.soup("/").select("link[rel=stylesheet]")
    )


# Every way reStructuredText highlights code: docutils' `code` directive and role (its own
# markup), Pelican's `code-block` and `sourcecode` (Pygments' `div.highlight`).
RST = """Code in reStructuredText
########################

:date: 2026-01-02 09:00
:category: Tests
:slug: r

.. code:: python

    import os

.. code-block:: python

    import os

.. sourcecode:: python

    import os

.. role:: py(code)
   :language: python

Inline, :py:`import os`.
"""
MARKDOWN = "```python\nimport os\n```\n"
RST_CODE = {"articles/r.rst": RST, "articles/m.md": article(Slug="m", body=MARKDOWN)}
# A page whose only code is docutils' directive, or its role, loads the code stylesheet too.
ONLY = {
    "directive": ".. code:: python\n\n    import os\n",
    "role": ".. role:: py(code)\n   :language: python\n\nInline, :py:`import os`.\n",
}
RST_ONLY = {
    f"articles/{name}.rst": f"Only\n####\n\n:date: 2026-01-03\n:slug: {name}\n\n{text}"
    for name, text in ONLY.items()
}


def assert_rst_code_coloured_like_markdown(build, markdown_url, rst_url, keywords="span.kn"):
    """Each keyword of the rST page (`keywords`) gets, from the code stylesheet that page
    links (after the site's), exactly the light and the dark colours the Markdown page's
    keyword gets."""
    pages = {url: build.soup(url) for url in (markdown_url, rst_url)}
    styles = {}
    for url, soup in pages.items():
        links = soup.select("link[rel=stylesheet]")
        assert len(links) == 2, f"{url} links no code stylesheet"
        css = build.path(links[-1]["href"]).read_text(encoding="utf-8")
        styles[url] = [css_rules(css), css_rules(css, "(prefers-color-scheme: dark)")]
    [markdown_keyword] = pages[markdown_url].select("span.kn")
    found = pages[rst_url].select(keywords)
    assert [k.find_parent(["pre", "code"]).name for k in found] == ["pre"] * 3 + ["code"]
    for rules, rst_rules in zip(styles[markdown_url], styles[rst_url], strict=True):
        expected = css_declarations(pages[markdown_url], markdown_keyword, rules)
        assert expected, "the Markdown keyword has no colour"
        for keyword in found:
            assert css_declarations(pages[rst_url], keyword, rst_rules) == expected


def test_restructuredtext_code_is_coloured_like_markdowns(make_site):
    build = make_site({**RST_CODE, **RST_ONLY})
    assert build.errors == []
    assert_rst_code_coloured_like_markdown(build, "/m/", "/r/")
    code_css = build.soup("/r/").select("link[rel=stylesheet]")[-1]["href"]
    for name in ONLY:
        soup = build.soup(f"/{name}/")
        assert soup.select_one("span.kn").get_text() == "import"
        assert soup.select("link[rel=stylesheet]")[-1]["href"] == code_css, name


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
