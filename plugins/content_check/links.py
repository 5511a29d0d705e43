"""Every internal link and image in the written site resolves.

Runs over the rendered HTML in the output (the staging directory of a strict build), so it sees
what readers get: links written in Markdown or reStructuredText (relative, root-relative,
`{static}`, `{attach}`, `{filename}`), links the templates build from settings, and images.
String search rather than an HTML parser, and each distinct URL resolved once: at 1,000
articles the whole check costs about 3% of the build.
"""

import os
import posixpath
import re
from collections import defaultdict
from urllib.parse import unquote, urlsplit

# href and src values, in double or single quotes: lower-case names, no spaces around "=",
# as Markdown, docutils and our templates write them. Markup shown in code blocks is escaped
# (`href=&quot;`), so it never matches. str.find, not a regular expression: at 1,000 articles
# a regular expression costs twice as much, on every page.
ATTRIBUTES = ('href="', 'src="', "href='", "src='")
SRCSET = re.compile(r"""(?:srcset|poster)=["']([^"'>]*)""")
# "{filename}..." and the like are Pelican links it could not resolve: reported, with the file,
# before anything is written.
EXTERNAL_SCHEMES = ("#", "data:", "mailto:", "tel:", "sms:", "javascript:", "{")


def urls(html):
    """The set of link and image URLs in `html`."""
    found = set()
    for attribute in ATTRIBUTES:
        quote, size = attribute[-1], len(attribute)
        start = html.find(attribute)
        while start >= 0:
            end = html.find(quote, start + size)
            if end < 0:
                break
            found.add(html[start + size : end])
            start = html.find(attribute, end)
    if "srcset=" in html or "poster=" in html:
        for value in SRCSET.findall(html):
            found.update(part.split()[0] for part in value.split(",") if part.strip())
    return found


class Site:
    """The files in an output directory, to resolve URLs against."""

    def __init__(self, output, origins):
        self.output = output
        self.origins = tuple(o.rstrip("/") for o in origins if o)
        self.files = set()
        self.dirs = set()
        for root, dirs, files in os.walk(output):
            rel = os.path.relpath(root, output).replace(os.sep, "/")
            rel = "" if rel == "." else rel + "/"
            self.dirs.update(rel + d for d in dirs)
            self.files.update(rel + f for f in files)

    def target(self, page, url):
        """The output path `url` (found on output page `page`) needs, or None if not internal."""
        for origin in self.origins:
            if url == origin or url.startswith(origin + "/"):
                url = url[len(origin) :] or "/"
                break
        if not url or url.startswith(EXTERNAL_SCHEMES):
            return None
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        if not path:
            return None
        if not path.startswith("/"):
            path = "/" + posixpath.dirname(page) + "/" + path
        return posixpath.normpath(path).lstrip("/") + ("/" if path.endswith("/") else "")

    def exists(self, path):
        if path.endswith("/") or path in self.dirs or path in {"", "."}:
            return (path.rstrip("/") + "/index.html").lstrip("/") in self.files
        return path in self.files


def broken_links(output, origins):
    """{url: {output pages}} of every internal URL in the HTML under `output` that does not
    resolve."""
    site = Site(output, origins)
    broken = defaultdict(set)
    # Most URLs are the same on every page (menus, feeds, assets): each is resolved once; a
    # relative one once per directory.
    resolved = {}
    for page in sorted(f for f in site.files if f.endswith(".html")):
        with open(os.path.join(output, page), encoding="utf-8", errors="replace") as f:
            html = f.read()
        base = posixpath.dirname(page)
        for url in urls(html):
            key = url if url.startswith(("/", "http:", "https:")) else (base, url)
            ok = resolved.get(key)
            if ok is None:
                path = site.target(page, url)
                ok = resolved[key] = path is None or site.exists(path)
            if not ok:
                broken[url].add(page)
    return broken


def describe(url, page):
    """For a relative URL, where it points from `page`, e.g. " (on x/index.html it points at
    /x/images/a.png, ...)": links written for a '/x.html' URL scheme break under '/x/'."""
    if url.startswith(("/", "http:", "https:")) or "://" in url:
        return ""
    target = posixpath.normpath("/" + posixpath.dirname(page) + "/" + unquote(urlsplit(url).path))
    return f" (on {page} it points at {target}, which the build does not write)"
