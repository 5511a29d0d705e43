"""Reading time: `article.word_count` and `article.reading_time` (minutes) on every article.

Words are counted in the article's body as its reader made it, when the article object is
created (`content_object_init`): before any plugin has had a chance to add to it (a signup
form, a table of contents), so the count is the same whatever the order of PLUGINS.
The minutes follow READING_TIME_WORDS_PER_MINUTE, applied once all articles are read and
before any plugin's `article_generator_finalized` receiver runs.
See README.md.
"""

from pelican import signals
from pelican.contents import Article
from plugin_core import (
    Setting,
    SettingsSpec,
    contents,
    measure,
    plugin_logger,
    positive_integer,
)

log = plugin_logger("reading_time", __name__)


SETTINGS = SettingsSpec(
    "READING_TIME_", {"READING_TIME_WORDS_PER_MINUTE": Setting(230, positive_integer)}
)


# Chinese and Japanese are read at about 500 characters a minute (Hugo's .ReadingTime uses the
# same figure for them), where other text is read in words.
CJK_CHARACTERS_PER_MINUTE = 500


def reading_minutes(words, words_per_minute, cjk=0):
    """Minutes to read `words` words, `cjk` of them Chinese characters or kana (at least 1)."""
    minutes = (words - cjk) / words_per_minute + cjk / CJK_CHARACTERS_PER_MINUTE
    return max(1, round(minutes))


def count_words(content):
    """content_object_init: the words of a new article's body, as read from its source."""
    if isinstance(content, Article):
        content.word_count, content.cjk_characters = measure(content._content or "")


def attach(generator):
    """article_generator_pretaxonomy: every article's reading time."""
    words_per_minute = SETTINGS.load(generator.settings, log)["READING_TIME_WORDS_PER_MINUTE"]
    for article in contents(generator):
        if not hasattr(article, "word_count"):
            # Read from a content cache written without this plugin: not created this build,
            # so not counted yet, and still as its reader made it at this point.
            count_words(article)
        article.reading_time = reading_minutes(
            article.word_count, words_per_minute, article.cjk_characters
        )


def register():
    signals.content_object_init.connect(count_words)
    signals.article_generator_pretaxonomy.connect(attach)
