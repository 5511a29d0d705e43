"""The theme's menu and footer links, from settings: each names a page by its source file or
its slug, so renaming or deleting a page can never leave a dead link on every page.

A link naming a page that does not exist (or is a draft) is an error naming the setting.
The links reach the templates as `menu_header`, `menu_footer` and `menu_subscribe`.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import PagesGenerator
from plugin_core import Problem, Setting, SettingsSpec, closest, contents, plugin_logger

log = plugin_logger("menus", __name__)


def _links(value):
    if not isinstance(value, list | tuple) or not all(_is_link(v) for v in value):
        return "must be a list of (label, page) pairs, such as [('About', 'pages/about.md')]"
    return None


def _link_or_none(value):
    if value is not None and not _is_link(value):
        return "must be a (label, page) pair, such as ('Subscribe', 'pages/newsletter.md'), or None"
    return None


def _is_link(value):
    return (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, str) and v.strip() for v in value)
    )


SPEC = SettingsSpec(
    "MENU_",
    {
        "MENU_HEADER": Setting([], _links),
        "MENU_FOOTER": Setting([], _links),
        "MENU_SUBSCRIBE": Setting(None, _link_or_none),
    },
)


@dataclass(frozen=True)
class Link:
    label: str
    href: str  # SITEURL + "/" + the page's URL, or another site's absolute URL
    slug: str | None  # the page's slug, to mark the current page; None for another site


def resolve(label, target, pages, where, siteurl):
    """The Link for one (label, page) entry, or a Problem naming `where`."""
    if urlsplit(target).scheme in {"http", "https"}:
        return Link(label, target, None)
    by_source = {p.relative_source_path: p for p in pages}
    by_slug = {p.slug: p for p in pages}
    page = by_source.get(target.strip("/")) or by_slug.get(target.strip("/"))
    if page is None:
        return Problem(
            where,
            "no such page (name a published or hidden page by its file in content/, "
            "such as 'pages/about.md', or by its slug)",
            target,
            closest(target, [*by_source, *by_slug], prefix="pages/"),
        )
    return Link(label, f"{siteurl}/{page.url}", page.slug)


def links(entries, pages, name, siteurl):
    found = []
    for number, (label, target) in enumerate(entries):
        link = resolve(label, target, pages, f"{name}[{number}]", siteurl)
        if isinstance(link, Problem):
            log.error("%s", link)
        else:
            found.append(link)
    return found


def add_links(generators):
    """all_generators_finalized: every page is known, nothing is written yet."""
    values = SPEC.load(generators[0].settings, log)
    # Published and hidden pages: a draft is not on the site (make publish writes none).
    pages = [
        page
        for generator in generators
        if isinstance(generator, PagesGenerator)
        for page in contents(generator, statuses=("published", "hidden"))
    ]
    context = generators[0].context
    siteurl = context.get("SITEURL") or ""
    context["menu_header"] = links(values["MENU_HEADER"], pages, "MENU_HEADER", siteurl)
    context["menu_footer"] = links(values["MENU_FOOTER"], pages, "MENU_FOOTER", siteurl)
    subscribe = values["MENU_SUBSCRIBE"]
    link = subscribe and resolve(*subscribe, pages, "MENU_SUBSCRIBE", siteurl)
    if isinstance(link, Problem):
        log.error("%s", link)
        link = None
    context["menu_subscribe"] = link


def register():
    signals.all_generators_finalized.connect(add_links)
