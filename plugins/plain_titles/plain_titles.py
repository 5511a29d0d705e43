"""Titles as text, whatever the source format.

Pelican's reStructuredText and HTML readers give a title as HTML (`Tom &amp; Jerry`, with
`<em>` for emphasis); its Markdown reader gives it as typed. A theme that escapes titles (this
site's), the feeds, the structured data and the social cards all take a title as text, and
would show `&amp;` and `<em>` literally. The title of a file read as HTML becomes its text
as the file is read (`*_generator_context`), before any `content_object_init` receiver (such
as typography's curly quotes) sees it, whatever the order of PLUGINS.
"""

from markupsafe import Markup, escape
from pelican import signals
from plugin_core import autoescaped

# Pelican's `reader` metadata for the readers whose titles are HTML.
HTML_READERS = frozenset({"rst", "html"})


def plain_title(generator, metadata):
    """article_generator_context, page_generator_context: the title's text, entities read."""
    if metadata.get("reader") in HTML_READERS and "title" in metadata:
        # Markup only to read this HTML; what leaves is text, which the theme escapes.
        text = Markup(metadata["title"]).striptags()  # noqa: S704
        # A theme that escapes nothing (Pelican's own) shows a title as HTML: without its
        # tags, but still escaped, or "</main>" typed in a title would end the page's <main>.
        metadata["title"] = text if autoescaped(generator.settings) else str(escape(text))


def register():
    signals.article_generator_context.connect(plain_title)
    signals.page_generator_context.connect(plain_title)
