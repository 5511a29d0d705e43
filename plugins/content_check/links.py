"""Every internal link and image in the written site resolves.

Runs over the rendered HTML in the output (the staging directory of a strict build), so it sees
what readers get: links written in Markdown or reStructuredText (relative, root-relative,
`{static}`, `{attach}`, `{filename}`), links the templates build from settings, and images.
Regular expressions rather than an HTML parser: at 1,000 articles the whole check costs about
as much as writing a dozen pages.
"""

import os
import posixpath
import re
from collections import defaultdict
from urllib.parse import unquote, urlsplit

# href, src and each URL of a srcset, in double or single quotes (Markdown, docutils and
# Jinja all quote attributes).
ATTRIBUTE = re.compile(r"""\s(?:href|src|srcset|poster)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
# Links in these cannot be judged: code samples show markup, they do not link.
SKIPPED = re.compile(r"<(pre|code|script|template)\b.*?</\1>", re.I | re.S)
# "{filename}..." and the like are Pelican links it could not resolve: reported, with the file,
# before anything is written.
EXTERNAL_SCHEMES = ("#", "data:", "mailto:", "tel:", "sms:", "javascript:", "{")


def urls(html):
    """The link and image URLs in `html`, outside code blocks and scripts."""
    html = SKIPPED.sub("", html) if "<pre" in html or "<code" in html or "<script" in html else html
    for match in ATTRIBUTE.finditer(html):
        value = match[1] if match[1] is not None else match[2]
        if ("srcset" in match[0].lower()) and "," in value:
            yield from (part.strip().split(" ")[0] for part in value.split(","))
        else:
            yield value.strip()


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


def broken_links(output, origins, pages=None):
    """{(output page, url)} of every internal URL in the HTML under `output` that does not
    resolve. `pages` limits the walk to those output paths."""
    site = Site(output, origins)
    broken = defaultdict(set)
    for page in (
        pages if pages is not None else sorted(f for f in site.files if f.endswith(".html"))
    ):
        with open(os.path.join(output, page), encoding="utf-8", errors="replace") as f:
            html = f.read()
        for url in set(urls(html)):
            path = site.target(page, url)
            if path is not None and not site.exists(path):
                broken[url].add(page)
    return broken


def describe(url, page):
    """For a relative URL, where it points from `page`, e.g. " (from 'x/index.html' it points
    at /x/images/a.png)": links written for a '/x.html' URL scheme break under '/x/'."""
    if url.startswith(("/", "http:", "https:")) or "://" in url:
        return ""
    target = posixpath.normpath("/" + posixpath.dirname(page) + "/" + unquote(urlsplit(url).path))
    return f" (on {page} it points at {target}, which the build does not write)"
