"""The writing: complete metadata, a gapless series, real length, working links, no filler."""

import re
from datetime import datetime

import pytest

from tests.support import ROOT

CONTENT = ROOT / "content"
ARTICLES = sorted((CONTENT / "articles").rglob("*.md"))
PAGES = sorted((CONTENT / "pages").rglob("*.md"))
SERIES = "Building Referral Relationships"
REQUIRED = {"title", "date", "category", "tags", "summary", "slug"}


def read(path):
    """(metadata with lower-case keys, body) of a Markdown source."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return meta, body


def words(text):
    return len(re.findall(r"[\w'\u2019-]+", text))


def series_parts():
    parts = [(read(p)[0], p) for p in ARTICLES]
    return sorted(
        ((int(m["series_index"]), m, p) for m, p in parts if m.get("series") == SERIES),
        key=lambda t: t[0],
    )


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_article_has_full_metadata(path):
    meta, _ = read(path)
    assert set(meta) >= REQUIRED, REQUIRED - set(meta)
    assert all(meta[key] for key in REQUIRED)
    datetime.fromisoformat(meta["date"])
    sentences = re.findall(r"[.!?](\s|$)", meta["summary"])
    assert 1 <= len(sentences) <= 2, meta["summary"]


def test_series_has_at_least_six_parts_numbered_without_gaps_in_date_order():
    parts = series_parts()
    assert len(parts) >= 6
    assert [index for index, _, _ in parts] == list(range(1, len(parts) + 1))
    dates = [datetime.fromisoformat(meta["date"]) for _, meta, _ in parts]
    assert dates == sorted(dates)
    assert len({meta["category"] for _, meta, _ in parts}) == 1


def test_series_parts_are_at_least_700_words():
    for _, _, path in series_parts():
        assert words(read(path)[1]) >= 700, path.name


def test_standalone_articles_in_another_category_at_least_600_words():
    standalone = [(read(p), p) for p in ARTICLES if "series" not in read(p)[0]]
    assert len(standalone) >= 3
    series_category = series_parts()[0][1]["category"]
    for (meta, body), path in standalone:
        assert meta["category"] != series_category, path.name
        assert words(body) >= 600, path.name
    titles = {meta["title"] for (meta, _), _ in standalone}
    assert "Evaluating Risk in a Small Business" in titles


def test_standalone_dates_interleave_with_the_series():
    series_dates = [datetime.fromisoformat(m["date"]) for _, m, _ in series_parts()]
    for path in ARTICLES:
        meta, _ = read(path)
        if "series" not in meta:
            assert series_dates[0] < datetime.fromisoformat(meta["date"]) < series_dates[-1]


@pytest.mark.parametrize(
    "slug", ["about", "newsletter", "free-practice-analysis", "thank-you", "privacy", "404"]
)
def test_required_pages_exist_with_summaries(slug):
    pages = {read(p)[0]["slug"]: read(p) for p in PAGES}
    meta, body = pages[slug]
    assert meta["title"]
    assert meta["summary"]
    assert words(body) >= 60


def test_privacy_page_covers_what_readers_need_to_know(site):
    text = site.soup("/privacy/").select_one("main").get_text(" ").lower()
    for topic in ["email", "buttondown", "unsubscribe", "cookie", "local storage", "30 days"]:
        assert topic in text, topic


def test_no_placeholder_text_on_any_page(site):
    pattern = re.compile(r"\b(lorem|ipsum|TODO|TBD|FIXME|XXX)\b|placeholder text", re.I)
    for url, soup in site.pages():
        match = pattern.search(soup.get_text(" "))
        assert match is None, f"{url}: {match and match.group(0)}"


def test_every_link_in_content_resolves(site):
    """{filename} links are checked by the build; these are the rendered ones."""
    for path in [*ARTICLES, *PAGES]:
        meta, _ = read(path)
        if meta.get("status") == "hidden" and meta.get("save_as"):
            built = site.soup("/" + meta["save_as"])
        else:
            # A part dated in the future is built as a draft until its date.
            url = f"/{meta['slug']}/"
            built = site.soup(url if site.path(url).is_file() else f"/drafts/{meta['slug']}/")
        for link in built.select("main a[href]"):
            href = link["href"].split("#")[0]
            if href and not href.startswith(("http://", "https://", "mailto:")):
                assert site.path(href).is_file(), f"{path.name}: {href}"
