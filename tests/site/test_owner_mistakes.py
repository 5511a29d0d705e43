"""The mistakes site owners make, each run through the real CLI (`tools/build.py`, as
`make html` and `make publish` run it) over an output directory that already holds a site.

Each case asserts the exit status, the one message that names the file and line (or the
setting), that the message is printed once, with no traceback and no staging path, and that
the previous output is byte for byte what it was. The cases come from trying the README as a
new owner would, and from building two real, migrated Pelican blogs (one in reStructuredText,
one with series metadata): what they showed is kept here as our own small fixtures.
"""

import shutil
import subprocess
import sys
from dataclasses import dataclass, field

import pytest
from pelican.settings import read_settings

from tests.support import (
    DEV_CONF,
    PUBLISH_CONF,
    ROOT,
    article,
    run_cli,
    tiny_content,
    write_conf,
    write_files,
)
from tools.output_dir import MARKER

PREVIOUS = {
    "index.html": "<!doctype html><title>The previous site</title>",
    "feeds/all.atom.xml": "<feed/>",
    "theme/favicon.png": b"\x89PNG\r\n\x1a\n\x00\x00previous",
    MARKER: "",  # a site an earlier build wrote, which the build may replace
}
PAGE = "Title: About\nSlug: about\n\nAbout us.\n"
# The theme's bundles, as pelicanconf.py sets them (plugins/asset_bundles).
BUNDLES = read_settings(str(DEV_CONF))["ASSET_BUNDLES"]


@dataclass
class Case:
    files: dict
    expected: list  # substrings of one line of the output, all on that line
    settings: dict = field(default_factory=dict)
    publish: bool = False
    status: int = 1


def a(**meta):
    """content/articles/a.md with `meta` (None drops a key); its lines are numbered from 1:
    Title, Date, Category, then `meta` in order."""
    return {"articles/a.md": article(title="A", **meta)}


def dead(body, target):
    """The text `body` in content/articles/a.md, with a dead link to `target`."""
    return Case(a(body=body), [f"content/articles/a.md:5: broken link to '{target}'"])


CASES = {
    # --- metadata keys: a misspelt key is not ignored -------------------------------------
    "Serie for Series": Case(
        a(Serie="Tips"),
        ["content/articles/a.md:4:", "unknown metadata key 'Serie'", "did you mean 'Series'?"],
    ),
    "Sumary for Summary": Case(
        a(Sumary="x"), ["content/articles/a.md:4:", "'Sumary'", "did you mean 'Summary'?"]
    ),
    "Tag for Tags": Case(a(Tag="x, y"), ["content/articles/a.md:4:", "did you mean 'Tags'?"]),
    "Slugs for Slug": Case(a(Slugs="a"), ["content/articles/a.md:4:", "did you mean 'Slug'?"]),
    "key nothing is close to": Case(
        a(Mood="calm"),
        ["content/articles/a.md:4:", "'Mood'", "your own keys go in CONTENT_CHECK_EXTRA_KEYS"],
    ),
    "misspelt key in reStructuredText": Case(
        {"articles/r.rst": "A title\n#######\n\n:date: 2026-01-01\n:tag: x\n\nText.\n"},
        ["content/articles/r.rst:5:", "unknown metadata key 'tag'", "did you mean 'Tags'?"],
    ),
    "series key with the series plugin left out of PLUGINS": Case(
        a(Series="Tips"),
        [
            "content/articles/a.md:4:",
            "'Series' is read by the 'series' plugin, which PLUGINS "
            "does not list: add it to PLUGINS, or remove the key",
        ],
        {"PLUGINS": ["content_check"]},
    ),
    "misspelt key of a plugin left out of PLUGINS": Case(
        a(Serie="Tips"),
        [
            "content/articles/a.md:4:",
            "did you mean 'Series', read by the 'series' plugin, not in PLUGINS?",
        ],
        {"PLUGINS": ["content_check"]},
    ),
    "Popup with another value than off, on a page that shows a form": Case(
        a(Popup="perhaps", body="[newsletter]"),
        ["content/articles/a.md: Popup metadata must be 'off' (or absent), got 'perhaps'"],
    ),
    "series key on a page": Case(
        {"pages/p.md": "Title: P\nSeries: Tips\n\nx\n"},
        ["content/pages/p.md:2:", "'Series' applies to articles only"],
    ),
    # --- values that have a form ----------------------------------------------------------
    "day-first date": Case(
        a(date="05/12/2026"),
        ["content/articles/a.md:2:", "'05/12/2026' is not an ISO 8601 date", "YYYY-MM-DD"],
    ),
    "date in words": Case(
        a(date="5 December 2026"), ["content/articles/a.md:2:", "'5 December 2026'"]
    ),
    "date that does not exist": Case(
        a(date="2026-02-30"), ["content/articles/a.md:2:", "'2026-02-30' is not a real date"]
    ),
    "unparsable modified date": Case(
        a(Modified="yesterday"), ["content/articles/a.md:4:", "Modified: 'yesterday'"]
    ),
    "unknown status": Case(
        a(Status="publish"), ["content/articles/a.md:4:", "'publish' is not a status"]
    ),
    "language name for a code": Case(
        a(Lang="English"), ["content/articles/a.md:4:", "'English' is not a language code"]
    ),
    "slug with spaces": Case(
        a(Slug="my first post"), ["content/articles/a.md:4:", "'my first post' is not a usable"]
    ),
    "slug of a dot": Case(a(Slug="."), ["content/articles/a.md:4:", "'.' is not a usable slug"]),
    "robots typo": Case(
        a(Robots="no-index"), ["content/articles/a.md:4:", "'no-index' is not a robots directive"]
    ),
    "translation flag": Case(
        a(Translation="maybe"), ["content/articles/a.md:4:", "Translation: 'maybe' must be true"]
    ),
    "emoji-only title": Case(
        {"articles/e.md": article(title="🌱🌱")},
        ["content/articles/e.md:1:", "gives an empty URL slug; add a Slug: line"],
    ),
    # --- links and images in the written site ---------------------------------------------
    "missing {static} image": Case(
        a(body="![A plant]({static}/images/plant.jpg)"),
        [
            "content/articles/a.md:5: broken internal link to 'images/plant.jpg' with {static} or"
            " {attach} (no such file in content/)"
        ],
    ),
    "missing {attach} file": Case(
        a(body="[The form]({attach}forms/intake.pdf)"),
        ["content/articles/a.md: broken internal link to 'articles/forms/intake.pdf'"],
    ),
    "missing {filename} article": Case(
        a(body="[Part two]({filename}/articles/two.md)"),
        ["content/articles/a.md:5: broken internal link to '/articles/two.md'"],
    ),
    "{static} link to an article": Case(
        {
            **a(body="[Part two]({static}/articles/two.md)"),
            "articles/two.md": article(title="Two"),
        },
        ["content/articles/a.md:5: broken internal link to '/articles/two.md'"],
    ),
    "root-relative link to nothing": Case(
        a(body="[Fees](/fees/)"), ["content/articles/a.md:5: broken link to '/fees/'"]
    ),
    "relative image of a migrated post": Case(
        a(body="![Chart](images/chart.png)"),
        ["content/articles/a.md:5: broken link to 'images/chart.png'", "points at /a/images/chart"],
    ),
    "link text and URL swapped": Case(
        a(body="Open [http://127.0.0.1:5000/](Running on http://127.0.0.1:5000/)."),
        ["content/articles/a.md:5: broken link to 'Running on http://127.0.0.1:5000/'"],
    ),
    "broken link in a static HTML file": Case(
        {**a(), "extra/slides.html": '<link rel="stylesheet" href="custom.css">'},
        ["content/extra/slides.html:1 (a static file): broken link to 'custom.css'"],
        {"STATIC_PATHS": ["extra"]},
    ),
    # raw HTML of migrated posts, in the letter case old editors wrote it
    "upper-case HREF in raw HTML": dead('<p>See <A HREF="/fees/">our fees</A>.</p>', "/fees/"),
    "upper-case IMG SRC in raw HTML": dead(
        '<P><IMG SRC="/images/Chart.PNG" ALT="chart"></P>', "/images/Chart.PNG"
    ),
    "a fragment no heading of the other article has": Case(
        {
            **a(body="[Part two, in short]({filename}/articles/b.md#in-short)"),
            "articles/b.md": article(title="B", body="## In brief\n\nText."),
        },
        [
            "content/articles/a.md:5: broken link to '/b/#in-short'",
            "b/index.html has no element with id 'in-short'",
        ],
    ),
    "a fragment no heading of its own page has": Case(
        a(body="[See below](#fees-and-cancellations)\n\n## Fees\n\nText."),
        [
            "content/articles/a.md:5: broken link to '#fees-and-cancellations'",
            "a/index.html has no element with id 'fees-and-cancellations'",
        ],
    ),
    "a fragment in the wrong case": Case(
        a(body="[See below](#Fees)\n\n## Fees\n\nText."),
        [
            "content/articles/a.md:5: broken link to '#Fees'",
            "a/index.html has no element with id 'Fees'; did you mean '#fees'?",
        ],
    ),
    "a fragment in reStructuredText": Case(
        {"articles/r.rst": "R\n#\n\n:date: 2026-01-01\n\nSee `below <#later>`_.\n"},
        ["content/articles/r.rst:6: broken link to '#later'", "r/index.html has no element"],
    ),
    "a srcset image that is missing": Case(
        {
            **a(body='<img src="/images/a.png" srcset="/images/a-2x.png 2x" alt="A">'),
            "images/a.png": b"\x89PNG\r\n\x1a\n",
        },
        ["content/articles/a.md:5: broken link to '/images/a-2x.png'"],
    ),
    "{static} in a srcset, which Pelican leaves as typed": Case(
        {
            **a(body='<img src="{static}/images/a.png" srcset="{static}/images/a.png 2x" alt="A">'),
            "images/a.png": b"\x89PNG\r\n\x1a\n",
        },
        [
            "content/articles/a.md:5: broken link to '{static}/images/a.png'",
            "Pelican replaces {static} and {filename} in href and src only",
        ],
    ),
    "two slashes before a path (a host called 'images')": dead(
        "![A](//images/a.png)", "//images/a.png"
    ),
    "a video's missing source": dead(
        '<video controls><source src="/media/intro.mp4" type="video/mp4"></video>',
        "/media/intro.mp4",
    ),
    "a video's missing poster": dead(
        '<video controls poster="/images/still.jpg" src="https://example.org/v.mp4">',
        "/images/still.jpg",
    ),
    "a background image in a style attribute": dead(
        '<div style="background: url(&quot;/images/bg.png&quot;)">Hello</div>', "/images/bg.png"
    ),
    "a background image in a style element": dead(
        "<style>.hero { background-image: url('/images/hero.jpg') }</style>\n\nText.",
        "/images/hero.jpg",
    ),
    "a stylesheet's missing font": Case(
        {**a(), "extra/print.css": "@font-face { src: url(fonts/serif.woff2) }\n"},
        ["content/extra/print.css:1 (a static file): broken link to 'fonts/serif.woff2'"],
        {"STATIC_PATHS": ["extra"]},
    ),
    "a redirect page to nowhere": Case(
        {
            **a(),
            "extra/old.html": '<meta http-equiv="refresh" content="0; url=/new-home/">',
        },
        ["content/extra/old.html:1 (a static file): broken link to '/new-home/'"],
        {"STATIC_PATHS": ["extra"]},
    ),
    "a form posting to a page that is not there": dead(
        '<form action="/enquiry/"><input name="q"></form>', "/enquiry/"
    ),
    "a page whose URL is not where it is saved": Case(
        {**a(), "pages/old.md": "Title: Old\nURL: old-page.html\nSave_as: old/index.html\n\nx\n"},
        ["content/pages/old.md: its URL 'old-page.html' leads to no file the build writes"],
        {"MENU_HEADER": [("Old", "pages/old.md")]},
    ),
    "published article linking a draft": Case(
        {
            **a(body="[Next]({filename}/articles/b.md)"),
            "articles/b.md": article(title="B", Status="draft"),
        },
        ["content/articles/a.md: broken link to", "drafts/b/"],
        publish=True,
    ),
    # --- settings -------------------------------------------------------------------------
    "SITEURL without a scheme": Case(
        a(),
        ["SITEURL: must be an absolute http(s) URL", "'example.org'", "publishconf.py"],
        {"SITEURL": "example.org"},
        publish=True,
    ),
    "SITEURL with a script": Case(
        a(),
        ["SITEURL: must be an absolute http(s) URL", "'javascript:alert(1)'"],
        {"SITEURL": "javascript:alert(1)"},
        publish=True,
    ),
    "SITEURL with a space": Case(
        a(),
        ["SITEURL: must be an absolute http(s) URL", "'https://thriving practice.org'"],
        {"SITEURL": "https://thriving practice.org"},
        publish=True,
    ),
    "menu naming a renamed page": Case(
        {**a(), "pages/about-us.md": PAGE},
        ["MENU_HEADER[0]: no such page", "got 'pages/about.md'", "did you mean pages/about-us.md"],
        {"MENU_HEADER": [("About", "pages/about.md")]},
    ),
    "menu naming a draft page": Case(
        {**a(), "pages/about.md": PAGE.replace("\n\n", "\nStatus: draft\n\n")},
        ["MENU_HEADER[0]: names a draft page", "got 'about'"],
        {"MENU_HEADER": [("About", "about")]},
    ),
    "subscribe link to a deleted page": Case(
        a(),
        ["MENU_SUBSCRIBE: no such page", "got 'newsletter'"],
        {"MENU_SUBSCRIBE": ("Subscribe", "newsletter")},
    ),
    "migrated blog without the privacy page": Case(
        a(),
        ["the theme links to '/privacy-policy/'", "from the setting NEWSLETTER_PRIVACY_URL"],
        {"NEWSLETTER_PRIVACY_URL": "privacy-policy/"},
    ),
    # The menus take a page's file; the author page is an address.
    "the author page named by its file": Case(
        {**a(), "pages/about.md": PAGE},
        [
            "the theme links to '/pages/about.md'",
            "from the setting SITE_AUTHOR_PAGE = 'pages/about.md'",
            "set it to the address of a page the site has, or None for no link",
        ],
        {"SITE_AUTHOR_PAGE": "pages/about.md"},
    ),
    "unknown key setting that is not a list": Case(
        a(), ["CONTENT_CHECK_EXTRA_KEYS: must be a list"], {"CONTENT_CHECK_EXTRA_KEYS": "mood"}
    ),
    # --- names from before a rename, and typos the build cannot ignore ---------------------
    "a THEME folder that is not there": Case(
        a(), ["conf.py: Could not find the theme /no/such/theme"], {"THEME": "/no/such/theme"}
    ),
    "the old popup plugin in PLUGINS": Case(
        a(),
        ["PLUGINS: no plugin 'subscribe_popup'", "merged into 'newsletter'"],
        {"PLUGINS": ["subscribe_popup", "series"]},
    ),
    "a misspelt plugin name": Case(
        a(), ["PLUGINS: no plugin 'sereis'", "did you mean 'series'?"], {"PLUGINS": ["sereis"]}
    ),
    "a typo in the newsletter prefix": Case(
        a(),
        ["newsletter: NEWSLETER_PROVIDER: unknown setting", "did you mean NEWSLETTER_PROVIDER?"],
        {"NEWSLETER_PROVIDER": "buttondown"},
    ),
    "a typo in the prefix of an old name": Case(
        a(),
        ["NEWSLTTER_POPUP_DELAY: unknown setting", "did you mean NEWSLETTER_POPUP_DELAY_SECONDS?"],
        {"NEWSLTTER_POPUP_DELAY": 5},
    ),
    "a typo in a feed family's prefix": Case(
        a(),
        ["feeds: TAG_FEEDS_ATOM: unknown setting", "did you mean TAG_FEED_ATOM?"],
        {"TAG_FEEDS_ATOM": "feeds/tag/{slug}.atom.xml"},
    ),
    # --- collisions with generated files --------------------------------------------------
    "the site's own robots.txt": Case(
        {**a(), "extra/robots.txt": "User-agent: *\n"},
        ["content/extra/robots.txt (a static file)", "the robots page", "robots.txt"],
        {
            "STATIC_PATHS": ["extra"],
            "EXTRA_PATH_METADATA": {"extra/robots.txt": {"path": "robots.txt"}},
        },
    ),
    "a favicon over the theme's": Case(
        {**a(), "extra/favicon.svg": "<svg/>"},
        ["content/extra/favicon.svg (a static file)", "the theme's static/favicon.svg"],
        {
            "STATIC_PATHS": ["extra"],
            "EXTRA_PATH_METADATA": {"extra/favicon.svg": {"path": "theme/favicon.svg"}},
        },
    ),
    "a page titled Archives": Case(
        {**a(), "pages/archives.md": "Title: Archives\n\nOld posts.\n"},
        ["content/pages/archives.md and the archives page", "archives/index.html"],
    ),
    "Category: All": Case(
        a(Category="All"),
        ["content/articles/a.md's category 'All' feed", "the site feed", "feeds/all.atom.xml"],
    ),
    "two articles with one slug": Case(
        {**a(Slug="same"), "articles/b.md": article(title="B", Slug="same")},
        ["content/articles/a.md and content/articles/b.md would all be written to same/"],
    ),
    "missing template": Case(
        {**a(), "pages/t.md": "Title: T\nTemplate: landing\n\nx\n"},
        ["content/pages/t.md: Template 'landing' is not in the theme"],
    ),
    "a listing template the theme lacks": Case(
        a(),
        ["DIRECT_TEMPLATES: the theme has no template 'nosuchlist'"],
        {"DIRECT_TEMPLATES": ["index", "nosuchlist"]},
    ),
    # --- what only warns, or is fine -------------------------------------------------------
    "a '#' heading in the text": Case(
        a(body="Intro.\n\n# A second title\n\nMore."),
        ["WARNING:", "content/articles/a.md:7:", "second <h1>"],
        status=0,
    ),
    "the owner's own key, declared": Case(
        a(Mood="calm"), ["Done"], {"CONTENT_CHECK_EXTRA_KEYS": ["Mood"]}, status=0
    ),
    "a migrated post's one-digit date and hour": Case(a(date="2022-5-2 8:20"), ["Done"], status=0),
    "a setting of the old popup plugin": Case(
        a(),
        ["WARNING:", "SUBSCRIBE_POPUP_DELAY:", "did you mean NEWSLETTER_POPUP_DELAY_SECONDS?"],
        {"SUBSCRIBE_POPUP_DELAY": 5},
        status=0,
    ),
    "a misspelt feed setting": Case(
        a(),
        ["WARNING: feeds: CATEGORY_FEED_ATOM_URLS:", "did you mean CATEGORY_FEED_ATOM_URL?"],
        {"CATEGORY_FEED_ATOM_URLS": "feeds/{slug}.xml"},
        status=0,
    ),
    # Other plugins' and Pelican's settings, near our prefixes, are theirs.
    "settings of other plugins": Case(
        a(),
        ["Done"],
        {"SITEMAP": {"format": "xml"}, "TOC": {"TOC_HEADERS": "^h[1-6]"}, "READTIME_WPM": 200},
        status=0,
    ),
    "an HTML source's own meta tags": Case(
        {
            "articles/h.html": (
                '<html><head><title>H</title><meta name="date" content="2026-01-01">'
                '<meta name="viewport" content="width=device-width"><meta name="category" '
                'content="T"></head><body><p>x</p></body></html>'
            )
        },
        ["Done"],
        status=0,
    ),
    # --- the theme's bundles (plugins/asset_bundles) -----------------------------------------
    "a bundle the templates link, left out": Case(
        a(),
        [
            "asset_bundles: ASSET_BUNDLES: no bundle 'js/search.js'",
            "asset_url('js/search.js')",
            "(it has 'css/site.css'",
        ],
        {"ASSET_BUNDLES": {k: v for k, v in BUNDLES.items() if k != "js/search.js"}},
    ),
    "no bundles at all": Case(
        a(),
        [
            "ASSET_BUNDLES: no bundle 'css/site.css'",
            "add 'css/site.css': [its source files] (it has none)",
        ],
        {"ASSET_BUNDLES": {}},
    ),
    "a bundle naming a file that does not exist": Case(
        a(),
        [
            "asset_bundles: ASSET_BUNDLES['css/site.css']: no such source file in theme/assets",
            "got 'css/sitee.css'; did you mean css/site.css?",
        ],
        {"ASSET_BUNDLES": {**BUNDLES, "css/site.css": ["css/sitee.css"]}},
    ),
    "a bundle's sources as a string": Case(
        a(),
        [
            "ASSET_BUNDLES['css/site.css']: must be a list of source files, such as "
            "['css/site.css'], got 'css/site.css'"
        ],
        {"ASSET_BUNDLES": {**BUNDLES, "css/site.css": "css/site.css"}},
    ),
    "a bundle with no sources": Case(
        a(),
        ["ASSET_BUNDLES['js/site.js']: must give at least one source file, got []"],
        {"ASSET_BUNDLES": {**BUNDLES, "js/site.js": []}},
    ),
    "bundles as a list": Case(
        a(),
        ["ASSET_BUNDLES: must be a dict {bundle name: [source files]}, got ['css/site.css']"],
        {"ASSET_BUNDLES": ["css/site.css"]},
    ),
    "a bundle name without its extension": Case(
        a(),
        ["ASSET_BUNDLES['css/site']: the name must end in .css or .js"],
        {"ASSET_BUNDLES": {**BUNDLES, "css/site": ["css/site.css"]}},
    ),
    # Relative to the theme, not the project.
    "a source folder the theme lacks": Case(
        a(),
        ["ASSET_BUNDLES_SOURCE_DIR: no such folder in the theme (theme)", "got 'theme/assets'"],
        {"ASSET_BUNDLES_SOURCE_DIR": "theme/assets"},
    ),
    "minify as a word": Case(
        a(),
        ["ASSET_BUNDLES_MINIFY: must be True or False, got 'no'"],
        {"ASSET_BUNDLES_MINIFY": "no"},
    ),
    "bundles under the singular name": Case(
        a(),
        ["WARNING:", "ASSET_BUNDLE: unknown setting; did you mean ASSET_BUNDLES?"],
        {"ASSET_BUNDLE": {"css/extra.css": ["css/site.css"]}},
        status=0,
    ),
    # --- the logo (plugins/site_logo) ------------------------------------------------------
    "SITE_LOGO naming no file": Case(
        a(),
        ["site_logo: SITE_LOGO: no such file in the content folder (content)", "images/logo.svg"],
        {"SITE_LOGO": "images/logo.svg"},
    ),
    "SITE_LOGO outside the static folders": Case(
        {**a(), "logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 1"/>'},
        ["SITE_LOGO: logo.svg is not published: put it in a folder of STATIC_PATHS (images)"],
        {"SITE_LOGO": "logo.svg"},
    ),
    "SITE_LOGO an SVG without a viewBox": Case(
        {**a(), "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>'},
        ["SITE_LOGO: images/logo.svg is an SVG without a viewBox", 'add viewBox="0 0'],
        {"SITE_LOGO": "images/logo.svg"},
    ),
    "SITE_LOGO a file that is no image": Case(
        {**a(), "images/logo.png": "not an image"},
        ["SITE_LOGO: images/logo.png is not an image this build can read"],
        {"SITE_LOGO": "images/logo.png"},
    ),
}


def snapshot(directory):
    return {p.relative_to(directory): p.read_bytes() for p in directory.rglob("*") if p.is_file()}


def run(tmp_path, case):
    content = write_files(tmp_path / "content", tiny_content(case.files))
    output = write_files(tmp_path / "output", PREVIOUS)
    base = PUBLISH_CONF if case.publish else None
    conf = write_conf(
        tmp_path / "conf.py", **({"base": base} if base else {}), PATH=str(content), **case.settings
    )
    before = snapshot(output)
    proc = run_cli(conf, output)
    return proc, before, snapshot(output)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_an_owner_mistake(tmp_path, case):
    proc, before, after = run(tmp_path, case)
    out = proc.stdout + proc.stderr
    assert proc.returncode == case.status, out
    lines = [line for line in out.splitlines() if all(text in line for text in case.expected)]
    assert len(lines) == 1, f"expected one line with {case.expected}:\n{out}"
    assert "Traceback" not in out
    assert ".output-" not in out
    assert str(tmp_path) not in out, "paths are relative to the project"
    if case.status:
        assert after == before, "a failed build must leave the previous output as it was"
    assert not list(tmp_path.glob(".output-*"))


def test_a_plugin_whose_package_is_missing_is_named_with_the_package(tmp_path):
    """Pillow missing from the venv (an old venv, a hand-made one): Pelican says only "Cannot
    load plugin social_cards"; the build names the module and how to get it."""
    content = write_files(tmp_path / "content", tiny_content(a()))
    output = write_files(tmp_path / "output", PREVIOUS)
    conf = write_conf(tmp_path / "conf.py", PATH=str(content))
    before = snapshot(output)
    # The interpreter as it is without Pillow: importing PIL fails.
    code = (
        "import sys; sys.modules['PIL'] = None; from tools.build import main; "
        f"sys.exit(main([{str(conf)!r}, '--output', {str(output)!r}]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1, proc.stderr
    assert (
        "  - PLUGINS: plugin 'social_cards' cannot be loaded: it needs the Python module 'PIL', "
        "which is not installed (`make venv` installs the packages pinned in requirements.txt)"
    ) in proc.stderr.splitlines()
    assert "Cannot load plugin" not in proc.stderr
    assert snapshot(output) == before


def test_a_plugin_copied_without_plugin_core_says_to_copy_that_too(tmp_path):
    # A newcomer took one plugin to another site, as the README allows, and not its library.
    mine = tmp_path / "myplugins"
    shutil.copytree(
        ROOT / "plugins/series", mine / "series", ignore=shutil.ignore_patterns("__pycache__")
    )
    content = write_files(tmp_path / "content", tiny_content(a()))
    conf = write_conf(tmp_path / "conf.py", PATH=str(content), PLUGIN_PATHS=[str(mine)],
                      PLUGINS=["series"])  # fmt: skip
    proc = run_cli(conf, tmp_path / "output")
    assert proc.returncode == 1, proc.stderr
    assert (
        "  - PLUGINS: plugin 'series' cannot be loaded: it needs plugin_core, the library our "
        "plugins share (not a package to install): copy plugins/plugin_core next to it, into the "
        "same folder of PLUGIN_PATHS"
    ) in proc.stderr.splitlines()


def test_debug_shows_the_traceback(tmp_path):
    case = CASES["a listing template the theme lacks"]
    content = write_files(tmp_path / "content", tiny_content(case.files))
    conf = write_conf(tmp_path / "conf.py", PATH=str(content), **case.settings)
    proc = run_cli(conf, tmp_path / "out", "--debug")
    assert proc.returncode == 1
    assert "Traceback (most recent call last)" in proc.stderr


README_EXAMPLE = {
    "articles/first-contact.md": (
        "Title: First contact\nDate: 05/12/2026\nModified: 2026-06-02 10:00\n"
        "Category: Referral Building\nTags: referrals\nSlug: first-contact\n"
        "Summary: How to start.\nSerie: Building Referral Relationships\n\n"
        "![A map of referrers](images/map.png)\n"
    ),
    "articles/tips.md": (
        "Title: Tips\nDate: 2026-01-02\nCategory: Referral Building\nTags: referrals\n"
        "Summary: Tips.\n\nIntro.\n\n# Tips\n"
    ),
    "pages/about.md": PAGE,
}


def test_the_readme_example_is_what_the_build_prints(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### A strict, atomic build", 1)[1]
    example = section.split("```\n", 2)[1].strip().splitlines()
    footer = [("About", "pages/about.md"), ("Privacy", "pages/privacy-policy.md")]
    case = Case(README_EXAMPLE, [], {"MENU_FOOTER": footer})
    proc, before, after = run(tmp_path, case)
    assert proc.returncode == 1
    printed = proc.stderr.splitlines()
    assert [line for line in example if line not in printed] == []
    assert after == before


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("SITE_LOGO = images/logo.svg", "line 2: NameError: name 'images' is not defined"),
        ('SITENAME = "My practice', "line 2: SyntaxError: unterminated string literal"),
    ],
)
def test_a_settings_file_python_cannot_run_is_one_message_naming_its_line(tmp_path, line, said):
    # Unquoted text or a missing quote in pelicanconf.py: no traceback, the file and the line.
    conf = tmp_path / "conf.py"
    conf.write_text(f"from pelicanconf import *  # noqa\n{line}\n")
    proc = run_cli(conf, tmp_path / "out")
    assert proc.returncode == 1
    assert f"conf.py, {said}" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("settings", "error"),
    [
        ({"ASSET_BUNDLES": ["css/site.css"]}, "ASSET_BUNDLES: must be a dict"),
        ({"ASSET_BUNDLES_SOURCE_DIR": "theme/assets"}, "ASSET_BUNDLES_SOURCE_DIR: no such folder"),
    ],
)
def test_one_bundle_mistake_is_one_error_not_one_more_per_bundle(make_site, settings, error):
    build = make_site(a(), **settings)
    assert len(build.errors) == 1, build.errors
    assert error in build.errors[0]
