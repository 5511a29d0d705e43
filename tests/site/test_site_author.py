"""Author, contact, data controller and copyright years (plugins/site_author)."""

from tests.support import article


def test_real_site_names_its_author_on_every_article_and_its_contact_everywhere(site):
    soup = site.soup("/evaluating-risk-in-a-small-business/")
    byline = soup.select_one("article header .byline a[rel=author]")
    assert byline["href"] == "/about/"
    assert site.path(byline["href"]).is_file()
    box = soup.select_one("article .author-box")
    assert "Written by Thriving Practice" in box.get_text()
    assert "psychotherapists" in box.get_text()
    for name, page in site.pages():
        footer = page.select_one("footer .small")
        assert footer.select_one('a[href="mailto:hello@thrivingpractice.example"]'), name
        assert "© 2026 Thriving Practice" in footer.get_text(), name


def test_defaults_are_the_organisation(make_site):
    build = make_site(
        {
            "articles/a.md": article(Slug="a", date="2024-05-01 09:00"),
            "articles/b.md": article(title="B", Slug="b", date="2026-05-01 09:00"),
        },
        AUTHOR="",
        SITENAME="Calm Rooms",
        SITESUBTITLE="Help for small practices.",
        SITE_AUTHOR_BIO=None,
        SITE_AUTHOR_CONTACT=None,
    )
    assert build.errors == []
    soup = build.soup("/a/")
    assert soup.select_one(".byline").get_text(" ", strip=True) == "By Calm Rooms"
    assert "Help for small practices." in soup.select_one(".author-box").get_text()
    footer = soup.select_one("footer .small")
    assert "© 2024\u20132026 Calm Rooms" in footer.get_text()
    assert not footer.select("a")


def test_contact_page_controller_and_no_author_page(make_site):
    build = make_site(
        {"articles/a.md": article(Slug="a"), "pages/contact.md": "Title: Contact\n\nWrite.\n"},
        AUTHOR="Ann Lee",
        SITE_AUTHOR_PAGE=None,
        SITE_AUTHOR_CONTACT="contact/",
        SITE_AUTHOR_CONTACT_LABEL="Write to us",
    )
    assert build.errors == []
    soup = build.soup("/a/")
    assert not soup.select(".byline a")
    assert soup.select_one(".byline").get_text(" ", strip=True) == "By Ann Lee"
    link = soup.select_one("footer .small a")
    assert (link["href"], link.get_text()) == ("/contact/", "Write to us")
    assert soup.select_one('.author-box a[href="/contact/"]')


def test_wrong_settings_fail_naming_the_setting(make_site):
    build = make_site(
        {"articles/a.md": article()},
        SITE_AUTHOR_CONTACT="hello at example",
        SITE_AUTHOR_BIO=["a list"],
    )
    assert any(
        e.startswith("site_author: SITE_AUTHOR_CONTACT: must be an email address")
        for e in build.errors
    ), build.errors
    assert any(e.startswith("site_author: SITE_AUTHOR_BIO: must be") for e in build.errors)


def test_misspelt_setting_is_a_warning_naming_the_real_one(make_site, caplog):
    build = make_site({"articles/a.md": article()}, SITE_AUTHOR_CONTCT="x@example.org")
    assert build.errors == []
    assert "SITE_AUTHOR_CONTCT: unknown setting; did you mean SITE_AUTHOR_CONTACT?" in caplog.text
