"""Icons at the site's root and linked from every page (plugins/theme_root, tools/make_icons.py)."""

from PIL import Image

from tests.support import ROOT, article


def test_root_icons_are_real_images_linked_from_every_page(site):
    ico = Image.open(site.output / "favicon.ico")
    assert ico.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(ico.info["sizes"])
    touch = Image.open(site.output / "apple-touch-icon.png")
    assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")
    for name, soup in site.pages():
        icons = {link["href"] for link in soup.select('link[rel="icon"]')}
        assert icons == {"/theme/favicon.svg", "/favicon.ico"}, name
        assert soup.select_one('link[rel="apple-touch-icon"]')["href"] == "/apple-touch-icon.png"


def test_committed_icons_are_what_the_script_draws(tmp_path, monkeypatch):
    from tools import make_icons

    monkeypatch.setattr(make_icons, "OUT", tmp_path)
    make_icons.main()
    for name in ("favicon.ico", "apple-touch-icon.png"):
        drawn = Image.open(tmp_path / name).convert("RGBA")
        committed = Image.open(ROOT / "theme" / "root" / name).convert("RGBA")
        assert drawn.tobytes() == committed.tobytes(), f"run tools/make_icons.py: {name} is stale"


def test_a_site_file_of_the_same_name_is_an_error_naming_it(make_site):
    build = make_site(
        {"articles/a.md": article(), "extra/favicon.ico": b"\x00\x00\x01\x00"},
        STATIC_PATHS=["extra"],
        EXTRA_PATH_METADATA={"extra/favicon.ico": {"path": "favicon.ico"}},
    )
    assert any(
        e.startswith("theme_root: ") and e.endswith("the site already writes favicon.ico")
        for e in build.errors
    ), build.errors
