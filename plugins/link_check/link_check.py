"""Turn Pelican's anonymous "Unable to find ..." link warnings into errors naming the file.

Pelican resolves `{filename}`, `{static}` and `{attach}` links lazily and, when a
target is missing, logs a warning that does not say which file holds the link.
This plugin renders every piece of content once, right after the generators have
read everything, captures those warnings, and logs one error per broken link that
names the source file and the target.
"""

import logging

from pelican import signals

log = logging.getLogger(__name__)

MISSING_LINK_PREFIX = "Unable to find '"


class _MissingLinkCollector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.targets = []

    def emit(self, record):
        if str(record.msg).startswith(MISSING_LINK_PREFIX):
            self.targets.append(record.args[0])


def _contents(generators):
    for generator in generators:
        for attr in (
            "articles",
            "translations",
            "drafts",
            "drafts_translations",
            "pages",
            "hidden_pages",
            "hidden_translations",
            "draft_pages",
            "draft_translations",
        ):
            yield from getattr(generator, attr, [])


def check_links(generators):
    contents_logger = logging.getLogger("pelican.contents")
    # Pelican's de-duplicating filter remembers messages across builds in one
    # process; a rebuild must report the same broken links again.
    contents_logger.disable_filter()
    try:
        for content in _contents(generators):
            collector = _MissingLinkCollector()
            contents_logger.addHandler(collector)
            try:
                content.get_content(content.get_siteurl())
            finally:
                contents_logger.removeHandler(collector)
            for target in collector.targets:
                log.error(
                    "link_check: %s: broken internal link to '%s' (no such file in content/)",
                    content.source_path,
                    target,
                )
    finally:
        contents_logger.enable_filter()


def register():
    signals.all_generators_finalized.connect(check_links)
