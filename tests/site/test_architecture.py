"""The architecture's promises: each plugin works alone on a plain Pelican site with Pelican's
default theme; our theme works with any of our plugins missing; the output never depends on
the order of PLUGINS."""

import random

import feedparser
import pytest
from pelican.settings import read_settings

from tests.support import DEV_CONF, ROOT, article, build_into, tiny_content, write_files

PLUGIN_PATH = str(ROOT / "plugins")


def part(n, **meta):
    return article(
        f"Part {n}",
        f"2026-02-{n:02d} 09:00",
        f"The text of part {n}, " + "with words " * 40,
        Series="A Series",
        Series_index=n,
        Slug=f"part-{n}",
        Tags="one, two",
        **meta,
    )


CONTENT = {
    "articles/part-1.md": part(1),
    "articles/part-2.md": part(2),
    "articles/part-3.md": part(3, Status="draft"),
    # 320 words: 1 minute at 230 a minute; counted with the signup form's words, 2.
    "articles/aside.md": article(
        "An aside", "2026-02-10 09:00", "[newsletter]\n\n" + "word " * 320, Slug="aside"
    ),
    # reStructuredText: its title arrives as HTML, its quotes as `&quot;` (plain_titles,
    # typography).
    "articles/notes.rst": 'Notes: "quoted" & *emphasised*\n###############################\n\n'
    ":date: 2026-02-11 09:00\n:category: Tests\n:slug: notes\n\nSome notes.\n",
    "pages/about.md": "Title: About\n\nAbout this site.\n",
    "pages/reindex.md": "Title: Re-index\nSave_as: reindex.html\nURL: reindex.html\n\nA page.\n",
}


def plain_site(tmp_path, plugin, **settings):
    """A site with Pelican's defaults (its default theme too) and only `plugin`."""
    content = write_files(tmp_path / "content", tiny_content(CONTENT))
    return build_into(
        tmp_path / "output",
        conf=None,
        PATH=str(content),
        PLUGIN_PATHS=[PLUGIN_PATH],
        PLUGINS=[plugin],
        TIMEZONE="UTC",
        **settings,
    )


def test_series_alone_writes_its_pages_and_feeds_with_the_default_theme(tmp_path):
    build = plain_site(tmp_path, "series")
    assert build.errors == []
    # The plugin's fallback template, inside the default theme's base.html.
    page = build.soup("/series/a-series/index.html")
    assert [a.get_text() for a in page.select("ol.series-parts a")] == ["Part 1", "Part 2"]
    assert page.select_one("link[href*='theme/css/main.css']"), "not in the default theme"
    index = build.soup("/series/index.html")
    assert index.select_one("a[href='/series/a-series/']").get_text() == "A Series"
    feed = feedparser.parse((build.output / "feeds/series/a-series.atom.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == ["Part 2", "Part 1"]


@pytest.mark.parametrize(
    "plugin", ["neighbours", "reading_time", "structured_data", "plain_titles"]
)
def test_a_data_plugin_alone_builds_the_default_theme_site(tmp_path, plugin):
    # They only hand data to templates; the default theme does not use it.
    build = plain_site(tmp_path, plugin)
    assert build.errors == []
    assert build.path("/part-2.html").is_file()


def test_plain_titles_keeps_a_title_html_where_templates_escape_nothing(tmp_path):
    # Pelican's theme shows titles as HTML (autoescape off): a title made text would let
    # "</main>" typed in it end the page's <main>. From a newcomer's real-blog try.
    rst = ("Using the </main> and <canvas> *tags*\n#####################################\n\n"
           ":date: 2026-02-12 09:00\n:category: Tests\n:slug: canvas\n\nBody text.\n")  # fmt: skip
    content = write_files(tmp_path / "content", tiny_content({"articles/tags.rst": rst}))
    build = build_into(tmp_path / "output", conf=None, PATH=str(content),
                       PLUGIN_PATHS=[PLUGIN_PATH], PLUGINS=["plain_titles", "feeds"],
                       TIMEZONE="UTC", FEED_DOMAIN="https://example.org")  # fmt: skip
    assert build.errors == []
    page = build.soup("/canvas.html")
    assert page.select_one("h1.entry-title").get_text(" ", strip=True) == (
        "Using the </main> and <canvas> tags"
    )
    assert page.select_one("h1.entry-title canvas") is None  # the text is not swallowed
    assert "Body text." in page.select_one("div.entry-content").get_text()
    feed = feedparser.parse((build.output / "feeds/all.atom.xml").read_bytes())
    assert feed.entries[0].title == "Using the </main> and <canvas> tags"


def test_sitemap_alone_lists_the_pages(tmp_path):
    build = plain_site(tmp_path, "sitemap_xml")
    assert build.errors == []
    sitemap = (build.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>/part-1.html</loc>" in sitemap
    assert "<loc>/reindex.html</loc>" in sitemap


def test_deploy_headers_alone_writes_the_headers_file(tmp_path):
    build = plain_site(tmp_path, "deploy_headers", DEPLOY_HEADERS={"/*": {"X-A": "b"}})
    assert build.errors == []
    assert build.headers() == {"/*": {"X-A": "b"}}


def test_asset_bundles_alone_bundles_the_default_themes_css(tmp_path):
    build = plain_site(
        tmp_path,
        "asset_bundles",
        ASSET_BUNDLES={"css/all.css": ["css/reset.css", "css/main.css"]},
        ASSET_BUNDLES_SOURCE_DIR="static",
    )
    assert build.errors == []
    assert len(list((build.output / "theme/css").glob("all.*.css"))) == 1


def test_social_cards_alone_draws_cards_on_the_default_theme(tmp_path):
    # Pelican's theme ships no font: the cards are drawn in Pillow's own.
    from PIL import Image

    build = plain_site(tmp_path, "social_cards", SOCIAL_CARDS_CACHE_PATH=str(tmp_path / "c"))
    assert build.errors == []
    cards = sorted((build.output / "social-cards").glob("*.png"))
    assert len(cards) >= 3
    with Image.open(cards[0]) as image:
        assert image.size == (1200, 630)


# This site's plugins, as pelicanconf.py lists them.
OUR_PLUGINS = read_settings(str(DEV_CONF))["PLUGINS"]


def our_site(tmp_path, plugins, name="output"):
    """The fixture content with our settings and theme, and only `plugins`."""
    content = write_files(tmp_path / "content", tiny_content(CONTENT))
    return build_into(
        tmp_path / name,
        PATH=str(content),
        PLUGINS=plugins,
        # What pelicanconf.py works out from its own PLUGINS.
        THEME_STATIC_PATHS=["static"] if "asset_bundles" in plugins else ["static", "assets"],
        NEWSLETTER_POPUP_EXCLUDE_SLUGS=[],
        SERIES_INFO={},
        # Without the series plugin its keys would be unknown metadata, rightly an error.
        CONTENT_CHECK_EXTRA_KEYS=[] if "series" in plugins else ["Series", "Series_index"],
    )


def assert_pages_whole(build):
    """Every page has its one h1, and every stylesheet and script it loads was built."""
    for url, soup in build.pages():
        assert len(soup.find_all("h1")) == 1, url
        for tag in soup.select('link[rel="stylesheet"], script[src]'):
            target = tag.get("href") or tag["src"]
            assert build.path(target).is_file(), f"{url}: {target} was not built"


@pytest.mark.parametrize(
    "missing", [None, *OUR_PLUGINS], ids=lambda m: f"without-{m}" if m else "all"
)
def test_the_theme_works_without_any_one_plugin(tmp_path, missing):
    build = our_site(tmp_path, [p for p in OUR_PLUGINS if p != missing])
    assert build.errors == []
    assert_pages_whole(build)


def test_the_theme_works_with_no_plugin_at_all(tmp_path):
    build = our_site(tmp_path, [])
    assert build.errors == []
    assert_pages_whole(build)
    soup = build.soup("/part-1/")
    assert soup.select_one(".series-part") is None  # `Series` is only text without the plugin
    assert "min read" not in soup.select_one(".post-header").get_text()
    assert soup.select('script[type="application/ld+json"]') == []


@pytest.mark.parametrize("plugin", OUR_PLUGINS)
def test_the_theme_works_with_each_plugin_alone(tmp_path, plugin):
    build = our_site(tmp_path, [plugin])
    assert build.errors == []
    assert_pages_whole(build)


def test_a_page_saved_as_reindex_html_keeps_its_name_in_its_canonical_url(tmp_path):
    build = our_site(tmp_path, OUR_PLUGINS)
    soup = build.soup("/reindex.html")
    assert soup.select_one('link[rel="canonical"]')["href"] == "/reindex.html"
    assert soup.select_one('meta[property="og:url"]')["content"] == "/reindex.html"


def files_of(output):
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def test_the_site_is_byte_for_byte_the_same_for_any_order_of_plugins(tmp_path):
    shuffled = OUR_PLUGINS.copy()
    random.Random(15).shuffle(shuffled)
    orders = [OUR_PLUGINS, list(reversed(OUR_PLUGINS)), shuffled]
    builds = [our_site(tmp_path, order, f"order-{n}") for n, order in enumerate(orders)]
    assert [build.errors for build in builds] == [[], [], []]
    first = files_of(builds[0].output)
    assert "1 min read" in first["aside/index.html"].decode()
    assert ">Notes: “quoted” &amp; emphasised</h1>" in first["notes/index.html"].decode()
    for build, order in zip(builds[1:], orders[1:], strict=True):
        other = files_of(build.output)
        assert sorted(other) == sorted(first), order
        changed = [name for name in first if first[name] != other[name]]
        assert changed == [], f"PLUGINS = {order} changed {changed}"


def test_owners_add_to_every_page_through_extend_head_and_extend_footer(tmp_path):
    overrides = write_files(
        tmp_path / "overrides",
        {
            "base.html": '{% extends "!theme/base.html" %}\n'
            '{% block extend_head %}<meta name="owner" content="head">{% endblock %}\n'
            '{% block extend_footer %}<p class="owner-footer">foot</p>{% endblock %}\n'
        },
    )
    content = write_files(tmp_path / "content", tiny_content(CONTENT))
    build = build_into(
        tmp_path / "output",
        PATH=str(content),
        THEME_TEMPLATES_OVERRIDES=[str(overrides)],
        SERIES_INFO={},
    )
    assert build.errors == []
    for url, soup in build.pages():
        assert soup.select_one('head > meta[name="owner"]'), url
        assert soup.select("body > p.owner-footer")[-1] is soup.select("body > *")[-1], url


def test_our_theme_without_asset_bundles_names_the_setting_that_copies_its_files(tmp_path):
    # From a newcomer's try: the theme on another site, its stylesheet never copied.
    content = write_files(tmp_path / "content", tiny_content(CONTENT))
    build = build_into(tmp_path / "output", PATH=str(content), PLUGINS=["content_check"],
                       THEME_STATIC_PATHS=["static"])  # fmt: skip
    stylesheet = [e for e in build.errors if "'/theme/css/site.css'" in e]
    assert stylesheet, build.errors
    assert "THEME_STATIC_PATHS names (['static'])" in stylesheet[0]
