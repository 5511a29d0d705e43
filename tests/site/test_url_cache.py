"""url_cache only makes URLs cheaper: every output file is the same with and without it."""

import shutil

from pelican.settings import read_settings

from tests.support import DEV_CONF, ROOT, article, build_into, write_files

# Beside the real content: every kind of content whose URL comes from another setting or
# from metadata, and links to each of them.
EXTRA = {
    "articles/extra/draft.md": article(title="A draft", Status="draft"),
    "articles/extra/own-url.md": article(
        title="Its own URL", URL="elsewhere/own/", Save_as="elsewhere/own/index.html"
    ),
    "articles/extra/translated.md": article(title="Translated", Slug="translated"),
    "articles/extra/translated-fr.md": article(title="Traduit", Slug="translated", Lang="fr"),
    "articles/extra/links.md": article(
        title="Links",
        body=(
            "[draft]({filename}/articles/extra/draft.md) "
            "[own]({filename}/articles/extra/own-url.md) "
            "[fr]({filename}/articles/extra/translated-fr.md) "
            "[page]({filename}/pages/hidden.md)"
        ),
    ),
    "pages/hidden.md": "Title: Hidden\nStatus: hidden\n\nA hidden page.\n",
    "pages/draft.md": "Title: Draft page\nStatus: draft\n\nA draft page.\n",
}


def site_files(output):
    files = {}
    for path in sorted(output.rglob("*")):
        if path.is_file():
            files[path.relative_to(output).as_posix()] = path.read_bytes()
    return files


def test_the_site_is_the_same_with_and_without_url_cache(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    write_files(content, EXTRA)
    plugins = read_settings(str(DEV_CONF))["PLUGINS"]
    assert "url_cache" in plugins
    cached = build_into(tmp_path / "cached", PATH=str(content))
    plain = build_into(
        tmp_path / "plain", PATH=str(content), PLUGINS=[p for p in plugins if p != "url_cache"]
    )
    assert cached.errors == plain.errors == []
    links = {a["href"] for a in cached.soup("/links/").select(".post-body a")}
    # Each from a different URL setting or metadata: draft, URL, translation, hidden page.
    assert links == {"/drafts/a-draft/", "/elsewhere/own/", "/translated-fr.html", "/hidden/"}
    assert site_files(cached.output) == site_files(plain.output)
