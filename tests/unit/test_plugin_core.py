"""plugin_core: one message format for settings, "did you mean", the content lists, URLs and
the plugin's name on every message."""

import logging
from types import SimpleNamespace

import feeds
import pytest
import site_author
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from plugin_core import (
    ARTICLE_LISTS,
    PAGE_LISTS,
    Problem,
    Setting,
    SettingsSpec,
    all_contents,
    closest,
    contents,
    declared_settings,
    plugin_logger,
    positive_integer,
    url_for,
    whole_number,
)


def positive(value):
    return None if isinstance(value, int) and value > 0 else "must be a positive integer"


SPEC = SettingsSpec(
    "DEMO_",
    {
        "DEMO_COUNT": Setting(3, positive),
        "DEMO_NAME": Setting("x"),
        "DEMO_OUTPUT_DIR": Setting("theme"),
    },
    others=["DEMO_OF_ANOTHER_PLUGIN"],
)


def test_read_returns_defaults_for_absent_settings():
    values, problems = SPEC.read({})
    assert dict(values) == {"DEMO_COUNT": 3, "DEMO_NAME": "x", "DEMO_OUTPUT_DIR": "theme"}
    assert problems == []


def test_read_keeps_valid_values_and_replaces_invalid_ones_by_their_default():
    values, problems = SPEC.read({"DEMO_COUNT": 0, "DEMO_NAME": "y"})
    assert values["DEMO_COUNT"] == 3
    assert values["DEMO_NAME"] == "y"
    assert [str(p) for p in problems] == ["DEMO_COUNT: must be a positive integer, got 0"]


def test_values_are_read_only():
    values = SPEC.defaults()
    with pytest.raises(TypeError):
        values["DEMO_COUNT"] = 4


def test_a_default_is_never_checked():
    # A default of None may mean "off" for a setting whose check wants a string.
    spec = SettingsSpec("X_", {"X_PATH": Setting(None, lambda v: "must be a string")})
    assert spec.read({})[1] == []


def test_unknown_names_with_the_prefix_are_reported_with_the_closest_real_name():
    settings = {
        "DEMO_COUNTS": 1,
        "DEMO_COLOUR": "red",
        "DEMO_OF_ANOTHER_PLUGIN": 1,
        "DEMO_COUNT": 2,
        "OTHER_SETTING": 1,
    }
    assert [str(p) for p in SPEC.unknown(settings)] == [
        "DEMO_COLOUR: unknown setting",
        "DEMO_COUNTS: unknown setting; did you mean DEMO_COUNT?",
    ]


def test_a_moved_setting_is_named_with_its_new_name():
    spec = SettingsSpec("OLD_", {"OLD_URL": Setting("x")}, moved={"OLD_SPEED": "NEW_SPEED"})
    assert [str(p) for p in spec.unknown({"OLD_SPEED": 1})] == [
        "OLD_SPEED: unknown setting; did you mean NEW_SPEED?"
    ]


def test_a_renamed_family_of_settings_is_named_with_the_closest_current_name():
    spec = SettingsSpec(
        "NEW_",
        {"NEW_POPUP_DELAY_SECONDS": Setting(1), "NEW_POPUP_HEADING": Setting("x")},
        moved_prefixes={"OLD_POPUP_": "NEW_POPUP_"},
    )
    assert [str(p) for p in spec.unknown({"OLD_POPUP_DELAY": 1, "OLD_POPUP_COLOUR": 1})] == [
        "OLD_POPUP_COLOUR: unknown setting (OLD_POPUP_* is now NEW_POPUP_*)",
        # Not NEW_POPUP_DELAY, which does not exist.
        "OLD_POPUP_DELAY: unknown setting; did you mean NEW_POPUP_DELAY_SECONDS?",
    ]


NEWS = SettingsSpec(
    "NEWSLETTER_",
    {"NEWSLETTER_PROVIDER": Setting(None), "NEWSLETTER_POPUP_DELAY_SECONDS": Setting(20)},
)


@pytest.mark.parametrize(
    ("name", "meant"),
    [
        ("NEWSLETER_PROVIDER", "NEWSLETTER_PROVIDER"),
        ("NEWSLTTER_POPUP_DELAY", "NEWSLETTER_POPUP_DELAY_SECONDS"),
        ("NEWSLETTERS_PROVIDER", "NEWSLETTER_PROVIDER"),
    ],
)
def test_a_misspelt_prefix_is_named_with_the_setting_meant(name, meant):
    assert [str(p) for p in NEWS.misspelt({name: 1})] == [
        f"{name}: unknown setting; did you mean {meant}?"
    ]


@pytest.mark.parametrize(
    "name",
    [
        "NEWSLETTER_PROVIDERS",  # the right prefix: unknown() warns about it
        "NEWS_PROVIDER",  # too far from the prefix to be a typo of it
        "MEWSLETTER_PROVIDER",  # another first letter: another plugin's word
        "NEWSLETER_COLOUR",  # nothing like a setting after the prefix
        "SUMMARY_MAX_LENGTH",  # Pelican's
    ],
)
def test_names_that_are_not_a_misspelt_prefix_are_left_alone(name):
    assert NEWS.misspelt({name: 1}) == []


def test_short_prefixes_are_never_guessed_at():
    spec = SettingsSpec("TOC_", {"TOC_MIN_WORDS": Setting(1)})
    assert spec.misspelt({"TOP_MIN_WORDS": 1}) == []


def test_a_misspelt_prefix_is_an_error_and_an_unknown_name_a_warning(caplog):
    log = plugin_logger("demo", "tests.unit.demo_plugin")
    with caplog.at_level(logging.WARNING):
        NEWS.check_names({"NEWSLETER_PROVIDER": "x", "NEWSLETTER_PROVIDERS": "y"}, log)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "WARNING",
            "demo: NEWSLETTER_PROVIDERS: unknown setting; did you mean NEWSLETTER_PROVIDER?",
        ),
        ("ERROR", "demo: NEWSLETER_PROVIDER: unknown setting; did you mean NEWSLETTER_PROVIDER?"),
    ]


def test_pelicans_own_settings_are_never_misspellings():
    # FEED_ALL_ATOM is Pelican's, though it starts with a feeds plugin's prefix.
    spec = SettingsSpec("FEED_", {"FEED_LANGUAGE": Setting(None)})
    assert spec.unknown({"FEED_ALL_ATOM": "x", "FEED_DOMAIN": "y"}) == []


def test_a_setting_without_the_prefix_is_a_programming_error():
    with pytest.raises(ValueError, match="prefix"):
        SettingsSpec("DEMO_", {"OTHER": Setting(1)})


def test_load_logs_errors_and_warnings_with_the_plugins_name(caplog):
    log = plugin_logger("demo", "tests.unit.demo_plugin")
    with caplog.at_level(logging.WARNING):
        values = SPEC.load({"DEMO_COUNT": -1, "DEMO_NAM": "y"}, log)
    assert values["DEMO_COUNT"] == 3
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "demo: DEMO_NAM: unknown setting; did you mean DEMO_NAME?"),
        ("ERROR", "demo: DEMO_COUNT: must be a positive integer, got -1"),
    ]


def test_the_same_message_is_logged_again_on_a_rebuild(caplog):
    log = plugin_logger("demo", "tests.unit.demo_plugin")
    with caplog.at_level(logging.WARNING):
        log.warning("%s", "once")
        log.warning("%s", "once")
    assert [r.getMessage() for r in caplog.records] == ["demo: once", "demo: once"]


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("A_B", "must be a string", 3), "A_B: must be a string, got 3"),
        (Problem("A_B", "must be a string", None), "A_B: must be a string, got None"),
        (Problem("A_B", "unknown setting"), "A_B: unknown setting"),
        (
            Problem("F['x']['hedaing']", "unknown option", suggestion="heading"),
            "F['x']['hedaing']: unknown option; did you mean heading?",
        ),
        (
            Problem("A_B", "must be a dict", "x" * 200),
            "A_B: must be a dict, got '" + "x" * 76 + "...",
        ),
    ],
)
def test_problem_message_format(problem, text):
    assert str(problem) == text


@pytest.mark.parametrize(
    ("name", "choices", "prefix", "expected"),
    [
        ("SERIES_INFOS", ["SERIES_INFO", "SERIES_URL"], "SERIES_", "SERIES_INFO"),
        # The shared prefix is no likeness.
        ("SERIES_COLOUR", ["SERIES_INFO", "SERIES_URL", "SERIES_SAVE_AS"], "SERIES_", None),
        # Nothing left without the prefix: whole names, compared strictly.
        (
            "ASSET_BUNDLE",
            ["ASSET_BUNDLES", "ASSET_BUNDLES_MINIFY"],
            "ASSET_BUNDLE",
            "ASSET_BUNDLES",
        ),
        (
            "ASSET_BUNDLES_COLOUR",
            ["ASSET_BUNDLES", "ASSET_BUNDLES_SOURCE_DIR", "ASSET_BUNDLES_OUTPUT_DIR"],
            "ASSET_BUNDLE",
            None,
        ),
        ("hedaing", ["heading", "pitch"], "", "heading"),
        ("zzz", ["heading", "pitch"], "", None),
    ],
)
def test_closest(name, choices, prefix, expected):
    assert closest(name, choices, prefix) == expected


@pytest.mark.parametrize(
    ("save_as", "url"),
    [
        ("index.html", ""),
        ("about/index.html", "about/"),
        ("a/b/index.html", "a/b/"),
        # Only a whole last segment named index.html is dropped.
        ("reindex.html", "reindex.html"),
        ("blog/reindex.html", "blog/reindex.html"),
        ("index.html/page.html", "index.html/page.html"),
        ("404.html", "404.html"),
        ("feeds/all.atom.xml", "feeds/all.atom.xml"),
    ],
)
def test_url_for(save_as, url):
    assert url_for(save_as) == url


def test_url_for_an_absolute_path_in_the_output(tmp_path):
    assert url_for(tmp_path / "out" / "a" / "index.html", tmp_path / "out") == "a/"
    assert url_for(str(tmp_path / "out" / "index.html"), str(tmp_path / "out")) == ""


def test_url_for_a_path_outside_the_output_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="not inside"):
        url_for(tmp_path / "elsewhere.html", tmp_path / "out")


def _generator(cls, lists):
    """A generator of `cls` holding one named item in each of its content lists."""
    generator = cls.__new__(cls)
    for attribute in lists.values():
        setattr(generator, attribute, [SimpleNamespace(name=attribute)])
    return generator


def _names(items):
    return [item.name for item in items]


def test_contents_walks_every_article_list_once():
    generator = _generator(ArticlesGenerator, ARTICLE_LISTS)
    assert _names(contents(generator)) == [
        "articles",
        "translations",
        "hidden_articles",
        "hidden_translations",
        "drafts",
        "drafts_translations",
    ]


def test_contents_by_status_and_without_translations():
    pages = _generator(PagesGenerator, PAGE_LISTS)
    assert _names(contents(pages, statuses=("published", "draft"))) == [
        "pages",
        "translations",
        "draft_pages",
        "draft_translations",
    ]
    assert _names(contents(pages, translations=False)) == ["pages", "hidden_pages", "draft_pages"]


def test_contents_of_another_generator_is_empty():
    assert contents(StaticGenerator.__new__(StaticGenerator)) == []


def test_contents_rejects_an_unknown_status():
    with pytest.raises(ValueError, match="unknown statuses"):
        contents(_generator(PagesGenerator, PAGE_LISTS), statuses=("published", "future"))


def test_all_contents_in_the_generators_order():
    articles = _generator(ArticlesGenerator, ARTICLE_LISTS)
    pages = _generator(PagesGenerator, PAGE_LISTS)
    assert _names(all_contents([pages, articles], statuses=("hidden",), translations=False)) == [
        "hidden_pages",
        "hidden_articles",
    ]


@pytest.mark.parametrize(
    ("value", "whole", "positive"),
    [(0, True, False), (3, True, True), (-1, False, False), (True, False, False),
     (2.0, False, False), ("3", False, False)],
)  # fmt: skip
def test_the_shared_number_checks(value, whole, positive):
    assert (whole_number(value) is None) is whole
    assert (positive_integer(value) is None) is positive


def test_declared_settings_finds_the_specs_inside_loaded_plugin_packages():
    declared = declared_settings([site_author])
    assert declared["SITE_AUTHOR_PAGE"].default == "about/"
    assert "NEWSLETTER_PRIVACY_URL" not in declared  # a plugin not loaded declares nothing


def test_declared_settings_finds_specs_kept_in_a_list():
    assert "FEED_DOMAIN" in declared_settings([feeds])
