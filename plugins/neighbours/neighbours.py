"""Post neighbours: the previous and next published article of every article, in the site and
in its category, in the same language.

`article.prev_article` / `next_article` and `prev_article_in_category` /
`next_article_in_category` (pelican-plugins `neighbors`' names and meaning), in ARTICLE_ORDER_BY
order read forwards in time. Drafts, hidden and future articles are never anyone's neighbour,
but get neighbours of their own. No settings; see README.md.
"""

from pelican import signals
from pelican.utils import order_content
from plugin_core import contents

PUBLISHED = "published"


def _is_published(article):
    return article.status == PUBLISHED


def neighbours(ordered, published, key):
    """For each item of `ordered`, the nearest published items before and after it that have
    the same `key(item)`: a list of (previous, next) pairs, in two linear passes."""
    before, last = [], {}
    for item in ordered:
        before.append(last.get(key(item)))
        if published(item):
            last[key(item)] = item
    after, last = [], {}
    for item in reversed(ordered):
        after.append(last.get(key(item)))
        if published(item):
            last[key(item)] = item
    return list(zip(before, reversed(after), strict=True))


def attach(generator):
    """article_generator_finalized: every article's neighbours."""
    order_by = generator.settings["ARTICLE_ORDER_BY"]
    # Published articles go first so that, the sort being stable, ties keep Pelican's order.
    articles = sorted(contents(generator), key=lambda a: not _is_published(a))
    ordered = order_content(articles, order_by)
    if isinstance(order_by, str) and order_by.startswith("reversed-"):
        ordered.reverse()
    site = neighbours(ordered, _is_published, key=lambda a: a.lang)
    category = neighbours(ordered, _is_published, key=lambda a: (a.lang, a.category))
    for article, (prev, next_), (cat_prev, cat_next) in zip(ordered, site, category, strict=True):
        article.prev_article, article.next_article = prev, next_
        article.prev_article_in_category, article.next_article_in_category = cat_prev, cat_next


def register():
    signals.article_generator_finalized.connect(attach)
