"""Broken content and settings: each fails `make html` / `make publish` (tools/build.py)
with a message naming the file or the setting, and leaves the previous output as it was.
A few likely mistakes only warn, and say what was probably meant."""

import os

import pytest

from tests.support import (
    PUBLISH_CONF,
    article,
    run_cli,
    tiny_content,
    write_conf,
    write_files,
)
from tools.output_dir import MARKER

GOOD = {"articles/good.md": article(title="Fine", Slug="fine")}


def part(name, index, title=None, **meta):
    return article(title=title or f"Part {index}", Series=name, Series_index=index, **meta)


# name -> (content files, setting overrides, substrings one error message must all contain: the
# case's own error, not another one its input happens to cause too)
ERRORS = {
    "article without a title": (
        {"articles/untitled.md": article(title=None)},
        {},
        ["untitled.md", "title"],
    ),
    "empty file": ({"articles/empty.md": ""}, {}, ["empty.md"]),
    "unparsable date": (
        {"articles/when.md": article(date="next Tuesday-ish")},
        {},
        ["when.md:2:", "'next Tuesday-ish' is not an ISO 8601 date"],
    ),
    "unparsable modified date": (
        {"articles/mod.md": article(Modified="yesterday-ish")},
        {},
        ["mod.md:4:", "'yesterday-ish' is not an ISO 8601 date"],
    ),
    "non-UTF-8 file": (
        {"articles/latin1.md": "Title: Caf\xe9\nDate: 2026-01-01\n\nx".encode("latin-1")},
        {},
        ["latin1.md:1: byte 0xE9 is not UTF-8"],
    ),
    "unreadable file": ({"articles/gone.md": None}, {}, ["gone.md", "No such file"]),
    "non-integer series index": (
        {"articles/s.md": part("S", "two")},
        {},
        ["s.md", "'two'", "Series_index"],
    ),
    "zero series index": ({"articles/s.md": part("S", 0)}, {}, ["s.md", "'0'"]),
    "negative series index": ({"articles/s.md": part("S", -3)}, {}, ["s.md", "'-3'"]),
    "duplicate series index": (
        {"articles/a.md": part("S", 1, "A"), "articles/b.md": part("S", 1, "B")},
        {},
        ["a.md", "b.md", "S"],
    ),
    "unknown form in a marker": (
        {"articles/m.md": article(body="Intro.\n\n[newsletter nosuchform]\n")},
        {},
        ["m.md", "nosuchform"],
    ),
    "unknown form in Newsletter metadata": (
        {"articles/n.md": article(Newsletter="nosuchform")},
        {},
        ["n.md", "nosuchform"],
    ),
    "invalid Popup metadata": (
        {"articles/p.md": article(Popup="sometimes")},
        {},
        ["p.md", "Popup"],
    ),
    "link to a missing file": (
        {"articles/l.md": article(body="See [this]({filename}/articles/nowhere.md).")},
        {},
        ["l.md", "nowhere.md"],
    ),
    "missing template": (
        {"pages/t.md": "Title: T\nTemplate: nosuchtemplate\n\nx\n"},
        {},
        ["t.md", "'nosuchtemplate'"],
    ),
    "two articles with one slug": (
        {
            "articles/a.md": article(title="A", Slug="same"),
            "articles/b.md": article(title="B", Slug="same"),
        },
        {},
        ["a.md and ", "b.md would all be written to same/index.html"],
    ),
    "unknown newsletter provider": (
        GOOD,
        {"NEWSLETTER_PROVIDER": "sendfox"},
        ["NEWSLETTER_PROVIDER", "sendfox"],
    ),
    "missing account identifier": (
        GOOD,
        {"NEWSLETTER_PROVIDER": "mailchimp", "NEWSLETTER_ACCOUNT": {"u": "abc"}},
        ["NEWSLETTER_ACCOUNT"],
    ),
    "non-HTTPS form action": (
        GOOD,
        {
            "NEWSLETTER_PROVIDER": "generic",
            "NEWSLETTER_ACCOUNT": {"action": "http://lists.example.org/add"},
        },
        ["NEWSLETTER_ACCOUNT", "http://lists.example.org/add"],
    ),
    "consent box without a privacy link": (
        GOOD,
        {
            "NEWSLETTER_FORMS": {"newsletter": {"consent": "I agree"}},
            "NEWSLETTER_PRIVACY_URL": "",
        },
        ["NEWSLETTER_FORMS['newsletter']['consent']", "NEWSLETTER_PRIVACY_URL"],
    ),
    "negative popup delay": (
        GOOD,
        {"NEWSLETTER_POPUP_DELAY_SECONDS": -5},
        ["NEWSLETTER_POPUP_DELAY_SECONDS", "-5"],
    ),
    "popup scroll share above 1": (
        GOOD,
        {"NEWSLETTER_POPUP_SCROLL_SHARE": 1.5},
        ["NEWSLETTER_POPUP_SCROLL_SHARE"],
    ),
    "fractional popup dismissal days": (
        GOOD,
        {"NEWSLETTER_POPUP_DISMISS_DAYS": 2.5},
        ["NEWSLETTER_POPUP_DISMISS_DAYS"],
    ),
    "missing asset bundle source": (
        GOOD,
        {
            "ASSET_BUNDLES": {
                "css/site.css": ["css/nope.css"],
                "js/site.js": ["js/subscribe.js"],
                "js/popup.js": ["js/subscribe.js", "js/popup.js"],
            }
        },
        ["ASSET_BUNDLES['css/site.css']", "css/nope.css"],
    ),
    "asset bundle outside the output": (
        GOOD,
        {"ASSET_BUNDLES": {"../../site.js": ["js/subscribe.js"]}},
        ["ASSET_BUNDLES", "../../site.js"],
    ),
    "asset minifying set to a string": (
        GOOD,
        {"ASSET_BUNDLES_MINIFY": "no"},
        ["ASSET_BUNDLES_MINIFY", "True or False", "'no'"],
    ),
    "sitemap exclusion that is not a regex": (
        GOOD,
        {"SITEMAP_XML_EXCLUDE": ["tag/("]},
        ["SITEMAP_XML_EXCLUDE", "'tag/('"],
    ),
    "header with a line break": (
        GOOD,
        {"DEPLOY_HEADERS": {"/*": {"X-Test": "a\nInjected: b"}}},
        ["DEPLOY_HEADERS"],
    ),
    "header value that is not a string": (
        GOOD,
        {"DEPLOY_HEADERS": {"/theme/*": {"Cache-Control": 31536000}}},
        ["DEPLOY_HEADERS", "'Cache-Control'", "31536000"],
    ),
    "headers file in a directory": (
        GOOD,
        {"DEPLOY_HEADERS_FILE": "../_headers"},
        ["DEPLOY_HEADERS_FILE", "'../_headers'"],
    ),
}

# name -> (content files, setting overrides, substrings the warning must contain)
WARNINGS = {
    "misspelled newsletter setting": (
        GOOD,
        {"NEWSLETTER_PROVIDERS": "buttondown"},
        ["NEWSLETTER_PROVIDERS", "NEWSLETTER_PROVIDER"],
    ),
    "misspelled popup setting": (
        GOOD,
        {"NEWSLETTER_POPUP_DELAY_SECOND": 10},
        ["NEWSLETTER_POPUP_DELAY_SECOND", "NEWSLETTER_POPUP_DELAY_SECONDS"],
    ),
    "misspelled series setting": (GOOD, {"SERIES_INFOS": {}}, ["SERIES_INFOS", "SERIES_INFO"]),
    "misspelled asset setting": (
        GOOD,
        {"ASSET_BUNDLES_MINIFIY": False},
        ["ASSET_BUNDLES_MINIFIY", "did you mean ASSET_BUNDLES_MINIFY?"],
    ),
    "misspelled sitemap setting": (
        GOOD,
        {"SITEMAP_XML_EXCLUDES": []},
        ["SITEMAP_XML_EXCLUDES", "did you mean SITEMAP_XML_EXCLUDE?"],
    ),
    "misspelled headers setting": (
        GOOD,
        {"DEPLOY_HEADER": {}},
        ["DEPLOY_HEADER", "did you mean DEPLOY_HEADERS?"],
    ),
    "gap in a series": (
        {"articles/a.md": part("Gappy", 1, "A"), "articles/c.md": part("Gappy", 3, "C")},
        {},
        ["Gappy"],
    ),
    "series names differing by case": (
        {
            "articles/a.md": part("Referral Basics", 1, "A"),
            "articles/b.md": part("referral basics", 2, "B"),
        },
        {},
        ["Referral Basics", "referral basics", "a.md", "b.md"],
    ),
}


def run_build(tmp_path, files, settings, conf=None):
    """Run tools/build.py, as `make html` does, over an output that already holds a site."""
    content = tmp_path / "content"
    for rel, text in files.items():
        if text is None:  # a dangling link: listed as content, impossible to read
            (content / rel).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(tmp_path / "no-such-target.md", content / rel)
    write_files(content, tiny_content({rel: t for rel, t in files.items() if t is not None}))
    output = tmp_path / "output"
    previous_site = {"index.html": "the previous site", "feeds/all.atom.xml": "<feed/>", MARKER: ""}
    write_files(output, previous_site)
    kwargs = {"base": conf} if conf else {}
    settings_file = write_conf(tmp_path / "conf.py", PATH=str(content), **kwargs, **settings)
    proc = run_cli(settings_file, output)
    previous = (output / "index.html").read_text() == "the previous site"
    return proc, previous


@pytest.mark.parametrize(("files", "settings", "expected"), ERRORS.values(), ids=ERRORS.keys())
def test_bad_input_fails_the_build_and_keeps_the_previous_output(
    tmp_path, files, settings, expected
):
    proc, previous_kept = run_build(tmp_path, files, settings)
    assert proc.returncode == 1, proc.stderr
    summary = proc.stderr.split("Build failed with", 1)[1]
    assert any(all(text in line for text in expected) for line in summary.splitlines()), (
        f"no one error names all of {expected}:\n{summary}"
    )
    assert previous_kept
    assert not list(tmp_path.glob(".output.build-*"))


@pytest.mark.parametrize(
    "case", ["article without a title", "negative popup delay", "unknown newsletter provider"]
)
def test_bad_input_fails_make_publish_too(tmp_path, case):
    files, settings, expected = ERRORS[case]
    proc, previous_kept = run_build(tmp_path, files, settings, conf=PUBLISH_CONF)
    assert proc.returncode == 1
    assert all(text in proc.stderr for text in expected)
    assert previous_kept


@pytest.mark.parametrize(("files", "settings", "expected"), WARNINGS.values(), ids=WARNINGS.keys())
def test_likely_mistakes_warn_and_say_what_was_meant(tmp_path, files, settings, expected):
    proc, _ = run_build(tmp_path, files, settings)
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("WARNING")]
    assert any(all(text in line for text in expected) for line in warnings), proc.stderr
