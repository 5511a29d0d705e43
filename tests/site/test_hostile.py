"""Hostile content is inert: one tiny site, built with the real theme and every plugin, whose
titles, summaries, series name, tags, category and configured strings all try to break out
of HTML text, attributes, JSON-LD and feeds. Each must come out as the same text, never as
markup; URL settings that could become a `javascript:` or off-site link fail the build.

tests/browser/test_hostile_browser.py loads every page of the same site in Chromium."""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.support import article, build_into, tiny_content, write_files

# Breaks out of <script> and of a quoted attribute, brings its own element and handler,
# and carries an entity that must stay literal text (never decoded to "&").
HOSTILE = (
    "</script><script>window.__pwned=1</script>\"'><svg onload=window.__pwned=1;alert(1)>"
    "<b>&amp; javascript:window.__pwned=1"
)


def hostile(label):
    return f"{label} {HOSTILE}"


SERIES = "Series </script><script>window.__pwned=1</script> \"quoted\" 'single' &amp;"
CATEGORY = '</title><script>window.__pwned=1</script> "&amp;"'
# Pelican splits tags on ";" when there is one, so these carry no entity.
TAGS = ["<script>window.__pwned=1</script>", '"quoted"', "'><svg onload=alert(1)> svg"]
TITLES = {slug: hostile(f"Title {slug}") for slug in ("part-1", "part-2", "part-3", "standalone")}
PAGE_TITLE = hostile("About")
SUMMARY = '<img src=x onerror="window.__pwned=1;alert(1)"> Summary &amp; more'

FORM_TEXTS = (
    "heading",
    "pitch",
    "email_label",
    "first_name_label",
    "button",
    "frequency",
    "privacy",
    "privacy_link",
    "consent",
    "sending",
)
FORMS = {
    name: {
        **{key: hostile(f"{name}.{key}") for key in FORM_TEXTS},
        "first_name": True,
        "tags": [hostile(f"{name}.tag")],
    }
    for name in ("newsletter", "extra")
}
USERNAME = hostile("user")
POPUP = {
    "NEWSLETTER_POPUP_HEADING": hostile("popup.heading"),
    "NEWSLETTER_POPUP_TEXT": hostile("popup.text"),
    "NEWSLETTER_POPUP_CLOSE_LABEL": hostile("popup.close"),
    "NEWSLETTER_POPUP_SERIES_HEADING": hostile("popup.series_heading") + " {next_index}",
    "NEWSLETTER_POPUP_SERIES_TEXT": hostile("popup.series_text") + " {series}: {next_title}",
    "NEWSLETTER_POPUP_CONTINUE": hostile("popup.continue") + " {next_title}",
}
SETTINGS = {
    "SITENAME": hostile("Site"),
    "SITESUBTITLE": hostile("Subtitle"),
    "AUTHOR": hostile("Author"),
    "SERIES_INFO": {SERIES: {"description": hostile("Description")}},
    "NEWSLETTER_ACCOUNT": {"username": USERNAME},
    "NEWSLETTER_FORMS": FORMS,
    # Pages get the popup too, with the general copy.
    "NEWSLETTER_POPUP_PAGES": True,
    **POPUP,
    # Straight quotes reach the templates as typed: curly ones could not break out of an
    # attribute, and would hide the escaping bugs these tests look for.
    "TYPOGRAPHY": False,
}

SITENAME, SITESUBTITLE = SETTINGS["SITENAME"], SETTINGS["SITESUBTITLE"]


def _part(slug, index, date, **meta):
    return article(
        TITLES[slug],
        date,
        Slug=slug,
        Category=CATEGORY,
        Tags=", ".join(TAGS),
        Series=SERIES,
        Series_index=index,
        **meta,
    )


CONTENT = {
    "articles/part-1.md": _part("part-1", 1, "2026-01-01 09:00", Summary=SUMMARY),
    "articles/part-2.md": _part("part-2", 2, "2026-01-02 09:00", Summary=hostile("Summary")),
    # Future-dated: a draft, listed in the series as coming soon.
    "articles/part-3.md": _part("part-3", 3, "2999-01-01 09:00"),
    "articles/standalone.md": article(
        TITLES["standalone"],
        "2026-01-03 09:00",
        body="Text.\n\n[newsletter extra]\n",
        Slug="standalone",
        Summary=hostile("Standalone summary"),
    ),
    "pages/about.md": f"Title: {PAGE_TITLE}\nSlug: about\nSummary: {hostile('About')}\n\nAbout.\n",
    "pages/newsletter.md": "Title: Newsletter\nSlug: newsletter\nTemplate: newsletter\n\nN.\n",
    "pages/404.md": "Title: Not found\nSlug: 404\nStatus: hidden\nSave_as: 404.html\n"
    "Template: 404\n\nGone.\n",
}


def build_hostile(root):
    """Build the hostile site under `root`; return the Build."""
    content = write_files(root / "content", tiny_content(CONTENT))
    return build_into(root / "output", PATH=str(content), **SETTINGS)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    build = build_hostile(tmp_path_factory.mktemp("hostile"))
    assert build.errors == []
    return build


def text(element):
    return element.get_text(" ", strip=True) if element else None


def json_ld_blocks(raw):
    """Each JSON-LD block as the raw source up to the first `</script` after its start tag:
    the browser ends the element there, so that text must be the whole, valid JSON."""
    blocks = []
    for start in re.finditer(r'<script type="application/ld\+json">', raw):
        end = raw.lower().find("</script", start.end())
        blocks.append(raw[start.end() : end])
    return blocks


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}


def assert_inert(html, where):
    """No script of anyone else, no event handler, no script URL, no injected element."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        ours = re.fullmatch(r"/theme/js/[\w.-]+\.js", script.get("src", ""))
        assert script.get("type") == "application/ld+json" or (ours and not script.string), (
            f"{where}: foreign script {script}"
        )
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), f"{where}: handler {name} on {element.name}"
            if name.lower() in URL_ATTRIBUTES:
                url = re.sub(r"[\x00-\x20]", "", str(value)).lower()
                assert not url.startswith(("javascript:", "data:", "vbscript:")), (where, value)
    injected = soup.find_all(["svg", "img", "iframe", "object", "embed", "b"])
    assert injected == [], f"{where}: injected {injected}"


def test_every_page_is_inert(hostile_site):
    pages = hostile_site.html_pages()
    assert len(pages) > 15
    for path in pages:
        assert_inert(path.read_text(encoding="utf-8"), path.relative_to(hostile_site.output))


def test_json_ld_holds_the_hostile_text_as_data(hostile_site):
    for path in hostile_site.html_pages():
        raw = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(raw, "html.parser")
        parsed = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
        blocks = json_ld_blocks(raw)
        # Nothing that could end or comment out the element early: `<` is always \u003c.
        assert all("<" not in block for block in blocks), path
        assert [json.loads(block) for block in blocks] == parsed, path

    posting, crumbs = (
        json.loads(s.string)
        for s in hostile_site.soup("/part-1/").select('script[type="application/ld+json"]')
    )
    assert posting["headline"] == TITLES["part-1"]
    assert posting["articleSection"] == CATEGORY
    assert posting["keywords"] == TAGS
    assert posting["isPartOf"]["name"] == SERIES
    assert posting["author"]["name"] == SETTINGS["AUTHOR"]
    assert posting["publisher"]["name"] == SETTINGS["SITENAME"]
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        SETTINGS["SITENAME"],
        CATEGORY,
        TITLES["part-1"],
    ]
    website = json.loads(hostile_site.soup("/").select_one("script[type]").string)
    assert (website["name"], website["description"]) == (SITENAME, SITESUBTITLE)
    (page_crumbs,) = (
        json.loads(s.string)
        for s in hostile_site.soup("/about/").select('script[type="application/ld+json"]')
    )
    assert page_crumbs["itemListElement"][1]["name"] == PAGE_TITLE
    series_url = hostile_site.soup("/series/").select_one(".series-list h2 a")["href"]
    series = json.loads(hostile_site.soup(series_url).select_one("script[type]").string)
    assert (series["name"], series["description"]) == (SERIES, hostile("Description"))
    assert [part["headline"] for part in series["hasPart"]] == [
        TITLES["part-1"],
        TITLES["part-2"],
    ]


def test_titles_names_tags_and_category_read_as_text(hostile_site):
    title = TITLES["part-1"]
    soup = hostile_site.soup("/part-1/")
    assert text(soup.title) == f"{title} · {SITENAME}"
    assert text(soup.h1) == title
    assert soup.select_one('meta[property="og:title"]')["content"] == title
    assert soup.select_one('meta[property="og:site_name"]')["content"] == SITENAME
    assert soup.select_one('meta[property="article:section"]')["content"] == CATEGORY
    assert [m["content"] for m in soup.select('meta[property="article:tag"]')] == TAGS
    assert [text(a) for a in soup.select(".tags a")] == TAGS
    assert text(soup.select_one(".post-header .meta a")) == CATEGORY
    assert text(soup.select_one(".series-part a")) == SERIES
    assert text(soup.select_one(".site-title")) == SITENAME
    assert text(soup.select_one(".site-subtitle")) == SITESUBTITLE
    assert soup.select_one('link[type="application/atom+xml"]')["title"] == f"{SITENAME} (Atom)"
    assert f"{SITENAME}: {SERIES} (Atom)" in [link["title"] for link in soup.select("link[title]")]
    nav = [text(a) for a in soup.select(".series-nav .series-parts li")]
    assert nav == [TITLES["part-1"], TITLES["part-2"], f"{TITLES['part-3']} (coming soon)"]
    assert TITLES["part-2"] in text(soup.select_one(".series-nav .series-pager"))

    series = hostile_site.soup("/series/")
    assert [text(h) for h in series.select(".series-list h2")] == [SERIES]
    (series_url,) = [a["href"] for a in series.select(".series-list h2 a")]
    series_page = hostile_site.soup(series_url)
    assert text(series_page.h1) == SERIES
    assert text(series_page.select_one(".series-description")) == hostile("Description")
    assert [text(h) for h in series_page.select(".series-parts h2")] == list(TITLES.values())[:3]

    category = hostile_site.soup(soup.select_one(".post-header .meta a")["href"])
    assert text(category.h1) == f"Category: {CATEGORY}"
    description = f"Articles on {CATEGORY} from {SITENAME}."
    assert category.select_one('meta[name="description"]')["content"] == description
    tag = hostile_site.soup(soup.select_one(".tags a")["href"])
    assert text(tag.h1) == f"Tag: {TAGS[0]}"
    assert {text(a) for a in hostile_site.soup("/tags/").select(".tag-cloud a")} == set(TAGS)
    assert CATEGORY in [text(a) for a in hostile_site.soup("/categories/").select("main a")]
    archives = [text(a) for a in hostile_site.soup("/archives/").select(".archive-list a")]
    assert sorted(archives) == sorted([TITLES["standalone"], TITLES["part-2"], TITLES["part-1"]])
    assert text(hostile_site.soup("/about/").h1) == PAGE_TITLE


def test_summaries_show_only_their_text(hostile_site):
    # A Summary is Markdown; pages show its text, never its markup (the image is gone).
    soup = hostile_site.soup("/part-1/")
    description = soup.select_one('meta[name="description"]')["content"]
    assert description == "Summary & more"
    listed = hostile_site.soup("/").select(".post-list p:not(.meta)")
    assert "Summary & more" in [text(p) for p in listed]


def form_copy(form):
    """What a reader sees and what is sent, from one rendered form."""
    return {
        "heading": text(form.select_one(".newsletter-heading")),
        "pitch": text(form.select_one(".newsletter-pitch")),
        "first_name_label": text(form.select_one('label[for$="-first-name"]')),
        "email_label": text(form.select_one('label[for$="-email"]')),
        "consent": text(form.select_one('label[for$="-consent"]')),
        "button": text(form.select_one("button")),
        "privacy_line": text(form.select_one(".newsletter-privacy")),
        "sending": form["data-newsletter-sending"],
        "tag": form.select_one('input[name="tag"]')["value"],
        "action": form["action"],
    }


def expected_form(name, heading=True):
    options = FORMS[name]
    return {
        **{key: options[key] for key in ("pitch", "first_name_label", "email_label", "button")},
        "heading": options["heading"] if heading else None,
        "consent": options["consent"],
        "privacy_line": f"{options['frequency']} {options['privacy']} {options['privacy_link']}",
        "sending": options["sending"],
        "tag": options["tags"][0],
        "action": "https://buttondown.com/api/emails/embed-subscribe/" + quote(USERNAME, safe=""),
    }


@pytest.mark.parametrize(
    ("path", "selector", "name", "heading"),
    [
        ("/standalone/", "form.newsletter-page", "extra", True),
        ("/part-1/", "form.newsletter-article-end", "newsletter", True),
        ("/", "form.newsletter-footer", "newsletter", True),
        ("/about/", "form.newsletter-popup", "newsletter", False),
    ],
)
def test_forms_show_the_configured_copy_as_text(hostile_site, path, selector, name, heading):
    form = hostile_site.soup(path).select_one(selector)
    assert form_copy(form) == expected_form(name, heading)


@pytest.mark.parametrize(
    ("path", "heading", "copy"),
    [
        ("/about/", POPUP["NEWSLETTER_POPUP_HEADING"], POPUP["NEWSLETTER_POPUP_TEXT"]),
        ("/part-1/", POPUP["NEWSLETTER_POPUP_HEADING"], POPUP["NEWSLETTER_POPUP_TEXT"]),
        # Part 3 is scheduled: the offer.
        (
            "/part-2/",
            POPUP["NEWSLETTER_POPUP_SERIES_HEADING"].format(next_index=3),
            POPUP["NEWSLETTER_POPUP_SERIES_TEXT"].format(
                series=SERIES, next_title=TITLES["part-3"]
            ),
        ),
    ],
)
def test_popup_shows_the_configured_copy_as_text(hostile_site, path, heading, copy):
    dialog = hostile_site.soup(path).select_one("dialog#subscribe-popup")
    assert text(dialog.select_one("#subscribe-popup-heading")) == heading
    assert text(dialog.select_one(".popup-text")) == copy
    assert dialog.select_one(".popup-close")["aria-label"] == POPUP["NEWSLETTER_POPUP_CLOSE_LABEL"]


def test_popup_links_a_published_next_part_as_text(hostile_site):
    link = hostile_site.soup("/part-1/").select_one("dialog .popup-continue a")
    assert text(link) == POPUP["NEWSLETTER_POPUP_CONTINUE"].format(next_title=TITLES["part-2"])
    assert link["href"] == "/part-2/"


def test_a_marker_replaces_the_form_at_the_end_of_the_article(hostile_site):
    soup = hostile_site.soup("/standalone/")
    assert [f["data-newsletter-form"] for f in soup.select("form[data-newsletter-form]")] == [
        "extra"
    ]


ATOM = "{http://www.w3.org/2005/Atom}"


def payloads(root):
    """The HTML in a feed's entries: Atom summary and content, RSS item description."""
    for path in (
        f"{ATOM}entry/{ATOM}summary",
        f"{ATOM}entry/{ATOM}content",
        "channel/item/description",
    ):
        for element in root.iterfind(path):
            yield element.text or ""


def test_feeds_are_valid_and_keep_the_text(hostile_site):
    feeds = sorted((hostile_site.output / "feeds").rglob("*.xml"))
    assert len(feeds) >= 6
    series_feeds = 0
    for feed in feeds:
        raw = feed.read_bytes()
        root = ET.fromstring(raw)  # well-formed XML, or this raises
        data = feedparser.parse(raw)
        assert data.bozo == 0, (feed.name, data.get("bozo_exception"))
        titles = [entry.title for entry in data.entries]
        assert titles, feed.name
        assert set(titles) <= set(TITLES.values()), feed.name
        # The site (or one language of it), or a page of it: "<page> · <site>".
        title = data.feed.title
        assert title in (SITENAME, f"{SITENAME} (en)") or title.endswith(f" · {SITENAME}")
        series_feeds += title == f"{SERIES} · {SITENAME}"
        for entry in data.entries:
            assert {tag.term for tag in entry.get("tags", [])} <= {CATEGORY, *TAGS, "Tests"}
        # Feed readers render these as HTML: they must be as inert as the pages.
        for html in payloads(root):
            assert_inert(html, feed.name)
    assert series_feeds == 2
    atom = feedparser.parse((hostile_site.output / "feeds/all.atom.xml").read_bytes())
    (part_1,) = (e for e in atom.entries if e.title == TITLES["part-1"])
    assert part_1.summary == "Summary &amp; more"  # the summary's text, escaped once


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"NEWSLETTER_PRIVACY_URL": "javascript:window.__pwned=1"}, "NEWSLETTER_PRIVACY_URL"),
        ({"NEWSLETTER_PRIVACY_URL": "//evil.example/privacy"}, "NEWSLETTER_PRIVACY_URL"),
        ({"NEWSLETTER_THANKS_URL": "javascript:window.__pwned=1"}, "NEWSLETTER_THANKS_URL"),
        (
            {"NEWSLETTER_ACCOUNT": {"username": "x", "action": "javascript:window.__pwned=1"}},
            "NEWSLETTER_ACCOUNT['action']",
        ),
        (
            {
                "NEWSLETTER_PROVIDER": "listmonk",
                "NEWSLETTER_ACCOUNT": {"url": "javascript:window.__pwned=1", "lists": ["a"]},
            },
            "NEWSLETTER_ACCOUNT['url']",
        ),
    ],
)
def test_script_and_off_site_urls_in_url_settings_fail_the_build(make_site, settings, named):
    # Text settings may say "javascript:" (it stays text); a setting that becomes a link may not.
    build = make_site({"articles/a.md": article()}, **settings)
    assert any(named in error for error in build.errors), build.errors


@pytest.mark.parametrize(
    "slug", ["javascript:window.__pwned=1", "//evil.example", "\\evil.example"]
)
def test_a_slug_that_would_leave_the_site_fails_the_build(make_site, slug):
    # Pelican joins a URL onto the site's address: "javascript:x/" would stay a script URL
    # (in feeds and {filename} links); "//x/" and "\\x/" would be links to the host x.
    build = make_site({"articles/a.md": article(Slug=slug)})
    assert any("articles/a.md" in error and slug in error for error in build.errors), build.errors
