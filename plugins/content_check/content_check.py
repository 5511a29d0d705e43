"""Report content mistakes that Pelican lets through, or reports without naming the file.

Right after the generators have read everything, and before anything is written,
log an error naming the source file for:

- a `{filename}`, `{static}` or `{attach}` link to a file that does not exist
  (Pelican warns "Unable to find ..." without saying which file holds the link);
- a `Template:` the theme does not have (Pelican crashes later, naming only the
  template);
- two pieces of content that would be written to the same file, e.g. two
  articles with one slug (Pelican crashes later, naming only the output file);
- a URL that would leave the site, such as `Slug: javascript:x` (Pelican joins it
  onto SITEURL in feeds and `{filename}` links, where it stays a script link) or
  one starting with a backslash (browsers read `/\\x` as the host `x`).
"""

import logging
from collections import defaultdict
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import PelicanTemplateNotFound

from . import editorial

log = logging.getLogger(__name__)

MISSING_LINK_PREFIX = "Unable to find '"
CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


class _MissingLinkCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.targets = []

    def emit(self, record):
        if str(record.msg).startswith(MISSING_LINK_PREFIX):
            self.targets.append(record.args[0])


def _contents(generator):
    # Pelican splits each status into originals and translations: no content is in two lists.
    for name in CONTENT_LISTS:
        yield from getattr(generator, name, [])


def check_links(content, collector):
    collector.targets.clear()
    content.get_content(content.get_siteurl())
    for target in collector.targets:
        log.error(
            "content_check: %s: broken internal link to '%s' (no such file in content/)",
            content.source_path,
            target,
        )


def check_template(content, generator):
    try:
        generator.get_template(content.template)
    except PelicanTemplateNotFound:
        log.error(
            "content_check: %s: Template '%s' is not in the theme",
            content.source_path,
            content.template,
        )


def check_url(content):
    url = str(content.url)
    if urlsplit(url).scheme or url.startswith(("/", "\\")):
        log.error(
            "content_check: %s: its URL '%s' would lead off the site (a scheme or a leading "
            "slash); change its Slug",
            content.source_path,
            url,
        )


def check(generators):
    contents_logger = logging.getLogger("pelican.contents")
    # Pelican's de-duplicating filter remembers messages across builds in one
    # process; a rebuild must report the same broken links again.
    contents_logger.disable_filter()
    # One handler for the whole pass: adding and removing one per file costs more than the check.
    collector = _MissingLinkCollector()
    contents_logger.addHandler(collector)
    writers = defaultdict(list)
    try:
        for generator in generators:
            for content in _contents(generator):
                check_links(content, collector)
                check_template(content, generator)
                check_url(content)
                save_as = content.save_as
                if save_as:
                    writers[save_as].append(content.source_path)
    finally:
        contents_logger.removeHandler(collector)
        contents_logger.enable_filter()
    for save_as, sources in writers.items():
        if len(sources) > 1:
            log.error(
                "content_check: %s would all be written to %s (give each its own Slug)",
                " and ".join(sorted(sources)),
                save_as,
            )


def register():
    signals.all_generators_finalized.connect(check)
    signals.article_generator_pretaxonomy.connect(editorial.warn)
