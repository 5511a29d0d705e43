"""The writing: no placeholder text, what the privacy page must cover, and the editorial rules,
which are build warnings (plugins/content_check, plugins/series), never test failures, so that
the owner can add any article the README allows."""

import logging
import re

from tests.support import article


def test_privacy_page_covers_what_readers_need_to_know(site):
    text = site.soup("/privacy/").select_one("main").get_text(" ").lower()
    for topic in ["email", "buttondown", "unsubscribe", "cookie", "local storage", "30 days"]:
        assert topic in text, topic


def test_no_placeholder_text_on_any_page(site):
    pattern = re.compile(r"\b(lorem|ipsum|TODO|TBD|FIXME|XXX)\b|placeholder text", re.I)
    for url, soup in site.pages():
        match = pattern.search(soup.get_text(" "))
        assert match is None, f"{url}: {match and match.group(0)}"


def warnings_of(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_an_article_with_only_title_date_and_category_builds_with_warnings(make_site, caplog):
    # What the README allows: the build succeeds; the editorial rules only warn.
    minimal = "Title: Minimal\nDate: 2026-09-01 09:00\nCategory: Notes\n\nA few words.\n"
    build = make_site({"articles/minimal.md": minimal}, CONTENT_CHECK_MIN_WORDS=600)
    assert build.errors == []
    assert build.path("/minimal/").is_file()
    warnings = warnings_of(caplog)
    assert any(w.startswith("content_check: ") and "minimal.md: no Summary" in w for w in warnings)
    assert any(
        "minimal.md: 3 words, fewer than CONTENT_CHECK_MIN_WORDS (600)" in w for w in warnings
    )


def test_the_word_count_is_the_articles_own_not_its_signup_forms(make_site, caplog):
    # The marker is one word; the form that replaces it has dozens more.
    body = "[newsletter]\n\n" + "word " * 10
    build = make_site(
        {"articles/a.md": article(body=body, Summary="One.")}, CONTENT_CHECK_MIN_WORDS=12
    )
    assert build.errors == []
    assert any("a.md: 11 words, fewer than" in w for w in warnings_of(caplog)), warnings_of(caplog)


def test_no_word_check_by_default_and_drafts_are_not_checked(make_site, caplog):
    files = {
        "articles/short.md": article(body="Short.", Summary="One."),
        "articles/draft.md": article(title="Draft", body="Short.", Status="draft"),
    }
    assert make_site(files, CONTENT_CHECK_MIN_WORDS=0).errors == []
    assert [w for w in warnings_of(caplog) if w.startswith("content_check:")] == []


def test_a_bad_minimum_is_an_error_naming_the_setting(make_site):
    build = make_site({"articles/a.md": article()}, CONTENT_CHECK_MIN_WORDS="600")
    assert build.errors == [
        "content_check: CONTENT_CHECK_MIN_WORDS: must be a whole number, 0 or more, got '600'"
    ]


def test_series_parts_dated_out_of_order_are_a_warning(make_site, caplog):
    files = {
        "articles/one.md": article("One", "2026-03-01 09:00", Series="S", Series_index=1),
        "articles/two.md": article("Two", "2026-02-01 09:00", Series="S", Series_index=2),
    }
    assert make_site(files, SERIES_INFO={}).errors == []
    assert any(
        w.startswith("series: series 'S': part 2 (") and "two.md) is dated before part 1" in w
        for w in warnings_of(caplog)
    ), warnings_of(caplog)
