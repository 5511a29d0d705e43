"""Entry content as feed readers and RSS-to-email tools need it: absolute URLs, nothing
interactive.

A feed entry is read away from the site: in a reader, or pasted into an email by an RSS-to-email
tool. There a relative link or image points nowhere, and a form, script, dialog or frame either
does nothing or is stripped by the mail client, leaving orphaned headings and buttons. So every
URL attribute is resolved against the entry's own page (as a browser on that page would), and
interactive elements go, with their content; a frame becomes a plain link to what it framed.

Most entries hold nothing to remove, only URLs to resolve: those are rewritten tag by tag with
one regular expression (as Pelican rewrites `{filename}` links), and every other byte is copied
as written. An entry with something to remove (or a comment, which may hide markup) goes
through the standard library's streaming parser instead, which copies text and entities as
written too. Both write a rewritten tag the same way (`_attributes`), so width, height, alt,
classes and entities reach the feed unchanged either way. The parser costs about ten times as
much, and the feeds of a build rewrite every article once.
"""

import re
from html import escape, unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Attributes holding one URL, and `srcset` (a list of "URL descriptor" candidates).
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "action", "longdesc"})

# What a link in a feed may lead to; anything else (javascript:, vbscript:) is dropped.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# Elements that cannot work in a feed or an email, removed with everything inside them.
REMOVED = frozenset(
    {
        "script",
        "noscript",
        "style",
        "template",
        "form",
        "dialog",
        "object",
        "embed",
        "button",
        "input",
        "select",
        "textarea",
    }
)

# Elements without an end tag: they never open a removed region.
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


# A start tag (group 1: its name, group 2: its attributes, quoted values may hold ">"), and
# one attribute in group 2 (name; value with its quotes, if any), as the HTML tokenizer reads
# them (HTML Living Standard, 13.2.5.32-38).
START_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")
ATTRIBUTE = re.compile(r"""([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
# What an attribute _rewrite_tag acts on starts with, where a name can start (after a space, a
# quote or "/"). Most tags (<p>, <li>, <h2 id>) have none: kept as written without reading
# their attributes one by one, which cost most of this module's time.
ACTED_ON = re.compile(r"""[\s"'/](?:on|hidden|href|src|poster|cite|action|longdesc)""", re.I)


def absolute(url, page_url):
    """`url` as a browser on `page_url` resolves it: `#notes` becomes `<page_url>#notes`; a URL
    with a scheme (https:, mailto:, data:) stays as it is. None for what is no URL at all
    (`https://[your-domain]/`: not a host name, nor an IPv6 address in brackets); the build's
    link check names the file that has it."""
    try:
        return urljoin(page_url, url.strip())
    except ValueError:
        return None


def _safe(url, embedded):
    """Whether a reader or mail client may follow (or, `embedded`, load) `url`: a script URL
    never; a data: URL only as an image or poster. A URL without a scheme is one the build had
    no absolute address for (no FEED_DOMAIN or SITEURL): kept, relative, as the build warns."""
    if url is None:
        return False
    scheme = urlsplit(url).scheme.lower()
    return scheme in LINK_SCHEMES or scheme == "" or (embedded and scheme == "data")


def absolute_srcset(value, page_url):
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split()
        url = absolute(parts[0], page_url) if parts else None
        if url is not None:
            candidates.append(" ".join([url, *parts[1:]]))
    return ", ".join(candidates)


def _attributes(attrs, page_url):
    """`attrs` ((name, value or None) pairs, values unescaped) written out, URLs resolved
    against `page_url`, event handlers and unsafe URLs dropped."""
    text = []
    for name, value in attrs:
        if name.startswith("on"):
            continue  # event handlers are scripts
        if value is None:
            text.append(f" {name}")
            continue
        if name in URL_ATTRIBUTES:
            value = absolute(value, page_url)
            if not _safe(value, embedded=name != "href"):
                continue
        elif name == "srcset":
            value = absolute_srcset(value, page_url)
        text.append(f' {name}="{escape(value, quote=True)}"')
    return "".join(text)


class _ParserNeededError(Exception):
    """The entry holds something only the parser removes safely."""


def _value(written):
    """An attribute's value as the parser reads it: None without one, else unquoted and with
    its character references resolved."""
    if written is None:
        return None
    if written[0] in "\"'":
        written = written[1:-1]
    return unescape(written)


def _rewrite_tag(match, page_url):
    """START_TAG `match` with its URLs resolved; the tag as written if it has none."""
    name, written = match.group(1).lower(), match.group(2)
    if name in REMOVED or name == "iframe":
        raise _ParserNeededError
    if not ACTED_ON.search(written):
        return match.group(0)
    closed = written.endswith("/")
    attrs = [
        (found.group(1).lower(), _value(found.group(2)))
        for found in ATTRIBUTE.finditer(written[:-1] if closed else written)
    ]
    names = {attr for attr, _ in attrs}
    if "hidden" in names or any(attr.startswith("on") for attr in names):
        raise _ParserNeededError
    if names.isdisjoint(URL_ATTRIBUTES) and "srcset" not in names:
        return match.group(0)
    return f"<{name}{_attributes(attrs, page_url)}{' /' if closed else ''}>"


class _Rewriter(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=False)
        self.page_url = page_url
        self.out = []
        # While inside a removed element: its name and how deeply it is nested in itself.
        self.removing = None
        self.depth = 0

    def _start(self, tag, attrs, closed):
        if self.removing:
            if tag == self.removing and not closed:
                self.depth += 1
            return
        attributes = dict(attrs)
        if tag in REMOVED or "hidden" in attributes:
            if tag not in VOID and not closed:
                self.removing, self.depth = tag, 1
            return
        if tag == "iframe":
            # Its content is a fallback for browsers without frames: the link replaces it.
            if not closed:
                self.removing, self.depth = tag, 1
            src = absolute(attributes.get("src") or "", self.page_url)
            if attributes.get("src") and _safe(src, embedded=False):
                href = escape(src, quote=True)
                label = escape(attributes.get("title") or href)
                self.out.append(f'<p><a href="{href}">{label}</a></p>')
            return
        self.out.append(f"<{tag}{_attributes(attrs, self.page_url)}{' /' if closed else ''}>")

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        if self.removing:
            if tag == self.removing:
                self.depth -= 1
                if not self.depth:
                    self.removing = None
            return
        if tag not in VOID:
            self.out.append(f"</{tag}>")

    def _copy(self, text):
        if not self.removing:
            self.out.append(text)

    def handle_data(self, data):
        self._copy(data)

    def handle_entityref(self, name):
        self._copy(f"&{name};")

    def handle_charref(self, name):
        self._copy(f"&#{name};")

    def handle_comment(self, data):
        pass  # comments are notes to the site's editors, not to readers

    def handle_decl(self, decl):
        pass

    def unknown_decl(self, data):
        pass

    def handle_pi(self, data):
        pass


def feed_html(html, page_url):
    """`html` (an entry's content) with absolute URLs resolved against `page_url` and no
    interactive elements."""
    if "<!" not in html and "<?" not in html:
        try:
            return START_TAG.sub(lambda match: _rewrite_tag(match, page_url), html)
        except _ParserNeededError:
            pass
    return parse(html, page_url)


def parse(html, page_url):
    """feed_html() through the standard library's parser, whatever `html` holds."""
    rewriter = _Rewriter(page_url)
    rewriter.feed(html)
    rewriter.close()
    return "".join(rewriter.out)
