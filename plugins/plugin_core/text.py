"""Text measures shared by our plugins."""

import re

TAG = re.compile(r"<[^>]*>")
# Chinese characters, kana: Chinese and Japanese are written without spaces between words, so
# each character counts as a word, as word processors count them. (Korean has spaces.)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Their punctuation (、。「」), which is no word.
CJK_PUNCTUATION = re.compile(r"[\u3000-\u303f]")


def cjk_characters(html):
    """Chinese characters and kana in an HTML fragment (markup included: it has none)."""
    return len(CJK.findall(html))


def word_count(html):
    """Words in an HTML fragment, markup ignored; each Chinese character or kana is a word."""
    text = TAG.sub(" ", html)
    if CJK.search(text):
        text = CJK.sub(" \\g<0> ", CJK_PUNCTUATION.sub(" ", text))
    return len(text.split())
