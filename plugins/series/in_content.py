"""Series navigation written into the article text, for a theme that shows none of its own
(Pelican's default themes, and most others).

Such a theme renders `article.content` and nothing of `article.series`, so the plugin puts
two placeholder comments in each part's text: one at its start, where "Part N of M in the
series X" goes, and one at its end, where the previous and next parts go. They are filled in
only in the part's own page, as that page is written (`content_written`), so summaries,
listings and feeds never carry the navigation; the comments themselves are invisible (and the
feeds plugin drops them from feed entries).

Whether the theme shows series navigation is read from its templates once per build: a theme
whose article template (or a template it extends, includes or imports) reads
`article.series` does it itself. SERIES_NAV_IN_CONTENT = True or False overrides that.
"""

from pathlib import Path

from jinja2 import TemplateNotFound, meta, nodes
from markupsafe import Markup
from pelican.generators import PelicanTemplateNotFound

START = "<!--series-part-->"
END = "<!--series-nav-->"


def reads_series(env, name):
    """Whether the template `name`, or any template it extends, includes or imports, reads
    `article.series`. Each template's source is parsed once; names built at render time
    (`{% include var %}`) cannot be followed."""
    pending, seen = [name], set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source = env.loader.get_source(env, current)[0]
        except TemplateNotFound:
            continue
        tree = env.parse(source)
        if any(_is_article_series(node) for node in tree.find_all(nodes.Getattr)):
            return True
        pending.extend(ref for ref in meta.find_referenced_templates(tree) if ref)
    return False


def _is_article_series(node):
    return (
        node.attr == "series" and isinstance(node.node, nodes.Name) and node.node.name == "article"
    )


def theme_shows_series(generator, template, known):
    """Whether the theme's `template` (an article's `template`, such as "article") shows
    series navigation; `known` remembers the answer per template for this build."""
    if template not in known:
        try:
            name = generator.get_template(template).name
        except PelicanTemplateNotFound:
            # Nothing to show it in; content_check reports the missing template.
            known[template] = True
        else:
            known[template] = reads_series(generator.env, name)
    return known[template]


def add_placeholders(article):
    article._content = f"{START}{article._content or ''}{END}"
    article.series_in_content = True


def _title(part):
    # Pelican's titles are HTML (reStructuredText gives `Tom &amp; Jerry`, Markdown the text
    # as typed); like Pelican's own feeds, show their text, escaped once.
    return Markup(part.title).striptags()  # noqa: S704 (text out, escaped by Markup.format)


def _link(siteurl, part, rel, label):
    return Markup('<li><a href="{}/{}" rel="{}">{}: {}</a></li>').format(
        siteurl, part.url, rel, label, _title(part)
    )


def markup(series, siteurl):
    """(start, end): the HTML for the two placeholders of one part, `series` being its
    `article.series`, with links on `siteurl` (relative to the page with RELATIVE_URLS)."""
    name = (
        Markup('<a href="{}/{}">{}</a>').format(siteurl, series.url, series.name)
        if series.all
        else series.name
    )
    start = Markup('<p class="series-part">Part {} of {} in the series {}</p>').format(
        series.index, series.planned, name
    )
    links = []
    if series.previous:
        links.append(_link(siteurl, series.previous, "prev", "Previous part"))
    if series.next:
        links.append(_link(siteurl, series.next, "next", "Next part"))
    coming = ""
    if series.upcoming:
        coming = Markup("<p>Part {}, “{}”, is coming soon.</p>").format(
            series.upcoming.index, _title(series.upcoming)
        )
    if not (links or coming):
        return start, ""
    items = Markup("<ul>{}</ul>").format(Markup("").join(links)) if links else ""
    end = Markup('<nav class="series-nav" aria-label="Series: {}">{}{}</nav>').format(
        series.name, items, coming
    )
    return start, end


def _replace_last(html, placeholder, value):
    # The text itself comes last: a theme may show the summary, which can hold the
    # placeholders too, above it.
    head, found, tail = html.rpartition(placeholder)
    return f"{head}{value}{tail}" if found else html


def fill(path, context):
    """content_written: the navigation in the placeholders of a part's own page."""
    article = context.get("article")
    if not getattr(article, "series_in_content", False):
        return
    if not Path(path).as_posix().endswith(article.save_as):
        return
    start, end = markup(article.series, context["SITEURL"])
    target = Path(path)
    html = target.read_text(encoding="utf-8")
    html = _replace_last(_replace_last(html, START, start), END, end)
    target.write_text(html, encoding="utf-8")
