"""The real site builds with the expected pages and valid feeds; bad input fails the build."""

import logging

import feedparser
import pytest

from tests.support import article, build_into, run_cli, tiny_content, write_conf, write_files

EXPECTED_PAGES = [
    "index.html",
    "404.html",
    "archives/index.html",
    "categories/index.html",
    "tags/index.html",
    "category/referral-building/index.html",
    "category/practice-management/index.html",
    "about/index.html",
    "newsletter/index.html",
    "free-practice-analysis/index.html",
    "thank-you/index.html",
    "privacy/index.html",
    "evaluating-risk-in-a-small-business/index.html",
    "referrals-start-with-service/index.html",
    "feeds/all.atom.xml",
    "feeds/all.rss.xml",
    "feeds/referral-building.atom.xml",
    "feeds/referral-building.rss.xml",
    "feeds/practice-management.atom.xml",
]


@pytest.mark.parametrize("path", EXPECTED_PAGES)
def test_expected_output(site, path):
    assert (site.output / path).is_file()


def test_articles_have_pretty_urls(site):
    index = site.soup("/")
    links = [a["href"] for a in index.select(".post-list h2 a")]
    assert links
    for href in links:
        assert href.endswith("/"), href
        assert site.path(href).is_file(), href


def test_index_and_categories_paginate_with_pretty_urls(make_site):
    files = {
        f"articles/a{n:02}.md": article(title=f"Article {n}", date=f"2026-01-{n:02} 09:00")
        for n in range(1, 22)
    }
    result = make_site(files)
    assert result.errors == []
    for listing in ("/", "/category/tests/"):
        assert result.soup(listing).select_one('a[rel="next"]')["href"] == f"{listing}page/2/"
        page2 = result.soup(f"{listing}page/2/")
        assert page2.select_one('a[rel="prev"]')["href"] == listing
        assert page2.select_one('a[rel="next"]')["href"] == f"{listing}page/3/"
        titles = [a.get_text() for a in result.soup(f"{listing}page/3/").select(".post-list h2 a")]
        assert titles == ["Article 1"]


def test_every_feed_parses(site):
    feeds = sorted((site.output / "feeds").glob("*.xml"))
    assert len(feeds) >= 6
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed.name, parsed.get("bozo_exception"))
        assert parsed.entries, feed.name


def test_site_feed_has_full_content(site):
    parsed = feedparser.parse((site.output / "feeds/all.atom.xml").read_bytes())
    published = site.soup("/archives/").select(".archive-list a")
    assert sorted(e.title for e in parsed.entries) == sorted(a.get_text() for a in published)
    longest = max(len(e.content[0].value) for e in parsed.entries)
    assert longest > 4000


def test_article_without_title_fails_naming_the_file(make_site):
    result = make_site({"articles/untitled.md": article(title=None)})
    assert any("untitled.md" in e and "title" in e for e in result.errors), result.errors


def test_broken_internal_link_fails_naming_the_file(make_site):
    def linking_to(target, title):
        return article(title=title, body=f"See [the missing one]({{filename}}/articles/{target}).")

    result = make_site(
        {
            "articles/linker.md": linking_to("nowhere.md", "Linker"),
            "articles/fine.md": article(title="Fine"),
            "articles/other.md": linking_to("elsewhere.md", "Other"),
        }
    )
    links = sorted(e for e in result.errors if "broken internal link" in e)
    # Each file is blamed for its own broken link only.
    assert len(links) == 2, result.errors
    assert "linker.md" in links[0], links
    assert "nowhere.md" in links[0], links
    assert "other.md" in links[1], links
    assert "elsewhere.md" in links[1], links


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path):
    content = write_files(tmp_path / "content", tiny_content({"articles/good.md": article()}))
    output = tmp_path / "output"
    assert build_into(output, PATH=str(content)).errors == []
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}

    write_files(content, {"articles/bad.md": article(date="the day after tomorrow")})
    assert build_into(output, PATH=str(content)).errors
    after = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob(".output.build-*")), "staging directories must be cleaned up"


def test_cli_exits_non_zero_and_names_the_file(tmp_path):
    files = tiny_content({"articles/untitled.md": article(title=None)})
    content = write_files(tmp_path / "content", files)
    conf = write_conf(tmp_path / "conf.py", PATH=str(content))
    proc = run_cli(conf, tmp_path / "out")
    assert proc.returncode == 1
    assert "untitled.md" in proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("setting", "plugin"),
    [
        ("NEWSLETTER_PROVDER", "newsletter"),
        ("NEWSLETTER_POPUP_DELAY", "newsletter"),
        ("ASSET_BUNDLES_MINIFIY", "asset_bundles"),
        ("DEPLOY_HEADER", "deploy_headers"),
        ("SITEMAP_XML_EXCLUDES", "sitemap_xml"),
    ],
)
def test_a_rebuild_in_the_same_process_warns_again(make_site, caplog, setting, plugin):
    """devserver rebuilds in one process, and Pelican's loggers drop repeated warnings."""
    for _ in range(2):
        make_site({"articles/one.md": article()}, **{setting: 1})
    warnings = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING
        and r.getMessage().startswith(plugin)
        and setting in r.getMessage()
    ]
    assert len(warnings) == 2, warnings
