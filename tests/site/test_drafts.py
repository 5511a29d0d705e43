"""Drafts stay private: `make publish` writes no draft or future-dated page at all; `make html`
keeps previews under drafts/, marked noindex, and robots.txt names none of them."""

from tests.support import PUBLISH_CONF, article

FILES = {
    "articles/live.md": article(title="Live", Slug="live"),
    "articles/later.md": article(title="Scheduled", date="2999-01-01 09:00", Slug="later"),
    "articles/draft.md": article(title="Abandoned", Status="draft", Slug="abandoned"),
    "pages/plan.md": "Title: Secret plan\nSlug: plan\nStatus: draft\n\nNot yet.\n",
}
PRIVATE = ("Scheduled", "Abandoned", "Secret plan", "later", "abandoned", "plan/")


def test_publish_writes_no_draft_or_future_page(make_site):
    build = make_site(FILES, conf=PUBLISH_CONF)
    assert build.errors == []
    assert not (build.output / "drafts").exists()
    assert (build.output / "live" / "index.html").is_file()
    for path in build.output.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".txt"}:
            text = path.read_text(encoding="utf-8")
            assert not [word for word in PRIVATE if word in text], path


def test_previews_in_make_html_are_noindex(make_site):
    build = make_site(FILES)
    assert build.errors == []
    for url in ("/drafts/later/", "/drafts/abandoned/", "/drafts/pages/plan/"):
        robots = build.soup(url).select_one('meta[name="robots"]')
        assert robots is not None, url
        assert robots["content"] == "noindex", url
    assert build.soup("/live/").select_one('meta[name="robots"]') is None
    robots_txt = (build.output / "robots.txt").read_text(encoding="utf-8")
    assert "drafts" not in robots_txt
    assert "Sitemap:" in robots_txt


def test_a_scheduled_parts_relative_links_do_not_fail_its_preview(make_site, caplog):
    # "../live/" is right from /later/ (where it will be published), wrong from its preview's
    # /drafts/later/: a warning in make html, judged for real once published.
    body = "See [the live one](../live/)."
    files = {
        **FILES,
        "articles/later.md": article(date="2999-01-01 09:00", Slug="later", body=body),
    }
    build = make_site(files)
    assert build.errors == []
    assert any(
        "later.md:6: relative link to '../live/'" in r.getMessage() and r.levelname == "WARNING"
        for r in caplog.records
    )
    # A root-relative link is the same from anywhere: a dead one fails the preview too.
    body = "See [nothing](/no-such-page/)."
    files = {
        **FILES,
        "articles/later.md": article(date="2999-01-01 09:00", Slug="later", body=body),
    }
    assert "broken link to '/no-such-page/'" in " ".join(make_site(files).errors)


def test_a_published_article_linking_a_draft_fails_publish_saying_why(make_site):
    body = "Coming: [the draft]({filename}/articles/draft.md)."
    files = {**FILES, "articles/live.md": article(title="Live", Slug="live", body=body)}
    build = make_site(files, conf=PUBLISH_CONF)
    assert len(build.errors) == 1, build.errors
    assert "live.md: broken link to" in build.errors[0]
    assert (
        "a draft or a scheduled part's preview, which make publish does not write"
        in (build.errors[0])
    )


def test_a_draft_with_a_link_to_no_url_at_all_is_one_error(make_site):
    body = "Set the redirect to [the page](https://[your-domain]/thank-you/)."
    files = {**FILES, "articles/draft.md": article(Status="draft", Slug="abandoned", body=body)}
    build = make_site(files)
    assert len(build.errors) == 1, build.errors
    assert "draft.md:7: broken link to 'https://[your-domain]/thank-you/'" in build.errors[0]
