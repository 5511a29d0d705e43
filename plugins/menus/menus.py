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


def _links_or_none(value):
    return None if value is None else _links(value)


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
        # None: Pelican's own menu (DISPLAY_PAGES_ON_MENU, MENUITEMS), as on any Pelican site.
        "MENU_HEADER": Setting(None, _links_or_none),
        "MENU_FOOTER": Setting([], _links),
        "MENU_SUBSCRIBE": Setting(None, _link_or_none),
    },
)


@dataclass(frozen=True)
class Link:
    label: str
    href: str  # SITEURL + "/" + the page's URL, or another site's absolute URL
    slug: str | None  # the page's slug, to mark the current page; None for another site


class Pages:
    """The site's pages by source file (relative to content/) and by slug."""

    def __init__(self, pages):
        self.by_name = {}
        for page in pages:
            self.by_name.setdefault(page.relative_source_path, page)
            self.by_name.setdefault(page.slug, page)

    def get(self, target):
        return self.by_name.get(target.strip("/"))


def resolve(label, target, pages, drafts, where, siteurl):
    """The Link for one (label, page) entry, or a Problem naming `where`."""
    if urlsplit(target).scheme in {"http", "https"}:
        return Link(label, target, None)
    page = pages.get(target)
    if page is not None:
        return Link(label, f"{siteurl}/{page.url}", page.slug)
    if drafts.get(target) is not None:
        return Problem(where, "names a draft page, which make publish does not write", target)
    return Problem(
        where,
        "no such page (name a published or hidden page by its file in content/, "
        "such as 'pages/about.md', or by its slug)",
        target,
        closest(target, pages.by_name, prefix="pages/"),
    )


def pelicans_menu(settings, pages):
    """The Links of the menu Pelican's own themes show: every published page
    (DISPLAY_PAGES_ON_MENU, on by default), then MENUITEMS ((label, URL) pairs, a URL of this
    site written as Pelican's themes write them, after SITEURL)."""
    siteurl = settings.get("SITEURL") or ""
    links = []
    if settings.get("DISPLAY_PAGES_ON_MENU", True):
        links += [Link(page.title, f"{siteurl}/{page.url}", page.slug) for page in pages]
    for label, url in settings.get("MENUITEMS") or ():
        url = str(url)
        if not urlsplit(url).scheme:
            url = f"{siteurl}/{url.lstrip('/')}"
        links.append(Link(str(label), url, None))
    return links


def add_links(generators):
    """all_generators_finalized: every page is known, nothing is written yet."""
    values = SPEC.load(generators[0].settings, log)
    generator = next(g for g in generators if isinstance(g, PagesGenerator))
    # Published and hidden pages only: a draft is not on the site (make publish writes none).
    pages = Pages(contents(generator, statuses=("published", "hidden")))
    drafts = Pages(contents(generator, statuses=("draft",)))
    siteurl = generator.context.get("SITEURL") or ""

    def links(name, entries, numbered=True):
        found = []
        for number, entry in enumerate(entries):
            where = f"{name}[{number}]" if numbered else name
            link = resolve(*entry, pages, drafts, where, siteurl)
            if isinstance(link, Problem):
                log.error("%s", link)
            else:
                found.append(link)
        return found

    subscribe = values["MENU_SUBSCRIBE"]
    if values["MENU_HEADER"] is None:
        published = contents(generator, statuses=("published",))
        generator.context["menu_header"] = pelicans_menu(generator.settings, published)
    else:
        generator.context["menu_header"] = links("MENU_HEADER", values["MENU_HEADER"])
    generator.context["menu_footer"] = links("MENU_FOOTER", values["MENU_FOOTER"])
    generator.context["menu_subscribe"] = next(
        iter(links("MENU_SUBSCRIBE", [subscribe] if subscribe else [], numbered=False)), None
    )


def register():
    signals.all_generators_finalized.connect(add_links)
