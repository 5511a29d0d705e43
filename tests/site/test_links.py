"""The build's link check has no false alarms: the odd but working links real content has
(upper-case raw HTML, fragments of headings, footnotes and old `<a name>` anchors, percent
encoding, query strings, feeds, `index.html`, other schemes, protocol-relative URLs,
stylesheets' url()s, markup shown as code, comments) all pass, while the one dead link planted
among them is the one error."""

import pytest

from tests.support import ROOT, build_into, tiny_content, write_files

# Our own fixture text: every link below works.
A = """Title: A
Date: 2026-01-01 09:00
Category: Tests

[B, in brief]({filename}/articles/b.md#in-brief), [B from here](../b/), [B with a
query](/b/?ref=a), [B's page](/b/index.html), [the fees below](#fees), [the top](#top),
[the top again](#), [the cafe](#caf%C3%A9-au-lait), [the old anchor](#old-anchor),
[the feed](/feeds/all.atom.xml),
[home](/), [home again](/index.html), [write](mailto:hello@example.org?subject=Hi&body=x),
[call](tel:+441234567890), [elsewhere](//example.org/x), [a file](/files/notes%20v2.pdf).
A footnote.[^1]

<P><A HREF="/b/">B, in capitals</A> <IMG SRC="/images/a.png" ALT="A"></P>

<img src="/images/a.png" srcset="/images/a.png 1x, /images/a%202x.png 2x" alt="A">

<video controls poster="/images/a.png"><source src="/files/notes%20v2.pdf"></video>

<div style="background: url(&quot;/images/a.png&quot;), url(data:image/png;base64,AA==)">x</div>

<style>.x { background: url(/images/a.png) } .y { fill: url(#shade) }</style>

<a name="old-anchor"></a>

Markup shown, not linked: `<a href="nowhere.html">` and `<img src='none.png'>`.

<!-- <a href="/retired-page/">a link the owner commented out</a> -->

## Fees

Text.

<p id="café-au-lait">Coffee.</p>

[^1]: The note, with a way [back up](#fees).
"""
B = """Title: B
Date: 2026-01-02 09:00
Category: Tests

[TOC]

## In brief

See [A's fees]({filename}/articles/a.md#fees).
"""
R = """R in reStructuredText
######################

:date: 2026-01-03
:category: Tests

See `Section two`_ and a footnote [#]_ and `B in brief </b/#in-brief>`_.

.. raw:: html

   <A HREF="#section-two">Down</A>

Section two
===========

Text.

.. [#] A note.
"""
FILES = {
    "articles/a.md": A,
    "articles/b.md": B,
    "articles/r.rst": R,
    "images/a.png": b"\x89PNG\r\n\x1a\n",
    "images/a 2x.png": b"\x89PNG\r\n\x1a\n",
    "files/notes v2.pdf": b"%PDF-1.4\n",
    "extra/print.css": "/* url(commented-out.png) */ @import 'base.css';\n"
    '@font-face { src: url("fonts/serif.woff2") }\n',
    "extra/base.css": "p { color: black }\n",
    "extra/fonts/serif.woff2": b"wOF2",
}
SETTINGS = {
    "STATIC_PATHS": ["images", "files", "extra"],
    # Markdown's toc extension gives every heading an id ([TOC] lists them), which the toc
    # plugin keeps.
    "MARKDOWN": {
        "extension_configs": {
            "markdown.extensions.extra": {},
            "markdown.extensions.toc": {},
        },
        "output_format": "html5",
    },
}


@pytest.fixture(scope="module")
def working(tmp_path_factory):
    """The site above, built."""
    root = tmp_path_factory.mktemp("links")
    content = write_files(root / "content", tiny_content(FILES))
    return build_into(root / "output", PATH=str(content), **SETTINGS)


def test_working_links_of_every_kind_pass(working):
    assert working.errors == []


@pytest.mark.parametrize(
    ("page", "selector"),
    [
        ("/a/", 'a[href="/b/#in-brief"]'),
        ("/a/", 'a[href="#caf%C3%A9-au-lait"]'),
        ("/a/", "a[name=old-anchor]"),
        ("/a/", 'a[href="/b/"]'),  # the upper-case raw HTML, as written
        ("/a/", "img[srcset]"),
        ("/a/", "video[poster] source[src]"),
        ("/a/", "div[style]"),
        ("/a/", "style"),
        ("/a/", 'a.footnote-ref[href^="#fn"]'),
        ("/b/", "div.toc a[href='#in-brief']"),
        ("/r-in-restructuredtext/", 'a[href="#section-two"]'),
        ("/r-in-restructuredtext/", 'a.footnote-reference[href^="#"]'),
    ],
)
def test_the_working_site_has_the_links_it_is_meant_to_test(working, page, selector):
    """Each kind of link above reaches the written page (so its check ran)."""
    assert working.soup(page).select(selector), f"{selector} not on {page}"


@pytest.mark.parametrize(
    ("planted", "expected"),
    [
        ("[dead](#no-such-section)", "broken link to '#no-such-section'"),
        ('<A HREF="/b/#NoSuchPart">dead</A>', "broken link to '/b/#NoSuchPart'"),
        (
            '<img src="/images/a.png" srcset="/images/a-3x.png 3x">',
            "broken link to '/images/a-3x.png'",
        ),
    ],
)
def test_a_dead_link_among_them_is_the_only_error(make_site, planted, expected):
    files = {**FILES, "articles/a.md": A.replace("A footnote.", f"{planted} A footnote.")}
    errors = make_site(files, **SETTINGS).errors
    assert len(errors) == 1, errors
    assert "content/articles/a.md:11: " + expected in errors[0]


def test_a_footnote_in_a_summary_on_pelicans_own_theme_is_no_error(tmp_path):
    """Pelican's theme shows summaries with their links: a footnote reference there leads
    nowhere on the listing page, though it works on the article's own page."""
    content = write_files(
        tmp_path / "content",
        # Longer than a summary's 50 words, which so leave out the footnote itself.
        {
            "articles/n.md": f"Title: N\nDate: 2026-01-01\n\nA claim.[^1] {'More. ' * 60}\n\n"
            "[^1]: Its source.\n",
            # The newest article is shown whole on the index; the others by their summary.
            "articles/newer.md": "Title: Newer\nDate: 2026-01-02\n\nText.\n",
        },
    )
    build = build_into(
        tmp_path / "output",
        conf=None,
        PATH=str(content),
        PLUGIN_PATHS=[str(ROOT / "plugins")],
        PLUGINS=["content_check"],
        TIMEZONE="UTC",
    )
    assert build.errors == []
    index = build.soup("/index.html")
    assert index.select('a[href^="#fn"]'), "the summary lost its link"
    assert not index.select('[id^="fn:"]'), "the summary kept the footnote: nothing is tested"


def test_under_a_siteurl_path_a_root_relative_link_leaves_the_site(make_site):
    # A GitHub Pages project site lives at https://<user>.github.io/<repository>: "/about/"
    # asks the host for its own /about/, not the site's.
    from tests.support import PUBLISH_CONF, article

    def built(body):
        files = {"articles/a.md": article(Slug="a", body=body)}
        return make_site(files, conf=PUBLISH_CONF, SITEURL="https://jane.github.io/practice")

    broken = built("[about](/feeds/all.atom.xml) and [fine]({filename}/pages/privacy.md).")
    assert len(broken.errors) == 1
    assert "articles/a.md:6: broken link to '/feeds/all.atom.xml'" in broken.errors[0]
    assert "or write /practice/feeds/all.atom.xml" in broken.errors[0]
    # A folder the site has ("/a/", this article's own) is still the host's, not the site's.
    folder = built("[me](/a/)")
    assert len(folder.errors) == 1, folder.errors
    assert "broken link to '/a/' (the site is served under /practice/" in folder.errors[0]
    working = built("[feed](/practice/feeds/all.atom.xml), [privacy]({filename}/pages/privacy.md)")
    assert working.errors == []


def test_a_link_to_the_sites_own_host_by_the_other_scheme_is_checked(make_site):
    # A migrated post still links http:// pages of a site now served over https.
    from tests.support import PUBLISH_CONF, article

    body = "[old](http://thrivingpractice.example/no-such-page/) [ok](http://thrivingpractice.example/a/)"
    build = make_site({"articles/a.md": article(Slug="a", body=body)}, conf=PUBLISH_CONF)
    assert len(build.errors) == 1, build.errors
    assert "broken link to 'http://thrivingpractice.example/no-such-page/'" in build.errors[0]


def test_words_that_look_like_a_link_in_alt_text_or_a_title_are_not_one(make_site):
    from tests.support import article

    body = "![The old menu, where Contact was href=/contact/ before](/images/a.png)"
    build = make_site(
        {
            "articles/a.md": article(
                Title="Why the menu said href=/title-contact/", Summary="See src=/x.png.", body=body
            ),
            "images/a.png": b"\x89PNG\r\n\x1a\n",
        }
    )
    assert build.errors == []


def test_a_dead_link_in_an_owners_template_override_names_the_template(make_site, tmp_path):
    from tests.support import article

    overrides = tmp_path / "overrides"
    overrides.mkdir()
    base = (ROOT / "theme/templates/base.html").read_text(encoding="utf-8")
    extra = '<a href="{{ SITEURL }}/imprint/">Imprint</a></body>'
    (overrides / "base.html").write_text(base.replace("</body>", extra), encoding="utf-8")
    build = make_site(
        {"articles/a.md": article(Slug="a")}, THEME_TEMPLATES_OVERRIDES=[str(overrides)]
    )
    assert len(build.errors) == 1, build.errors
    assert "the theme links to '/imprint/'" in build.errors[0]
    assert "written in " in build.errors[0]
    assert "overrides/base.html" in build.errors[0]


def test_a_dead_link_in_a_summary_is_an_error_naming_the_file(make_site):
    from tests.support import article

    summary = "See [the old guide]({filename}/articles/old-guide.md)."
    build = make_site({"articles/a.md": article(Slug="a", Summary=summary)})
    assert len(build.errors) == 1, build.errors
    assert "articles/a.md:5: broken internal link to '/articles/old-guide.md'" in build.errors[0]


def test_a_missing_static_or_attach_file_is_one_error_naming_the_link_as_written(make_site):
    from tests.support import article

    body = "![a]({static}/images/gone.png) [b]({attach}forms/gone.pdf)"
    build = make_site({"articles/a.md": article(Slug="a", body=body)})
    assert len(build.errors) == 2, build.errors
    assert (
        "a.md:6: broken internal link to 'images/gone.png' with {static} or {attach}"
        in (build.errors[1])
    )
    assert "a.md: broken internal link to 'articles/forms/gone.pdf'" in build.errors[0]
