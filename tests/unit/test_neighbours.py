"""neighbours: the nearest published articles, in the site and in the category."""

from datetime import datetime
from types import SimpleNamespace

from neighbours.neighbours import attach, neighbours
from pelican.generators import ArticlesGenerator


def test_neighbours_are_the_nearest_published_items_with_the_same_key():
    a, b, c, d, e = (
        SimpleNamespace(name=n, ok=ok, lang=lang)
        for n, ok, lang in [
            ("a", True, "en"),
            ("b", False, "en"),
            ("c", True, "fr"),
            ("d", True, "en"),
            ("e", True, "en"),
        ]
    )
    pairs = neighbours([a, b, c, d, e], lambda x: x.ok, key=lambda x: x.lang)
    assert pairs == [(None, d), (a, d), (None, None), (a, e), (d, None)]


def test_neighbours_within_the_category_skip_other_categories():
    def item(day, category, status="published"):
        return SimpleNamespace(
            date=datetime(2026, 1, day), lang="en", category=category, status=status
        )

    a, b, c, d = item(1, "x"), item(2, "y"), item(3, "x", "draft"), item(4, "x")
    generator = ArticlesGenerator.__new__(ArticlesGenerator)
    generator.settings = {"ARTICLE_ORDER_BY": "reversed-date"}
    generator.articles, generator.drafts = [d, b, a], [c]
    for name in ("translations", "hidden_articles", "hidden_translations", "drafts_translations"):
        setattr(generator, name, [])
    attach(generator)
    assert (a.prev_article, a.next_article) == (None, b)
    assert (a.prev_article_in_category, a.next_article_in_category) == (None, d)
    assert (d.prev_article, d.prev_article_in_category) == (b, a)
    assert b.prev_article_in_category is None
    assert b.next_article_in_category is None
    # A draft is nobody's neighbour, but has its own.
    assert (c.prev_article, c.next_article) == (b, d)


def test_ten_thousand_articles():
    # Their speed is measured by `make bench`.
    items = [SimpleNamespace(lang="en" if n % 3 else "fr") for n in range(10_000)]
    pairs = neighbours(items, lambda x: True, key=lambda x: x.lang)
    assert len(pairs) == 10_000
    assert pairs[1] == (None, items[2])
