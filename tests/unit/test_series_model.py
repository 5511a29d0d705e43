"""The series plugin's pure model and settings: ordering, validation, what each part sees."""

import re
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from series import model
from series.series import SETTINGS

START = datetime(2026, 1, 1)


def item(path, series=None, index=None, day=0, status="published", lang="en", **extra):
    """An article; status "scheduled" is a draft only because its date is in the future,
    "draft" one that says `Status: draft`."""
    metadata = {"series": series, "series_index": index}
    if status != "scheduled":
        metadata["status"] = status
    return SimpleNamespace(
        source_path=path,
        metadata={k: v for k, v in metadata.items() if v is not None},
        title=path.upper(),
        date=START + timedelta(days=day),
        status="draft" if status == "scheduled" else status,
        lang=lang,
        **extra,
    )


def read_config(settings):
    values, problems = SETTINGS.read(settings)
    return model.Config.from_settings(values), [str(problem) for problem in problems]


def collect(items, default_lang="en", **settings):
    config, errors = read_config(settings)
    assert errors == []
    return model.collect_series(items, config, default_lang, lambda s: s.lower().replace(" ", "-"))


def paths(parts):
    return [part.source_path for part in parts]


# Settings


def test_defaults_are_exposed_as_series_settings():
    config, errors = read_config({})
    assert errors == []
    assert config.as_settings() == {
        "SERIES_URL": "series/{slug}/",
        "SERIES_SAVE_AS": "series/{slug}/index.html",
        "SERIES_INDEX_URL": "series/",
        "SERIES_INDEX_SAVE_AS": "series/index.html",
        "SERIES_FEED_ATOM": "feeds/series/{slug}.atom.xml",
        "SERIES_FEED_RSS": "feeds/series/{slug}.rss.xml",
        "SERIES_INFO": {},
        "SERIES_NAV_IN_CONTENT": None,
    }


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SERIES_URL", "series/"),
        ("SERIES_SAVE_AS", "series/{slug}/{lang}.html"),
        ("SERIES_FEED_ATOM", 3),
        ("SERIES_INDEX_URL", None),
        ("SERIES_INFO", {"A": "a description"}),
        ("SERIES_INFO", {"A": {"summary": "x"}}),
        ("SERIES_INFO", {"A": {"slug": ""}}),
        ("SERIES_NAV_IN_CONTENT", "auto"),
    ],
)
def test_an_invalid_setting_is_an_error_naming_it_and_falls_back_to_the_default(name, value):
    config, errors = read_config({name: value})
    assert len(errors) == 1
    assert errors[0].startswith(f"{name}: ")
    assert errors[0].endswith(f", got {value!r}")
    assert config == model.Config()


def test_feeds_can_be_turned_off():
    config, errors = read_config({"SERIES_FEED_ATOM": None, "SERIES_FEED_RSS": ""})
    assert errors == []
    series, _, _ = model.collect_series([item("a.md", "S", "1")], config, "en", lambda s: s.lower())
    assert (series[0].feed_atom, series[0].feed_rss) == (None, "")


# Series_index


@pytest.mark.parametrize(("raw", "expected"), [(None, None), ("1", 1), (" 12 ", 12), ("03", 3)])
def test_parse_index(raw, expected):
    assert model.parse_index(raw) == expected


@pytest.mark.parametrize("raw", ["two", "0", "-1", "1.5", "+3", "", "1_0", "٣"])
def test_parse_index_rejects_anything_but_a_positive_integer(raw):
    # The message is the value as given, for the caller to quote.
    with pytest.raises(ValueError, match=f"^{re.escape(raw)}$"):
        model.parse_index(raw)


# Ordering


def test_parts_are_ordered_by_index_not_by_date_or_input_order():
    items = [item("c.md", "S", "3", day=1), item("a.md", "S", "1", day=9), item("b.md", "S", "2")]
    (series,), errors, warnings = collect(items)
    assert errors == []
    assert warnings == ["series 'S': part 2 (b.md) is dated before part 1 (a.md)"]
    assert paths(series.parts) == ["a.md", "b.md", "c.md"]
    assert [p.index for p in series.parts] == [1, 2, 3]


def test_unindexed_series_is_ordered_by_date():
    items = [item("b.md", "S", day=2), item("a.md", "S", day=1), item("c.md", "S", day=3)]
    (series,), errors, warnings = collect(items)
    assert (errors, warnings) == ([], [])
    assert paths(series.parts) == ["a.md", "b.md", "c.md"]


def test_series_are_grouped_by_name_and_sorted_by_name():
    items = [item("b1.md", "Beta", "1"), item("a1.md", "alpha", "1"), item("x.md")]
    series, _, _ = collect(items)
    assert [s.name for s in series] == ["alpha", "Beta"]
    assert [s.slug for s in series] == ["alpha", "beta"]


def test_hidden_articles_and_drafts_take_no_part_and_scheduled_ones_are_unpublished_parts():
    items = [
        item("1.md", "S", "1"),
        item("2.md", "S", "2", status="scheduled"),
        item("3.md", "S", "3"),
        item("4.md", "S", "4", status="hidden"),
        item("5.md", "S", "5", status="draft"),
    ]
    (series,), _, warnings = collect(items)
    assert paths(series.parts) == ["1.md", "2.md", "3.md"]
    assert [p.published for p in series.parts] == [True, False, True]
    assert paths(series.all) == ["1.md", "3.md"]
    assert (series.total, series.planned) == (2, 3)
    assert warnings == []


def test_a_translation_belongs_to_the_series_in_its_own_language():
    items = [
        item("1.md", "S", "1"),
        item("2.md", "S", "2"),
        item("1-fr.md", "S", "1", lang="fr"),
    ]
    english, french = collect(items)[0]
    assert paths(english.parts) == ["1.md", "2.md"]
    assert paths(french.parts) == ["1-fr.md"]
    assert (english.slug, french.slug) == ("s", "s-fr")
    assert (english.url, french.url) == ("series/s/", "series/s-fr/")
    assert french.feed_atom == "feeds/series/s-fr.atom.xml"


def test_series_info_gives_slug_and_description():
    info = {"Building Referral Relationships": {"slug": "referrals", "description": "Six parts."}}
    (series,), _, warnings = collect(
        [item("a.md", "Building Referral Relationships", "1")], SERIES_INFO=info
    )
    assert (series.slug, series.description) == ("referrals", "Six parts.")
    assert series.save_as == "series/referrals/index.html"
    assert warnings == []


def test_series_info_for_an_unknown_series_is_a_warning():
    _, _, warnings = collect([item("a.md", "S", "1")], SERIES_INFO={"T": {"description": "x"}})
    assert warnings == ["SERIES_INFO: describes series 'T', which no article belongs to"]


def test_series_info_for_a_misspelt_series_names_the_series_meant():
    # From a newcomer's try: SERIES_INFO = {"Sortin": ...} on a blog with a series "Sorting".
    _, _, warnings = collect([item("a.md", "Sorting", "1")], SERIES_INFO={"Sortin": {}})
    assert warnings == [
        "SERIES_INFO: describes series 'Sortin', which no article belongs to; did you mean "
        "'Sorting'?"
    ]


# Validation


def test_an_invalid_index_is_an_error_naming_the_file_and_the_value():
    _, errors, _ = collect([item("x.md", "S", "two")])
    assert errors == ["x.md: Series_index 'two' is not a positive integer"]


def test_a_duplicate_index_is_an_error_naming_both_files():
    _, errors, _ = collect([item("a.md", "S", "1"), item("b.md", "S", "2"), item("c.md", "S", "2")])
    assert errors == ["series 'S': Series_index 2 is used by both b.md and c.md"]


def test_a_draft_may_share_its_index_with_a_published_part():
    # The draft is a rewrite in progress, or the next part not yet scheduled.
    items = [item("a.md", "S", "1"), item("b.md", "S", "2")]
    items.append(item("b2.md", "S", "2", status="draft"))
    (series,), errors, warnings = collect(items)
    assert (errors, warnings) == ([], [])
    assert paths(series.parts) == ["a.md", "b.md"]


def test_a_scheduled_part_is_announced_so_it_may_not_share_an_index():
    items = [item("a.md", "S", "1"), item("b.md", "S", "1", status="scheduled")]
    _, errors, _ = collect(items)
    assert errors == ["series 'S': Series_index 1 is used by both a.md and b.md"]


def test_a_draft_is_never_announced_as_coming():
    items = [item("a.md", "S", "1"), item("b.md", "S", "2", status="draft")]
    (series,), _, _ = collect(items)
    view = model.ArticleSeries(series, series.parts[0])
    assert (view.next, view.upcoming, series.planned) == (None, None, 1)


def test_a_gap_is_a_warning_naming_the_series_and_the_missing_numbers():
    items = [item(f"{i}.md", "S", str(i)) for i in (2, 3, 5, 9)]
    _, errors, warnings = collect(items)
    assert errors == []
    assert warnings == ["series 'S': the numbering has a gap, no part has Series_index 1, 4, 6-8"]


def test_mixing_indexed_and_unindexed_parts_is_a_warning_and_unindexed_come_last():
    items = [
        item("late.md", "S", day=0),
        item("a.md", "S", "1", day=5),
        item("b.md", "S", "2", day=6),
    ]
    (series,), errors, warnings = collect(items)
    assert errors == []
    assert paths(series.parts) == ["a.md", "b.md", "late.md"]
    assert warnings == [
        "series 'S' mixes parts with and without Series_index; late.md come last, by date"
    ]


def test_names_differing_in_case_spacing_or_punctuation_are_one_series_with_a_warning():
    items = [
        item("1.md", "Building Referral Relationships", "1"),
        item("2.md", "Building referral relationships", "2"),
        item("3.md", "Building Referral  Relationships.", "3"),
        item("4.md", "Building Referral Relationships", "4"),
    ]
    (series,), errors, warnings = collect(items)
    assert errors == []
    assert series.name == "Building Referral Relationships"
    assert series.planned == 4
    assert warnings == [
        "series names 'Building Referral Relationships' (1.md), "
        "'Building referral relationships' (2.md), 'Building Referral  Relationships.' (3.md) "
        "differ only in case, spacing or punctuation; treating them as one series named "
        "'Building Referral Relationships'"
    ]


def test_two_series_with_one_slug_is_an_error():
    info = {"B": {"slug": "a"}}
    _, errors, _ = collect([item("a.md", "A", "1"), item("b.md", "B", "1")], SERIES_INFO=info)
    assert errors == [
        "series 'A' and 'B' would both be written at 'series/a/'; give one a slug in SERIES_INFO"
    ]


# What an article sees


def views(series):
    return {part.source_path: model.ArticleSeries(series, part) for part in series.parts}


def test_article_series_navigation_skips_a_scheduled_part_and_announces_the_upcoming_one():
    statuses = ["published", "scheduled", "published", "published", "scheduled", "scheduled"]
    items = [item(f"{i}.md", "S", str(i), status=s) for i, s in enumerate(statuses, start=1)]
    (series,), _, _ = collect(items)
    v = views(series)

    assert (v["1.md"].previous, v["1.md"].next.source_path, v["1.md"].upcoming) == (
        None,
        "3.md",
        None,
    )
    assert paths(v["1.md"].all_next) == ["3.md", "4.md"]
    # The scheduled part itself (previewed) still sees its published neighbours.
    assert (v["2.md"].previous.source_path, v["2.md"].next.source_path) == ("1.md", "3.md")
    assert paths(v["3.md"].all_previous) == ["1.md"]
    assert v["4.md"].next is None
    assert (v["4.md"].upcoming.source_path, v["4.md"].upcoming.index) == ("5.md", 5)
    assert v["4.md"].upcoming.published is False
    assert v["6.md"].upcoming is None
    assert v["4.md"].index == 4
    assert (v["4.md"].total, v["4.md"].planned, v["4.md"].name) == (3, 6, "S")


def test_a_part_is_its_article_plus_index_and_published():
    article = item("a.md", "S", "1", summary="<p>Hi</p>")
    (series,), _, _ = collect([article])
    part = series.parts[0]
    assert part.article is article
    assert (part.title, part.summary, part.index, part.published) == ("A.MD", "<p>Hi</p>", 1, True)
    with pytest.raises(AttributeError):
        part.no_such_attribute  # noqa: B018


# Speed


def navigate(items):
    series, errors, warnings = collect(items)
    nav = [
        (view.previous, view.next, view.upcoming)
        for s in series
        for view in (model.ArticleSeries(s, part) for part in s.parts)
    ]
    return series, nav, errors, warnings


@pytest.mark.parametrize("series_count", [1000, 1])
def test_ten_thousand_articles_in_one_series_or_a_thousand(series_count):
    # Their speed is measured by `make bench` (time per article at 1,000 and 5,000 articles).
    items = [
        item(f"{n}.md", f"Series {n % series_count}", str(n // series_count + 1), day=n)
        for n in range(10_000)
    ]
    series, nav, errors, warnings = navigate(items)
    assert (len(series), len(nav)) == (series_count, 10_000)
    assert (errors, warnings) == ([], [])


def test_a_misspelled_setting_is_named_with_the_closest_real_one():
    settings = {
        "SERIES_INFOS": {},
        "SERIES_URL": "x/{slug}/",
        "SITENAME": "x",
        "SERIES_COLOUR": 1,
        "SERIES_WORDS_PER_MINUTE": 200,
    }
    assert [str(p) for p in SETTINGS.unknown(settings)] == [
        # With the shared prefix compared too, every SERIES_ name would look close to another.
        "SERIES_COLOUR: unknown setting",
        "SERIES_INFOS: unknown setting; did you mean SERIES_INFO?",
        "SERIES_WORDS_PER_MINUTE: unknown setting; did you mean READING_TIME_WORDS_PER_MINUTE?",
    ]
