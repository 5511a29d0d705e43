"""content_check's pure parts: the metadata schema against the README's table, reading the
metadata of each source format with its line numbers, and finding and resolving links."""

import re

import pytest
from content_check import links, metadata
from pelican.settings import read_settings

from tests.support import DEV_CONF, ROOT


def readme_table():
    """{key: (used on, read by)} from the README's metadata table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("| Key | Used on | Read by | Meaning |", 1)[1].split("\n\n", 1)[0]
    rows = {}
    for line in table.strip().splitlines()[1:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        for key in re.findall(r"`([A-Z][A-Za-z_]*)`", cells[0]):
            rows[key] = (cells[1], cells[2])
    return rows


def test_the_readme_metadata_table_is_the_schema():
    plugins = read_settings(str(DEV_CONF))["PLUGINS"]
    known = metadata.known_keys(plugins, [])
    assert readme_table() == {k.name: (k.used_on, k.reader) for k in known.values()}


def test_a_key_of_a_plugin_not_in_plugins_is_unknown():
    assert "series" not in metadata.known_keys(["newsletter"], [])
    assert "series" in metadata.known_keys(["series"], [])
    assert "mood" in metadata.known_keys([], ["Mood"])


MARKDOWN = "Title: T\nDate: 2026-01-01\nTags: a,\n    b\nSerie: S\n\nText: not metadata.\n"
RST = (
    "Title here\n##########\n\n:date: 2026-01-01\n:summary: one\n   two\n:serie: S\n\nBody :x: y\n"
)
HTML = '<html><head><meta name="date" content="2026-01-01"><meta name="serie" content="S">'


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        (
            MARKDOWN,
            "md",
            [(1, "Title", "T"), (2, "Date", "2026-01-01"), (3, "Tags", "a, b"), (5, "Serie", "S")],
        ),
        (
            RST,
            "rst",
            [(4, "date", "2026-01-01"), (5, "summary", "one two"), (7, "serie", "S")],
        ),
        (HTML, "html", [(1, "date", "2026-01-01"), (1, "serie", "S")]),
    ],
)
def test_header_fields_with_their_lines(text, fmt, expected):
    assert metadata.header_fields(text, fmt) == expected


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2026-12-05", True),
        ("2026-12-05 09:00", True),
        ("2026-12-05T09:00:30+01:00", True),
        ("2022-5-2 8:20", True),
        ("2026-12-05 09:00 +0100", True),
        ("05/12/2026", False),
        ("12/05/2026", False),
        ("5 December 2026", False),
        ("2026-13-01", False),
        ("20261205", False),
        ("", False),
    ],
)
def test_dates_are_iso_8601(value, ok):
    keys = metadata.known_keys([], [])
    problems = metadata.check_fields([(2, "Date", value)], keys, is_article=True)
    assert (problems == []) is ok, problems


def test_urls_are_found_in_both_quotes_and_srcset_but_not_in_code():
    html = (
        '<a href="/a/">a</a><img src=\'b.png\'><img srcset="c.png 1x, d.png 2x">'
        "<pre><code>&lt;a href=&quot;/shown/&quot;&gt;</code></pre>"
    )
    assert links.urls(html) == {"/a/", "b.png", "c.png", "d.png"}


def test_every_resource_attribute_in_any_letter_case():
    html = (
        b'<A HREF="/a/">a</A><IMG SRC=b.png><link rel=icon href="/i.ico">'
        b'<video poster="p.jpg"><source src="v.mp4" type="video/mp4"></video>'
        b'<form action="/go/"><button formaction="/other/">x</button></form>'
        b'<object data="o.svg"></object><td background="t.gif"><svg><use xlink:href="#s"/>'
        b'<meta property="og:image" content="/card.png"><meta name="x" content="plain text">'
        b'<meta http-equiv="refresh" content="0; URL=\'/moved/\'">'
        b'<p style="background: url(&quot;bg.png&quot;)">'
        b'<a href="q?a=1&amp;b=2">'
    )
    found, _ = links.parse(html)
    assert found == {
        b"/a/", b"b.png", b"/i.ico", b"p.jpg", b"v.mp4", b"/go/", b"/other/", b"o.svg",
        b"t.gif", b"#s", b"/card.png", b"/moved/", b"bg.png", b"q?a=1&b=2",
    }  # fmt: skip


def test_ids_and_old_anchors_are_what_fragments_name():
    _, ids = links.parse(b'<h2 ID="Fees">F</h2><A NAME="old"></A><a class="x" name="older">')
    assert ids == {b"Fees", b"old", b"older"}


def test_markup_shown_as_text_or_commented_out_is_not_a_link():
    html = (
        b'<p>Write <code>&lt;a href="x.html"&gt;</code> or <code>src="y.png"</code>;'
        b" set id=5 in the URL.</p><!-- <a href='/retired/'>old</a> --><a href=\"/real/\">r</a>"
    )
    assert links.parse(html)[0] == {b"/real/"}


def test_srcset_candidates_and_stylesheet_urls():
    assert links.parse(b'<img srcset="a,b.png 1x,c.png 2x, d.png">')[0] == {
        b"a,b.png", b"c.png", b"d.png"
    }  # fmt: skip
    css = b"""/* url(gone.png) */ @import "base.css"; a { background: URL( 'x.png' ) }
        .b { fill: url(#shade) } .c { background: url(data:image/png;base64,AA==) }"""
    assert links.css_urls(css) == [b"base.css", b"x.png", b"data:image/png;base64,AA=="]


def _output(root, files):
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def test_fragments_name_an_id_of_their_page(tmp_path):
    output = _output(
        tmp_path,
        {
            "index.html": '<a href="#top"></a><a href="#"></a><a href="/b/#caf%C3%A9"></a>'
            '<a href="/b/#:~:text=Caf"></a>'
            '<a href="b/index.html#old"></a><a href="#nowhere"></a><a href="/b/#Cafe"></a>'
            '<a href="/feeds/a.xml#x"></a>',
            "b/index.html": '<h2 id="café">C</h2><a name="old"></a>',
            "feeds/a.xml": "<feed/>",
        },
    )
    assert links.check_site(output, []) == {
        "#nowhere": {"index.html": ("index.html", b"nowhere", None)},
        "/b/#Cafe": {"index.html": ("b/index.html", b"Cafe", "café")},
    }
    assert links.describe("/b/#Cafe", "index.html", ("b/index.html", b"Cafe", "café")) == (
        " (b/index.html has no element with id 'Cafe'; did you mean '#café'?)"
    )


def test_stylesheet_urls_resolve_against_the_stylesheet(tmp_path):
    output = _output(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="/theme/css/site.css">',
            "theme/css/site.css": "@font-face{src:url(../fonts/a.woff2)} b{background:url(b.png)}",
            "theme/fonts/a.woff2": "",
        },
    )
    assert links.check_site(output, []) == {"b.png": {"theme/css/site.css": None}}
    assert "it points at /theme/css/b.png" in links.describe("b.png", "theme/css/site.css")


def test_targets_resolve_like_a_web_server(tmp_path):
    for rel in ("index.html", "about/index.html", "x/images/a.png", "feeds/all.atom.xml"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    site = links.Site(tmp_path, ["https://example.org"])
    page = "x/index.html"
    assert site.target(page, "https://elsewhere.org/") is None
    assert site.target(page, "mailto:a@b.c") is None
    for url in ("/about/", "/about", "https://example.org/about/", "images/a.png", "../"):
        assert site.file(site.target(page, url)), url
    for url in ("/nowhere/", "a.png", "../images/a.png", "/feeds/none.xml"):
        assert not site.file(site.target(page, url)), url
