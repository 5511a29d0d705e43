"""Stable ids on every `h2`/`h3` of articles and pages, a "link to this section" link beside
each, and a table of contents on long ones.

One regular-expression pass over each article's and page's rendered HTML when it is created
(`content_object_init`): cheaper than Markdown's `toc` extension, which walks the element tree
of every document. The ids go into the content itself, so feeds carry them too; the section links
are added only when the page is rendered (`content.headings.link(content.content)` in the
theme), so feeds and emails do not show a "#" beside every heading.
"""

import html
import re
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import ArticlesGenerator
from plugin_core import Setting, SettingsSpec, plugin_logger, whole_number

log = plugin_logger("toc", __name__)


SPEC = SettingsSpec(
    "TOC_",
    {
        "TOC_MIN_WORDS": Setting(1000, whole_number),
        "TOC_MIN_HEADINGS": Setting(3, whole_number),
    },
)
METADATA_KEY = "toc"
SWITCH = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}
# Ids the theme uses on every page; a heading called "Main" must not take the skip link's target.
RESERVED_IDS = frozenset({"main", "toc"})

HEADING = re.compile(r"<h([23])((?:\s[^>]*)?)>(.*?)</h\1>", re.S)
ID_ATTR = re.compile(r"""\sid=(["'])(.*?)\1""", re.S)
TAG = re.compile(r"<[^>]*>")
NOT_WORD = re.compile(r"[^\w]+")
# A table of contents the text brings itself: reStructuredText's `.. contents::` (docutils'
# "contents topic") or Markdown's `[TOC]`; a second one from this plugin would repeat it.
OWN_CONTENTS = re.compile(r"""<(?:div|nav)\s[^>]*\bclass=["'](?:[^"']*\s)?(?:contents|toc)[\s"']""")
# Where each heading with an id ends, for the section links.
LINKABLE = re.compile(r"""(<h[23][^>]*\sid="([^"]+)"[^>]*>)(.*?)(</h[23]>)""", re.S)


@dataclass
class Heading:
    level: int
    id: str
    title: str  # plain text, escaped by the template
    children: list = field(default_factory=list)


@dataclass
class Headings:
    """`article.headings` / `page.headings`: every `h2`/`h3` in order, and whether the page
    shows a table of contents (`toc` is then the h2s, each with its h3s as `children`).

    `source` is the article or page: `toc` takes each title from its text as it is when the
    page is rendered, after every plugin has finished with it (typographic quotes may come
    after this plugin, whatever the order of PLUGINS)."""

    all: list
    show_toc: bool
    source: object = field(default=None, repr=False, compare=False)

    @property
    def toc(self):
        titles = {}
        if self.source is not None:
            for match in LINKABLE.finditer(self.source._content or ""):
                titles.setdefault(match.group(2), _text(match.group(3)))
        tree = []
        for heading in self.all:
            current = Heading(heading.level, heading.id, titles.get(heading.id, heading.title))
            if heading.level == 2 or not tree:
                tree.append(current)
            else:
                tree[-1].children.append(current)
        return tree

    def link(self, content):
        """The rendered content with a "link to this section" link after each of its
        headings (not after those that plugins add later, such as a signup form's)."""
        if not self.all:
            return content
        ids = {heading.id for heading in self.all}
        return LINKABLE.sub(lambda match: _with_link(match, ids), content)


def _with_link(match, ids):
    start, anchor, inner, end = match.groups()
    if anchor not in ids:
        return match.group(0)
    label = html.escape(_text(inner), quote=False)
    return (
        f'<div class="section-heading">{start}{inner}{end}'
        f'<a class="section-link" href="#{anchor}">'
        f'<span class="visually-hidden">Link to the section “{label}”</span>'
        f'<span aria-hidden="true">#</span></a></div>'
    )


def _text(inner):
    """A heading's HTML as plain text."""
    return html.unescape(TAG.sub("", inner)).strip()


def slug(text):
    return NOT_WORD.sub("-", text.lower()).strip("-") or "section"


def add_ids(content):
    """(content with an id on every h2/h3, [Heading]); ids already there are kept."""
    taken = set(RESERVED_IDS)
    if " id=" in content:
        taken.update(m.group(2) for m in ID_ATTR.finditer(content))
    headings = []

    def replace(match):
        level, attrs, inner = match.groups()
        title = _text(inner)
        existing = ID_ATTR.search(attrs)
        if existing:
            anchor = existing.group(2)
        else:
            base = anchor = slug(title)
            number = 2
            while anchor in taken:
                anchor = f"{base}-{number}"
                number += 1
            taken.add(anchor)
            attrs = f' id="{anchor}"{attrs}'
        headings.append(Heading(int(level), anchor, title))
        return f"<h{level}{attrs}>{inner}</h{level}>"

    return HEADING.sub(replace, content), headings


def wants_toc(content, headings, config):
    """Metadata `Toc: on|off` wins; otherwise a long text with enough headings and no table
    of contents of its own."""
    choice = content.metadata.get(METADATA_KEY)
    if choice is not None:
        switch = SWITCH.get(str(choice).strip().lower())
        if switch is None:
            log.error("%s: Toc: must be 'on' or 'off', got %r", content.source_path, choice)
            return False
        return switch and bool(headings)
    if len(headings) < config["TOC_MIN_HEADINGS"] or OWN_CONTENTS.search(content._content):
        return False
    # Spaces approximate words well in rendered prose, at a fraction of the cost of splitting.
    return content._content.count(" ") >= config["TOC_MIN_WORDS"]


def report_settings(generator):
    # One articles generator per build: its problems are reported once; each content reads the
    # (two) settings again, silently, rather than keep them anywhere between builds.
    if isinstance(generator, ArticlesGenerator):
        SPEC.load(generator.settings, log)


def process(content):
    if not content._content or "<h" not in content._content:
        content.headings = Headings([], False)
        return
    content._content, headings = add_ids(content._content)
    config, _problems = SPEC.read(content.settings)
    content.headings = Headings(headings, wants_toc(content, headings, config), content)


def register():
    signals.generator_init.connect(report_settings)
    signals.content_object_init.connect(process)
