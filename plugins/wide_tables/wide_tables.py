"""Every table in an article or page scrolls sideways inside its own box, never the page.

The box is a focusable, labelled region (so it scrolls by keyboard too); the stylesheet shades
the edge that has more table beyond it. One regular-expression pass over the rendered HTML of
the content that has a table, when it is read.
"""

import html
import re

from pelican import signals

TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.S | re.I)
TAG = re.compile(r"<[^>]*>")


def label(table):
    """The region's name: the table's caption, else "Table"."""
    caption = CAPTION.search(table)
    text = html.unescape(TAG.sub("", caption.group(1))).strip() if caption else ""
    return html.escape(text or "Table")


def boxed(match):
    table = match.group(0)
    return (
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label(table)}">'
        f"{table}</div>"
    )


def wrap(content):
    return TABLE.sub(boxed, content)


def process(content):
    if content._content and "<table" in content._content:
        content._content = wrap(content._content)


def register():
    signals.content_object_init.connect(process)
