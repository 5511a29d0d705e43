"""A green build means a correct site: catch what site owners get wrong, naming the file.

Three passes, each logging one error per problem (the strict build then fails):

- When the generators start, the metadata of every source file is checked against the
  schema (metadata.py): an unknown key names the file, the line and the closest known key;
  dates must be ISO 8601; status, language, slug, robots and flags must have their form.
- When all content is read, before anything is written: `{filename}` / `{static}` /
  `{attach}` links to missing files, missing templates, empty or off-site URLs, and any two
  things that would be written to one output file (two slugs, a page titled "Archives", a
  static robots.txt over ours, `Category: All` over the site feed). SITEURL must be an
  absolute http(s) URL. A second `<h1>` in a text is a warning. Draft previews get
  `Robots: noindex`.
- When the site is written (into the strict build's staging directory): every internal link,
  image and `#fragment` in every HTML page, and every `url()` of its stylesheets, must resolve
  (links.py); an error names the source file the link came from, or the template and the
  setting behind it.
"""

import logging
import os
import posixpath
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican import signals
from pelican.generators import ArticlesGenerator, PelicanTemplateNotFound, StaticGenerator
from pelican.utils import slugify
from plugin_core import (
    Setting,
    SettingsSpec,
    closest,
    contents,
    declared_settings,
    plugin_logger,
)

from . import editorial, links, metadata

log = plugin_logger("content_check", __name__)

MISSING_LINK_PREFIX = "Unable to find '"
# A URL's scheme (RFC 3986, 3.1), read without parsing the rest, which may not parse.
SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
PLACEHOLDER_HOSTS = re.compile(r"(^|\.)(example(\.(com|org|net))?|localhost|invalid|test)$")
# The theme's links that come from a URL setting, so that a dead one names what to change
# (the menu links name pages, and the menus plugin checks those).
SETTING_LINKS = ("NEWSLETTER_PRIVACY_URL", "SITE_AUTHOR_PAGE", "SITE_AUTHOR_CONTACT")
# Per-build state lives in the build's own settings dict (read_settings makes a new one for
# every build), under a lower-case key Pelican and the templates never read.
STATE = "content_check.state"


def _names(value):
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return "must be a list of metadata key names, such as ['subtitle']"
    return None


# CONTENT_CHECK_MIN_WORDS is the editorial warnings' own setting (editorial.py, checked there).
SPEC = SettingsSpec(
    "CONTENT_CHECK_",
    {"CONTENT_CHECK_EXTRA_KEYS": Setting([], _names)},
    others=("CONTENT_CHECK_MIN_WORDS",),
)


class _MissingLinkCollector(logging.Filter):
    """Takes the targets of Pelican's "Unable to find" warnings, one content at a time: each
    becomes one error naming the file, instead of a warning that names none."""

    def __init__(self):
        super().__init__()
        self.targets = []

    def filter(self, record):
        if str(record.msg).startswith(MISSING_LINK_PREFIX):
            self.targets.append(record.args[0])
            return False
        return True


class State:
    """What one build's checks need from one signal to the next."""

    def __init__(self, settings):
        self.values = SPEC.load(settings, log)
        self.keys = metadata.known_keys(
            settings.get("PLUGINS") or [],
            [*self.values["CONTENT_CHECK_EXTRA_KEYS"], *_formatted_fields(settings)],
        )
        self.checked = set()
        self.reported = set()  # files with a metadata error: what follows from it is not news
        self.contents = []
        self.statics = {}  # output path -> source path of each static file
        # source path -> names of the {static}/{attach} files it links that content/ lacks
        self.missing_files = defaultdict(set)


def _formatted_fields(settings):
    fields = settings.get("FORMATTED_FIELDS") or []
    return [fields] if isinstance(fields, str) else list(fields)


def start(pelican):
    """get_generators: a new build (the devserver runs many with one Pelican object)."""
    pelican.settings[STATE] = State(pelican.settings)


# --- 1. metadata, as written in each source file -------------------------------------------


def check_metadata(generator):
    """article_generator_init, page_generator_init: every source file's header."""
    state = generator.settings[STATE]
    is_article = isinstance(generator, ArticlesGenerator)
    kind = "ARTICLE" if is_article else "PAGE"
    files = generator.get_files(
        generator.settings[f"{kind}_PATHS"], exclude=generator.settings[f"{kind}_EXCLUDES"]
    )
    for rel in sorted(files):
        path = os.path.normpath(os.path.join(generator.path, rel))
        if path in state.checked:
            continue
        state.checked.add(path)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (OSError, UnicodeDecodeError):
            continue  # Pelican reports an unreadable file itself, naming it
        fmt = rel.rsplit(".", 1)[-1].lower()
        fields = metadata.header_fields(text, fmt)
        problems = metadata.check_fields(fields, state.keys, is_article)
        problems += _empty_slug(fields, generator.settings)
        for line, message in problems:
            log.error("%s:%d: %s", path, line, message)
            state.reported.add(path)


def _empty_slug(fields, settings):
    """[(line, message)] if the slug made from the title is empty ("🙂", "!!!"), which Pelican
    would write over the home page, or outside the output."""
    named = {key.lower(): (line, value) for line, key, value in fields}
    if "slug" in named or "title" not in named or settings.get("SLUGIFY_SOURCE") != "title":
        return []
    line, title = named["title"]
    slug = slugify(
        title,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )
    if slug.strip("-"):
        return []
    return [(line, f"the title '{title}' gives an empty URL slug; add a Slug: line")]


# --- 2. what was read, before anything is written ------------------------------------------


def check_static_links(content, path, missing):
    """A {static} or {attach} link to a file content/ lacks: Pelican writes the URL the file
    would have, and says nothing (or, with the content cache, that it cannot stamp it)."""
    for linked in sorted(content.get_static_links()):
        if not os.path.isfile(os.path.join(path, linked)):
            log.error(
                "%s: broken internal link to '%s' with {static} or {attach} (no such file in "
                "content/)",
                _at_line(
                    content.source_path, linked, f"{{static}}/{linked}", f"{{attach}}/{linked}"
                ),
                linked,
            )
            missing[content.source_path].add(posixpath.basename(linked))


def check_links(content, collector):
    collector.targets.clear()
    content.get_content(content.get_siteurl())
    # The summary's links were resolved (and a dead one warned about, naming no file) before
    # this pass; resolving them again is a no-op for the rest, and names the file this time.
    content.refresh_metadata_intersite_links()
    for target in collector.targets:
        log.error(
            "%s: broken internal link to '%s' (no such file in content/)",
            _at_line(content.source_path, target),
            target,
        )


def check_template(content, generator):
    if not _has_template(generator, content.template):
        log.error("%s: Template '%s' is not in the theme", content.source_path, content.template)


def check_url(content):
    if not str(content.slug or "").strip():
        log.error(
            "%s: its title '%s' gives an empty slug, so it has no URL; add a Slug: line",
            content.source_path,
            content.title,
        )
        return
    url = str(content.url)
    if urlsplit(url).scheme or url.startswith(("/", "\\")):
        log.error(
            "%s: its URL '%s' would lead off the site (a scheme or a leading slash); "
            "change its Slug",
            content.source_path,
            url,
        )


def check_headings(content):
    if "<h1" in content.content:
        line = _heading_line(content.source_path)
        where = f"{content.source_path}:{line}" if line else content.source_path
        log.warning(
            "%s: a '#' heading gives the page a second <h1> after its title; "
            "start headings at '##'",
            where,
        )


def _heading_line(path):
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    fence = False
    for number, line in enumerate(lines, start=1):
        if line.startswith(("```", "~~~")):
            fence = not fence
        elif not fence and re.match(r"#(?!#)\s*\S", line):
            return number
    return None


def check_siteurl(settings):
    for name in ("SITEURL", "FEED_DOMAIN"):
        value = settings.get(name) or ""
        if not value:
            continue
        parts = urlsplit(value)
        if (
            parts.scheme not in {"http", "https"}
            or not parts.hostname
            or value.endswith("/")
            or any(c.isspace() for c in value)
        ):
            log.error(
                "%s: must be an absolute http(s) URL without a trailing slash, such as "
                "https://example.org, got '%s'; set it in publishconf.py (or for one build: "
                "SITEURL=https://your.domain make publish)",
                name,
                value,
            )
        elif name == "SITEURL" and PLACEHOLDER_HOSTS.search(parts.hostname or ""):
            log.warning(
                "SITEURL: '%s' is a placeholder domain: canonical URLs, feeds and the sitemap "
                "point nowhere. Set your domain in publishconf.py, or SITEURL=https://your.domain "
                "make publish",
                value,
            )


def _outputs(generators, settings, contents, statics):
    """{output path: [(what writes it, the source file behind it or None)]} for everything
    the build writes that can collide."""
    writers = defaultdict(list)

    def add(save_as, who, source=None):
        if save_as:
            writers[posixpath.normpath(str(save_as))].append((who, source))

    for content in contents:
        add(content.save_as, content.source_path, content.source_path)
    for static_path in settings.get("THEME_STATIC_PATHS", ()):
        top = os.path.join(settings["THEME"], static_path)
        for root, _, files in os.walk(top):
            for name in files:
                rel = os.path.relpath(os.path.join(root, name), top).replace(os.sep, "/")
                add(f"{settings['THEME_STATIC_DIR']}/{rel}", f"the theme's {static_path}/{rel}")
    for name in settings.get("DIRECT_TEMPLATES", ()):
        key = f"{name.upper()}_SAVE_AS"
        add(settings.get(key, f"{name}.html"), f"the {name} page ({key})")
    for name in ("FEED_ATOM", "FEED_RSS", "FEED_ALL_ATOM", "FEED_ALL_RSS"):
        add(settings.get(name), f"the site feed ({name})")
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            _add_groups(add, settings, "category", generator.categories)
            _add_groups(add, settings, "tag", generator.tags.items())
        if isinstance(generator, StaticGenerator):
            for static in generator.staticfiles:
                add(static.save_as, f"{static.source_path} (a static file)", static.source_path)
                statics[posixpath.normpath(static.save_as)] = static.source_path
    return writers


def _add_groups(add, settings, kind, groups):
    """The page and feeds of each category or tag, named after the first file that has it."""
    key = kind.upper()
    for item, articles in groups:
        source = articles[0].source_path
        who = f"{source}'s {kind} '{item}'"
        add(item.save_as, f"{who} page ({key}_SAVE_AS)", source)
        for feed in (f"{key}_FEED_ATOM", f"{key}_FEED_RSS"):
            if settings.get(feed):
                add(settings[feed].format(slug=item.slug), f"{who} feed ({feed})", source)


def check_collisions(generators, settings, contents, statics, reported):
    told = set()
    for save_as, writers in _outputs(generators, settings, contents, statics).items():
        sources = frozenset(source for _, source in writers if source)
        if len(writers) < 2 or reported & sources or (sources and sources in told):
            continue
        told.add(sources)
        log.error(
            "%s would all be written to %s (rename one: a Slug, a category, a tag or a file)",
            " and ".join(sorted(who for who, _ in writers)),
            save_as,
        )


def check_direct_templates(generator, settings):
    for name in settings.get("DIRECT_TEMPLATES", ()):
        if not _has_template(generator, name):
            log.error("DIRECT_TEMPLATES: the theme has no template '%s'", name)


def _has_template(generator, name):
    try:
        generator.get_template(name)
    except PelicanTemplateNotFound:
        return False
    return True


def keep_out_of_search(content):
    """A draft preview (make html; make publish writes none) is never indexed: its `Robots`
    gains noindex, which the theme's robots meta tag and the sitemap read."""
    robots = str(getattr(content, "robots", "") or "")
    if content.status == "draft" and "noindex" not in robots.lower():
        content.robots = f"noindex, {robots}" if robots else "noindex"


def check(generators):
    """all_generators_finalized: everything read, nothing written yet."""
    settings = generators[0].settings
    state = settings[STATE]
    check_siteurl(settings)
    check_direct_templates(generators[0], settings)
    contents_logger = logging.getLogger("pelican.contents")
    # Pelican's de-duplicating filter remembers messages across builds in one
    # process; a rebuild must report the same broken links again.
    contents_logger.disable_filter()
    # One filter for the whole pass: adding and removing one per file costs more than the check.
    collector = _MissingLinkCollector()
    contents_logger.addFilter(collector)
    try:
        for generator in generators:
            for content in contents(generator):
                state.contents.append(content)
                keep_out_of_search(content)
                if content.source_path in state.reported:
                    continue
                check_links(content, collector)
                check_static_links(content, settings["PATH"], state.missing_files)
                check_template(content, generator)
                check_url(content)
                check_headings(content)
    finally:
        contents_logger.removeFilter(collector)
        contents_logger.enable_filter()
    check_collisions(generators, settings, state.contents, state.statics, state.reported)


# --- 3. the written site ---------------------------------------------------------------------


def check_output(pelican):
    """finalized: every internal link, image and #fragment in the written HTML and CSS
    resolves."""
    settings = pelican.settings
    state = settings.pop(STATE)
    origins = [settings.get("SITEURL"), settings.get("FEED_DOMAIN")]
    # The search index is written after this check (tools/search_index.py), into pagefind/;
    # the search page preloads its script.
    later = [SEARCH_SCRIPT] if "search" in (settings.get("DIRECT_TEMPLATES") or ()) else []
    broken = links.check_site(pelican.output_path, origins, later)
    if not broken:
        return
    by_page = {posixpath.normpath(str(c.save_as)): c for c in state.contents if c.save_as}
    drafts = {c.source_path for c in state.contents if c.status == "draft"}
    drafts_folder = str(settings.get("DRAFT_URL", "drafts/")).split("/")[0] + "/"
    by_url = {_path(c.url, origins): c for c in state.contents if c.url}
    declared = declared_settings(pelican.plugins)
    bodies = {}

    def body_urls(content):
        if content not in bodies:
            bodies[content] = links.urls(content.content)
        return bodies[content]

    for url, pages in sorted(broken.items()):
        first = sorted(pages)[0]
        site = links.describe(url, first, pages[first])
        for page in sorted(p for p in pages if p in state.statics):
            log.error(
                "%s (a static file): broken link to '%s'%s",
                _at_line(state.statics[page], url),
                url,
                links.describe(url, page, pages[page]),
            )
        for page in sorted(p for p in pages if p.endswith(".css") and p not in state.statics):
            log.error(
                "the theme's stylesheet %s: broken link to '%s'%s",
                page,
                url,
                links.describe(url, page, pages[page]),
            )
        blamed = {
            c.source_path: links.describe(url, p, pages[p])
            for p, c in ((p, by_page[p]) for p in pages if p in by_page)
            if url in body_urls(c)
        }
        # A link to "#x" means the page it is on: only that page's own text can be at fault.
        if not blamed and not url.startswith("#"):
            blamed = {c.source_path: site for c in state.contents if url in body_urls(c)}
        for source, where in sorted(blamed.items()):
            name = unquote(url.partition("#")[0].partition("?")[0].rsplit("/", 1)[-1])
            if name in state.missing_files[source]:
                continue  # reported before the site was written, as the link is written
            relative = not SCHEME.match(url) and not url.startswith(("/", "#"))
            if source in drafts and relative:
                # A draft preview is saved under drafts/: a relative link leads elsewhere
                # from there than from where it will be published, and is judged there.
                log.warning(
                    "%s: relative link to '%s'%s; a draft preview is saved under drafts/, "
                    "so it is checked again once published",
                    _at_line(source, url),
                    url,
                    where,
                )
                continue
            if _path(url, origins).startswith(f"/{drafts_folder}"):
                where += (
                    "; it is a draft or a scheduled part's preview, which make publish does not "
                    "write: link it once it is published"
                )
            log.error("%s: broken link to '%s'%s", _at_line(source, url), url, where)
        # A draft preview may name a tag or category that no published article has yet:
        # only its own text is judged until it is published.
        themed = [
            p
            for p in pages
            if p not in state.statics
            and not p.endswith(".css")
            and (p not in by_page or by_page[p].status != "draft")
        ]
        if blamed or not themed:
            continue
        # "#fn:1" in a summary a listing page shows (Pelican's own theme keeps its links):
        # right on the article's page, and no mistake of the text's.
        if url.startswith("#") and any(url in body_urls(c) for c in state.contents):
            continue
        content = by_url.get(_path(url, origins)) if pages[first] is None else None
        if content is not None:
            log.error(
                "%s: its URL '%s' leads to no file the build writes (it is saved as %s); "
                "make its URL and save_as agree",
                content.source_path,
                content.url,
                content.save_as,
            )
            continue
        behind = _setting_behind(url, settings, declared, state.contents)
        written = [] if behind else _templates_writing(settings, url, origins)
        behind += f", written in {' and '.join(written)}" if written else ""
        missing = ", and the build writes no such file" if pages[first] is None else ""
        theme_files = "/" + str(settings.get("THEME_STATIC_DIR", "theme")).strip("/") + "/"
        if missing and _path(url, origins).startswith(theme_files):
            missing += (
                f"; Pelican copies the theme's files from the folders THEME_STATIC_PATHS "
                f"names ({settings.get('THEME_STATIC_PATHS')!r}), none of which has it"
            )
        log.error(
            "the theme links to '%s'%s on %d page(s), e.g. %s%s (a link the templates build%s)",
            url,
            site,
            len(themed),
            sorted(themed)[0],
            missing,
            behind,
        )


def _at_line(source, url, *written_as):
    """`source` with the number of the first line that holds `url` (or one of `written_as`,
    other spellings such as `{static}/path`) as written in a link: `source:12`; `source`
    alone when no line does. A `{filename}` link is reported as the URL Pelican made of it,
    so only its #fragment is found."""
    try:
        with open(source, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError):
        return source
    # Where a link's URL starts and ends in Markdown, reStructuredText and HTML: ](url),
    # [ref]: url, `text <url>`_, href="url", href=url, url(&quot;url&quot;).
    end = r"""(?=[)\s"'>&]|$)"""
    found = (
        re.search(r"""(?<=[(\s"'<=;}])""" + re.escape(c) + end, text) for c in (url, *written_as)
    )
    written = next(filter(None, found), None)
    if written is None and "#" in url:
        # ({filename}b.md#fees): reported as the URL Pelican made, written with its fragment.
        written = re.search(re.escape("#" + url.partition("#")[2]) + end, text)
    if written is None:
        return source
    return f"{source}:{text.count(chr(10), 0, written.start()) + 1}"


def _setting_behind(url, settings, declared, contents):
    """The URL setting a dead link the templates build comes from, worded as what to change:
    the owner's value, or the default of a setting the owner never set (a site without an
    about or privacy page gets a link to one all the same); with the URL of the published
    page whose slug is closest to the link's last segment, if one is close."""
    pages = {str(c.slug): c for c in contents if c.url and c.status == "published"}
    near = closest(url.strip("/").rsplit("/", 1)[-1], pages)
    page = pages[near] if near else None
    fix = "set it to the address of a page the site has, or None for no link"
    if page is not None:
        fix += f" (did you mean {page.url!r}, the page {page.source_path}?)"
    for name in SETTING_LINKS:
        if name in settings:
            if _names_url(settings[name], url):
                return f", from the setting {name} = {settings[name]!r}; {fix}"
        elif name in declared and _names_url(declared[name].default, url):
            return (
                f", from the setting {name}, which is not set and so has its default value "
                f"{declared[name].default!r}; {fix}"
            )
    return ""


def _templates_writing(settings, url, origins):
    """The template files (the owner's overrides first, then the theme's) whose text holds
    the path of `url`, as they would write it: where a link the templates build comes from."""
    path = _path(url, origins).strip("/")
    if not path:
        return []
    folders = [*(settings.get("THEME_TEMPLATES_OVERRIDES") or []), f"{settings['THEME']}/templates"]
    found = []
    for folder in folders:
        for template in sorted(Path(folder).rglob("*.html")):
            if path in template.read_text(encoding="utf-8", errors="replace"):
                found.append(os.path.relpath(template))
    return found


SEARCH_SCRIPT = "pagefind/pagefind.js"


def _path(url, origins):
    """A URL as a path from the site's root: '/x/' for 'x/', '/x/' and 'https://site/x/'."""
    for origin in origins:
        if origin and url.startswith(origin + "/"):
            url = url[len(origin) :]
    return "/" + url.partition("#")[0].lstrip("/")


def _names_url(value, url):
    return isinstance(value, str) and bool(value.strip("/")) and url.endswith(value)


def register():
    signals.get_generators.connect(start)
    signals.article_generator_init.connect(check_metadata)
    signals.page_generator_init.connect(check_metadata)
    signals.all_generators_finalized.connect(check)
    signals.article_generator_pretaxonomy.connect(editorial.warn)
    signals.finalized.connect(check_output)
