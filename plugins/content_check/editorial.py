"""The site's editorial rules, as build warnings: a rule the writing breaks is worth knowing
about, but never a reason to stop a build or fail a test, so the site can grow.

- an article without a `Summary` (lists, feeds, search results and social cards then show the
  start of its text);
- an article shorter than CONTENT_CHECK_MIN_WORDS words (0, the default, checks nothing).

Published articles only: drafts are work in progress. Checked once all articles are read and
before any plugin adds to them (a signup form's words are not the article's).
"""

from plugin_core import Setting, SettingsSpec, contents, plugin_logger, whole_number, word_count

log = plugin_logger("content_check", __name__)


# content_check's own spec (prefix CONTENT_CHECK_) reports the misspellings of this one too.
SETTINGS = SettingsSpec(
    "CONTENT_CHECK_MIN_WORDS",
    {"CONTENT_CHECK_MIN_WORDS": Setting(0, whole_number)},
    near_misses=False,
)


def article_warnings(article, min_words):
    """The editorial rules `article` breaks, as messages."""
    warnings = []
    if "summary" not in article.metadata:
        warnings.append(
            f"{article.source_path}: no Summary; lists, feeds and social cards show the start "
            "of the text instead"
        )
    words = word_count(article._content or "") if min_words else 0
    if words < min_words:
        warnings.append(
            f"{article.source_path}: {words} words, fewer than CONTENT_CHECK_MIN_WORDS "
            f"({min_words})"
        )
    return warnings


def warn(generator):
    """article_generator_pretaxonomy: log the warnings of every published article."""
    min_words = SETTINGS.load(generator.settings, log)["CONTENT_CHECK_MIN_WORDS"]
    for article in contents(generator, statuses=("published",)):
        for message in article_warnings(article, min_words):
            log.warning("%s", message)
