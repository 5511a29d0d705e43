"""Feeds as feed readers and RSS-to-email tools read them (plugins/feeds).

A fixture site, built with development and with production settings, holds what trips readers
up: a translation, a signup-form marker, root-relative and relative links and images, a frame,
a script, a dialog and hidden markup in an article, a summary with markup, a complete series
longer than FEED_MAX_ITEMS and a series with a part still to come. Every feed of both builds is
checked by the validator rules in tests/feedcheck.py, read by feedparser and by newsboat, and
checked for identity, context, content, language and series completeness. The real site's
feeds get the same validator and newsboat pass, without assumptions about its articles.
"""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.feedcheck import content_urls, newsboat_read, problems
from tests.support import PUBLISH_CONF, article, build_into, tiny_content, write_files

ORIGIN = "https://thrivingpractice.example"
DEV_ORIGIN = "http://localhost:8000"
HISTORY = "{http://purl.org/syndication/history/1.0}complete"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

BODY = """Intro paragraph.

[newsletter]

See [the about page](/about/), [part two](../course-two/) and [the notes](#notes).

![A chart](/images/chart.png){: width="640" height="480"}

<img src="../images/photo.png" srcset="../images/photo.png 1x, /images/photo@2x.png 2x"
 width="300" height="200" alt="A photo">

<video src="/media/talk.mp4" poster="../images/poster.png" width="320" height="180"
 controls></video>

<iframe src="https://video.example/embed/42" title="The talk"></iframe>

<script>window.__feed = 1</script>

<dialog open>Subscribe now!</dialog>

<div hidden>Hidden popup markup</div>

<p id="notes" onclick="steal()">The notes &amp; more. <a href="javascript:steal()">Not a link</a>
<a href="mailto:hello@example.org">Write</a></p>
"""


def part(title, day, series, index, **meta):
    """A short series part, its slug its title's."""
    slug = title.lower().replace(" ", "-")
    category = "Courses" if series == "Complete Course" else "Notes"
    return article(
        title,
        f"{day} 09:00",
        f"Part {index}.",
        Slug=slug,
        Category=category,
        Series=series,
        Series_index=index,
        **meta,
    )


FILES = {
    "pages/about.md": "Title: About\nSlug: about\n\nAbout us.\n",
    "images/chart.png": b"\x89PNG\r\n",
    "images/photo.png": b"\x89PNG\r\n",
    "images/photo@2x.png": b"\x89PNG\r\n",
    "images/poster.png": b"\x89PNG\r\n",
    "media/talk.mp4": b"\x00\x00\x00\x18ftypmp42",
    "articles/one.md": article(
        "Course One & More",
        "2026-03-01 09:00",
        BODY,
        Slug="course-one",
        Category="Courses",
        Tags="alpha",
        Summary="A *short* summary with <em>markup</em> & an ampersand.",
        Series="Complete Course",
        Series_index=1,
    ),
    "articles/one-fr.md": article(
        "Cours un",
        # The newest entry, so that the site feed (FEED_MAX_ITEMS) holds it.
        "2026-05-01 09:00",
        "Texte en français, [voir](/about/).",
        Slug="course-one",
        Lang="fr",
        Category="Courses",
        Summary="Résumé.",
    ),
    "articles/two.md": part("Course Two", "2026-03-08", "Complete Course", 2, Tags="alpha"),
    "articles/three.md": part("Course Three", "2026-03-15", "Complete Course", 3),
    "articles/open-1.md": part("Open Part One", "2026-04-01", "Open Course", 1),
    "articles/open-2.md": part("Open Part Two", "2999-01-01", "Open Course", 2),
}

SETTINGS = {
    "STATIC_PATHS": ["images", "media"],
    # Smaller than the complete series: its feed must hold every part all the same.
    "FEED_MAX_ITEMS": 2,
    "TAG_FEED_ATOM": "feeds/tag/{slug}.atom.xml",
    "TAG_FEED_RSS": "feeds/tag/{slug}.rss.xml",
    "SERIES_INFO": {"Complete Course": {"description": "Three parts, all out."}},
    "NEWSLETTER_PROVIDER": "buttondown",
    "NEWSLETTER_ACCOUNT": {"username": "tp"},
}


@pytest.fixture(scope="module", params=["development", "production"])
def feed_site(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param)
    content = write_files(root / "content", tiny_content(FILES))
    conf = {"conf": PUBLISH_CONF} if request.param == "production" else {}
    build = build_into(root / "output", PATH=str(content), **conf, **SETTINGS)
    assert build.errors == []
    build.origin = ORIGIN if request.param == "production" else DEV_ORIGIN
    return build


def feed_files(build):
    found = sorted((build.output / "feeds").rglob("*.xml"))
    assert found, f"no feeds in {build.output}"
    return found


def feed_url(build, path, origin=None):
    return f"{origin or build.origin}/{path.relative_to(build.output).as_posix()}"


def entry_html(entry):
    """An entry's HTML as written: feedparser would drop attributes such as srcset."""
    return entry.raw_html


def parsed(path):
    """feedparser's reading of a feed, each entry with `raw_html`: its content (Atom) or
    description (RSS) as the file has it."""
    data = feedparser.parse(path.read_bytes())
    root = ET.parse(path).getroot()
    raw = [e.findtext(ATOM + "content") for e in root.iter(ATOM + "entry")]
    raw += [item.findtext("description") for item in root.iter("item")]
    assert len(raw) == len(data.entries), path
    for entry, html in zip(data.entries, raw, strict=True):
        entry.raw_html = html or ""
    return data


def course_one(build):
    """The entry of the article with everything in it (its series' feed holds every part)."""
    entries = parsed(build.output / "feeds/series/complete-course.atom.xml").entries
    return next(e for e in entries if e.title == "Course One & More")


def local(build, url):
    """The page of the build that an absolute URL of it points at."""
    assert url.startswith(build.origin + "/"), url
    return build.soup(urlsplit(url).path)


def test_the_fixture_has_every_kind_of_feed(feed_site):
    names = {
        path.relative_to(feed_site.output / "feeds").as_posix() for path in feed_files(feed_site)
    }
    assert {
        "all.atom.xml",
        "all.rss.xml",
        "all-en.atom.xml",
        "all-fr.rss.xml",
        "courses.atom.xml",
        "tag/alpha.rss.xml",
        "series/complete-course.atom.xml",
        "series/open-course.rss.xml",
    } <= names


def test_every_feed_passes_the_validator_rules(feed_site):
    found = [p for path in feed_files(feed_site) for p in problems(path, feed_url(feed_site, path))]
    assert found == []


def test_newsboat_reads_every_feed(feed_site, tmp_path):
    for n, path in enumerate(feed_files(feed_site)):
        data = parsed(path)
        title, link, items = newsboat_read(path, tmp_path / str(n))
        assert (title, link) == (data.feed.title, data.feed.link), path.name
        assert sorted(guid for guid, _, _ in items) == sorted(e.id for e in data.entries)
        assert items, path.name


def test_every_feed_has_its_own_id_its_own_url(feed_site):
    ids = {}
    for path in feed_files(feed_site):
        data = parsed(path)
        if path.name.endswith(".atom.xml"):
            ids[path] = data.feed.id
            assert data.feed.id == feed_url(feed_site, path)
    assert len(set(ids.values())) == len(ids) > 6


def test_entry_ids_and_rss_guids_are_permalinks(feed_site):
    for path in feed_files(feed_site):
        for entry in parsed(path).entries:
            # The link carries the newsletter plugin's subscriber mark; the id never does.
            assert entry.link == entry.id + "#subscriber", (path.name, entry.id)
            assert entry.id.startswith(feed_site.origin + "/"), entry.id
            assert "tag:None" not in entry.id
        if path.name.endswith(".rss.xml"):
            guids = ET.parse(path).getroot().iter("guid")
            assert {guid.get("isPermaLink") for guid in guids} == {"true"}


@pytest.mark.parametrize(
    ("feed", "page"),
    [
        ("feeds/all.atom.xml", "/"),
        ("feeds/all.rss.xml", "/"),
        ("feeds/courses.atom.xml", "/category/courses/"),
        ("feeds/notes.rss.xml", "/category/notes/"),
        ("feeds/tag/alpha.atom.xml", "/tag/alpha/"),
        ("feeds/series/complete-course.atom.xml", "/series/complete-course/"),
        ("feeds/series/complete-course.rss.xml", "/series/complete-course/"),
        ("feeds/series/open-course.atom.xml", "/series/open-course/"),
    ],
)
def test_feeds_link_to_their_page_with_its_title_and_description(feed_site, feed, page):
    data = parsed(feed_site.output / feed)
    assert data.feed.link == feed_site.origin + page
    soup = local(feed_site, data.feed.link)
    assert data.feed.title == soup.title.get_text()
    assert data.feed.subtitle == soup.select_one('meta[name="description"]')["content"]


def test_series_feed_describes_the_series(feed_site):
    data = parsed(feed_site.output / "feeds/series/complete-course.rss.xml")
    assert data.feed.title.startswith("Complete Course")
    assert data.feed.subtitle == "Three parts, all out."


def test_content_urls_are_absolute_against_the_entry_page(feed_site):
    entry = course_one(feed_site)
    urls = set(content_urls(entry_html(entry)))
    origin = feed_site.origin
    assert {
        f"{origin}/about/",
        f"{origin}/course-two/",
        f"{origin}/course-one/#notes",
        f"{origin}/images/chart.png",
        f"{origin}/images/photo.png",
        f"{origin}/images/photo@2x.png",
        f"{origin}/media/talk.mp4",
        f"{origin}/images/poster.png",
        "https://video.example/embed/42",
        "mailto:hello@example.org",
    } == urls
    # The same resolution a browser makes on the page: every site URL is a built file.
    for url in urls - {
        "https://video.example/embed/42",
        f"{origin}/media/talk.mp4",
        "mailto:hello@example.org",
    }:
        assert feed_site.path(urlsplit(url).path).is_file(), url


def test_every_content_url_in_every_feed_is_absolute(feed_site):
    for path in feed_files(feed_site):
        for entry in parsed(path).entries:
            for url in content_urls(entry_html(entry)):
                assert url.startswith(("https://", "http://", "mailto:")), (path.name, url)


def test_entry_content_is_clean_for_readers_and_email(feed_site):
    for path in feed_files(feed_site):
        for entry in parsed(path).entries:
            soup = BeautifulSoup(entry_html(entry), "html.parser")
            assert not soup.select(
                "form, script, dialog, iframe, input, button, [hidden], [onclick]"
            )
            text = soup.get_text()
            assert "Subscribe now!" not in text
            assert "Hidden popup markup" not in text
            assert "Get the newsletter" not in text
    entry = course_one(feed_site)
    soup = BeautifulSoup(entry_html(entry), "html.parser")
    # The frame is a link to what it showed; images keep their size; text and entities stay.
    assert [(a["href"], a.get_text()) for a in soup.select('a[href^="https://video"]')] == [
        ("https://video.example/embed/42", "The talk")
    ]
    sizes = {img["alt"]: (img["width"], img["height"]) for img in soup.select("img")}
    assert sizes == {"A chart": ("640", "480"), "A photo": ("300", "200")}
    assert soup.select_one("video")["width"] == "320"
    assert "The notes & more." in soup.get_text()
    # The page itself still has the form: only the feed leaves it out.
    assert local(feed_site, entry.link).select_one("article form")


def test_summaries_are_plain_text(feed_site):
    for path in feed_files(feed_site):
        for entry in parsed(path).entries:
            if "summary" in entry and path.name.endswith(".atom.xml"):
                assert "<" not in entry.summary, (path.name, entry.summary)
    entry = course_one(feed_site)
    assert BeautifulSoup(entry.summary, "html.parser").get_text() == (
        "A short summary with markup & an ampersand."
    )


def test_titles_are_the_text_written(feed_site):
    titles = {
        e.title for e in parsed(feed_site.output / "feeds/series/complete-course.rss.xml").entries
    }
    assert "Course One & More" in titles


def test_languages_each_site_feed_and_entry_labelled(feed_site):
    root = ET.parse(feed_site.output / "feeds/all.atom.xml").getroot()
    assert root.get(XML_LANG) == "en"
    langs = {e.findtext(ATOM + "title"): e.get(XML_LANG) for e in root.iter(ATOM + "entry")}
    assert langs["Cours un"] == "fr"
    assert langs["Open Part One"] is None  # the feed's own language
    french = parsed(feed_site.output / "feeds/all-fr.atom.xml")
    assert french.feed.language == "fr"
    assert [e.title for e in french.entries] == ["Cours un"]
    english = parsed(feed_site.output / "feeds/all-en.rss.xml")
    assert english.feed.language == "en"
    assert "Cours un" not in {e.title for e in english.entries}


def test_translations_link_to_each_other(feed_site):
    pairs = {
        # Translations follow the site's URL scheme (ARTICLE_LANG_URL in pelicanconf.py).
        "/course-one/": ("fr", "/fr/course-one/"),
        "/fr/course-one/": ("en", "/course-one/"),
    }
    siteurl = "" if feed_site.origin == DEV_ORIGIN else ORIGIN
    for url, (other_lang, other_url) in pairs.items():
        soup = feed_site.soup(url)
        own_lang = soup.html["lang"]
        hreflang = {
            link["hreflang"]: link["href"]
            for link in soup.select('head link[rel="alternate"][hreflang]:not([type])')
        }
        assert hreflang == {own_lang: siteurl + url, other_lang: siteurl + other_url}
        (visible,) = soup.select(".translations a")
        assert (visible["href"], visible["hreflang"], visible["lang"]) == (
            siteurl + other_url,
            other_lang,
            other_lang,
        )
    # The French page's first feed, the one readers and browsers offer, is the French one.
    french_feeds = feed_site.soup("/fr/course-one/").select(
        "head link[rel=alternate][type$='+xml']"
    )
    assert [(f["href"], f.get("hreflang")) for f in french_feeds[:2]] == [
        (siteurl + "/feeds/all-fr.atom.xml", "fr"),
        (siteurl + "/feeds/all-fr.rss.xml", "fr"),
    ]
    assert siteurl + "/feeds/all.atom.xml" in [f["href"] for f in french_feeds]
    # Entries link to the translation where it is.
    french = parsed(feed_site.output / "feeds/all-fr.atom.xml")
    assert [e.link.split("#")[0] for e in french.entries] == [feed_site.origin + "/fr/course-one/"]
    assert feed_site.soup("/course-two/").select(".translations, link[hreflang]") == []


def test_a_series_feed_holds_every_part_and_says_when_complete(feed_site):
    for kind in ("atom", "rss"):
        complete = feed_site.output / f"feeds/series/complete-course.{kind}.xml"
        data = parsed(complete)
        assert [e.title for e in data.entries] == [
            "Course Three",
            "Course Two",
            "Course One & More",
        ]
        assert len(list(ET.parse(complete).getroot().iter(HISTORY))) == 1
        open_feed = feed_site.output / f"feeds/series/open-course.{kind}.xml"
        assert [e.title for e in parsed(open_feed).entries] == ["Open Part One"]
        assert list(ET.parse(open_feed).getroot().iter(HISTORY)) == []
    # Other feeds keep FEED_MAX_ITEMS and never claim to be complete.
    for path in feed_files(feed_site):
        if "series" not in path.parts:
            assert len(parsed(path).entries) <= SETTINGS["FEED_MAX_ITEMS"], path.name
            assert list(ET.parse(path).getroot().iter(HISTORY)) == []


def test_entry_ids_survive_title_and_date_edits(tmp_path):
    def ids(name, title, date):
        files = {"articles/a.md": article(title, date, "Text.", Slug="stable", Modified=None)}
        build = build_into(
            tmp_path / name,
            PATH=str(write_files(tmp_path / f"{name}-content", tiny_content(files))),
        )
        assert build.errors == []
        return [e.id for e in parsed(build.output / "feeds/all.atom.xml").entries]

    assert ids("before", "First Title", "2026-01-01 09:00") == ids(
        "after", "New Title", "2026-02-03 10:00"
    )


def test_rss_summary_only_sends_the_plain_summary(make_site):
    files = {"articles/a.md": article(Summary="Short *and* plain.", body="Long **body**.")}
    build = make_site(files, RSS_FEED_SUMMARY_ONLY=True)
    (entry,) = parsed(build.output / "feeds/all.rss.xml").entries
    assert entry.raw_html == "Short and plain."


def test_an_empty_feed_domain_means_siteurl_for_the_feeds_own_id_and_self_link(make_site):
    build = make_site(
        {"articles/a.md": article(Slug="a")}, conf=PUBLISH_CONF, SITEURL=ORIGIN, FEED_DOMAIN=""
    )
    assert build.errors == []
    data = parsed(build.output / "feeds/all.atom.xml")
    assert data.feed.id == f"{ORIGIN}/feeds/all.atom.xml"
    assert {link.href for link in data.feed.links if link.rel == "self"} == {data.feed.id}
    rss = ET.parse(build.output / "feeds/all.rss.xml").getroot()
    assert rss.find(f"channel/{ATOM}link").get("href") == f"{ORIGIN}/feeds/all.rss.xml"


def test_a_trailing_slash_in_feed_domain_fails_naming_the_setting(make_site):
    # content_check's rule for SITEURL and FEED_DOMAIN alike: one spelling of a site's address.
    build = make_site({"articles/a.md": article(Slug="a")}, FEED_DOMAIN="https://example.org/")
    assert build.errors == [
        "content_check: FEED_DOMAIN: must be an absolute http(s) URL without a trailing slash, "
        "such as https://example.org, got 'https://example.org/'; set it in publishconf.py (or "
        "for one build: SITEURL=https://your.domain make publish)"
    ]


def test_a_rebuild_in_the_same_process_writes_the_same_feeds(tmp_path):
    content = write_files(tmp_path / "content", tiny_content(FILES))
    builds = [build_into(tmp_path / f"out{n}", PATH=str(content), **SETTINGS) for n in (1, 2)]
    first, second = (sorted((b.output / "feeds").rglob("*.xml")) for b in builds)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert len(first) > 10


def test_a_development_build_without_feed_domain_warns(make_site, caplog):
    build = make_site({"articles/a.md": article()}, FEED_DOMAIN="")
    assert build.errors == []
    assert any("feeds: FEED_DOMAIN" in r.getMessage() for r in caplog.records)


def test_a_misspelt_feed_setting_is_named_with_the_right_one(make_site, caplog):
    build = make_site({"articles/a.md": article()}, FEED_DOMIAN="https://example.org")
    assert build.errors == []
    messages = [r.getMessage() for r in caplog.records]
    assert any("FEED_DOMIAN" in m and "did you mean FEED_DOMAIN?" in m for m in messages)


def test_a_feed_domain_without_a_scheme_fails_naming_the_setting(make_site):
    build = make_site({"articles/a.md": article()}, FEED_DOMAIN="thrivingpractice.example")
    assert any(e.startswith("feeds: FEED_DOMAIN") for e in build.errors), build.errors


# The real site: whatever articles it holds, its feeds pass the same checks.


def test_real_site_feeds_pass_the_validator_rules(site, publish_site):
    for build, origin in ((site, DEV_ORIGIN), (publish_site, ORIGIN)):
        found = [
            p for path in feed_files(build) for p in problems(path, feed_url(build, path, origin))
        ]
        assert found == []


def test_real_site_feeds_are_read_by_newsboat(publish_site, tmp_path):
    for n, path in enumerate(feed_files(publish_site)):
        _title, _link, items = newsboat_read(path, tmp_path / str(n))
        assert len(items) == len(parsed(path).entries), path.name


def test_every_feed_entry_links_to_a_built_page(site):
    for feed in feed_files(site):
        for entry in parsed(feed).entries:
            path = urlsplit(entry.link).path
            assert site.path(path).is_file(), (feed.name, entry.link)


@pytest.mark.parametrize("name", ["all.atom.xml", "referral-building.atom.xml"])
def test_atom_feed_metadata(publish_site, name):
    text = (publish_site.output / "feeds" / name).read_text(encoding="utf-8")
    assert 'xml:lang="en"' in text
    assert f'<link href="{ORIGIN}/feeds/{name}" rel="self"/>' in text
    data = feedparser.parse(text)
    assert data.feed.updated_parsed
    entry = data.entries[0]
    assert entry.published_parsed
    assert entry.updated_parsed
    # The newest entry carries its article's category and tags, as the article page shows them.
    page = publish_site.soup(urlsplit(entry.link).path)
    links = page.select('main article a[href*="/category/"], main article a[href*="/tag/"]')
    shown = {a.get_text() for a in links}
    assert shown
    assert shown <= {tag.term for tag in entry.tags}


def test_rss_feed_declares_language_and_self(publish_site):
    text = (publish_site.output / "feeds" / "all.rss.xml").read_text(encoding="utf-8")
    assert "<language>en</language>" in text
    assert f'href="{ORIGIN}/feeds/all.rss.xml" rel="self"' in text


def test_every_page_advertises_the_site_feeds(site):
    for url, soup in site.pages():
        hrefs = {link["href"] for link in soup.select('head link[rel="alternate"]')}
        assert {"/feeds/all.atom.xml", "/feeds/all.rss.xml"} <= hrefs, url


def test_category_page_advertises_its_feed(site):
    soup = site.soup("/category/practice-management/")
    hrefs = {link["href"] for link in soup.select('head link[rel="alternate"]')}
    assert "/feeds/practice-management.atom.xml" in hrefs


def test_newsletter_page_lists_the_feeds(site):
    links = site.soup("/newsletter/").select(".feed-list a")
    hrefs = {a["href"] for a in links}
    assert {
        "/feeds/all.atom.xml",
        "/feeds/all.rss.xml",
        "/feeds/practice-management.atom.xml",
        "/feeds/series/building-referral-relationships.atom.xml",
        "/feeds/series/building-referral-relationships.rss.xml",
    } <= hrefs
    for href in hrefs:
        assert site.path(href).is_file(), href


def test_links_in_entries_reach_their_targets_with_relative_urls(tmp_path):
    # RELATIVE_URLS = True (a development habit): Pelican writes {filename} and {static} links
    # relative to the site's root, which an entry would resolve against its own page.
    body = (
        "See [the about page]({filename}/pages/about.md), [part two]({filename}two.md) "
        "and ![A chart]({static}/images/chart.png)."
    )
    files = {
        "pages/about.md": "Title: About\nSlug: about\n\nAbout us.\n",
        "images/chart.png": b"\x89PNG\r\n",
        "articles/one.md": article("One", "2026-03-01 09:00", body, Slug="one"),
        "articles/two.md": article("Two", "2026-03-02 09:00", "Two.", Slug="two"),
    }
    content = write_files(tmp_path / "content", tiny_content(files))
    build = build_into(
        tmp_path / "output", PATH=str(content), STATIC_PATHS=["images"], RELATIVE_URLS=True
    )
    assert build.errors == []
    build.origin = DEV_ORIGIN
    entry = next(e for e in parsed(build.output / "feeds/all.atom.xml").entries if e.title == "One")
    urls = set(content_urls(entry_html(entry)))
    assert urls == {f"{DEV_ORIGIN}/about/", f"{DEV_ORIGIN}/two/", f"{DEV_ORIGIN}/images/chart.png"}
    for url in urls:
        assert build.path(urlsplit(url).path).is_file(), url


def series_feed(build, slug):
    root = ET.parse(build.output / f"feeds/series/{slug}.atom.xml").getroot()
    return root.findtext(ATOM + "title"), root.find(HISTORY) is not None


@pytest.mark.parametrize("translated_name", [None, "Cours complet"])
def test_a_translated_series_is_complete_only_once_every_part_is_translated(
    tmp_path, translated_name
):
    def en(index):
        return part(f"Part {index}", f"2026-03-0{index}", "Complete Course", index)

    def fr(index):
        return article(
            f"Partie {index}",
            f"2026-04-0{index} 09:00",
            "Texte.",
            Slug=f"part-{index}",
            Lang="fr",
            Category="Courses",
            Series=translated_name or "Complete Course",
            Series_index=index,
        )

    # The title of the French feed: its translated name, or the original's marked as French.
    title = f"{translated_name or 'Complete Course (fr)'} · Thriving Practice"
    slug = "cours-complet-fr" if translated_name else "complete-course-fr"
    files = {"articles/1.md": en(1), "articles/2.md": en(2), "articles/1-fr.md": fr(1)}
    content = write_files(tmp_path / "content", tiny_content(files))
    half = build_into(tmp_path / "half", PATH=str(content))
    assert half.errors == []
    assert series_feed(half, "complete-course") == ("Complete Course · Thriving Practice", True)
    # Part 2 is yet to be translated: the French feed will grow, so it is not complete.
    assert series_feed(half, slug) == (title, False)
    write_files(content, {"articles/2-fr.md": fr(2)})
    whole = build_into(tmp_path / "whole", PATH=str(content))
    assert whole.errors == []
    assert series_feed(whole, slug) == (title, True)


def test_a_translated_page_links_no_feed_of_a_language_without_one(make_site):
    # A French page, and no article in French: there is no French feed to link to.
    build = make_site(
        {
            "articles/a.md": article(),
            "pages/about.md": "Title: About\nSlug: about\n\nAbout us.\n",
            "pages/about-fr.md": "Title: A propos\nSlug: about\nLang: fr\n\nNous.\n",
        }
    )
    assert build.errors == []
    assert not (build.output / "feeds/all-fr.atom.xml").exists()
    feeds = build.soup("/fr/about/").select("head link[rel=alternate][type$='+xml']")
    assert [f["href"] for f in feeds][:2] == ["/feeds/all.atom.xml", "/feeds/all.rss.xml"]
    assert not [f for f in feeds if "all-fr" in f["href"]]


def test_an_entry_whose_slug_is_not_ascii_is_finished_like_any_other(make_site, caplog):
    # feedgenerator percent-encodes an entry's link; the plugin must still know the entry.
    body = "A note[^1].\n\n[^1]: The note."
    build = make_site(
        {"articles/a.md": article(Title="Émotions et coûts", Slug="émotions-et-coûts", body=body)},
        conf=PUBLISH_CONF,
        SITEURL=ORIGIN,
    )
    assert build.errors == []
    assert not any("does not know" in r.getMessage() for r in caplog.records)
    (entry,) = parsed(build.output / "feeds/all.atom.xml").entries
    assert entry.id == f"{ORIGIN}/émotions-et-coûts/"  # an IRI, as Atom allows (RFC 4287, 4.2.6)
    assert entry.link.startswith(f"{ORIGIN}/%C3%A9motions-et-co%C3%BBts/")
    assert f'href="{ORIGIN}/émotions-et-coûts/#fn:1"' in entry.content[0].value


def test_a_link_to_no_url_at_all_is_one_error_naming_the_file(make_site):
    # "https://[your-domain]/" is not a host: the feeds drop it, the link check names it.
    body = "Set the redirect to [the page](https://[your-domain]/thank-you/)."
    build = make_site({"articles/a.md": article(Slug="a", body=body)})
    assert len(build.errors) == 1
    assert "articles/a.md:6: broken link to 'https://[your-domain]/thank-you/'" in build.errors[0]
