"""Work out each article's and page's URL once per build instead of on every use.

Pelican computes `content.url` afresh on each access: it copies the metadata,
finds the source file's path relative to the content directory and formats the
URL setting, about 30 microseconds each time. A theme and its plugins ask for an
article's URL a dozen times (every listing, tag and category page it is on, its
neighbours' navigation, feeds, the sitemap), so on a large site this is a few
percent of the build.

Once every generator has read its content, everything a URL is made of (slug,
date, category, language, status) is settled. This plugin then stores each URL
where Pelican looks first, as the content's `override_url` (what the `URL`
metadata key sets), so later accesses return it at once. Only the URL: Pelican
also reads `override_save_as` as "this file may overwrite another", so output
paths are left to Pelican.
"""

import logging

from pelican import signals

log = logging.getLogger(__name__)

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


def fix_urls(generators):
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, ()):
                content.override_url = content.url


def register():
    signals.all_generators_finalized.connect(fix_urls)
