"""Finish Pelican's Atom and RSS feeds for feed readers and RSS-to-email tools.

Pelican writes the feeds; this plugin completes each one on the `feed_generated` signal, after
Pelican has filled it and before it is written, with what Pelican lacks:

- identity: each feed's `<id>` is its own URL (Pelican gives every feed the site's URL, so
  readers that key on it merge them); each entry's id is its permalink, which survives edits
  of the title and the date; RSS `<guid>` is that permalink.
- context: a category, tag, series or language feed links (`rel="alternate"`) to its own page
  and takes that page's title and description (Pelican links the home page and uses the
  site's subtitle).
- absolute URLs in entry content (href, src, srcset, poster) in every build, resolved against
  the entry's page with FEED_DOMAIN (or SITEURL), and no forms, scripts, dialogs or frames in it
  (see entry_html.py); titles and summaries as plain text.
- languages: `xml:lang` / `<language>` on every feed, and on each Atom entry written in
  another language than its feed.
- a series feed (from the series plugin's `series_list`) holds every published part, whatever
  FEED_MAX_ITEMS says, and once no part is still to come declares itself complete with RFC
  5005's `<fh:complete/>`.

Everything is worked out from the feed, the context and the settings of the build at hand.
"""

from dataclasses import dataclass
from posixpath import join as posix_join
from urllib.parse import urljoin, urlsplit

from feedgenerator import Atom1Feed, Rss201rev2Feed
from feedgenerator.django.utils.encoding import iri_to_uri
from markupsafe import Markup, escape
from pelican import signals
from pelican.utils import set_date_tzinfo
from plugin_core import Problem, Setting, SettingsSpec, autoescaped, plugin_logger

from .entry_html import feed_html

log = plugin_logger("feeds", __name__)

HISTORY_NS = "http://purl.org/syndication/history/1.0"


class _History:
    """RFC 5005 (feed history) for a feed whose `feed["complete"]` is true: the namespace on
    the root and `<fh:complete/>` in the feed or channel."""

    def history_attributes(self):
        return {"xmlns:fh": HISTORY_NS} if self.feed.get("complete") else {}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("complete"):
            handler.addQuickElement("fh:complete")


class AtomFeed(_History, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), **self.history_attributes()}

    def item_attributes(self, item):
        # Readers take an entry's language from the feed unless the entry says otherwise.
        language = item.get("language")
        if language and language != self.feed["language"]:
            return {"xml:lang": language}
        return {}


class RssFeed(_History, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), **self.history_attributes()}


# The classes Pelican's writer makes, and what this plugin turns them into.
FEED_CLASSES = {Atom1Feed: AtomFeed, Rss201rev2Feed: RssFeed}


@dataclass
class FeedPage:
    """What a feed is the feed of: the page it stands for and the language of its entries.
    `articles` replaces Pelican's (cut) list when set; `complete` asks for `<fh:complete/>`."""

    title: str
    description: str | None
    url: str
    language: str
    articles: list | None = None
    complete: bool = False


def base_url(settings):
    """The absolute URL that feed links start with, or "" when the build has none."""
    return (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")


def _check_domain(value):
    # Empty is Pelican's "use SITEURL".
    if value and urlsplit(str(value)).scheme not in ("http", "https"):
        return "must start with https:// or http://"
    return None


# Pelican's feed settings. Pelican ignores a misspelt one (CATEGORY_FEED_ATOM_URLS) without a
# word, and this plugin finishes every feed, so it checks their names, a family at a time.
FEED_FAMILIES = ("FEED", "FEED_ALL", "CATEGORY_FEED", "TAG_FEED", "AUTHOR_FEED", "TRANSLATION_FEED")
PELICAN_FEED_SETTINGS = {
    f"{family}_{kind}{url}"
    for family in FEED_FAMILIES
    for kind in ("ATOM", "RSS")
    for url in ("", "_URL")
} | {"FEED_APPEND_REF", "FEED_MAX_ITEMS", "RSS_FEED_SUMMARY_ONLY"}
# FEED_DOMAIN is checked here too, because every URL in the feeds starts with it.
SPECS = [
    SettingsSpec(
        prefix,
        {
            **{name: Setting(None) for name in PELICAN_FEED_SETTINGS if name.startswith(prefix)},
            **({"FEED_DOMAIN": Setting(None, _check_domain)} if prefix == "FEED_" else {}),
        },
    )
    for prefix in (
        "FEED_",
        "CATEGORY_FEED_",
        "TAG_FEED_",
        "AUTHOR_FEED_",
        "TRANSLATION_FEED_",
        "RSS_FEED_",
    )
]


def check_settings(pelican):
    """Once per build: FEED_DOMAIN is a URL, and the feeds have an absolute start (FEED_DOMAIN
    or SITEURL), or their links and ids point nowhere."""
    settings = pelican.settings
    for spec in SPECS:
        spec.load(settings, log)
    if not settings.get("FEED_DOMAIN") and not base_url(settings).startswith(("http:", "https:")):
        problem = Problem(
            "FEED_DOMAIN",
            "not set and SITEURL is not absolute: feed links and ids stay relative, which feed "
            "readers cannot follow; set it (e.g. 'http://localhost:8000' for development)",
        )
        log.warning("%s", problem)


def _feed_url(settings, path):
    """The URL Pelican's writer gives a feed written to `path` (its `feed_url`), as
    feedgenerator keeps it: an IRI's non-ASCII characters percent-encoded (RFC 3987, 3.1)."""
    domain = settings.get("FEED_DOMAIN") or ""
    return iri_to_uri(urljoin(domain if domain.endswith("/") else domain + "/", path))


def _setting_feed_url(settings, name, **fields):
    """The URL of the feed of setting `name` (such as CATEGORY_FEED_ATOM), or None when off."""
    path = settings.get(name)
    if not path:
        return None
    return _feed_url(settings, str(settings.get(f"{name}_URL", path)).format(**fields))


def _published(context):
    """Every published article, originals and translations."""
    for article in context.get("articles", ()):
        yield article
        yield from article.translations


def _originals(series_list, default_lang):
    """{series in another language: the series in the default language its parts translate}."""
    of_article = {part.article: series for series in series_list for part in series.parts}
    originals = {}
    for series in series_list:
        if series.lang == default_lang:
            continue
        for part in series.parts:
            found = [of_article.get(t) for t in getattr(part.article, "translations", ())]
            original = next((s for s in found if s and s.lang == default_lang), None)
            if original:
                originals[series] = original
                break
    return originals


def _complete(series, original):
    """Whether no part of `series` is still to come. A translation is complete only once the
    series it translates is and each of its parts is translated: until then parts will come."""
    if series.total != series.planned:
        return False
    return original is None or (
        original.total == original.planned and series.total >= original.planned
    )


def feed_pages(context):
    """{feed URL: FeedPage} for every feed Pelican or the series plugin writes (the context
    holds the settings too)."""
    site, default_lang = context["SITENAME"], context["DEFAULT_LANG"]
    subtitle = context.get("SITESUBTITLE") or None
    base = base_url(context)
    pages = {}

    def add(names, page, **fields):
        for name in names:
            url = _setting_feed_url(context, name, **fields)
            if url:
                pages[url] = page

    home = FeedPage(site, subtitle, base + "/", default_lang)
    add(("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"), home)
    for lang in sorted({article.lang for article in _published(context)}):
        page = FeedPage(f"{site} ({lang})", subtitle, base + "/", lang)
        add(("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS"), page, lang=lang)
    # Category, tag and author pages: their words, as the theme's head_meta.html has them
    # (Pelican writes author feeds by default; this site turns them off).
    listings = (
        ("categories", "CATEGORY", "Articles on {} from {}."),
        ("tags", "TAG", "Articles tagged {} from {}."),
        ("authors", "AUTHOR", "Articles by {} from {}."),
    )
    for key, prefix, description in listings:
        for listed, _articles in context.get(key, ()):
            page = FeedPage(
                f"{listed} · {site}",
                description.format(listed, site),
                f"{base}/{listed.url}",
                default_lang,
            )
            add((f"{prefix}_FEED_ATOM", f"{prefix}_FEED_RSS"), page, slug=listed.slug)
    series_list = context.get("series_list", ())
    originals = _originals(series_list, default_lang)
    for series in series_list:
        original = originals.get(series)
        # A translation that kept the original's name says which language it is in.
        untranslated = original is not None and original.name == series.name
        name = f"{series.name} ({series.lang})" if untranslated else series.name
        page = FeedPage(
            f"{name} · {site}",
            series.description or f"Every part of the series {series.name}, in order.",
            f"{base}/{series.url}",
            series.lang,
            # Newest first like every feed, and all of them: a late subscriber gets the course.
            articles=[part.article for part in reversed(series.all)],
            complete=_complete(series, original),
        )
        for path in (series.feed_atom, series.feed_rss):
            if path:
                pages[_feed_url(context, path)] = page
    return pages


def _links(article, siteurl):
    """The links Pelican's writer may have given `article`'s entries (with or without
    RELATIVE_URLS), so that an entry can be traced back to its article."""
    base = siteurl if siteurl.endswith("/") else siteurl + "/"
    # feedgenerator percent-encodes an entry's link (a slug such as "émotions-et-coûts").
    url = str(article.url)  # Pelican works it out afresh on every access
    links = (urljoin(base, url), posix_join(siteurl, url))
    return {iri_to_uri(link) for link in links}


def _plain(html):
    """HTML as text, escaped for the feed's HTML fields: tags gone, entities read."""
    # Markup only to strip the tags of this HTML; what leaves is escaped text.
    return escape(Markup(html).striptags())  # noqa: S704


def _content_siteurl(settings, base):
    """The siteurl to render entry text with, so that its {filename} and {static} links,
    resolved against the entry's permalink, reach their targets.

    SITEURL, as Pelican's writer asks for it (remembered, so not rendered twice): its links
    are absolute or root-relative. With RELATIVE_URLS Pelican joins them to it as paths, so an
    empty SITEURL would leave `about/`, which the permalink would turn into `<entry>/about/`:
    then the absolute base (or `/`). That costs nothing, as each page of such a build renders
    the text with a siteurl of its own anyway."""
    if settings.get("RELATIVE_URLS"):
        return base + "/"
    return settings.get("SITEURL", "")


def _entry(article, settings, base):
    """What every feed says of `article`, as feedgenerator item fields."""
    permalink = f"{base}/{article.url}"
    titles_are_text = autoescaped(settings)
    timezone = settings.get("TIMEZONE")
    modified = getattr(article, "modified", None)
    names = [getattr(article, "category", None), *getattr(article, "tags", ())]
    link = permalink + "?ref=feed" if settings.get("FEED_APPEND_REF") else permalink
    # The newsletter plugin's mark of a reader who follows us already; never on the id.
    link += settings.get("newsletter_subscriber_fragment", "")
    return {
        # Text, which a feed escapes: a title is HTML where the templates escape nothing.
        "title": article.title if titles_are_text else Markup(article.title).striptags(),  # noqa: S704
        "link": link,
        "unique_id": permalink,
        "unique_id_is_permalink": True,
        "categories": [str(name) for name in names if name] or None,
        "author_name": str(getattr(article, "author", "")) or None,
        "pubdate": set_date_tzinfo(article.date, timezone),
        "updateddate": set_date_tzinfo(modified, timezone) if modified else None,
        "language": article.lang,
        "content": feed_html(article.get_content(_content_siteurl(settings, base)), permalink),
        "description": _plain(article.summary) or None,
    }


class BuildFeeds:
    """What the feeds of one build share, worked out at its first feed: the page of every
    feed, the article of every link Pelican gives an entry, and each article's entry (an
    article is in up to eight feeds, and Pelican works out its URL afresh on every access).

    Kept in the build's context, which Pelican makes anew for every build: the signal hands
    over nothing else that lives exactly as long as one build."""

    KEY = "_feeds_build"

    def __init__(self, context):
        self.context = context
        self.base = base_url(context)
        self.pages = feed_pages(context)
        self.by_link = {}
        for article in _published(context):
            for link in _links(article, context.get("SITEURL", "")):
                self.by_link[link] = article
        self.entries = {}

    @classmethod
    def of(cls, context):
        build = context.get(cls.KEY)
        if build is None:
            build = context[cls.KEY] = cls(context)
        return build

    def articles(self, feed, page):
        """The feed's articles: the page's own list, or the articles of Pelican's entries
        (None if one of them is not a published article)."""
        if page.articles is not None:
            return page.articles
        links = (item["link"].removesuffix("?ref=feed") for item in feed.items)
        articles = [self.by_link.get(link) for link in links]
        return None if None in articles else articles

    def item(self, article, feed):
        """The feedgenerator item for `article` in `feed`."""
        entry = self.entries.get(article)
        if entry is None:
            entry = self.entries[article] = _entry(article, self.context, self.base)
        if isinstance(feed, Rss201rev2Feed):
            # RSS has one field for both: the summary if RSS_FEED_SUMMARY_ONLY, else the content.
            summary_only = self.context.get("RSS_FEED_SUMMARY_ONLY")
            description = entry["description"] if summary_only else entry["content"]
            return {**entry, "description": description, "content": None}
        return entry


def note_feed_languages(generator):
    """article_generator_finalized: `feed_languages` in the context, the languages Pelican
    writes a language feed for (those of the published articles), so that the theme links a
    translation's own feed where there is one, and never one that does not exist."""
    articles = (*generator.articles, *generator.translations)
    generator.context["feed_languages"] = frozenset(article.lang for article in articles)


def finish_feed(context, feed):
    """`feed_generated` receiver: complete the feed Pelican has just filled. The context holds
    the build's settings as well."""
    build = BuildFeeds.of(context)
    url = feed.feed["feed_url"]
    page = build.pages.get(url)
    upgraded = FEED_CLASSES.get(type(feed))
    articles = page and build.articles(feed, page)
    if upgraded is None or articles is None:
        log.warning("%s: a feed this plugin does not know; written as Pelican made it", url)
        return
    feed.__class__ = upgraded
    # Pelican builds the feed's own URL from FEED_DOMAIN alone; an empty one means SITEURL.
    own = url if urlsplit(url).scheme or not build.base else f"{build.base}/{url.lstrip('/')}"
    feed.feed.update(
        feed_url=own,
        title=page.title,
        link=page.url,
        id=own,
        description=page.description or "",
        subtitle=page.description,
        language=page.language,
        complete=page.complete,
    )
    feed.items = []
    for article in articles:
        feed.add_item(**build.item(article, feed))


def register():
    signals.initialized.connect(check_settings)
    signals.article_generator_finalized.connect(note_feed_languages)
    signals.feed_generated.connect(finish_feed)
