"""Entry content as feed readers and RSS-to-email tools need it: absolute URLs, nothing
interactive.

A feed entry is read away from the site: in a reader, or pasted into an email by an RSS-to-email
tool. There a relative link or image points nowhere, and a form, script, dialog or frame either
does nothing or is stripped by the mail client, leaving orphaned headings and buttons. So every
URL attribute is resolved against the entry's own page (as a browser on that page would), and
interactive elements go, with their content; a frame becomes a plain link to what it framed.

A streaming rewrite with the standard library's parser: everything not rewritten is copied as
written, so width, height, alt, classes and entities reach the feed unchanged.
"""

from html import escape
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


def absolute(url, page_url):
    """`url` as a browser on `page_url` resolves it: `#notes` becomes `<page_url>#notes`; a URL
    with a scheme (https:, mailto:, data:) stays as it is."""
    return urljoin(page_url, url.strip())


def _safe(url, embedded):
    """Whether a reader or mail client may follow (or, `embedded`, load) `url`: a script URL
    never; a data: URL only as an image or poster. A URL without a scheme is one the build had
    no absolute address for (no FEED_DOMAIN or SITEURL): kept, relative, as the build warns."""
    scheme = urlsplit(url).scheme.lower()
    return scheme in LINK_SCHEMES or scheme == "" or (embedded and scheme == "data")


def absolute_srcset(value, page_url):
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts:
            candidates.append(" ".join([absolute(parts[0], page_url), *parts[1:]]))
    return ", ".join(candidates)


class _Rewriter(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=False)
        self.page_url = page_url
        self.out = []
        # While inside a removed element: its name and how deeply it is nested in itself.
        self.removing = None
        self.depth = 0

    def _attributes(self, attrs):
        text = []
        for name, value in attrs:
            if name.startswith("on"):
                continue  # event handlers are scripts
            if value is None:
                text.append(f" {name}")
                continue
            if name in URL_ATTRIBUTES:
                value = absolute(value, self.page_url)
                if not _safe(value, embedded=name != "href"):
                    continue
            elif name == "srcset":
                value = absolute_srcset(value, self.page_url)
            text.append(f' {name}="{escape(value, quote=True)}"')
        return "".join(text)

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
            src = attributes.get("src")
            if src:
                href = escape(absolute(src, self.page_url), quote=True)
                label = escape(attributes.get("title") or href)
                self.out.append(f'<p><a href="{href}">{label}</a></p>')
            return
        self.out.append(f"<{tag}{self._attributes(attrs)}{' /' if closed else ''}>")

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
    rewriter = _Rewriter(page_url)
    rewriter.feed(html)
    rewriter.close()
    return "".join(rewriter.out)
