"""The walk over Pelican's content lists.

Pelican keeps each generator's content in several lists: by status (published, hidden,
draft) and, within each, the default language's versions apart from the translations. No
piece of content is in two lists. A plugin that looks at "every article" usually means all
of them, and missing `hidden_translations` is an easy mistake, so the lists are named once.
"""

from itertools import chain

from pelican.generators import ArticlesGenerator, PagesGenerator

STATUSES = ("published", "hidden", "draft")
# (status, original or translation) -> the generator's attribute, in Pelican's own order.
ARTICLE_LISTS = {
    ("published", False): "articles",
    ("published", True): "translations",
    ("hidden", False): "hidden_articles",
    ("hidden", True): "hidden_translations",
    ("draft", False): "drafts",
    ("draft", True): "drafts_translations",
}
PAGE_LISTS = {
    ("published", False): "pages",
    ("published", True): "translations",
    ("hidden", False): "hidden_pages",
    ("hidden", True): "hidden_translations",
    ("draft", False): "draft_pages",
    ("draft", True): "draft_translations",
}


def _lists(generator):
    if isinstance(generator, ArticlesGenerator):
        return ARTICLE_LISTS
    if isinstance(generator, PagesGenerator):
        return PAGE_LISTS
    return {}


def contents(generator, statuses=STATUSES, translations=True):
    """The articles or pages of one generator, as a list: those with one of `statuses`
    ("published", "hidden", "draft"), translations too unless `translations` is False.
    In status order, each status's originals before its translations. Any other generator
    has none."""
    unknown = set(statuses) - set(STATUSES)
    if unknown:
        raise ValueError(f"unknown statuses {sorted(unknown)}; choose from {STATUSES}")
    lists = _lists(generator)
    return list(
        chain.from_iterable(
            getattr(generator, lists[status, translated])
            for status in statuses
            for translated in ((False, True) if translations else (False,))
            if (status, translated) in lists
        )
    )


def all_contents(generators, statuses=STATUSES, translations=True):
    """`contents()` of every generator, articles and pages alike, in the generators' order."""
    return [
        item
        for generator in generators
        for item in contents(generator, statuses=statuses, translations=translations)
    ]
