"""Related reading (plugins/related_posts)."""

from tests.site.test_series_build import SETTINGS, part
from tests.support import article


def related(build, slug):
    return [a["href"] for a in build.soup(f"/{slug}/").select(".related-posts a")]


def test_ranked_by_shared_tags_then_category_never_the_own_series(make_site):
    files = {
        "articles/a.md": article("A", "2026-01-01 09:00", Slug="a", Tags="fees, gps, ethics"),
        "articles/b.md": article("B", "2026-01-02 09:00", Slug="b", Tags="fees, gps"),
        "articles/c.md": article("C", "2026-01-03 09:00", Slug="c", Tags="fees"),
        "articles/d.md": article("D", "2026-01-04 09:00", Slug="d", Tags="other"),
        "articles/e.md": article("E", "2026-01-05 09:00", Slug="e", Category="Elsewhere"),
        "articles/draft.md": article(
            "Dr", "2026-01-06 09:00", Slug="dr", Tags="fees, gps, ethics", Status="draft"
        ),
        "articles/tip-1.md": part(1, Tags="fees, gps, ethics"),
        "articles/tip-2.md": part(2, Tags="fees, gps, ethics"),
    }
    build = make_site(files, **SETTINGS)
    assert build.errors == []
    # Tip 1 shares three tags and the category: 7 points; B 5; C 3; D only the category.
    assert related(build, "a") == ["/tip-2/", "/tip-1/", "/b/"]
    assert related(build, "tip-1") == ["/a/", "/b/", "/c/"]  # never Tip 2, its series sibling
    assert related(build, "e") == []  # nothing in common
    assert "/dr/" not in related(build, "b")

    build = make_site(files, RELATED_POSTS_MAX=1, **SETTINGS)
    assert related(build, "a") == ["/tip-2/"]
    build = make_site(files, RELATED_POSTS_MAX=0, **SETTINGS)
    assert not build.soup("/a/").select(".related-posts")


def test_real_site_links_resolve_and_skip_the_series(site):
    parts = {a["href"] for a in site.soup("/mapping-referral-sources/").select(".series-parts a")}
    links = related(site, "mapping-referral-sources")
    assert len(links) <= 3
    assert not parts & set(links)
    for link in links:
        assert site.path(link).is_file()


def test_a_wrong_setting_fails_naming_it(make_site):
    build = make_site({"articles/a.md": article()}, RELATED_POSTS_MAX=-1)
    assert any(e.startswith("related_posts: RELATED_POSTS_MAX: must be") for e in build.errors)
