"""No broken internal link or missing asset anywhere in the output."""

import re
from urllib.parse import unquote, urlsplit

PUBLISH_ORIGIN = "https://thrivingpractice.example"


def link_targets(build):
    """(file, url) for every href and src in the HTML and every url() in the CSS."""
    for page in build.html_pages():
        soup = build.soup("/" + page.relative_to(build.output).as_posix())
        for tag in soup.find_all(href=True):
            yield page, tag["href"]
        for tag in soup.find_all(src=True):
            yield page, tag["src"]
    for css in build.output.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            yield css, url


def resolves(build, page, url, origin):
    if url.startswith(origin):
        url = url[len(origin) :] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "data:", "mailto:")):
        return True  # external, or same page
    path = unquote(parts.path)
    if not path.startswith("/"):
        base = "/" + page.parent.relative_to(build.output).as_posix() + "/"
        path = base + path
    return build.path(path).is_file()


def broken_links(build, origin):
    return [
        f"{page.relative_to(build.output)}: {url}"
        for page, url in link_targets(build)
        if not resolves(build, page, url, origin)
    ]


def test_no_broken_internal_links_in_development_build(site):
    assert broken_links(site, origin="http://localhost:8000") == []


def test_no_broken_internal_links_in_publish_build(publish_site):
    assert broken_links(publish_site, origin=PUBLISH_ORIGIN) == []


def test_the_checker_sees_a_broken_link(make_site):
    body = 'Go <a href="/nowhere/">nowhere</a> or <a href="/about/">about</a>.'
    result = make_site({"articles/a.md": f"Title: A\nDate: 2026-01-01\n\n{body}\n"})
    assert any(line.endswith(": /nowhere/") for line in broken_links(result, origin=""))
