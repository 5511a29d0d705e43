"""The series, neighbours and reading_time plugins on tiny sites: one build per rule (drafts,
future parts, hidden articles, translations, ordering, errors and warnings, rebuilds)."""

import logging

import feedparser
import pytest

from tests.support import article, build_into, tiny_content, write_files

# No SERIES_INFO from the real site: its series is not in these sites.
SETTINGS = {"SERIES_INFO": {}}


def part(n, series="Tips", date=None, body="Some text.", **meta):
    """Part n of a series; `meta` overrides any metadata (None drops a key)."""
    fields = {
        "Series": series,
        "Series_index": n,
        "Slug": f"tip-{n}",
        "Summary": f"Summary of tip {n}.",
        **meta,
    }
    return article(f"Tip {n}", date or f"2026-01-{n * 2:02d} 09:00", body, **fields)


def standalone(title, date, **meta):
    return article(title=title, date=date, Slug=title.lower().replace(" ", "-"), **meta)


def site(make_site, files, **settings):
    result = make_site(files, **{**SETTINGS, **settings})
    assert result.errors == []
    return result


def text(tag):
    return " ".join(tag.get_text().split()) if tag else None


def series_nav(build, url, name="Tips"):
    return build.soup(url).select_one(f'nav[aria-label="Series: {name}"]')


def post_nav(build, url):
    nav = build.soup(url).select_one('nav[aria-label="Post navigation"]')
    return (
        text(nav.select_one('a[rel="prev"]')) if nav else None,
        text(nav.select_one('a[rel="next"]')) if nav else None,
    )


def part_links(nav):
    """(text, href or None, current?) for each item of the part list."""
    return [
        (text(li.select_one("a") or li).removesuffix(" (coming soon)"), *_link(li))
        for li in nav.select("ol.series-parts > li")
    ]


def _link(li):
    a = li.select_one("a")
    return (a["href"], a.get("aria-current") == "page") if a else (None, False)


THREE_PARTS = {
    "articles/tip-1.md": part(1),
    "articles/aside.md": standalone("An Aside", "2026-01-03 09:00"),
    "articles/tip-2.md": part(2),
    "articles/tip-3.md": part(3),
}


def test_a_series_article_shows_its_place_its_parts_and_its_neighbours(make_site):
    build = site(make_site, THREE_PARTS)

    soup = build.soup("/tip-2/")
    assert text(soup.select_one(".post-header .series-part")) == "Part 2 of 3 in the series Tips"
    assert soup.select_one(".series-part a")["href"] == "/series/tips/"
    nav = series_nav(build, "/tip-2/")
    assert part_links(nav) == [
        ("Tip 1", "/tip-1/", False),
        ("Tip 2", "/tip-2/", True),
        ("Tip 3", "/tip-3/", False),
    ]
    assert text(nav.select_one(".series-previous")) == "Previous part: Tip 1"
    assert text(nav.select_one(".series-next")) == "Next part: Tip 3"
    assert nav.select_one(".series-complete") is None
    # Site chronology interleaves the standalone article.
    assert post_nav(build, "/tip-1/") == (None, "Next post: An Aside")
    # The next post is also the next part: offered once, by the series navigation.
    assert post_nav(build, "/tip-2/") == ("Previous post: An Aside", None)
    assert post_nav(build, "/an-aside/") == ("Previous post: Tip 1", "Next post: Tip 2")

    first = series_nav(build, "/tip-1/")
    assert first.select_one(".series-previous") is None
    last = series_nav(build, "/tip-3/")
    assert last.select_one(".series-next") is None
    assert text(last.select_one(".series-complete")).startswith(
        "This is the final part: the series is complete."
    )
    assert last.select_one(".series-complete a")["href"] == "/series/tips/"
    assert build.soup("/an-aside/").select_one(".series-nav, .series-part") is None


def test_series_page_index_and_feeds(make_site):
    body = " ".join(["word"] * 460)
    files = {**THREE_PARTS, "articles/tip-3.md": part(3, body=body)}
    info = {"Tips": {"description": "Three short tips."}}
    build = site(make_site, files, SERIES_INFO=info)

    page = build.soup("/series/tips/")
    assert text(page.select_one("h1")) == "Tips"
    assert len(page.select("h1")) == 1
    assert text(page.select_one(".series-description")) == "Three short tips."
    items = page.select("ol.series-parts > li")
    assert [text(li.select_one("h2")) for li in items] == ["Tip 1", "Tip 2", "Tip 3"]
    assert text(items[0].select_one(".meta")).endswith("· 1 min read")
    assert text(items[2].select_one(".meta")).endswith("· 2 min read")
    assert text(items[1].select_one("p:not(.meta)")) == "Summary of tip 2."
    follow = [a["href"] for a in page.select(".series-follow a")]
    assert follow == ["/feeds/series/tips.atom.xml", "/feeds/series/tips.rss.xml"]

    for url in ("/series/tips/", "/tip-1/"):
        alternates = {
            link["href"]: link["title"]
            for link in build.soup(url).select('link[rel="alternate"]')
            if "/series/" in link["href"]
        }
        assert alternates == {
            "/feeds/series/tips.atom.xml": "Thriving Practice: Tips (Atom)",
            "/feeds/series/tips.rss.xml": "Thriving Practice: Tips (RSS)",
        }

    index = build.soup("/series/")
    assert [a["href"] for a in index.select(".series-list h2 a")] == ["/series/tips/"]
    assert index.select_one('nav[aria-label="Main"] a[aria-current="page"]').text == "Series"

    for name in ("tips.atom.xml", "tips.rss.xml"):
        feed = feedparser.parse((build.output / "feeds/series" / name).read_bytes())
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert feed.feed.title == "Tips · Thriving Practice"
        assert [e.title for e in feed.entries] == ["Tip 3", "Tip 2", "Tip 1"]
    atom = feedparser.parse((build.output / "feeds/series/tips.atom.xml").read_bytes())
    assert atom.entries[0].content[0].value.count("word") == 460


def test_a_draft_is_no_part_of_the_series_and_never_announced(make_site):
    files = {**THREE_PARTS, "articles/tip-2.md": part(2, Status="draft")}
    build = site(make_site, files)

    nav = series_nav(build, "/tip-1/")
    assert part_links(nav) == [("Tip 1", "/tip-1/", True), ("Tip 3", "/tip-3/", False)]
    assert "coming soon" not in text(nav)
    assert text(nav.select_one(".series-next")) == "Next part: Tip 3"
    assert text(build.soup("/tip-3/").select_one(".series-part")).startswith("Part 2 of 2")
    assert build.soup("/tip-3/").select_one(".series-coming") is None
    assert "Tip 2" not in text(build.soup("/series/tips/").select_one("main"))
    assert post_nav(build, "/tip-3/") == ("Previous post: An Aside", None)
    # The draft builds, out of the series, and nothing published links to it.
    assert build.path("/drafts/tip-2/").is_file()
    assert series_nav(build, "/drafts/tip-2/") is None
    published = [p for p in build.html_pages() if "drafts" not in p.parts]
    assert not [p for p in published if "/drafts/" in p.read_text(encoding="utf-8")]
    feed = feedparser.parse((build.output / "feeds/series/tips.atom.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Tip 3", "Tip 1"]


def test_a_draft_may_share_its_series_index_with_a_published_part(make_site):
    files = {**THREE_PARTS, "articles/tip-2-rewrite.md": part(2, Status="draft", Slug="rewrite")}
    build = site(make_site, files)
    titles = [t for t, _, _ in part_links(series_nav(build, "/tip-2/"))]
    assert titles == ["Tip 1", "Tip 2", "Tip 3"]


def test_a_future_next_part_is_announced_with_the_signup(make_site):
    files = {
        **THREE_PARTS,
        "articles/tip-3.md": part(3, date="2999-01-01 09:00"),
        "pages/newsletter.md": "Title: Newsletter\nSlug: newsletter\n\nSign up.\n",
    }
    # The signup link is the menu's Subscribe link (MENU_SUBSCRIBE).
    build = site(make_site, files, MENU_SUBSCRIBE=("Subscribe", "pages/newsletter.md"))

    nav = series_nav(build, "/tip-2/")
    assert nav.select_one(".series-next") is None
    assert nav.select_one(".series-complete") is None
    coming = nav.select_one(".series-coming")
    assert text(coming) == "Part 3, “Tip 3”, is coming soon. Get it by email."
    signup = coming.select_one("a[data-subscribe]")
    assert signup["href"] == "/newsletter/"
    assert part_links(nav)[2] == ("Tip 3", None, False)
    assert text(build.soup("/tip-2/").select_one(".series-part")).startswith("Part 2 of 3")
    assert post_nav(build, "/tip-2/") == ("Previous post: An Aside", None)

    page = build.soup("/series/tips/")
    assert text(page.select_one(".meta")) == "A series in 3 parts, 2 published so far."
    third = page.select("ol.series-parts > li")[2]
    assert (third["value"], text(third.select_one(".meta"))) == ("3", "Coming soon")
    assert page.select_one(".series-follow a[data-subscribe]")["href"] == "/newsletter/"
    assert not (build.output / "tip-3").exists()


def test_hidden_articles_never_appear_in_navigation(make_site):
    files = {
        "articles/a.md": standalone("Alpha", "2026-01-01 09:00"),
        "articles/h.md": standalone("Hidden", "2026-01-02 09:00", Status="hidden"),
        "articles/b.md": standalone("Beta", "2026-01-03 09:00"),
        "articles/tip-1.md": part(1, date="2026-01-04 09:00"),
        "articles/tip-2.md": part(2, date="2026-01-05 09:00", Status="hidden"),
    }
    build = site(make_site, files)
    assert post_nav(build, "/alpha/") == (None, "Next post: Beta")
    assert post_nav(build, "/hidden/") == ("Previous post: Alpha", "Next post: Beta")
    assert part_links(series_nav(build, "/tip-1/")) == [("Tip 1", "/tip-1/", True)]
    assert build.soup("/tip-2/").select_one(".series-nav") is None


def test_a_translation_belongs_to_the_series_in_its_own_language(make_site):
    files = {
        "articles/tip-1.md": part(1),
        "articles/tip-2.md": part(2),
        "articles/tip-1-fr.md": part(1, series="Astuces", Lang="fr", Title="Astuce 1"),
        "articles/other-fr.md": standalone("Autre", "2026-01-03 09:00", Lang="fr"),
    }
    build = site(make_site, files)

    assert part_links(series_nav(build, "/tip-1/")) == [
        ("Tip 1", "/tip-1/", True),
        ("Tip 2", "/tip-2/", False),
    ]
    french = build.soup("/fr/tip-1/")
    nav = french.select_one('nav[aria-label="Series: Astuces"]')
    assert part_links(nav) == [("Astuce 1", "/fr/tip-1/", True)]
    assert french.select_one(".series-part a")["href"] == "/series/astuces-fr/"
    assert post_nav(build, "/fr/tip-1/") == (None, "Next post: Autre")
    assert post_nav(build, "/tip-1/") == (None, None)  # Tip 2 is the next part
    page = build.soup("/series/astuces-fr/")
    assert page.select_one("html")["lang"] == "fr"
    assert [text(h) for h in page.select("ol.series-parts h2")] == ["Astuce 1"]
    assert (build.output / "feeds/series/astuces-fr.atom.xml").is_file()
    assert [a["href"] for a in build.soup("/series/").select(".series-list h2 a")] == [
        "/series/tips/",
        "/series/astuces-fr/",
    ]


def test_article_order_by_sets_the_post_chronology(make_site):
    files = {
        "articles/a.md": standalone("Alpha", "2026-01-03 09:00"),
        "articles/b.md": standalone("Beta", "2026-01-01 09:00"),
        "articles/g.md": standalone("Gamma", "2026-01-02 09:00"),
    }
    by_date = site(make_site, files)
    assert post_nav(by_date, "/beta/") == (None, "Next post: Gamma")
    by_title = site(make_site, files, ARTICLE_ORDER_BY="title")
    assert post_nav(by_title, "/beta/") == ("Previous post: Alpha", "Next post: Gamma")


@pytest.mark.parametrize("value", ["two", "0", "-1"])
def test_an_invalid_index_fails_the_build_naming_the_file_and_value(make_site, value):
    result = make_site({"articles/bad-part.md": part(1, Series_index=value)}, **SETTINGS)
    assert any(
        e.startswith("series: ")
        and "bad-part.md" in e
        and f"Series_index '{value}' is not a positive integer" in e
        for e in result.errors
    ), result.errors


def test_a_duplicate_index_fails_the_build_naming_both_files(make_site):
    files = {"articles/first.md": part(1), "articles/second.md": part(2, Series_index=1)}
    result = make_site(files, **SETTINGS)
    assert any(
        "Series_index 1 is used by both" in e and "first.md" in e and "second.md" in e
        for e in result.errors
    ), result.errors


def test_an_invalid_setting_fails_the_build_naming_it(make_site):
    result = make_site({"articles/tip-1.md": part(1)}, SERIES_URL="series/", **SETTINGS)
    assert "series: SERIES_URL: must be a string containing {slug}, got 'series/'" in result.errors


def warnings_of(caplog):
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.getMessage().startswith("series:")
    ]


def test_a_gap_and_a_mix_are_warnings_naming_the_series(make_site, caplog):
    files = {
        "articles/tip-1.md": part(1),
        "articles/tip-3.md": part(3),
        "articles/extra.md": part(9, Series_index=None),
    }
    site(make_site, files)
    warnings = warnings_of(caplog)
    assert any("series 'Tips'" in w and "gap" in w and "2" in w for w in warnings), warnings
    assert any("series 'Tips' mixes" in w and "extra.md" in w for w in warnings), warnings


def test_similar_series_names_are_a_warning_naming_both_spellings_and_files(make_site, caplog):
    files = {"articles/tip-1.md": part(1), "articles/tip-2.md": part(2, series="tips!")}
    build = site(make_site, files)
    assert any(
        "'Tips'" in w and "tip-1.md" in w and "'tips!'" in w and "tip-2.md" in w
        for w in warnings_of(caplog)
    ), warnings_of(caplog)
    assert len(part_links(series_nav(build, "/tip-2/"))) == 2


def test_warnings_are_repeated_by_a_rebuild_in_the_same_process(make_site, caplog):
    files = {"articles/tip-1.md": part(1), "articles/tip-3.md": part(3)}
    site(make_site, files)
    site(make_site, files)
    assert len([w for w in warnings_of(caplog) if "gap" in w]) == 2


def test_a_rebuild_in_the_same_process_is_identical_and_forgets_removed_articles(tmp_path):
    content = write_files(tmp_path / "content", tiny_content(THREE_PARTS))
    outputs = [tmp_path / "one", tmp_path / "two"]
    for output in outputs:
        assert build_into(output, PATH=str(content), **SETTINGS).errors == []
    files = [p.relative_to(outputs[0]) for p in sorted(outputs[0].rglob("*")) if p.is_file()]
    assert files == [
        p.relative_to(outputs[1]) for p in sorted(outputs[1].rglob("*")) if p.is_file()
    ]
    for rel in files:
        assert (outputs[0] / rel).read_bytes() == (outputs[1] / rel).read_bytes(), rel

    (content / "articles/tip-3.md").unlink()
    build = build_into(outputs[1], PATH=str(content), **SETTINGS)
    assert build.errors == []
    nav = series_nav(build, "/tip-2/")
    assert [t for t, _, _ in part_links(nav)] == ["Tip 1", "Tip 2"]
    assert nav.select_one(".series-complete") is not None
    assert post_nav(build, "/tip-2/") == ("Previous post: An Aside", None)


def test_no_series_index_when_its_save_as_is_empty(make_site):
    files = {"articles/tip-1.md": part(1), "articles/tip-2.md": part(2)}
    with_index = site(make_site, files)
    assert with_index.path("/series/").is_file()
    assert with_index.soup("/").select_one('header a[href="/series/"]')
    build = site(make_site, files, SERIES_INDEX_SAVE_AS="")
    assert not (build.output / "series" / "index.html").exists()
    assert build.soup("/").select_one('header a[href="/series/"]') is None
    assert build.path("/series/tips/").is_file()


def test_words_per_minute_sets_the_reading_time(make_site):
    body = " ".join(["word"] * 600)
    files = {"articles/tip-1.md": part(1, body=body)}
    for per_minute, minutes in ((200, 3), (600, 1)):
        build = site(make_site, files, READING_TIME_WORDS_PER_MINUTE=per_minute)
        meta = text(build.soup("/tip-1/").select_one(".post-header .meta"))
        assert f"· {minutes} min read ·" in meta, meta
