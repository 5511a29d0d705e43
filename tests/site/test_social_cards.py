"""Social cards (plugins/social_cards): one per article and page, the site's for listings,
sized and light, drawn once and reused."""

import pytest
from PIL import Image

from tests.support import article

MAX_BYTES = 100 * 1024


def card_of(build, path):
    soup = build.soup(path)
    meta = {
        tag.get("property") or tag.get("name"): tag["content"]
        for tag in soup.select('meta[property^="og:image"], meta[name^="twitter:"]')
    }
    assert len(soup.select('meta[name="twitter:card"]')) == 1, path
    return meta


def test_every_article_and_page_has_its_own_card_and_listings_the_sites(site):
    own = {}
    for path, soup in site.pages():
        meta = card_of(site, path)
        assert meta["twitter:card"] == "summary_large_image", path
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630"), path
        assert meta["og:image:alt"], path
        image = site.path(meta["og:image"])
        assert image.stat().st_size <= MAX_BYTES, path
        with Image.open(image) as png:
            assert (png.format, png.size) == ("PNG", (1200, 630)), path
        # A draft preview (make html only) shows the site's card until it is published.
        if soup.select_one("article.post, article.page") and not path.startswith("/drafts/"):
            own[path] = meta["og:image"]
    assert len(set(own.values())) == len(own)  # one card each
    site_card = card_of(site, "/")["og:image"]
    assert site_card not in own.values()
    assert card_of(site, "/archives/")["og:image"] == site_card
    part = card_of(site, "/mapping-referral-sources/")
    assert part["og:image:alt"] == (
        "Mapping the People Around Every Client. Part 3 of 6 · Building Referral Relationships. "
        "Thriving Practice"
    )


def test_publish_build_links_cards_by_absolute_url(publish_site):
    meta = card_of(publish_site, "/mapping-referral-sources/")
    assert meta["og:image"].startswith("https://")


def test_cards_are_drawn_once_and_redrawn_only_when_their_text_changes(
    make_site, tmp_path, monkeypatch
):
    from social_cards import draw

    cache = tmp_path / "cards"
    calls = []
    real = draw.card
    monkeypatch.setattr(draw, "card", lambda *args: calls.append(args[0]) or real(*args))
    files = {"articles/a.md": article(title="First", Slug="a")}
    build = make_site(files, SOCIAL_CARDS_CACHE_PATH=str(cache))
    assert build.errors == []
    assert sorted(calls) == ["First", "Privacy", "Thriving Practice"]
    first = card_of(build, "/a/")["og:image"]

    calls.clear()
    build = make_site(files, SOCIAL_CARDS_CACHE_PATH=str(cache))
    assert calls == []
    assert build.path(first).is_file()

    calls.clear()
    files["articles/a.md"] = article(title="First, renamed", Slug="a")
    build = make_site(files, SOCIAL_CARDS_CACHE_PATH=str(cache))
    assert calls == ["First, renamed"]
    assert card_of(build, "/a/")["og:image"] != first


def test_a_damaged_cached_card_is_drawn_again(make_site, tmp_path):
    cache = tmp_path / "cards"
    files = {"articles/a.md": article(Slug="a")}
    build = make_site(files, SOCIAL_CARDS_CACHE_PATH=str(cache))
    name = card_of(build, "/a/")["og:image"].rsplit("/", 1)[1]
    (cache / name).write_bytes(b"")  # a crash mid-write, a full disk
    build = make_site(files, SOCIAL_CARDS_CACHE_PATH=str(cache))
    assert build.errors == []
    with Image.open(build.path(card_of(build, "/a/")["og:image"])) as png:
        assert png.size == (1200, 630)


def test_a_very_long_title_still_fits_and_stays_small(make_site):
    title = " ".join(["Extraordinarily"] * 40)
    build = make_site({"articles/a.md": article(title=title, Slug="a")})
    assert build.errors == []
    image = build.path(card_of(build, "/a/")["og:image"])
    assert image.stat().st_size <= MAX_BYTES


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("SOCIAL_CARDS_FONT", "/no/such/font.ttf", "SOCIAL_CARDS_FONT: no font file at"),
        ("SOCIAL_CARDS_OUTPUT_DIR", "../outside", "SOCIAL_CARDS_OUTPUT_DIR: must be a folder"),
    ],
)
def test_wrong_settings_fail_naming_them(make_site, setting, value, message):
    build = make_site({"articles/a.md": article()}, **{setting: value})
    assert any(e.startswith(f"social_cards: {message}") for e in build.errors), build.errors


def test_a_cache_that_cannot_be_written_costs_time_not_the_site(make_site, tmp_path, caplog):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    build = make_site({"articles/a.md": article(Slug="a")}, SOCIAL_CARDS_CACHE_PATH=str(blocked))
    assert build.errors == []
    assert "SOCIAL_CARDS_CACHE_PATH" in caplog.text
    with Image.open(build.path(card_of(build, "/a/")["og:image"])) as png:
        assert png.size == (1200, 630)
