"""Text measures shared by our plugins."""

import re

TAG = re.compile(r"<[^>]*>")
# Chinese characters, kana: Chinese and Japanese are written without spaces between words, so
# each character counts as a word, as word processors count them. (Korean has spaces.)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Their punctuation (、。「」), which is no word.
CJK_PUNCTUATION = re.compile(r"[\u3000-\u303f]")


def measure(html):
    """(words, Chinese characters and kana among them) of an HTML fragment, markup ignored;
    each Chinese character or kana is a word."""
    text = TAG.sub(" ", html)
    if not CJK.search(text):
        return len(text.split()), 0
    text = CJK_PUNCTUATION.sub(" ", text)
    return len(CJK.sub(" \\g<0> ", text).split()), len(CJK.findall(text))


def word_count(html):
    """Words in an HTML fragment (see measure)."""
    return measure(html)[0]


def autoescaped(settings):
    """Whether the site's templates escape every value (`"autoescape"` in JINJA_ENVIRONMENT,
    which Pelican's own default leaves off): then a title is text (see plain_titles), else
    HTML, as Pelican's reStructuredText and HTML readers give it."""
    value = (settings.get("JINJA_ENVIRONMENT") or {}).get("autoescape", False)
    return bool(value("page.html") if callable(value) else value)
