"""Our theme and plugins on someone else's Pelican site: a settings file that sets only what a
migrated blog sets (none of this site's pelicanconf.py), content without an about or a
privacy page, and reStructuredText code blocks."""

import pytest

from tests.site.test_code_callouts import RST_CODE, assert_rst_code_coloured_like_markdown
from tests.support import ROOT, build_into, write_files

# What a foreign site's pelicanconf.py sets, and no more; PATH is relative to it.
FOREIGN_CONF = f"""AUTHOR = "Someone Else"
SITENAME = "Someone's Blog"
PATH = "content"
TIMEZONE = "UTC"
THEME = {str(ROOT / "theme")!r}
PLUGIN_PATHS = [{str(ROOT / "plugins")!r}]
PLUGINS = ["content_check", "site_author", "newsletter"]
THEME_STATIC_PATHS = ["static", "assets"]
NEWSLETTER_PROVIDER = "buttondown"
NEWSLETTER_ACCOUNT = {{"username": "someone"}}
"""
POST = "Title: Hello\nDate: 2024-01-01\nCategory: misc\nSummary: Hi.\n\nHello world.\n"


def foreign_site(tmp_path, files, conf=FOREIGN_CONF, **settings):
    write_files(tmp_path / "site", {"pelicanconf.py": conf, **files})
    return build_into(tmp_path / "output", conf=tmp_path / "site/pelicanconf.py", **settings)


def theme_link_errors(build, path):
    return [e for e in build.errors if f"the theme links to '{path}'" in e]


@pytest.mark.parametrize(
    ("setting", "path"), [("SITE_AUTHOR_PAGE", "/about/"), ("NEWSLETTER_PRIVACY_URL", "/privacy/")]
)
def test_a_dead_link_from_a_default_names_the_setting_and_its_default(tmp_path, setting, path):
    build = foreign_site(tmp_path, {"content/hello.md": POST})
    [error] = theme_link_errors(build, path)
    assert f"from the setting {setting}, which is not set" in error
    assert f"its default value '{path.lstrip('/')}'" in error
    assert "or None for no link" in error


@pytest.mark.parametrize(
    ("setting", "value"), [("SITE_AUTHOR_PAGE", "who/"), ("NEWSLETTER_PRIVACY_URL", "data/")]
)
def test_a_dead_link_from_a_value_set_names_the_setting_and_the_value(tmp_path, setting, value):
    build = foreign_site(tmp_path, {"content/hello.md": POST}, **{setting: value})
    [error] = theme_link_errors(build, f"/{value}")
    assert f"from the setting {setting} = '{value}'" in error


def test_the_pages_the_defaults_name_or_none_leave_no_error(tmp_path):
    pages = {
        "content/pages/about.md": "Title: About\nSlug: about\n\nMe.\n",
        "content/pages/privacy.md": "Title: Privacy\nSlug: privacy\n\nNothing kept.\n",
    }
    # Pelican's own page URLs are pages/<slug>.html; the defaults name pretty URLs.
    with_pages = foreign_site(
        tmp_path / "a",
        {"content/hello.md": POST, **pages},
        PAGE_URL="{slug}/",
        PAGE_SAVE_AS="{slug}/index.html",
    )
    without_links = foreign_site(
        tmp_path / "b",
        {"content/hello.md": POST},
        SITE_AUTHOR_PAGE=None,
        NEWSLETTER_PRIVACY_URL=None,
    )
    assert with_pages.errors == []
    assert with_pages.soup("/hello.html").select_one("a[rel=author]")["href"] == "/about/"
    assert without_links.errors == []
    assert without_links.soup("/hello.html").select_one("a[href='/about/']") is None


def test_restructuredtext_code_is_coloured_with_pelicans_default_settings(tmp_path):
    files = {f"content/{path}": text for path, text in RST_CODE.items()}
    build = foreign_site(tmp_path, files, SITE_AUTHOR_PAGE=None, NEWSLETTER_PRIVACY_URL=None)
    assert build.errors == []
    assert_rst_code_coloured_like_markdown(build, "/m.html", "/r.html")


def test_restructuredtext_code_with_long_class_names_is_coloured_too(tmp_path):
    # docutils' `code` directive and role then write `class="keyword namespace"`; Pelican's
    # `code-block` keeps Pygments' short `kn`.
    files = {f"content/{path}": text for path, text in RST_CODE.items()}
    build = foreign_site(
        tmp_path,
        files,
        SITE_AUTHOR_PAGE=None,
        NEWSLETTER_PRIVACY_URL=None,
        DOCUTILS_SETTINGS={"syntax_highlight": "long"},
    )
    assert build.errors == []
    long_names = build.soup("/r.html").select("span.keyword.namespace")
    assert len(long_names) == 2
    keywords = "span.kn, span.keyword.namespace"
    assert_rst_code_coloured_like_markdown(build, "/m.html", "/r.html", keywords)


def nav_links(soup, label):
    return {a.get_text(strip=True): a["href"] for a in soup.select(f"nav[aria-label='{label}'] a")}


def test_the_menus_link_the_pages_pelicans_default_urls_write(tmp_path):
    # From a newcomer's try: with Pelican's own URL settings (no ARCHIVES_URL...), Archives,
    # Categories and Tags all linked the home page, and no check noticed.
    build = foreign_site(tmp_path, {"content/hello.md": POST}, SITE_AUTHOR_PAGE=None,
                         NEWSLETTER_PRIVACY_URL=None)  # fmt: skip
    assert build.errors == []
    header, footer = (
        nav_links(build.soup("/index.html"), "Main"),
        nav_links(build.soup("/index.html"), "Footer"),
    )
    assert header["Archives"] == "/archives.html"
    assert (footer["Categories"], footer["Tags"]) == ("/categories.html", "/tags.html")
    for href in (header["Archives"], footer["Categories"], footer["Tags"]):
        assert build.path(href).is_file(), href
    assert "No cookies" not in build.soup("/index.html").select_one("footer").get_text()
    marked = build.soup("/archives.html").select("nav[aria-label='Main'] [aria-current]")
    assert [a.get_text(strip=True) for a in marked] == ["Archives"]


def test_the_menus_leave_out_pages_the_site_does_not_write(tmp_path):
    build = foreign_site(
        tmp_path, {"content/hello.md": POST}, SITE_AUTHOR_PAGE=None, NEWSLETTER_PRIVACY_URL=None,
        INDEX_SAVE_AS="blog/index.html", INDEX_URL="blog/", ARCHIVES_SAVE_AS="", TAGS_SAVE_AS="",
    )  # fmt: skip
    assert build.errors == []
    soup = build.soup("/blog/index.html")
    header, footer = nav_links(soup, "Main"), nav_links(soup, "Footer")
    assert header["Articles"] == "/blog/"
    assert "Archives" not in header
    assert "Tags" not in footer
    assert footer["Categories"] == "/categories.html"


def test_a_dead_default_link_points_at_the_page_the_site_has_by_another_name(tmp_path):
    # From a newcomer's try: the blog's "About me" page is pages/about-me.html.
    page = "Title: About me\nSlug: about-me\n\nMe.\n"
    build = foreign_site(tmp_path, {"content/hello.md": POST, "content/pages/about.md": page},
                         NEWSLETTER_PRIVACY_URL=None)  # fmt: skip
    [error] = theme_link_errors(build, "/about/")
    assert "did you mean 'pages/about-me.html', the page content/pages/about.md?" in error
