"""Canonical URLs, descriptions, social cards, JSON-LD, sitemap and robots.txt."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime

from tests.support import ROOT, article, build_into, tiny_content, write_files

ORIGIN = "https://thrivingpractice.example"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(soup):
    return {
        item["@type"]: item
        for item in (
            json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')
        )
    }


def is_noindex(soup):
    robots = soup.select_one('meta[name="robots"]')
    return robots is not None and "noindex" in robots["content"]


def test_every_page_has_canonical_description_and_cards(publish_site):
    for url, soup in publish_site.pages():
        canonical = soup.select('link[rel="canonical"]')
        assert len(canonical) == 1, url
        if url != "/404.html":
            assert canonical[0]["href"] == ORIGIN + url
        assert soup.select_one('meta[name="description"]')["content"].strip(), url
        assert soup.select_one('meta[property="og:title"]')["content"].strip(), url
        assert soup.select_one('meta[property="og:url"]')["content"] == canonical[0]["href"]
        assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"


def test_article_description_is_its_summary(site):
    source = ROOT / "content/articles/practice-management/evaluating-risk-in-a-small-business.md"
    summary = re.search(r"^Summary: (.+)$", source.read_text(), re.M).group(1)
    soup = site.soup("/evaluating-risk-in-a-small-business/")
    description = soup.select_one('meta[name="description"]')["content"]
    # Markdown's smart quotes may curl the apostrophes; the words are the summary's.
    assert re.sub(r"\W", "", description) == re.sub(r"\W", "", summary)


def test_article_json_ld(publish_site):
    soup = publish_site.soup("/evaluating-risk-in-a-small-business/")
    data = json_ld(soup)
    post = data["BlogPosting"]
    assert post["@context"] == "https://schema.org"
    assert post["headline"] == "Evaluating Risk in a Small Business"
    assert datetime.fromisoformat(post["datePublished"]).isoformat() == post["datePublished"]
    assert datetime.fromisoformat(post["dateModified"]).tzinfo is not None
    assert post["mainEntityOfPage"]["@id"] == ORIGIN + "/evaluating-risk-in-a-small-business/"
    assert post["author"]["name"] == "Thriving Practice"
    assert post["publisher"]["@type"] == "Organization"
    assert "isPartOf" not in post
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[1]["item"] == ORIGIN + "/category/practice-management/"


def test_series_part_json_ld_is_part_of_the_series(publish_site):
    post = json_ld(publish_site.soup("/the-case-for-reaching-out/"))["BlogPosting"]
    assert post["isPartOf"]["@type"] == "CreativeWorkSeries"
    assert post["isPartOf"]["name"] == "Building Referral Relationships"
    assert post["isPartOf"]["url"].startswith(ORIGIN + "/series/")
    assert post["position"] == 2


def test_home_page_declares_the_website(publish_site):
    site_ld = json_ld(publish_site.soup("/"))["WebSite"]
    assert site_ld["url"] == ORIGIN + "/"
    assert site_ld["name"] == "Thriving Practice"


def sitemap_entries(build):
    """{loc: lastmod or None} of a build's sitemap.xml."""
    tree = ET.parse(build.output / "sitemap.xml")
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in tree.getroot().findall("sm:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_indexable_page_and_nothing_else(publish_site):
    listed = sitemap_entries(publish_site)
    pages = {ORIGIN + url: soup for url, soup in publish_site.pages()}
    indexable = {
        url for url, soup in pages.items() if not is_noindex(soup) and "/drafts/" not in url
    }
    assert set(listed) == indexable
    assert ORIGIN + "/thank-you/" not in listed
    assert ORIGIN + "/404.html" not in listed
    # An article's date of last change, as its page states it.
    for url, lastmod in listed.items():
        soup = pages[url]
        changed = soup.select_one('meta[property="article:modified_time"]') or soup.select_one(
            'meta[property="article:published_time"]'
        )
        assert lastmod == (changed["content"] if changed else None), url


def test_a_rebuild_after_a_crashed_build_writes_the_whole_sitemap(tmp_path):
    # The page's template is missing: the build crashes after writing the articles.
    files = {
        "articles/one.md": article(title="One"),
        "pages/broken.md": "Title: Broken\nTemplate: nosuchtemplate\n\nx\n",
    }
    crashed_content = write_files(tmp_path / "c1", tiny_content(files))
    crashed = build_into(tmp_path / "crashed", PATH=str(crashed_content))
    assert any("nosuchtemplate" in error for error in crashed.errors), crashed.errors
    good = {"articles/two.md": article(title="Two")}
    good_content = write_files(tmp_path / "c2", tiny_content(good))
    rebuilt = build_into(tmp_path / "rebuilt", PATH=str(good_content))
    assert rebuilt.errors == []
    listed = {loc.removeprefix("http://localhost:8000") for loc in sitemap_entries(rebuilt)}
    assert listed == {
        "/",
        "/two/",
        "/archives/",
        "/categories/",
        "/tags/",
        "/category/tests/",
        "/series/",
        "/search/",
    }


def test_robots_txt_points_at_the_sitemap(publish_site):
    robots = (publish_site.output / "robots.txt").read_text()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots.splitlines()


def test_series_page_describes_the_series_and_its_parts(publish_site):
    soup = publish_site.soup("/series/building-referral-relationships/")
    data = json_ld(soup)["CreativeWorkSeries"]
    assert data["name"] == "Building Referral Relationships"
    assert soup.select_one('meta[name="description"]')["content"] == data["description"]
    positions = [part["position"] for part in data["hasPart"]]
    assert positions == list(range(1, len(positions) + 1))
    assert len(positions) == len(soup.select("ol.series-parts h2 a"))
    assert data["hasPart"][1]["url"] == ORIGIN + "/the-case-for-reaching-out/"
