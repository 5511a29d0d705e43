"""Series of articles: each part's place in its series, a page and two feeds per series, and an
index of all series.

All state lives on the build's own articles and context, so building twice in one process
(devserver, tests) gives the same output. The logic is in model.py; see README.md.
"""

import os
from dataclasses import fields
from functools import partial

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican import signals
from pelican.utils import slugify
from plugin_core import Setting, SettingsSpec, contents, plugin_logger

from . import in_content, model

log = plugin_logger("series", __name__)

SETTINGS = SettingsSpec(
    "SERIES_",
    {
        model.setting_name(f.name): Setting(getattr(model.Config(), f.name), model.CHECKS[f.name])
        for f in fields(model.Config)
    },
    # Reading time was part of this plugin (series_nav) until it became a plugin of its own.
    moved={"SERIES_WORDS_PER_MINUTE": "READING_TIME_WORDS_PER_MINUTE"},
)
# series.html and series_index.html for a theme that has none (Pelican's own themes).
FALLBACK_TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def add_fallback_templates(generator):
    """generator_init: the theme's templates first, then the plugin's own."""
    fallback = FileSystemLoader(FALLBACK_TEMPLATES)
    generator.env.loader = ChoiceLoader([generator.env.loader, fallback])


def attach(generator):
    """article_generator_finalized: give each article its series (or None), and put the
    SERIES_ settings and `series_list` in the context."""
    settings, context = generator.settings, generator.context
    config = model.Config.from_settings(SETTINGS.load(settings, log))
    context.update(config.as_settings())

    articles = contents(generator)
    for article in articles:
        # Replaces the raw `Series` metadata value (still in article.metadata) or a stale one.
        article.series = None
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
        log.error("%s", message)
    for message in warnings:
        log.warning("%s", message)
    shows_series = {}
    for series in series_list:
        for part in series.parts:
            article = part.article
            article.series = model.ArticleSeries(series, part)
            wanted = config.nav_in_content
            if wanted is None:
                shown = in_content.theme_shows_series(generator, article.template, shows_series)
                wanted = not shown
            if wanted:
                in_content.add_placeholders(article)
    # A series with no published part yet has no page, feed or place in the index.
    context["series_list"] = [series for series in series_list if series.all]


def write(generator, writer):
    """article_writer_finalized: the series pages, their feeds and the series index."""
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
    signals.generator_init.connect(add_fallback_templates)
    signals.article_generator_finalized.connect(attach)
    signals.article_writer_finalized.connect(write)
    signals.content_written.connect(in_content.fill)
