"""The subscription popup in the built HTML: where it is, what it says, its script and
settings, and the build errors for bad settings and metadata."""

import logging
import re

import pytest
import rjsmin

from tests.support import ROOT, article

STANDALONE = "/evaluating-risk-in-a-small-business/"
SERIES_PART_1 = "/referrals-start-with-service/"
NEVER = ["/newsletter/", "/free-practice-analysis/", "/thank-you/", "/privacy/"]
JS = ROOT / "theme" / "assets" / "js"
SCRIPT = re.compile(r"/theme/js/popup\.[0-9a-f]{10}\.js")


def scripts(soup):
    return [s["src"] for s in soup.find_all("script", src=True)]


def has_popup(soup):
    return bool(soup.select("dialog, #subscribe-popup")) or any(
        SCRIPT.fullmatch(src) for src in scripts(soup)
    )


def test_an_article_has_the_popup_and_loads_only_its_script(site):
    soup = site.soup(STANDALONE)
    dialog = soup.select_one("dialog#subscribe-popup")
    assert dialog["aria-labelledby"] == "subscribe-popup-heading"
    assert soup.select_one("#subscribe-popup-heading").find_parent("dialog") is dialog
    assert dialog["aria-describedby"] == "nl-popup-privacy"
    assert dialog.select_one("#nl-popup-privacy").get_text(strip=True)
    assert dialog.select_one("form[data-newsletter-form] input#nl-popup-email[type=email]")
    assert dialog.select_one("button.popup-close[type=button][data-popup-close]")["aria-label"]
    assert {k: v for k, v in dialog.attrs.items() if k.startswith("data-")} == {
        "data-delay-seconds": "20",
        "data-scroll-share": "0.5",
        "data-dismiss-days": "30",
        "data-snooze-days": "2",
        "data-narrow-width": "640",
        "data-exit-intent": "false",
    }
    assert dialog.select_one("h2").get_text() == "Don't miss out"
    (src,) = scripts(soup)
    assert SCRIPT.fullmatch(src)
    assert soup.find("script", src=True).has_attr("defer")


def test_a_series_part_links_the_published_next_part_and_offers_the_newsletter(site):
    dialog = site.soup(SERIES_PART_1).select_one("dialog#subscribe-popup")
    assert dialog.select_one("h2").get_text() == "Don't miss out"
    link = dialog.select_one(".popup-continue a")
    assert link["href"] == "/the-case-for-reaching-out/"
    assert link.get_text() == "Continue with part 2: The Case for Reaching Out"
    assert not dialog.select("input[name=metadata__series]")


@pytest.mark.parametrize("path", [*NEVER, "/about/", "/", "/archives/", "/tags/", "/404.html"])
def test_pages_without_the_popup_have_no_popup_markup_or_script(site, path):
    soup = site.soup(path)
    assert not has_popup(soup), path
    assert len(scripts(soup)) <= 1


def test_the_subscribe_link_is_a_plain_link_the_popup_script_can_take_over(site):
    for path in (STANDALONE, "/about/"):
        link = site.soup(path).select_one("a.nav-subscribe")
        assert link.has_attr("data-subscribe")
        assert link["href"] == "/newsletter/"


def test_the_popup_bundle_is_the_newsletter_script_then_the_popup_script(site):
    src = scripts(site.soup(STANDALONE))[0]
    bundle = site.path(src).read_text(encoding="utf-8")
    assets = ROOT / "theme" / "assets" / "js"
    expected = rjsmin.jsmin(
        "\n".join(
            (assets / name).read_text(encoding="utf-8") for name in ("subscribe.js", "popup.js")
        )
    )
    assert bundle == expected


def test_the_popup_script_is_at_most_3_kb_minified():
    source = (JS / "popup.js").read_text(encoding="utf-8")
    assert len(rjsmin.jsmin(source).encode("utf-8")) <= 3072


def test_the_popup_script_has_no_dependencies_and_sends_nothing():
    source = (JS / "popup.js").read_text(encoding="utf-8")
    for needle in ("fetch(", "XMLHttpRequest", "sendBeacon", "import ", "require(", "cookie"):
        assert needle not in source


# Tiny sites ---------------------------------------------------------------------------------

PAGES = {
    "pages/about.md": "Title: About\nSlug: about\n\nAbout us.\n",
    # A page whose text holds a form never gets the popup: it would ask twice.
    "pages/newsletter.md": "Title: Newsletter\nSlug: newsletter\n\nSign up.\n\n[newsletter]\n",
    "pages/privacy.md": "Title: Privacy\nSlug: privacy\n\nNo cookies.\n",
}


def test_exclusions_by_metadata_category_tag_and_slug(make_site):
    build = make_site(
        {
            "articles/kept.md": article("Kept", Tags="fees"),
            "articles/off.md": article("Off", Popup="off"),
            "articles/news.md": article("News item", Category="News"),
            "articles/tagged.md": article("Tagged", Tags="fees, Announcement"),
            "articles/by-slug.md": article("By slug"),
        },
        NEWSLETTER_POPUP_EXCLUDE_CATEGORIES=["news"],
        NEWSLETTER_POPUP_EXCLUDE_TAGS=["announcement"],
        NEWSLETTER_POPUP_EXCLUDE_SLUGS=["by-slug"],
    )
    assert build.errors == []
    assert has_popup(build.soup("/kept/"))
    for slug in ("off", "news-item", "tagged", "by-slug"):
        assert not has_popup(build.soup(f"/{slug}/")), slug
        assert scripts(build.soup(f"/{slug}/")) != []  # the default script instead


def test_pages_get_it_only_when_enabled_and_never_the_excluded_ones(make_site):
    files = {"articles/a.md": article(), **PAGES}
    assert not has_popup(make_site(files).soup("/about/"))
    build = make_site(files, NEWSLETTER_POPUP_PAGES=True)
    assert build.errors == []
    assert has_popup(build.soup("/about/"))
    assert not has_popup(build.soup("/newsletter/"))
    assert not has_popup(build.soup("/privacy/"))


def test_configured_copy_and_settings_are_escaped(make_site):
    nasty = "<script>alert(1)</script> & \"quoted\" 'single'"
    build = make_site(
        {"articles/a.md": article()},
        NEWSLETTER_POPUP_HEADING=nasty,
        NEWSLETTER_POPUP_TEXT=nasty,
        NEWSLETTER_POPUP_CLOSE_LABEL=nasty,
        NEWSLETTER_POPUP_DELAY_SECONDS=5,
        NEWSLETTER_POPUP_EXIT_INTENT=True,
    )
    assert build.errors == []
    html = build.path("/an-article/").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    soup = build.soup("/an-article/")
    dialog = soup.select_one("dialog#subscribe-popup")
    assert dialog.select_one("h2").get_text() == nasty
    assert dialog.select_one(".popup-text").get_text() == nasty
    assert dialog.select_one(".popup-close")["aria-label"] == nasty
    assert (dialog["data-delay-seconds"], dialog["data-exit-intent"]) == ("5", "true")


def series_part(index, title, date="2026-01-01 09:00", series="Tiny <Series>", **meta):
    return article(title, date=date, Series=series, Series_index=index, **meta)


def test_a_scheduled_part_is_offered_and_the_signup_names_the_series(make_site):
    build = make_site(
        {
            "articles/one.md": series_part(1, "First"),
            "articles/two.md": series_part(2, "Second & last", date="2099-01-01 09:00"),
        },
        NEWSLETTER_POPUP_SERIES_HEADING="{series}: {next_title} ({next_index})",
    )
    assert build.errors == []
    dialog = build.soup("/first/").select_one("#subscribe-popup")
    assert dialog.select_one("h2").get_text() == "Tiny <Series>: Second & last (2)"
    assert "is not out yet" in dialog.select_one(".popup-text").get_text()
    assert dialog.select_one("form input[name=metadata__series]")["value"] == "Tiny <Series>"
    # Only the popup's offer carries it: the form at the end of the article does not.
    assert not build.soup("/first/").select(
        "form.newsletter-article-end input[name=metadata__series]"
    )


@pytest.mark.parametrize(
    "second",
    [
        series_part(2, "Abandoned", Status="draft"),  # a draft kept from an old plan
        series_part(2, "Abandoned", date="2099-01-01 09:00", Status="draft"),
        None,  # a complete series: the last part has nothing to offer
    ],
    ids=["past draft", "future draft", "complete"],
)
def test_no_offer_of_a_part_that_is_not_on_its_way(make_site, second):
    files = {"articles/one.md": series_part(1, "First")}
    if second:
        files["articles/two.md"] = second
    build = make_site(files)
    assert build.errors == []
    dialog = build.soup("/first/").select_one("#subscribe-popup")
    assert dialog.select_one("h2").get_text() == "Don't miss out"
    assert not dialog.select(".popup-continue, input[name=metadata__series]")


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("DELAY_SECONDS", -5, "NEWSLETTER_POPUP_DELAY_SECONDS: must be >= 0, got -5"),
        ("SCROLL_SHARE", 2, "NEWSLETTER_POPUP_SCROLL_SHARE: must be <= 1, got 2"),
        ("DISMISS_DAYS", "30", "NEWSLETTER_POPUP_DISMISS_DAYS: must be an integer"),
    ],
)
def test_a_bad_setting_fails_the_build(make_site, setting, value, message):
    build = make_site({"articles/a.md": article()}, **{f"NEWSLETTER_POPUP_{setting}": value})
    assert len(build.errors) == 1
    assert build.errors[0].startswith("newsletter: " + message)


def test_a_misspelt_setting_is_a_warning_naming_the_right_one(make_site, caplog):
    with caplog.at_level(logging.WARNING):
        build = make_site({"articles/a.md": article()}, NEWSLETTER_POPUP_DELAY_SECOND=5)
    assert build.errors == []
    warnings = [r.getMessage() for r in caplog.records if r.name.startswith("newsletter")]
    assert warnings == [
        "newsletter: NEWSLETTER_POPUP_DELAY_SECOND: unknown setting;"
        " did you mean NEWSLETTER_POPUP_DELAY_SECONDS?"
    ]


def test_a_bad_popup_metadata_value_fails_the_build_naming_the_file(make_site):
    build = make_site({"articles/typo.md": article(Popup="of")})
    assert len(build.errors) == 1
    assert "typo.md" in build.errors[0]
    assert "Popup metadata must be 'off'" in build.errors[0]


def test_two_builds_in_one_process_do_not_leak_settings(make_site):
    files = {"articles/a.md": article()}

    def dialog(**settings):
        build = make_site(files, **settings)
        assert build.errors == []
        return str(build.soup("/an-article/").select_one("#subscribe-popup"))

    first = dialog()
    assert "Changed" in dialog(NEWSLETTER_POPUP_HEADING="Changed")
    assert dialog() == first


def test_a_setting_of_the_old_popup_plugin_is_a_warning_naming_the_new_one(make_site, caplog):
    with caplog.at_level(logging.WARNING):
        build = make_site({"articles/a.md": article()}, SUBSCRIBE_POPUP_DELAY_SECONDS=5)
    assert build.errors == []
    assert (
        "newsletter: SUBSCRIBE_POPUP_DELAY_SECONDS: unknown setting; did you mean "
        "NEWSLETTER_POPUP_DELAY_SECONDS?" in [r.getMessage() for r in caplog.records]
    )


def test_forms_without_the_popup(make_site):
    build = make_site({"articles/a.md": article()}, NEWSLETTER_POPUP=False)
    assert build.errors == []
    soup = build.soup("/an-article/")
    assert not has_popup(soup)
    assert soup.select("form.newsletter-article-end")
