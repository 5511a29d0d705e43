"""Every internal link, image and `#fragment` in the written site resolves.

Runs over the rendered output (the staging directory of a strict build), so it sees what readers
get: links written in Markdown or reStructuredText (relative, root-relative, `{static}`,
`{attach}`, `{filename}`), raw HTML in any letter case, links the templates build from
settings, images, and the `url()`s of stylesheets. Each HTML file is read once, as bytes, and
one regular expression (whose search starts at each `=`, the fastest scan `re` has) collects
both its links and its ids; each distinct URL is then resolved once, by dictionary lookups.
"""

import difflib
import html
import os
import posixpath
import re
from collections import defaultdict
from urllib.parse import unquote, unquote_to_bytes, urlsplit

# The value of an attribute, with its opening quote if it has one.
_VALUE = rb"""\s*("[^"]*|'[^']*|[^\s"'>]+)"""
# Group 1: attributes whose value is one URL a browser loads or follows (<a>, <link>, <img>,
# <script>, <iframe>, <source>, <video poster>, <form action>, <object data>, SVG's
# xlink:href, the `background` of old hand-written HTML, and a <meta> content that is a URL,
# such as og:image). Group 2: ids, and the <a name> of old HTML (any name: other attributes
# often come first in an <a>, and a form field's name is harmless): what fragments name.
# Group 3: srcset (a list of URLs) and a <meta> refresh ("0; url=/new/"). Group 4: style.
# The search starts at each `=`, the fastest scan `re` has (the names are lookbehinds after
# it); most attributes (class, type, lang, rel, value...) fail at once on their last two
# letters, and each group first checks the last letter of its names. One pass over each page
# finds all four.
PAGE = re.compile(
    rb"=(?<=[eortniml][fcrnadet]=)(?:"
    rb"(?<=[fcrnadt]=)(?:(?<=[\s:]href=)|(?<=\ssrc=)"
    rb"""|(?<=\scontent=)(?=\s*["']?(?:/|https?:))|(?<=\sposter=)|(?<=\saction=)"""
    rb"|(?<=\sformaction=)|(?<=\sdata=)|(?<=\sbackground=))" + _VALUE
    + rb"|(?<=[de]=)(?:(?<=\sid=)|(?<=\sname=))" + _VALUE
    + rb"|(?<=t=)(?:(?<=\ssrcset=)|(?<=\simagesrcset=)"
    + rb"""|(?<=\scontent=)(?=\s*["']?\s*\d+\s*[;,]\s*url\s*=))""" + _VALUE
    + rb"|(?<=e=)(?<=\sstyle=)" + _VALUE
    + rb")",
    re.IGNORECASE,
)  # fmt: skip
# A link found in markup shown as text (an inline code span keeps its quotes:
# `&lt;a href="x"&gt;`) or in a comment is not a link; a page with a broken one is read again,
# as its tags only, before the link is reported.
COMMENT = re.compile(rb"<!--.*?-->", re.S)
TAG = re.compile(rb"""<[a-zA-Z](?:"[^"]*"|'[^']*'|[^'">])*>""")
# A quoted attribute value that is text, not a URL (alt, title, aria-label, a <meta>
# description): "href=/x/" written in one is words, not a link. URL_NAMES are the attributes
# PAGE reads (keep the two in step).
QUOTED_VALUE = re.compile(rb"""(\s[^\s="'<>/]+)\s*=\s*("[^"]*"|'[^']*')""")
URL_NAMES = frozenset(
    b"href src srcset imagesrcset poster action formaction data background style id name "
    b"xlink:href".split()
)


def _text_blanked(match):
    name, value = match.group(1).strip().lower(), match.group(2)
    # A <meta> content that is a URL (og:image) or a refresh ("0; url=/new/") stays.
    if name in URL_NAMES or (name == b"content" and (value[1:2] in b"/h" or value[1:2].isdigit())):
        return match.group(0)
    return match.group(1) + b'=""'


STYLE_ELEMENT = re.compile(rb"<style\b[^>]*>(.*?)</style", re.S | re.I)
CSS_COMMENT = re.compile(rb"/\*.*?\*/", re.S)
CSS_URL = re.compile(
    rb"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^"')\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""",
    re.I,
)
REFRESH = re.compile(rb"\s*\d+\s*[;,]\s*url\s*=\s*(.*)", re.I | re.S)
QUOTES = (b'"', b"'")
# Not files of this site: "{filename}..." and the like are Pelican links it could not resolve,
# reported, with the file, before anything is written.
EXTERNAL = ("data:", "mailto:", "tel:", "sms:", "javascript:", "{")
HTML_FILES = (".html", ".htm")
# Site.target() of a root-relative URL under a SITEURL with a path ("/about/" on a site served
# at /practice/): no file of the site, whatever its path says.
OUTSIDE = "\0outside the site"


def clean(value):
    """An attribute value as found (with its opening quote) as the URL or id a browser reads:
    entities decoded, spaces trimmed."""
    if value[:1] in QUOTES:
        value = value[1:]
    if b"&" in value:
        value = html.unescape(value.decode("utf-8", "replace")).encode()
    return value.strip()


def _srcset(value):
    """The URLs of a srcset ("a.png 1x, b.png 2x"): each candidate's URL runs to the first
    space, and a comma right after it ends the candidate."""
    found, rest = [], clean(value)
    while rest:
        rest = rest.lstrip(b" \t\n\r\f,")
        url, _, rest = rest.partition(b" ")
        if url.endswith(b","):
            url = url.rstrip(b",")
        else:
            rest = rest.partition(b",")[2]
        if url:
            found.append(url)
    return found


def css_urls(css):
    """The URLs a stylesheet (or a style attribute or element) loads."""
    found = []
    for groups in CSS_URL.findall(CSS_COMMENT.sub(b"", css)):
        url = next((g for g in groups if g), b"").strip()
        if url and not url.startswith(b"#"):  # url(#id): an SVG element of the document
            found.append(url)
    return found


def _listed(value):
    """The URLs in a srcset or a <meta> refresh."""
    match = REFRESH.match(clean(value))
    return [match.group(1).strip(b"'\" ")] if match else _srcset(value)


def scan(data):
    """(links, urls, ids) of an HTML document (bytes), as one pass finds them: the raw values
    (see `clean`) of its URL attributes, the URLs in its srcsets, styles and <meta>s, and the
    raw values of its ids."""
    found = PAGE.findall(data)
    if not found:
        return set(), set(), set()
    links, ids, listed, styles = zip(*found, strict=True)
    links, ids = set(links), set(ids)
    links.discard(b"")
    ids.discard(b"")
    urls = set()
    for value in filter(None, listed):
        urls.update(_listed(value))
    for value in filter(None, styles):
        urls.update(css_urls(clean(value)))
    # Lower-case only: checking every page for <STYLE too would cost more than it finds.
    if b"<style" in data:
        for css in STYLE_ELEMENT.findall(data):
            urls.update(css_urls(css))
    return links, urls, ids


def parse(data):
    """(links, ids) of an HTML document (bytes): the URLs (bytes) it loads or links to, and the
    ids (and <a name>s) a fragment may name; what its text and comments show is left out."""
    data = COMMENT.sub(b"", data)
    tags = b" ".join(TAG.findall(data))
    links, urls, ids = scan(QUOTED_VALUE.sub(_text_blanked, tags))
    for css in STYLE_ELEMENT.findall(data):
        urls.update(css_urls(css))
    return {clean(link) for link in links} | urls, {clean(i) for i in ids}


def urls(text):
    """The set of URLs (str) that the HTML `text` loads or links to."""
    return {url.decode("utf-8", "replace") for url in parse(text.encode())[0]}


class Site:
    """The files in an output directory, to resolve URLs against."""

    def __init__(self, output, origins):
        self.output = output
        origins = [o.rstrip("/") for o in origins if o]
        # The site's own host by the other scheme (a migrated post's http://) or none at all
        # ("//example.org/x") is the site too.
        hosts = [o.split("://", 1)[-1] for o in origins if "://" in o]
        other = [f"{scheme}://{host}" for host in hosts for scheme in ("http", "https")]
        self.origins = tuple(dict.fromkeys(origins + other + ["//" + h for h in hosts]))
        # The path the site is served under (a GitHub Pages project site: SITEURL ending in
        # "/<repository>"): a root-relative link ("/about/") starts at the host, not there.
        self.root = urlsplit(origins[0]).path if origins and "://" in origins[0] else ""
        self.files = set()
        self.dirs = set()
        # os.scandir, not os.walk: a third of the time, over the thousands of folders of a site.
        folders = [("", output)]
        while folders:
            rel, folder = folders.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_dir():
                        self.dirs.add(rel + entry.name)
                        if not entry.is_symlink():
                            folders.append((rel + entry.name + "/", entry.path))
                    else:
                        self.files.add(rel + entry.name)

    def target(self, page, url):
        """The output path `url` (found on output page `page`) needs, or None if it is not a
        file of this site. A fragment and a query are not part of the path."""
        for origin in self.origins:
            if url == origin or url.startswith(origin + "/"):
                url = url[len(origin) :] or "/"
                break
        else:
            if self.root and url.startswith("/") and not url.startswith("//"):
                if url != self.root and not url.startswith(self.root + "/"):
                    return OUTSIDE  # it starts at the host, outside the site's path
                url = url[len(self.root) :] or "/"
        if not url or url.startswith(EXTERNAL):
            return None
        if ":" in url or "?" in url or url.startswith("//"):
            try:
                parts = urlsplit(url)  # slow: most URLs of a site need none of it
            except ValueError:  # "//[x]": no browser can follow it either
                return url
            if parts.netloc and not parts.scheme and "." not in parts.netloc:
                return url  # "//images/a.png": a typo, asking a host called "images"
            if parts.scheme or parts.netloc:
                return None
            url = parts.path
        path = unquote(url) if "%" in url else url
        if not path:
            return page  # "?page=2", "#top": the page itself
        if not path.startswith("/"):
            path = "/" + posixpath.dirname(page) + "/" + path
        return posixpath.normpath(path).lstrip("/") + ("/" if path.endswith("/") else "")

    def file(self, path):
        """The file a web server sends for `path` (a directory: its index.html), or None."""
        if path.endswith("/") or path in self.dirs or path in {"", "."}:
            path = (path.rstrip("/") + "/index.html").lstrip("/")
        return path if path in self.files else None


def _has_id(fragment, ids):
    """Whether a browser finds `#fragment` on a page with `ids` (raw values, see `clean`): an
    empty fragment and `top` are the top of any page, and `:~:text=...` highlights text; a
    fragment is looked up as written, then percent-decoded."""
    if not fragment or b'"' + fragment in ids or fragment.lower() == b"top":
        return True
    if fragment.startswith(b":~:"):  # a text fragment: it names text, not an element
        return True
    names = {clean(i) for i in ids}
    return fragment in names or (b"%" in fragment and unquote_to_bytes(fragment) in names)


class _Links:
    """The links of one build's pages: each distinct URL resolved once (a relative one once
    per directory), and each that resolves with no fragment, once resolved, not looked at
    again on the next page."""

    def __init__(self, site):
        self.site = site
        self.good = set()  # raw values (see `clean`) of URLs that work from any page
        self.split = {}  # raw value -> (path, "#" or "", fragment)
        self.resolved = {}  # path (with its directory if relative) -> output file, "" if missing
        self.broken = defaultdict(dict)  # url -> {page: problem}
        self.ids = {}  # page -> the raw values of its ids
        self.fragments = defaultdict(set)  # (target, fragment) -> {(page linking to it, url)}

    def page(self, page, links, urls):
        """Resolve the links (raw values) and urls (as a browser reads them) of `page`."""
        base = posixpath.dirname(page)
        for raw in links - self.good:
            self.link(page, base, raw, None)
        for url in urls:
            if url.startswith(b"{"):
                # "{static}/x.png" in a srcset or a style: Pelican replaces its placeholders
                # in href and src only, so this one reaches the reader as typed.
                self.broken[url][page] = None
                continue
            self.link(page, base, url, url)

    def link(self, page, base, raw, url):
        parts = self.split.get(raw)
        if parts is None:
            parts = self.split[raw] = (url or clean(raw)).partition(b"#")
        path, hashed, fragment = parts
        if not path:
            target = page
        else:
            absolute = path.startswith((b"/", b"http:", b"https:"))
            key = path if absolute else (base, path)
            target = self.resolved.get(key, False)
            if target is False:
                where = self.site.target(page, path.decode("utf-8", "replace"))
                if where is not OUTSIDE:
                    where = where and (self.site.file(where) or "")
                target = self.resolved[key] = where
            good = (absolute and target and target is not OUTSIDE) or target is None
            if good and not hashed and url is None:
                self.good.add(raw)  # the same on every page: never looked at again
        if target is OUTSIDE:
            self.broken[url or clean(raw)][page] = self.site.root
        elif target == "":
            self.broken[url or clean(raw)][page] = None
        elif hashed and target and target.endswith(HTML_FILES):
            self.fragments[target, fragment].add((page, url or clean(raw)))

    def problems(self):
        for (target, fragment), sources in self.fragments.items():
            if target in self.ids and not _has_id(fragment, self.ids[target]):
                problem = (target, fragment, _closest(fragment, self.ids[target]))
                for page, url in sources:
                    self.broken[url][page] = problem
        return self.broken


def _closest(fragment, ids):
    """The id of `ids` (raw values) a misspelt `fragment` most likely meant, or None."""
    names = {clean(i).decode("utf-8", "replace").lower(): clean(i) for i in ids}
    wanted = unquote(fragment.decode("utf-8", "replace")).lower()
    closest = difflib.get_close_matches(wanted, names, n=1)
    return names[closest[0]].decode("utf-8", "replace") if closest else None


def check_site(output, origins, later=()):
    """{url: {output file: problem}} of every internal URL in the HTML pages and stylesheets
    under `output` that does not resolve; the problem is None for a missing file, or (the
    page it leads to, the fragment, the closest id there) for a fragment no element of that
    page has as its id. `later`: files (paths from the site's root) the build writes after
    this check, which links may lead to."""
    site = Site(output, origins)
    site.files.update(later)
    found = _Links(site)
    for page in sorted(site.files):
        if page.endswith(HTML_FILES):
            links, urls, found.ids[page] = scan(_read(output, page))
        elif page.endswith(".css"):
            links, urls = set(), css_urls(_read(output, page))
        else:
            continue
        found.page(page, links, urls)
    return _in_tags(output, found.problems())


def _read(output, page):
    with open(os.path.join(output, page), "rb", buffering=0) as f:
        return f.readall()


def _in_tags(output, broken):
    """`broken` without the URLs that its pages only show as text or hide in a comment."""
    pages = defaultdict(list)
    for url, where in broken.items():
        for page in where:
            if page.endswith(HTML_FILES):
                pages[page].append(url)
    for page, urls in pages.items():
        links = parse(_read(output, page))[0]
        for url in urls:
            if url not in links:
                del broken[url][page]
    return {url.decode("utf-8", "replace"): where for url, where in broken.items() if where}


def describe(url, page, problem=None):
    """Where a broken URL found on `page` leads, e.g. " (on x/index.html it points at
    /x/images/a.png, which the build does not write)": links written for a '/x.html' URL
    scheme break under '/x/'. For a fragment, `problem` is (the page it leads to, the
    fragment, the closest id there or None), and the message names the id that page lacks; for
    a root-relative link under a SITEURL with a path, it is that path ("/practice")."""
    if isinstance(problem, str):
        return (
            f" (the site is served under {problem}/, and a link that starts with / starts at the"
            f" host, outside the site: link with {{filename}} or {{static}}, or write"
            f" {problem}{url})"
        )
    if problem is not None:
        target, fragment, closest = problem
        fragment = unquote(fragment.decode("utf-8", "replace"))
        hint = f"; did you mean '#{closest}'?" if closest else ""
        return f" ({target} has no element with id '{fragment}'{hint})"
    if url.startswith("{"):
        return (
            " (Pelican replaces {static} and {filename} in href and src only: write the path "
            "itself here, such as /images/photo.png)"
        )
    if url.startswith(("/", "http:", "https:")) or "://" in url:
        return ""
    path = posixpath.join(posixpath.dirname(page), unquote(urlsplit(url).path))
    target = posixpath.normpath("/" + path)  # "/../x" is "/x" to a browser
    return f" (on {page} it points at {target}, which the build does not write)"
