"""Declare the language of every Atom and RSS feed, and keep its titles and summaries text.

Pelican builds its feeds without a language, so Atom feeds have no `xml:lang`
and RSS feeds no `<language>`. This plugin supplies a Writer that passes the
site's DEFAULT_LANG (or the feed's items' language, for a translation feed) to
feedgenerator, which writes both.

Pelican also reads titles and the site name as HTML (it strips their tags), so a
title such as `Fees <b>& more</b>` or `A &amp; B` reached feeds mangled, and it
sends a `Summary:` as the HTML Markdown made of it, markup and all. The theme
treats titles as text and shows a summary's text only; the feeds now do the same.
"""

import logging
from datetime import datetime
from functools import cached_property

from markupsafe import Markup, escape
from pelican import signals
from pelican.writers import Writer

log = logging.getLogger(__name__)


class _FeedItem:
    """An article as its feed entries see it. Pelican's writer reads `title` as HTML and
    strips its tags, so it gets the escaped text, which strips back to exactly the text.

    One per article and build, remembering what the writer reads: an article is in up to
    six feeds (site, category, series; Atom and RSS), and Pelican works out its URL afresh
    on every access."""

    def __init__(self, item):
        self._item = item

    def __getattr__(self, name):
        value = getattr(self._item, name)
        if isinstance(value, datetime):
            # Pelican's SafeDatetime formats itself in Python, to allow locale formats; feeds
            # only use fixed ones (tag URIs, RFC 2822 and 3339), which a datetime writes in C.
            value = datetime.combine(value.date(), value.timetz())
        setattr(self, name, value)
        return value

    @cached_property
    def title(self):
        return escape(self._item.title)

    @cached_property
    def summary(self):
        # A `Summary:` (Markdown, so HTML) as text, as pages show it; an automatic summary
        # is the start of the body, which is HTML like the feed's full content.
        summary = self._item.summary
        if "summary" not in self._item.metadata:
            return summary
        # Markup only to strip the tags of this HTML; what leaves is escaped text.
        return escape(Markup(summary).striptags())  # noqa: S704


class LanguageFeedWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self._feed_items = {}

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", **kwargs):
        # A translation feed holds items of one language; every other feed the default.
        languages = {item.lang for item in elements}
        self._feed_language = languages.pop() if len(languages) == 1 else context["DEFAULT_LANG"]
        return super().write_feed(elements, context, path, url, feed_type, **kwargs)

    def _create_new_feed(self, feed_type, feed_title, context):
        # Escaped, so that Pelican's tag stripping gives back the site name and feed title.
        text = {**context, "SITENAME": escape(context["SITENAME"])}
        feed = super()._create_new_feed(feed_type, feed_title and escape(feed_title), text)
        feed.feed["language"] = self._feed_language
        return feed

    def _add_item_to_the_feed(self, feed, item):
        feed_item = self._feed_items.get(item)
        if feed_item is None:
            feed_item = self._feed_items[item] = _FeedItem(item)
        super()._add_item_to_the_feed(feed, feed_item)


def get_writer(pelican):
    return LanguageFeedWriter


def register():
    signals.get_writer.connect(get_writer)
