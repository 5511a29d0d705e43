"""Declare the language of every Atom and RSS feed.

Pelican builds its feeds without a language, so Atom feeds have no `xml:lang`
and RSS feeds no `<language>`. This plugin supplies a Writer that passes the
site's DEFAULT_LANG (or the feed's items' language, for a translation feed) to
feedgenerator, which writes both.
"""

import logging

from pelican import signals
from pelican.writers import Writer

log = logging.getLogger(__name__)


class LanguageFeedWriter(Writer):
    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", **kwargs):
        # A translation feed holds items of one language; every other feed the default.
        languages = {item.lang for item in elements}
        self._feed_language = languages.pop() if len(languages) == 1 else context["DEFAULT_LANG"]
        return super().write_feed(elements, context, path, url, feed_type, **kwargs)

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        feed.feed["language"] = self._feed_language
        return feed


def get_writer(pelican):
    return LanguageFeedWriter


def register():
    signals.get_writer.connect(get_writer)
