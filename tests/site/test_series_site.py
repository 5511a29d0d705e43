"""series_nav on the real site: the referral series, its page, index and feeds."""

import re

import feedparser
import pytest

SERIES = "Building Referral Relationships"
SERIES_URL = "/series/building-referral-relationships/"
PARTS = [
    ("/referrals-start-with-service/", "Referral Building Starts with Service, Not Self-Promotion"),
    ("/the-case-for-reaching-out/", "The Case for Reaching Out"),
    ("/mapping-referral-sources/", "Mapping the People Around Every Client"),
    ("/first-contact-without-selling/", "Making First Contact Without Selling"),
    ("/serving-referral-sources-well/", "Serving Referral Sources Well"),
    (
        "/nurturing-referral-relationships/",
        "Tracking and Nurturing Referral Relationships Over the Years",
    ),
]
FEEDS = [
    "/feeds/series/building-referral-relationships.atom.xml",
    "/feeds/series/building-referral-relationships.rss.xml",
]


def text(tag):
    return " ".join(tag.get_text().split())


@pytest.mark.parametrize(("number", "url"), list(enumerate((url for url, _ in PARTS), start=1)))
def test_every_part_shows_its_place_and_all_parts(site, number, url):
    soup = site.soup(url)
    assert text(soup.select_one(".series-part")) == f"Part {number} of 6 in the series {SERIES}"
    nav = soup.select_one(f'nav[aria-label="Series: {SERIES}"]')
    links = nav.select("ol.series-parts > li > a")
    assert [(a["href"], text(a)) for a in links] == PARTS
    assert [a["href"] for a in links if a.get("aria-current") == "page"] == [url]
    assert {link["href"] for link in soup.select('link[rel="alternate"]')} >= set(FEEDS)


def test_post_navigation_follows_the_site_chronology(site):
    nav = site.soup(PARTS[0][0]).select_one('nav[aria-label="Post navigation"]')
    assert nav.select_one('a[rel="prev"]') is None
    assert text(nav.select_one('a[rel="next"]')) == "Next post: Evaluating Risk in a Small Business"
    nav = site.soup("/evaluating-risk-in-a-small-business/").select_one(".post-nav")
    assert text(nav.select_one('a[rel="prev"]')) == f"Previous post: {PARTS[0][1]}"
    assert text(nav.select_one('a[rel="next"]')) == f"Next post: {PARTS[1][1]}"


def test_the_last_part_says_the_series_is_complete(site):
    nav = site.soup(PARTS[-1][0]).select_one(".series-nav")
    assert nav.select_one(".series-next") is None
    assert nav.select_one(".series-complete a")["href"] == SERIES_URL


def test_series_page_lists_every_part_with_summary_and_reading_time(site):
    page = site.soup(SERIES_URL)
    assert text(page.select_one("h1")) == SERIES
    assert text(page.select_one(".series-description")).startswith("A six-part guide")
    items = page.select("ol.series-parts > li")
    assert [(li.select_one("h2 a")["href"], text(li.select_one("h2"))) for li in items] == PARTS
    # Numbered once, by the list itself.
    for number, li in enumerate(items, start=1):
        meta = text(li.select_one(".meta"))
        assert li["value"] == str(number)
        assert re.fullmatch(r"\d+ \w+ 2026 · \d+ min read", meta), meta
        assert len(text(li.select_one("p:not(.meta)"))) > 80
    assert [a["href"] for a in page.select(".series-follow a")] == FEEDS


def test_series_index_and_header_link(site):
    index = site.soup("/series/")
    assert [a["href"] for a in index.select(".series-list h2 a")] == [SERIES_URL]
    header_links = [a["href"] for a in site.soup("/").select('nav[aria-label="Main"] a')]
    assert "/series/" in header_links


def full_text(entry):
    # Atom carries the article in <content>, RSS in <description>.
    return entry.content[0].value if "content" in entry else entry.summary


@pytest.mark.parametrize("feed", FEEDS)
def test_series_feeds_have_every_part_in_full(site, feed):
    parsed = feedparser.parse(site.path(feed).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == f"Thriving Practice - {SERIES}"
    assert [e.title for e in parsed.entries] == [title for _, title in reversed(PARTS)]
    assert all(len(full_text(e)) > 4000 for e in parsed.entries)


def test_published_series_feeds_and_links_are_absolute(publish_site):
    origin = "https://thrivingpractice.example"
    for feed in FEEDS:
        parsed = feedparser.parse(publish_site.path(feed).read_bytes())
        assert [e.link for e in parsed.entries] == [origin + url for url, _ in reversed(PARTS)]
    alternates = {
        link["href"] for link in publish_site.soup(PARTS[2][0]).select('link[rel="alternate"]')
    }
    assert {origin + feed for feed in FEEDS} <= alternates
