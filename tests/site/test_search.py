"""Search (tools/search_index.py, theme/templates/search.html): what is indexed, the index
made in the build and reused while the site is unchanged, and the failures of a real machine
(no Pagefind, a failing Pagefind, a damaged cache) each failing cleanly or costing only time."""

import gzip
import json
import os
import stat

import pytest

from tests.support import ROOT, article, build_into, write_files
from tools.search_index import executable

FILES = {
    "articles/first.md": article(
        "Hedgehogs in the garden",
        body="The quokka wanders far.\n\n[newsletter]\n\n"
        '<div data-pagefind-ignore markdown="1">\n\nA private *aside*.\n\n</div>',
    ),
    "articles/second.md": article("Second thoughts", date="2026-01-02 09:00", Tags="walks"),
    "articles/draft.md": article("Unfinished", Status="draft", body="A zebrafish draft."),
    "pages/about.md": "Title: About us\n\nWho we are.\n",
    "pages/thanks.md": "Title: Thanks\nRobots: noindex\n\nThank you.\n",
}


@pytest.fixture
def counted(tmp_path, monkeypatch):
    """Pagefind behind a wrapper that counts its runs: `counted()` is how many so far."""
    runs = tmp_path / "runs"
    wrapper = tmp_path / "bin" / "pagefind"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\necho run >> "{runs}"\nexec "{executable()}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    return lambda: len(runs.read_text().splitlines()) if runs.exists() else 0


def fake_pagefind(tmp_path, monkeypatch, script):
    program = tmp_path / "fake" / "pagefind"
    program.parent.mkdir(exist_ok=True)
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))


def fragments(build):
    """{URL: text} of every page in the index, read from Pagefind's own fragment files."""
    found = {}
    for path in (build.output / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def entry_pages(build):
    entry = json.loads((build.output / "pagefind" / "pagefind-entry.json").read_text())
    return sum(language["page_count"] for language in entry["languages"].values())


def test_only_published_articles_and_pages_are_searchable(make_site):
    build = make_site(FILES)
    assert build.errors == []
    marked = {path for path, soup in build.pages() if soup.select("[data-pagefind-body]")}
    assert marked == {"/hedgehogs-in-the-garden/", "/second-thoughts/", "/about-us/"}
    # The title and the text: the byline and the navigation are outside them.
    parts = build.soup("/hedgehogs-in-the-garden/").select("[data-pagefind-body]")
    assert [part.name for part in parts] == ["h1", "div"]
    assert parts[1].select("form")  # the [newsletter] marker's form is in the text...
    # ...but the index holds those three pages' texts alone: no form, no passage the writer
    # kept out, nothing else.
    indexed = fragments(build)
    assert entry_pages(build) == 3
    assert set(indexed) == marked
    text = "Hedgehogs in the garden. The quokka wanders far."
    assert indexed["/hedgehogs-in-the-garden/"] == text
    assert "Who we are." in indexed["/about-us/"]


def test_header_field_is_a_plain_form_to_the_search_page(make_site):
    build = make_site(FILES)
    form = build.soup("/about-us/").select_one("header form[role=search]")
    assert form["action"] == "/search/"
    assert form.get("method", "get") == "get"
    assert form.select_one("input[type=search]")["name"] == "q"
    assert form.select_one("input")["aria-label"]
    # The search page has its own form, with a label, and no second one in the header.
    page = build.soup("/search/")
    assert not page.select("header form")
    field = page.select_one("main form input[name=q]")
    assert page.select_one(f"label[for={field['id']}]").get_text(strip=True)
    # Scripts: the search page's own bundle; no page but the search page loads it.
    assert "/js/search." in page.select("script[src]")[-1]["src"]
    for path, soup in build.pages():
        if path != "/search/":
            assert not any("search." in s["src"] for s in soup.select("script[src]")), path


def test_without_javascript_the_search_page_says_how_to_browse(make_site):
    page = make_site(FILES).soup("/search/")
    assert "needs JavaScript" in page.select_one("noscript").get_text()
    links = {a["href"] for a in page.select("main p a")}
    assert {"/archives/", "/series/", "/categories/", "/tags/"} <= links


def test_the_search_page_alone_gets_the_policy_additions(make_site):
    rules = make_site(FILES).headers()
    strict, search = rules["/*"]["Content-Security-Policy"], rules["/search/*"]
    assert list(search) == ["Content-Security-Policy"]
    added = set(search["Content-Security-Policy"].split("; ")) - set(strict.split("; "))
    assert added == {"script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'"}
    assert "wasm" not in strict
    assert "connect-src" not in strict


def test_the_search_page_alone_fetches_pagefinds_script_early(site):
    preloads = {
        url: [link["href"] for link in page.select("link[rel=modulepreload]")]
        for url, page in site.pages()
    }
    assert preloads.pop("/search/") == ["/pagefind/pagefind.js"]
    assert (site.output / "pagefind/pagefind.js").is_file()
    assert {url: hrefs for url, hrefs in preloads.items() if hrefs} == {}


def test_the_preloaded_script_written_after_the_link_check_is_no_dead_link(make_site):
    # The index (pagefind/) is made after the link check; with RELATIVE_URLS the search page
    # links its script as "../pagefind/pagefind.js", which must resolve all the same.
    build = make_site(FILES, RELATIVE_URLS=True)
    assert build.errors == []
    [preload] = build.soup("/search/index.html").select("link[rel=modulepreload]")
    assert preload["href"] == "../pagefind/pagefind.js"
    assert (build.output / "pagefind/pagefind.js").is_file()


def test_an_unchanged_site_reuses_its_index(make_site, counted, tmp_path):
    first = make_site(FILES)
    assert first.errors == []
    assert counted() == 1
    index = {p.name: p.read_bytes() for p in (first.output / "pagefind").rglob("*") if p.is_file()}
    again = make_site(FILES)
    assert again.errors == []
    assert counted() == 1
    assert {
        p.name: p.read_bytes() for p in (again.output / "pagefind").rglob("*") if p.is_file()
    } == index
    # A change to what is indexed is indexed again.
    changed = make_site({**FILES, "articles/third.md": article("Third", date="2026-01-03")})
    assert changed.errors == []
    assert counted() == 2
    assert entry_pages(changed) == 4


def test_a_full_disk_while_the_index_is_copied_is_one_message(make_site, monkeypatch):
    # From a newcomer's try on a small tmpfs: seven (source, target, reason) tuples, raw.
    first = make_site(FILES)
    assert first.errors == []
    site = (first.output / "index.html").read_bytes()

    def full(source, target, **kwargs):
        raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr("os.link", full)
    monkeypatch.setattr("shutil.copy2", full)
    again = make_site(FILES)
    assert len(again.errors) == 1, again.errors
    assert again.errors[0].startswith(
        "search: the index could not be copied into the site ([Errno 28] No space left on device"
    )
    assert (first.output / "index.html").read_bytes() == site  # the old site is kept


def test_a_damaged_cache_is_indexed_again(make_site, counted, tmp_path):
    build = make_site(FILES)
    [entry] = (p for p in (tmp_path / "output-cache" / "search").iterdir() if p.is_dir())
    next(entry.rglob("*.pf_fragment")).write_bytes(b"truncated")
    again = make_site(FILES)
    assert again.errors == []
    assert counted() == 2
    fragments = sorted(p.read_bytes() for p in (again.output / "pagefind").rglob("*.pf_fragment"))
    assert b"truncated" not in fragments
    assert fragments == sorted(
        p.read_bytes() for p in (build.output / "pagefind").rglob("*.pf_fragment")
    )


def test_a_cache_that_cannot_be_written_costs_time_only(make_site, tmp_path, caplog):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go")
    build = make_site(FILES, CACHE_PATH=str(blocked))
    assert build.errors == []
    assert (build.output / "pagefind" / "pagefind.js").is_file()
    assert "indexing every build" in caplog.text


@pytest.mark.parametrize(
    ("script", "message"),
    [
        (None, "search: the Pagefind program is missing"),
        ("echo 'Error: out of memory' >&2; exit 3", "search: Pagefind failed (exit status 3): "),
        ("kill -9 $$", "search: Pagefind failed (killed)"),
        ("exit 0", "search: Pagefind wrote no pagefind/pagefind.js and said nothing"),
        ("sleep 30", "search: Pagefind did not finish within 3 seconds"),
    ],
    ids=["missing", "fails", "killed", "writes nothing", "hangs"],
)
def test_a_failing_indexer_fails_the_build_and_keeps_the_site(
    make_site, tmp_path, monkeypatch, script, message
):
    monkeypatch.setattr("tools.search_index.TIMEOUT", 3)  # a hung run is stopped
    good = make_site(FILES)
    assert good.errors == []
    before = {p: p.read_bytes() for p in good.output.rglob("*") if p.is_file()}
    if script is None:
        monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no" / "pagefind"))
    else:
        fake_pagefind(tmp_path, monkeypatch, script)
    changed = {**FILES, "articles/third.md": article("Third", date="2026-01-03")}
    failed = make_site(changed)
    assert len(failed.errors) == 1, failed.errors
    assert failed.errors[0].startswith(message), failed.errors
    if script and "out of memory" in script:
        assert "Error: out of memory" in failed.errors[0]
    assert {p: p.read_bytes() for p in good.output.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".output.build-*"))


def test_a_site_with_nothing_to_index_builds_and_warns(make_site, caplog):
    build = make_site({"pages/privacy.md": "Title: Privacy\nStatus: hidden\n\nText.\n"})
    assert build.errors == []
    assert "search: no published article or page to index yet" in caplog.text
    assert not (build.output / "pagefind").exists()
    assert build.path("/search/").is_file()


def test_a_page_called_pagefind_is_a_clear_error(make_site):
    build = make_site({**FILES, "pages/pagefind.md": "Title: Pagefind\n\nOur notes on it.\n"})
    assert len(build.errors) == 1
    assert "search: the site already has a pagefind/ folder" in build.errors[0]


def test_without_the_search_page_nothing_is_indexed(make_site, counted):
    templates = ["index", "categories", "tags", "archives"]
    build = make_site(FILES, DIRECT_TEMPLATES=templates)
    assert build.errors == []
    assert counted() == 0
    assert not (build.output / "pagefind").exists()
    assert not build.path("/search/").exists()
    assert not build.soup("/about-us/").select("form[role=search]")


def test_publish_compresses_the_bundle_it_serves(tmp_path):
    content = write_files(tmp_path / "content", {"pages/privacy.md": "Title: Privacy\n\nText.\n"})
    from tests.support import PUBLISH_CONF

    build = build_into(tmp_path / "out", conf=PUBLISH_CONF, PATH=str(content))
    assert build.errors == []
    bundle = build.output / "pagefind"
    assert (bundle / "pagefind.js.br").is_file()
    assert (bundle / "pagefind.js.gz").is_file()
    # Only what the search page loads: its worker, no ready-made interface.
    names = {p.name for p in bundle.iterdir()}
    assert not {n for n in names if "ui" in n or "highlight" in n}
    assert (bundle / "pagefind-worker.js").is_file()
    assert (bundle / "pagefind-worker.js.gz").is_file()
    assert os.path.getsize(bundle / "pagefind.js") > 0


def test_a_text_of_images_alone_is_found_by_its_title(make_site):
    from tests.site.test_images import PNG

    photo = article("Harbour at dawn", body="![Boats]({static}/images/boats.png)")
    build = make_site({"articles/photo.md": photo, "images/boats.png": PNG})
    assert build.errors == []
    assert fragments(build) == {"/harbour-at-dawn/": "Harbour at dawn."}


def test_a_translation_is_found_from_the_search_page(make_site):
    # Pagefind would give French pages an index of their own, which the site's search page
    # (in the site's language) never loads: one index holds every language.
    french = article("Prix", Slug="fees", Lang="fr", body="Le mot cabinetrisque.")
    build = make_site({**FILES, "articles/fees-fr.md": french})
    assert build.errors == []
    entry = json.loads((build.output / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"]
    assert any("cabinetrisque" in text for text in fragments(build).values())


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"SEARCH_URL": "/search/"}, "SEARCH_URL: must be a path inside the site"),
        ({"SEARCH_URL": "search"}, "SEARCH_URL: must be a path inside the site"),
        ({"SEARCH_URL": "find/"}, "SEARCH_SAVE_AS: the search page's URL is 'find/'"),
    ],
)
def test_search_settings_that_would_break_search_fail_naming_the_setting(
    make_site, settings, message
):
    build = make_site(FILES, **settings)
    assert len(build.errors) == 1, build.errors
    assert build.errors[0].startswith(message), build.errors


@pytest.mark.parametrize(
    ("owner", "search"),
    [
        (  # directives in another order, connect-src already with 'self'
            "default-src 'none'; script-src https://stats.example.org 'self'; style-src 'self'; "
            "connect-src 'self' https://stats.example.org",
            "default-src 'none'; script-src https://stats.example.org 'self' 'wasm-unsafe-eval'; "
            "style-src 'self'; connect-src 'self' https://stats.example.org",
        ),
        (  # no script-src: the browser would use default-src, which lets it connect to itself
            "default-src 'self'; img-src 'self' data:",
            "default-src 'self'; img-src 'self' data:; script-src 'self' 'wasm-unsafe-eval'",
        ),
        (  # a connect-src for another host only (a newcomer's try)
            "default-src 'none'; script-src 'self'; connect-src https://api.example.org",
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; "
            "connect-src https://api.example.org 'self'",
        ),
        # Nothing restricts scripts or connections: nothing to add.
        ("img-src 'self'", "img-src 'self'"),
    ],
)
def test_the_search_policy_adds_to_the_owners_policy_wherever_its_directives_stand(owner, search):
    # pelicanconf.py derives the search page's policy from CONTENT_SECURITY_POLICY.
    source = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    start = source.index("CONTENT_SECURITY_POLICY = (")
    end = source.index(")\n", start) + 2
    settings = {}
    exec(source[:start] + f"CONTENT_SECURITY_POLICY = {owner!r}\n" + source[end:], settings)  # noqa: S102
    assert settings["SEARCH_CONTENT_SECURITY_POLICY"] == search
