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

import difflib
import logging
import os
import re
from xml.sax.saxutils import escape, quoteattr

from pelican import signals
from pelican.generators import Generator

log = logging.getLogger(__name__)
# Pelican's loggers drop a warning already logged once in this process; a rebuild must report
# the same problems again.
log.disable_filter()

DEFAULTS = {
    # regular expressions; a page whose URL (relative to SITEURL, e.g. "tag/fees/") matches
    # any of them is left out
    "SITEMAP_XML_EXCLUDE": (),
}
# The build context's list of (output path, article or page or None) written so far.
PAGES = "sitemap_xml_pages"
FILENAME = "sitemap.xml"

HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    ' xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
FOOTER = "</urlset>\n"


def read_config(settings):
    """Return (compiled exclusion patterns, errors) for SITEMAP_XML_EXCLUDE."""
    value = settings.get("SITEMAP_XML_EXCLUDE", DEFAULTS["SITEMAP_XML_EXCLUDE"])
    if not isinstance(value, list | tuple) or not all(isinstance(p, str) for p in value):
        return [], [f"sitemap_xml: SITEMAP_XML_EXCLUDE must be a list of strings, got {value!r}"]
    patterns, errors = [], []
    for pattern in value:
        try:
            patterns.append(re.compile(pattern))
        except re.error as exc:
            errors.append(f"sitemap_xml: SITEMAP_XML_EXCLUDE: {pattern!r} is not a regex: {exc}")
    return patterns, errors


def unknown_settings(settings):
    """One message per SITEMAP_XML* name that is not a setting (usually a typo)."""
    messages = []
    for name in sorted(n for n in settings if n.startswith("SITEMAP_XML") and n not in DEFAULTS):
        close = difflib.get_close_matches(name, DEFAULTS, n=1, cutoff=0.85)
        hint = f"; did you mean {close[0]}?" if close else ""
        messages.append(f"sitemap_xml: unknown setting {name}{hint}")
    return messages


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
        for message in unknown_settings(self.settings):
            log.warning("%s", message)
        self.exclude, errors = read_config(self.settings)
        for message in errors:
            log.error("%s", message)
        self.context[PAGES] = []

    def generate_output(self, writer):
        pages = []
        for path, content in self.context[PAGES]:
            if content is not None:
                url = content.url
            else:
                url = os.path.relpath(path, self.output_path).replace(os.sep, "/")
                if url == "index.html" or url.endswith("/index.html"):
                    url = url[: -len("index.html")]
            pages.append((url, content))
        text = sitemap(self.settings["SITEURL"], pages, self.exclude)
        with open(os.path.join(self.output_path, FILENAME), "w", encoding="utf-8") as handle:
            handle.write(text)


def get_generators(pelican):
    return SitemapGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.content_written.connect(queue_page)
