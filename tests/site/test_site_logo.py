"""The owner's logo in the header (plugins/site_logo)."""

import io

from PIL import Image

from tests.site.test_html_valid import invalid_html
from tests.support import article

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}">'
    '<rect width="{w}" height="{h}" fill="#222"/></svg>'
)


def png(width, height):
    data = io.BytesIO()
    Image.new("RGB", (width, height), "#1a5c57").save(data, "PNG")
    return data.getvalue()


def logo_of(build, url_path="/"):
    return build.soup(url_path).select_one("header .site-title a[rel=home]")


def test_without_a_logo_the_header_shows_the_name(site):
    for name, page in site.pages():
        title = page.select_one("header .site-title a[rel=home]")
        if title:
            assert title.get_text() == "Thriving Practice", name
            assert title.select("img, picture") == [], name


def test_an_svg_logo_replaces_the_name_at_its_height_and_proportions(make_site):
    build = make_site(
        {"articles/a.md": article(Slug="a"), "images/logo.svg": SVG.format(w=400, h=100)},
        SITE_LOGO="images/logo.svg",
    )
    assert build.errors == []
    for path in ("/", "/a/", "/privacy/"):
        link = logo_of(build, path)
        img = link.select_one("img")
        assert link.get_text(strip=True) == ""
        assert img["alt"] == "Thriving Practice"
        assert (img["width"], img["height"]) == ("192", "48")
        assert img["src"] == "/images/logo.svg"
        assert build.path(img["src"]).read_text() == SVG.format(w=400, h=100)
        assert link.select_one("picture") is None


def test_a_png_logo_with_its_own_height_and_a_dark_variant(make_site):
    build = make_site(
        {
            "articles/a.md": article(Slug="a"),
            "images/logo.png": png(300, 100),
            "images/logo-dark.png": png(600, 200),
        },
        SITE_LOGO="/images/logo.png",
        SITE_LOGO_DARK="images/logo-dark.png",
        SITE_LOGO_HEIGHT=60,
    )
    assert build.errors == []
    picture = logo_of(build, "/a/").select_one("picture")
    source, img = picture.select_one("source"), picture.select_one("img")
    assert source["media"] == "(prefers-color-scheme: dark)"
    assert source["srcset"] == "/images/logo-dark.png"
    assert set(source.attrs) == {"media", "srcset"}
    assert (img["width"], img["height"], img["src"]) == ("180", "60", "/images/logo.png")
    # The light backing is for a logo without a dark variant only.
    assert not img.get("class")
    assert invalid_html(build.output / "a") == ""


def test_a_dark_variant_of_other_proportions_fails_naming_its_setting(make_site):
    build = make_site(
        {
            "articles/a.md": article(),
            "images/logo.svg": SVG.format(w=400, h=100),
            "images/logo-dark.svg": SVG.format(w=100, h=100),
        },
        SITE_LOGO="images/logo.svg",
        SITE_LOGO_DARK="images/logo-dark.svg",
    )
    assert build.errors == [
        "site_logo: SITE_LOGO_DARK: must have the proportions of SITE_LOGO (400 x 100), not"
        " 100 x 100, got 'images/logo-dark.svg'"
    ]


def test_svg_width_and_height_in_pixels_are_its_proportions(make_site):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="40" viewBox="0 0 1 1"/>'
    build = make_site(
        {"articles/a.md": article(), "images/logo.svg": svg}, SITE_LOGO="images/logo.svg"
    )
    assert build.errors == []
    assert logo_of(build).select_one("img")["width"] == "144"


def test_wrong_values_fail_naming_the_setting(make_site):
    build = make_site(
        {"articles/a.md": article(), "images/logo.svg": SVG.format(w=2, h=1)},
        SITE_LOGO="https://example.org/logo.svg",
        SITE_LOGO_HEIGHT=0,
    )
    assert (
        "site_logo: SITE_LOGO: must be the path of an image inside the content folder"
        in (build.errors[0])
    )
    assert "site_logo: SITE_LOGO_HEIGHT: must be a positive integer, got 0" in build.errors


def test_an_empty_logo_says_none_shows_the_site_name(make_site):
    # From a newcomer's try: SITE_LOGO = "" to turn the logo off.
    build = make_site({"articles/a.md": article()}, SITE_LOGO="")
    assert build.errors == [
        "site_logo: SITE_LOGO: must name an image, or be None (the default) to show the site's "
        "name instead, got ''"
    ]


def test_a_dark_variant_that_is_missing_fails_naming_its_setting(make_site):
    build = make_site(
        {"articles/a.md": article(), "images/logo.svg": SVG.format(w=2, h=1)},
        SITE_LOGO="images/logo.svg",
        SITE_LOGO_DARK="images/logo-dark.svg",
    )
    assert [e for e in build.errors if "site_logo" in e] == [
        "site_logo: SITE_LOGO_DARK: no such file in the content folder"
        f" ({build.output.parent / 'content'}), got 'images/logo-dark.svg'"
    ]


def test_a_misspelt_logo_path_suggests_the_published_image_it_is_nearest(make_site):
    # A new owner's usual slips: the folder's name in the singular, another extension.
    files = {
        "articles/a.md": article(),
        "images/logo.svg": SVG.format(w=2, h=1),
        "images/logo-dark.svg": SVG.format(w=2, h=1),
        "images/team-photo.png": png(4, 4),
    }
    build = make_site(files, SITE_LOGO="image/logo.svg", SITE_LOGO_DARK="images/logo-drak.svg")
    content = build.output.parent / "content"
    assert [e for e in build.errors if "site_logo" in e] == [
        f"site_logo: SITE_LOGO: no such file in the content folder ({content}), got"
        " 'image/logo.svg'; did you mean images/logo.svg?",
        f"site_logo: SITE_LOGO_DARK: no such file in the content folder ({content}), got"
        " 'images/logo-drak.svg'; did you mean images/logo-dark.svg?",
    ]


def test_a_missing_logo_is_not_told_to_be_another_file(make_site):
    # The dark variant is never offered SITE_LOGO's own file, and nothing far off is offered.
    files = {"articles/a.md": article(), "images/logo.svg": SVG.format(w=2, h=1)}
    build = make_site(files, SITE_LOGO="images/logo.svg", SITE_LOGO_DARK="images/logo-dark.svg")
    assert "did you mean" not in " ".join(build.errors)
    build = make_site(files, SITE_LOGO="brand/emblem.png")
    content = build.output.parent / "content"
    assert [e for e in build.errors if "site_logo" in e] == [
        f"site_logo: SITE_LOGO: no such file in the content folder ({content}), got"
        " 'brand/emblem.png'"
    ]


def test_other_themes_setting_name_is_a_warning_naming_ours(make_site, caplog):
    build = make_site({"articles/a.md": article()}, SITELOGO="/images/logo.png")
    assert build.errors == []
    assert "site_logo: SITELOGO: not read by this theme; did you mean SITE_LOGO?" in caplog.text


def test_a_logo_with_spaces_in_its_name_gets_a_url_and_a_heavy_one_a_warning(make_site, caplog):
    # A file name is not a URL: "my logo.png" would be an invalid src and a srcset split in two.
    heavy = Image.effect_noise((400, 400), 100).convert("RGB")
    data = io.BytesIO()
    heavy.save(data, "PNG")
    assert len(data.getvalue()) > 200 * 1024
    build = make_site(
        {
            "articles/a.md": article(Slug="a"),
            "images/my logo.png": data.getvalue(),
            "images/my logo dark.png": png(400, 400),
        },
        SITE_LOGO="images/my logo.png",
        SITE_LOGO_DARK="images/my logo dark.png",
    )
    assert build.errors == []
    link = logo_of(build)
    assert link.select_one("img")["src"] == "/images/my%20logo.png"
    assert link.select_one("source")["srcset"] == "/images/my%20logo%20dark.png"
    assert "site_logo: SITE_LOGO: images/my logo.png is " in caplog.text
    assert "KB, loaded by every page" in caplog.text
