"""Write `sitemap.xml`: every page of the site that search engines may index.

Each HTML page the build writes is listed, unless it is a draft or hidden, says
`Robots: noindex`, or its URL matches a SITEMAP_XML_EXCLUDE pattern. Articles and
pages carry their last modification date and their translations.

The pages are collected as Pelican writes them (`content_written`) into a list
kept in the build's own context, the way Pelican keeps its `generated_content`,
so a rebuild in the same process (devserver, tests) starts from nothing, even
after a build that crashed. The sitemap is written by a generator, after the
articles and pages generators have written every page.
"""

import os
import re
from xml.sax.saxutils import escape, quoteattr

from pelican import signals
from pelican.generators import Generator
from plugin_core import Setting, SettingsSpec, plugin_logger, url_for

log = plugin_logger("sitemap_xml", __name__)


def _patterns(value):
    if not isinstance(value, list | tuple) or not all(isinstance(p, str) for p in value):
        return "must be a list of strings"
    for pattern in value:
        try:
            re.compile(pattern)
        except re.error as exc:
            return f"{pattern!r} is not a regular expression: {exc}"
    return None


SETTINGS = SettingsSpec(
    "SITEMAP_XML",
    {
        # regular expressions; a page whose URL (relative to SITEURL, e.g. "tag/fees/") matches
        # any of them is left out
        "SITEMAP_XML_EXCLUDE": Setting((), _patterns),
    },
)
# The build context's list of (output path, article or page or None) written so far.
PAGES = "sitemap_xml_pages"
FILENAME = "sitemap.xml"

HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
FOOTER = "</urlset>\n"


def indexable(content):
    """Whether an article or page may be listed: published and not `Robots: noindex`."""
    robots = str(getattr(content, "robots", "")).lower()
    return content.status == "published" and "noindex" not in robots


def lastmod(content):
    date = getattr(content, "modified", None) or content.date
    # W3C datetime: a time needs its zone, so a naive date is given as the day alone.
    return date.isoformat() if date.tzinfo else date.date().isoformat()


def entry(siteurl, url, content=None):
    """The <url> element of one page."""
    lines = [f"<url><loc>{escape(f'{siteurl}/{url}')}</loc>"]
    if content is not None and getattr(content, "date", None):
        lines.append(f"<lastmod>{lastmod(content)}</lastmod>")
    # Sorted: Pelican reads files from a set, so translations come in a different order each run.
    for translation in sorted(getattr(content, "translations", ()), key=lambda t: t.lang):
        href = quoteattr(f"{siteurl}/{translation.url}")
        lines.append(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(translation.lang)} href={href}/>'
        )
    return "".join(lines) + "</url>\n"


def sitemap(siteurl, pages, exclude):
    """The sitemap text for [(URL, article or page or None)], sorted by URL."""
    entries = {}
    for url, content in pages:
        if content is not None and not indexable(content):
            continue
        if not any(pattern.search(url) for pattern in exclude):
            entries[url] = entry(siteurl, url, content)
    return HEADER + "".join(entries[url] for url in sorted(entries)) + FOOTER


def queue_page(path, context):
    pages = context.get(PAGES)
    if pages is not None and path.endswith(".html"):
        pages.append((path, context.get("article") or context.get("page")))


class SitemapGenerator(Generator):
    def generate_context(self):
        values = SETTINGS.load(self.settings, log)
        self.exclude = [re.compile(pattern) for pattern in values["SITEMAP_XML_EXCLUDE"]]
        self.context[PAGES] = []

    def generate_output(self, writer):
        pages = [
            (content.url if content is not None else url_for(path, self.output_path), content)
            for path, content in self.context[PAGES]
        ]
        text = sitemap(self.settings["SITEURL"], pages, self.exclude)
        with open(os.path.join(self.output_path, FILENAME), "w", encoding="utf-8") as handle:
            handle.write(text)


def get_generators(pelican):
    return SitemapGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.content_written.connect(queue_page)
