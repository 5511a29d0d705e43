"""reading_time: words counted in the body as read, minutes from READING_TIME_WORDS_PER_MINUTE."""

import pytest
from plugin_core import measure, word_count
from reading_time.reading_time import SETTINGS, reading_minutes


def test_word_count_ignores_markup():
    assert word_count("<p>One <em>two</em> three</p>\n<p>four</p>") == 4


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (100, 1), (345, 2), (2300, 10)])
def test_reading_minutes_are_rounded_and_at_least_one(words, minutes):
    assert reading_minutes(words, 230) == minutes


@pytest.mark.parametrize("value", [0, -5, True, 2.5, "230"])
def test_words_per_minute_must_be_a_positive_integer(value):
    values, problems = SETTINGS.read({"READING_TIME_WORDS_PER_MINUTE": value})
    assert [str(p) for p in problems] == [
        f"READING_TIME_WORDS_PER_MINUTE: must be a positive integer, got {value!r}"
    ]
    assert values["READING_TIME_WORDS_PER_MINUTE"] == 230


def test_chinese_and_japanese_are_counted_by_the_character():
    # No spaces between words: a text of 2,880 kana and kanji is not one word.
    japanese = "<p>" + "日本語の文章です。" * 320 + "</p>"
    words, cjk = measure(japanese)
    assert words == cjk == 2560  # "。" is no word
    assert reading_minutes(words, 230, cjk) == 5
    assert word_count("<p>Hello 世界 again</p>") == 4
