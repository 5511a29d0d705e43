"""Heading ids, section links and tables of contents (plugins/toc)."""

from tests.support import article

LONG = " ".join(["word"] * 1000)


def test_real_site_headings_have_ids_links_and_a_table_of_contents(site):
    soup = site.soup("/mapping-referral-sources/")
    headings = soup.select(".post-body h2, .post-body h3")
    assert len(headings) >= 3
    ids = [h["id"] for h in headings]
    assert len(set(ids)) == len(ids)
    for heading in headings:
        link = heading.find_next_sibling("a", class_="section-link")
        assert link["href"] == "#" + heading["id"]
        assert heading.get_text(strip=True) in link.select_one(".visually-hidden").get_text()
    toc = [a["href"] for a in soup.select("nav.toc a")]
    assert toc == ["#" + i for i in ids]
    # Nested: an h3 sits inside its h2's item.
    assert soup.select("nav.toc > details > ol > li > ol > li")


def test_feeds_carry_ids_but_no_section_links(site):
    feed = (site.output / "feeds" / "all.atom.xml").read_text()
    assert 'id="an-exercise-to-start"' in feed
    assert "section-link" not in feed


def test_signup_form_headings_are_not_sections(site):
    soup = site.soup("/newsletter/")
    form_heading = soup.select_one("form .newsletter-heading")
    assert form_heading.parent.name == "form"
    assert not soup.select('a.section-link[href^="#nl-"]')


def body(*headings):
    return "\n\n".join(headings) + "\n\n" + LONG


def test_ids_are_unique_kept_and_never_the_themes(make_site):
    build = make_site(
        {
            "articles/a.md": article(
                Slug="a",
                body=body("## Main", "## Fees & costs", "### Fees & costs", "## Own {#mine}"),
            ),
        }
    )
    assert build.errors == []
    soup = build.soup("/a/")
    ids = [h["id"] for h in soup.select(".post-body h2, .post-body h3")]
    assert ids == ["main-2", "fees-costs", "fees-costs-2", "mine"]
    assert soup.select_one("main")["id"] == "main"
    assert [a.get_text() for a in soup.select("nav.toc a")] == [
        "Main",
        "Fees & costs",
        "Fees & costs",
        "Own",
    ]


def test_threshold_settings_and_metadata_override(make_site):
    files = {
        "articles/short.md": article(Slug="short", body="## One\n\n## Two\n\n## Three\n\nBrief."),
        "articles/long.md": article(Slug="long", body=body("## One", "## Two", "## Three")),
        "articles/off.md": article(
            Slug="off", Toc="off", body=body("## One", "## Two", "## Three")
        ),
        "articles/on.md": article(Slug="on", Toc="on", body="## Only\n\nBrief."),
        "articles/none.md": article(Slug="none", Toc="on", body="No headings."),
    }
    build = make_site(files)
    assert build.errors == []
    shown = {
        slug: bool(build.soup(f"/{slug}/").select("nav.toc"))
        for slug in ("short", "long", "off", "on", "none")
    }
    assert shown == {"short": False, "long": True, "off": False, "on": True, "none": False}
    assert build.soup("/off/").select(".section-link")

    build = make_site(files, TOC_MIN_WORDS=5, TOC_MIN_HEADINGS=4)
    assert not build.soup("/short/").select("nav.toc")
    build = make_site(files, TOC_MIN_WORDS=3)
    assert build.soup("/short/").select("nav.toc")


def test_bad_metadata_and_settings_fail_naming_file_or_setting(make_site):
    build = make_site(
        {"articles/a.md": article(Slug="a", Toc="sometimes", body="## A\n\nText.")},
        TOC_MIN_WORDS="many",
    )
    assert any(e.startswith("toc: TOC_MIN_WORDS: must be a whole number") for e in build.errors)
    assert any("a.md: Toc: must be 'on' or 'off', got 'sometimes'" in e for e in build.errors)


def test_contents_titles_match_their_headings_whatever_the_order_of_plugins(make_site):
    # typography may run before or after toc (both act as each text is read).
    from pelican.settings import read_settings

    plugins = read_settings("pelicanconf.py")["PLUGINS"]
    first = [p for p in plugins if p != "typography"] + ["typography"]
    files = {
        "articles/q.md": article(
            Slug="q", Toc="on", body='## Who\'s referring -- and why...\n\nText.\n\n### A "fit"\n'
        )
    }
    pages = []
    for order in (first, list(reversed(first))):
        soup = make_site(files, PLUGINS=order).soup("/q/")
        contents = [a.get_text() for a in soup.select("nav.toc a")]
        headings = [h.get_text() for h in soup.select(".post-body h2, .post-body h3")]
        assert (
            contents
            == headings
            == ["Who\u2019s referring \u2013 and why\u2026", "A \u201cfit\u201d"]
        )
        pages.append(str(soup))
    assert pages[0] == pages[1]


def test_a_text_with_its_own_contents_gets_no_second_one(make_site):
    sections = "\n\n".join(f"Part {n}\n-------\n\n{LONG}" for n in range(1, 4))
    rst = (
        "Own contents\n############\n\n:date: 2026-01-01 09:00\n:category: Practice Management\n"
        f":slug: own\n:summary: s.\n\n.. contents:: In this article\n\n{sections}\n"
    )
    md = article(Slug="md", body="[TOC]\n\n" + body("## One", "## Two", "## Three"))
    build = make_site(
        {"articles/own.rst": rst, "articles/md.md": md},
        MARKDOWN={"extension_configs": {"markdown.extensions.toc": {}}, "output_format": "html5"},
    )
    assert build.errors == []
    for page in ("/own/", "/md/"):
        soup = build.soup(page)
        assert not soup.select("nav.toc"), page
        assert soup.select(".post-body .contents, .post-body .toc"), page
