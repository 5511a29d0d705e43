"""Pelican wiring of series_nav: reading time, post neighbours and series on every article,
then a page and two feeds per series and an index of all series.

All state lives on the build's own articles and context, so building twice in one process
(devserver, tests) gives the same output. The logic is in model.py; see README.md.
"""

import logging
from functools import partial
from itertools import chain

from pelican import signals
from pelican.utils import order_content, slugify

from . import model

log = logging.getLogger(__name__)
# Pelican's loggers drop a warning already logged once in this process; a rebuild must report
# the same problems again.
log.disable_filter()

ARTICLE_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
)


def _is_published(article):
    return article.status == model.PUBLISHED


def _attach_neighbours(articles, order_by):
    """prev_article / next_article (and the same within the category): the nearest published
    articles in the same language, in ARTICLE_ORDER_BY order read forwards in time."""
    # Published articles go first so that, the sort being stable, ties keep Pelican's order.
    ordered = order_content(sorted(articles, key=lambda a: not _is_published(a)), order_by)
    if isinstance(order_by, str) and order_by.startswith("reversed-"):
        ordered.reverse()
    site = model.neighbours(ordered, _is_published, key=lambda a: a.lang)
    category = model.neighbours(ordered, _is_published, key=lambda a: (a.lang, a.category))
    for article, (prev, next_), (cat_prev, cat_next) in zip(ordered, site, category, strict=True):
        article.prev_article, article.next_article = prev, next_
        article.prev_article_in_category, article.next_article_in_category = cat_prev, cat_next


def attach(generator):
    """After the articles are read: give each its reading time, neighbours and series, and put
    the SERIES_ settings and `series_list` in the context."""
    settings, context = generator.settings, generator.context
    config, errors = model.read_config(settings)
    for message in errors:
        log.error(message)
    for message in model.unknown_settings(settings):
        log.warning(message)
    context.update(config.as_settings())

    articles = list(chain.from_iterable(getattr(generator, name) for name in ARTICLE_LISTS))
    for article in articles:
        # The body as read: `article.content` would also resolve internal links, needlessly.
        article.word_count = model.word_count(article._content)
        article.reading_time = model.reading_minutes(article.word_count, config.words_per_minute)
        # Replaces the raw `Series` metadata value (still in article.metadata) or a stale one.
        article.series = None
    _attach_neighbours(articles, settings["ARTICLE_ORDER_BY"])

    series_list, errors, warnings = model.collect_series(
        articles,
        config,
        settings["DEFAULT_LANG"],
        partial(
            slugify,
            regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
            preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
            use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
        ),
    )
    for message in errors:
        log.error(message)
    for message in warnings:
        log.warning(message)
    for series in series_list:
        for part in series.parts:
            part.article.series = model.ArticleSeries(series, part)
    # A series with no published part yet has no page, feed or place in the index.
    context["series_list"] = [series for series in series_list if series.all]


def write(generator, writer):
    """After the articles are written: the series pages, their feeds and the series index."""
    context = generator.context
    write_file = partial(writer.write_file, relative_urls=generator.settings["RELATIVE_URLS"])
    template = generator.get_template("series")
    for series in context["series_list"]:
        write_file(series.save_as, template, context, series=series, url=series.url)
        # Newest part first, like every other feed, so that FEED_MAX_ITEMS keeps the latest.
        newest_first = [part.article for part in reversed(series.all)]
        for path, feed_type in ((series.feed_atom, "atom"), (series.feed_rss, "rss")):
            if path:
                writer.write_feed(
                    newest_first, context, path, feed_type=feed_type, feed_title=series.name
                )
    if context["SERIES_INDEX_SAVE_AS"]:
        write_file(
            context["SERIES_INDEX_SAVE_AS"],
            generator.get_template("series_index"),
            context,
            page_name="series_index",
            url=context["SERIES_INDEX_URL"],
        )


def register():
    signals.article_generator_finalized.connect(attach)
    signals.article_writer_finalized.connect(write)
