"""No broken internal link or missing asset anywhere in the output: the build checks every
link and image of every page itself (plugins/content_check); the stylesheets are checked here."""

import re

from content_check import links

PUBLISH_ORIGIN = "https://thrivingpractice.example"


def broken_css_urls(build):
    site = links.Site(build.output, [])
    return [
        f"{css.relative_to(build.output)}: {url}"
        for css in build.output.rglob("*.css")
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8"))
        if (path := site.target(css.relative_to(build.output).as_posix(), url)) is not None
        and not site.exists(path)
    ]


def test_no_broken_internal_links_in_development_build(site):
    assert links.broken_links(site.output, ["http://localhost:8000"]) == {}
    assert broken_css_urls(site) == []


def test_no_broken_internal_links_in_publish_build(publish_site):
    assert links.broken_links(publish_site.output, [PUBLISH_ORIGIN]) == {}
    assert broken_css_urls(publish_site) == []


def test_the_build_names_the_file_of_a_broken_link(make_site):
    body = 'Go <a href="/nowhere/">nowhere</a> or <a href="/privacy/">privacy</a>.'
    result = make_site({"articles/a.md": f"Title: A\nDate: 2026-01-01\n\n{body}\n"})
    assert [e for e in result.errors if "broken link" in e] == [
        f"content_check: {result.output.parent}/content/articles/a.md: broken link to '/nowhere/'"
    ]
