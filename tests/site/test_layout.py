"""Orientation on the real site and tiny ones: current section, date order, series navigation
without repeats, series page numbering and grammar, wrapped tables, thank-you links."""

from datetime import datetime

from tests.site.test_series_build import SETTINGS, part
from tests.support import article


def current(soup):
    nav = soup.select_one('nav[aria-label="Main"]')
    return [(a.get_text(strip=True), a["aria-current"]) for a in nav.select("a[aria-current]")]


def test_header_marks_the_current_section(site):
    assert current(site.soup("/")) == [("Articles", "page")]
    assert current(site.soup("/archives/")) == [("Archives", "page")]
    assert current(site.soup("/series/")) == [("Series", "page")]
    assert current(site.soup("/series/building-referral-relationships/")) == [("Series", "true")]
    assert current(site.soup("/about/")) == [("About", "page")]
    assert current(site.soup("/evaluating-risk-in-a-small-business/")) == []


def test_archives_list_newest_first_like_the_home_page(site):
    def dates(path):
        times = site.soup(path).select("main time:not(.updated)")
        return [datetime.fromisoformat(t["datetime"]) for t in times]

    archive = dates("/archives/")
    assert len(archive) > 1
    assert archive == sorted(archive, reverse=True)
    home = dates("/")
    assert home == sorted(home, reverse=True)


def test_no_link_is_offered_twice_in_a_row_on_a_series_part(site):
    for path in ("/mapping-referral-sources/", "/referrals-start-with-service/"):
        soup = site.soup(path)
        pager = [a["href"] for a in soup.select(".series-pager a, .post-nav a")]
        assert pager, path
        assert len(pager) == len(set(pager)), path


def test_each_part_has_a_compact_part_navigation_at_the_top(site):
    top = site.soup("/mapping-referral-sources/").select_one("article header nav.series-compact")
    links = [(a["href"], " ".join(a.get_text().split())) for a in top.select("a")]
    assert links == [
        ("/the-case-for-reaching-out/", "← Part 2: The Case for Reaching Out"),
        ("/first-contact-without-selling/", "Part 4: Making First Contact Without Selling →"),
    ]
    first = site.soup("/referrals-start-with-service/").select("nav.series-compact a")
    assert [a["href"] for a in first] == ["/the-case-for-reaching-out/"]


def test_a_one_part_series_is_numbered_once_in_the_singular(make_site):
    build = make_site({"articles/one.md": part(1, Slug="only")}, **SETTINGS)
    assert build.errors == []
    page = build.soup("/series/tips/")
    assert page.select_one(".meta").get_text(strip=True) == "A series in 1 part."
    complete = build.soup("/only/").select_one(".series-complete").get_text(" ", strip=True)
    assert complete == "This is the final part: the series is complete."


def test_tables_scroll_in_a_labelled_focusable_box(make_site):
    table = "| A | B |\n|---|---|\n| 1 | 2 |"
    html_table = "<table><caption>Fees &amp; costs</caption><tr><td>1</td></tr></table>"
    build = make_site({"articles/a.md": article(Slug="a", body=f"{table}\n\n{html_table}")})
    assert build.errors == []
    boxes = build.soup("/a/").select(".post-body div.table-scroll")
    assert [(b["role"], b["tabindex"], b["aria-label"]) for b in boxes] == [
        ("region", "0", "Table"),
        ("region", "0", "Fees & costs"),
    ]
    assert all(b.find("table", recursive=False) for b in boxes)


def test_thank_you_page_links_to_the_articles_and_the_series(site):
    links = {a["href"] for a in site.soup("/thank-you/").select("main article a")}
    assert "/referrals-start-with-service/" in links
    assert links & {"/", "/index.html"}
