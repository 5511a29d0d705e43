"""sitemap_xml's pure parts: which pages are listed, and how."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from sitemap_xml.sitemap_xml import SETTINGS, sitemap

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
SITE = "https://example.org"


def content(url, status="published", robots=None, date=datetime(2026, 3, 1, 9, tzinfo=UTC), **more):
    fields = {"url": url, "status": status, "date": date, "translations": [], **more}
    if robots is not None:
        fields["robots"] = robots
    return SimpleNamespace(**fields)


def entries(text):
    """{loc: (lastmod or None, {hreflang: href})} of a sitemap."""
    root = ET.fromstring(text)
    return {
        url.findtext("sm:loc", namespaces=NS): (
            url.findtext("sm:lastmod", namespaces=NS),
            {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)},
        )
        for url in root.findall("sm:url", NS)
    }


def test_published_indexable_pages_are_listed_in_url_order():
    pages = [
        ("tag/fees/", None),
        ("", None),
        ("an-article/", content("an-article/")),
        ("hidden/", content("hidden/", status="hidden")),
        ("drafts/d/", content("drafts/d/", status="draft")),
        ("thanks/", content("thanks/", robots="noindex")),
        ("thanks2/", content("thanks2/", robots="NoIndex, follow")),
        ("indexed/", content("indexed/", robots="index, follow")),
    ]
    listed = entries(sitemap(SITE, pages, []))
    assert list(listed) == [
        f"{SITE}/",
        f"{SITE}/an-article/",
        f"{SITE}/indexed/",
        f"{SITE}/tag/fees/",
    ]


def test_content_has_its_last_change_and_listings_have_no_date():
    modified = datetime(2026, 4, 2, 10, 30, tzinfo=UTC)
    pages = [
        ("a/", content("a/")),
        ("b/", content("b/", modified=modified)),
        ("naive/", content("naive/", date=datetime(2026, 5, 3, 8, 0))),
        ("undated/", content("undated/", date=None)),
        ("category/x/", None),
    ]
    listed = entries(sitemap(SITE, pages, []))
    assert {loc: lastmod for loc, (lastmod, _) in listed.items()} == {
        f"{SITE}/a/": "2026-03-01T09:00:00+00:00",
        f"{SITE}/b/": "2026-04-02T10:30:00+00:00",
        f"{SITE}/naive/": "2026-05-03",
        f"{SITE}/undated/": None,
        f"{SITE}/category/x/": None,
    }


def test_translations_are_linked_as_alternates():
    french = content("a-fr/", lang="fr")
    listed = entries(sitemap(SITE, [("a/", content("a/", translations=[french]))], []))
    assert listed[f"{SITE}/a/"][1] == {"fr": f"{SITE}/a-fr/"}


def test_translations_are_listed_in_language_order_whatever_order_pelican_read_them():
    langs = ["fr", "de", "es"]
    texts = set()
    for order in (langs, langs[::-1], langs[1:] + langs[:1]):
        translations = [content(f"a-{lang}/", lang=lang) for lang in order]
        texts.add(sitemap(SITE, [("a/", content("a/", translations=translations))], []))
    assert len(texts) == 1
    assert re.findall(r'hreflang="(\w+)"', texts.pop()) == ["de", "es", "fr"]


def test_exclusion_patterns_match_the_url_relative_to_the_site():
    values, problems = SETTINGS.read({"SITEMAP_XML_EXCLUDE": [r"^tag/", r"secret"]})
    assert problems == []
    patterns = [re.compile(pattern) for pattern in values["SITEMAP_XML_EXCLUDE"]]
    pages = [("tag/fees/", None), ("tags/", None), ("my-secret/", content("my-secret/"))]
    assert list(entries(sitemap(SITE, pages, patterns))) == [f"{SITE}/tags/"]


def test_urls_are_escaped_into_valid_xml():
    text = sitemap("https://example.org/?a=1&b=<2>", [("x/", None)], [])
    assert list(entries(text)) == ["https://example.org/?a=1&b=<2>/x/"]
    assert "&amp;" in text


def test_a_page_written_twice_is_listed_once():
    text = sitemap(SITE, [("a/", None), ("a/", None)], [])
    assert len(re.findall("<url>", text)) == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("^tag/", "SITEMAP_XML_EXCLUDE: must be a list of strings, got '^tag/'"),
        ([r"^tag/", 3], "SITEMAP_XML_EXCLUDE: must be a list of strings"),
        ([r"tag/("], "SITEMAP_XML_EXCLUDE: 'tag/(' is not a regular expression"),
    ],
)
def test_a_bad_exclusion_setting_is_named(value, message):
    values, problems = SETTINGS.read({"SITEMAP_XML_EXCLUDE": value})
    assert values["SITEMAP_XML_EXCLUDE"] == ()
    assert len(problems) == 1
    assert str(problems[0]).startswith(message)


def test_misspelt_settings_warn_with_the_closest_name():
    settings = {"SITEMAP_XML_EXCLUDES": [], "SITEMAP_XML_EXCLUDE": [], "SITEMAP_XML_COLOUR": 1}
    assert [str(problem) for problem in SETTINGS.unknown(settings)] == [
        "SITEMAP_XML_COLOUR: unknown setting",
        "SITEMAP_XML_EXCLUDES: unknown setting; did you mean SITEMAP_XML_EXCLUDE?",
    ]
