"""plugins/typography: plain typing comes out typographic, as characters, never in code."""

# ruff: noqa: RUF001 (the typographic characters are the point)

import pytest

from tests.support import article

TITLE = 'The "Green" Room\'s Rules -- and Exceptions...'
BODY = """She said "hello" -- it's done... and --- for a break.

Keep `"code" -- as typed` and:

    "indented" -- code...
"""


def test_quotes_dashes_and_ellipses_become_typographic(make_site):
    result = make_site(
        {"articles/a.md": article(TITLE, body=BODY, Slug="rules", Summary='A "short" one -- yes.')}
    )
    assert result.errors == []
    soup = result.soup("/rules/")
    assert soup.h1.get_text() == "The “Green” Room’s Rules – and Exceptions…"
    assert soup.title.get_text().startswith("The “Green” Room’s Rules – and Exceptions… ")
    paragraph = soup.find("p", string=lambda s: s and s.startswith("She said"))
    assert paragraph.get_text() == "She said “hello” – it’s done… and — for a break."
    assert soup.find("code", string='"code" -- as typed')
    assert '"indented" -- code...' in soup.find("pre").get_text()
    assert soup.find("meta", attrs={"name": "description"})["content"] == "A “short” one – yes."
    # Characters, not entities that an escaping template would show literally.
    assert "&amp;#8" not in result.path("/rules/").read_text()


def test_typography_off_leaves_the_text_as_typed(make_site):
    result = make_site({"articles/a.md": article(TITLE, Slug="rules")}, TYPOGRAPHY=False)
    assert result.errors == []
    assert result.soup("/rules/").h1.get_text() == TITLE


@pytest.mark.parametrize(("setting", "em_dash"), [("default", "--"), ("oldschool", "---")])
def test_dashes_setting(make_site, setting, em_dash):
    result = make_site(
        {"articles/a.md": article(f"One {em_dash} two", Slug="d")}, TYPOGRAPHY_DASHES=setting
    )
    assert result.soup("/d/").h1.get_text() == "One — two"


def test_unknown_dashes_setting_fails_naming_it(make_site):
    result = make_site({"articles/a.md": article()}, TYPOGRAPHY_DASHES="fancy")
    assert any("TYPOGRAPHY_DASHES" in error and "fancy" in error for error in result.errors)


def test_restructuredtext_quotes_are_converted(make_site):
    source = (
        "Quoted\n######\n\n:date: 2026-01-01 09:00\n:category: Tests\n:slug: q\n\n"
        'She said "yes" -- twice.\n'
    )
    result = make_site({"articles/q.rst": source})
    assert result.errors == []
    paragraph = result.soup("/q/").find("p", string=lambda s: s and s.startswith("She said"))
    assert paragraph.get_text() == "She said “yes” – twice."


def test_pelicans_typogrify_alongside_is_an_error_naming_it(make_site):
    result = make_site({"articles/a.md": article()}, TYPOGRIFY=True)
    assert any("TYPOGRIFY must stay False" in error for error in result.errors)


def test_markup_in_a_title_stays_text(make_site):
    title = '<script>window.x=1</script> "quoted" <b>bold</b>'
    result = make_site({"articles/a.md": article(title, Slug="a")})
    soup = result.soup("/a/")
    assert soup.h1.get_text() == "<script>window.x=1</script> “quoted” <b>bold</b>"
    assert not soup.h1.find_all(True)
