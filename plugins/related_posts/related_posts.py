"""Up to RELATED_POSTS_MAX related articles for every published article: those sharing the most
tags (two points each) and the category (one point), newest first among equals, never the
article's own series (the series navigation lists those) and only in its own language.

Computed once per build, when the articles are known. To stay linear in the number of
articles, the candidates for an article are the RELATED_POSTS_WINDOW articles nearest in date
on each side in each of its tags and in its category, not the whole site: on a large site,
related reading from around the same time.
"""

import bisect
import heapq
from collections import defaultdict

from pelican import signals
from plugin_core import Setting, SettingsSpec, plugin_logger, whole_number

log = plugin_logger("related_posts", __name__)


SPEC = SettingsSpec(
    "RELATED_POSTS_",
    {
        "RELATED_POSTS_MAX": Setting(3, whole_number),
        "RELATED_POSTS_WINDOW": Setting(10, whole_number),
    },
)
TAG_POINTS = 2
CATEGORY_POINTS = 1


def series_name(article):
    series = getattr(article, "series", None)
    return getattr(series, "name", series) or None


def nearest(group, position, window):
    """The `window` items on each side of `position` in a date-ordered group."""
    return group[max(0, position - window) : position + window + 1]


def related(articles, maximum, window):
    """{id(article): [related articles]} for the articles of one language."""
    ordered = sorted(articles, key=lambda a: (a.date, a.source_path))
    series = [series_name(a) for a in ordered]
    keys = [keys_of(a) for a in ordered]
    groups = defaultdict(list)  # (kind, name): positions in `ordered`, in date order
    for position, article_keys in enumerate(keys):
        for key, _points in article_keys:
            groups[key].append(position)

    result = {}
    for position, article in enumerate(ordered):
        own_series = series[position]
        scores = defaultdict(int)
        for key, points in keys[position]:
            group = groups[key]
            at = bisect.bisect_left(group, position)
            for other in nearest(group, at, window):
                scores[other] += points
        scores.pop(position, None)
        best = heapq.nsmallest(
            maximum,
            (
                (-score, -other)
                for other, score in scores.items()
                if not (own_series and series[other] == own_series)
            ),
        )
        result[id(article)] = [ordered[-other] for _score, other in best]
    return result


def keys_of(article):
    """(group key, points) for each tag and the category of an article."""
    keys = [(("tag", tag.name), TAG_POINTS) for tag in getattr(article, "tags", None) or ()]
    if getattr(article, "category", None) is not None:
        keys.append((("category", article.category.name), CATEGORY_POINTS))
    return keys


def attach(generator):
    values = SPEC.load(generator.settings, log)
    by_language = defaultdict(list)
    for article in [*generator.articles, *generator.translations]:
        by_language[article.lang].append(article)
    for articles in by_language.values():
        found = related(articles, values["RELATED_POSTS_MAX"], values["RELATED_POSTS_WINDOW"])
        for article in articles:
            article.related_posts = found[id(article)]


def register():
    signals.article_generator_finalized.connect(attach)
