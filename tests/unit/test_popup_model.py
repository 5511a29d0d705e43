"""subscribe_popup's pure decisions: settings, targeting and copy."""

from types import SimpleNamespace

import pytest
from subscribe_popup.subscribe_popup import (
    DEFAULTS,
    Popup,
    popup_copy,
    popup_for,
    read_config,
    targeted,
    unknown_settings,
)

CONFIG = read_config({})[0]


def named(name):
    return SimpleNamespace(name=name, slug=name.lower().replace(" ", "-"))


def content(slug="an-article", category="Tests", tags=(), status="published", **metadata):
    return SimpleNamespace(
        slug=slug,
        category=named(category),
        tags=[named(t) for t in tags],
        status=status,
        metadata=metadata,
    )


def test_defaults_are_valid_and_used_when_nothing_is_set():
    config, errors = read_config({})
    assert errors == []
    assert config == DEFAULTS


def test_settings_override_their_defaults():
    config, errors = read_config(
        {"SUBSCRIBE_POPUP_DELAY_SECONDS": 5.5, "SUBSCRIBE_POPUP_EXCLUDE_TAGS": ["x"]}
    )
    assert errors == []
    assert config["delay_seconds"] == 5.5
    assert config["exclude_tags"] == ["x"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DELAY_SECONDS", -5, "SUBSCRIBE_POPUP_DELAY_SECONDS must be >= 0, got -5"),
        ("DELAY_SECONDS", "20", "SUBSCRIBE_POPUP_DELAY_SECONDS must be a number, got '20'"),
        ("SCROLL_SHARE", 1.5, "SUBSCRIBE_POPUP_SCROLL_SHARE must be <= 1, got 1.5"),
        ("SCROLL_SHARE", -0.1, "SUBSCRIBE_POPUP_SCROLL_SHARE must be >= 0, got -0.1"),
        ("DISMISS_DAYS", 2.5, "SUBSCRIBE_POPUP_DISMISS_DAYS must be an integer, got 2.5"),
        ("DISMISS_DAYS", True, "SUBSCRIBE_POPUP_DISMISS_DAYS must be an integer, got True"),
        ("NARROW_WIDTH", 0, "SUBSCRIBE_POPUP_NARROW_WIDTH must be >= 1, got 0"),
        ("EXIT_INTENT", "yes", "SUBSCRIBE_POPUP_EXIT_INTENT must be True or False, got 'yes'"),
        ("EXCLUDE_TAGS", "news", "SUBSCRIBE_POPUP_EXCLUDE_TAGS must be a list of strings"),
        ("HEADING", " ", "SUBSCRIBE_POPUP_HEADING must be a non-empty string, got ' '"),
        ("SERIES_TEXT", "Part {part}", "SUBSCRIBE_POPUP_SERIES_TEXT must be a non-empty string"),
        ("SERIES_HEADING", "Part {", "whose only placeholders are {index}, {next_index}"),
    ],
)
def test_a_bad_setting_is_reported_and_replaced_by_its_default(name, value, message):
    config, errors = read_config({f"SUBSCRIBE_POPUP_{name}": value})
    assert len(errors) == 1
    assert errors[0].startswith("subscribe_popup: ")
    assert message in errors[0]
    assert config[name.lower()] == DEFAULTS[name.lower()]


def test_a_misspelt_setting_is_reported_with_the_closest_name():
    settings = {"SUBSCRIBE_POPUP_DELAY_SECOND": 5, "SUBSCRIBE_POPUP_ZZZ": 1, "OTHER": 1}
    assert unknown_settings(settings) == [
        "subscribe_popup: unknown setting SUBSCRIBE_POPUP_DELAY_SECOND;"
        " did you mean SUBSCRIBE_POPUP_DELAY_SECONDS?",
        "subscribe_popup: unknown setting SUBSCRIBE_POPUP_ZZZ",
    ]
    assert unknown_settings({f"SUBSCRIBE_POPUP_{k.upper()}": v for k, v in DEFAULTS.items()}) == []


def test_articles_get_it_by_default():
    assert targeted(CONFIG, content())
    # Pelican gives an article without tags no `tags` attribute at all.
    untagged = content()
    del untagged.tags
    assert targeted({**CONFIG, "exclude_tags": ["x"]}, untagged)


@pytest.mark.parametrize(
    ("settings", "item"),
    [
        ({"exclude_categories": ["tests"]}, content(category="Tests")),
        ({"exclude_categories": ["case-studies"]}, content(category="Case Studies")),
        ({"exclude_tags": ["News"]}, content(tags=["fees", "news"])),
        ({"exclude_slugs": ["an-article"]}, content()),
        ({}, content(popup="off")),
        ({}, content(popup=" Off ")),
        ({}, content(status="draft")),
        ({}, content(status="hidden")),
    ],
)
def test_exclusions(settings, item):
    assert not targeted({**CONFIG, **settings}, item)


def test_pages_only_when_enabled_and_never_the_excluded_ones():
    assert not targeted(CONFIG, content(slug="about"), is_page=True)
    pages = {**CONFIG, "pages": True, "exclude_slugs": ("newsletter", "privacy")}
    assert targeted(pages, content(slug="about"), is_page=True)
    for slug in ("newsletter", "privacy"):
        assert not targeted(pages, content(slug=slug), is_page=True)


def test_a_popup_value_other_than_off_is_an_error():
    with pytest.raises(ValueError, match=r"Popup metadata must be 'off'.*'no'"):
        targeted(CONFIG, content(popup="no"))


def part(title, **index):
    return SimpleNamespace(title=title, **index)


def series(index=1, total=6, next=None, upcoming=None, name="Building & Growing"):
    return SimpleNamespace(name=name, index=index, total=total, next=next, upcoming=upcoming)


def test_general_copy_outside_a_series():
    assert popup_copy(CONFIG) == (DEFAULTS["heading"], DEFAULTS["text"])


def test_series_copy_names_the_series_this_part_and_the_next():
    heading, text = popup_copy(CONFIG, series(next=part("The Case for Reaching Out", index=2)))
    assert heading == "Get part 2 by email"
    assert text == (
        "You are reading part 1 of 6 of Building & Growing. Subscribe and get part 2,"
        " \u201cThe Case for Reaching Out\u201d, and every new part by email."
    )


def test_series_copy_offers_an_unpublished_part():
    heading, text = popup_copy(CONFIG, series(index=3, total=3, upcoming=part("Later", index=4)))
    assert heading == "Get part 4 by email"
    assert "part 3 of 3" in text
    assert "\u201cLater\u201d" in text


@pytest.mark.parametrize(
    "value",
    [
        None,
        "Building Referral Relationships",  # raw metadata, without the series plugin
        series(index=6, total=6),  # the last part: nothing to offer
    ],
)
def test_general_copy_when_there_is_no_next_part(value):
    assert popup_copy(CONFIG, value) == (DEFAULTS["heading"], DEFAULTS["text"])


def test_configured_copy_is_used():
    config = {**CONFIG, "series_heading": "{series}: part {next_index}", "heading": "Hi {there}"}
    assert popup_copy(config)[0] == "Hi {there}"
    assert popup_copy(config, series(next=part("N", index=2)))[0] == "Building & Growing: part 2"


def test_popup_for_carries_the_copy_and_the_script_settings():
    item = content()
    item.series = series(next=part("Next", index=2))
    popup = popup_for({**CONFIG, "exit_intent": True, "close_label": "Shut"}, item)
    assert popup == Popup(
        heading="Get part 2 by email",
        text=(
            "You are reading part 1 of 6 of Building & Growing. Subscribe and get part 2,"
            " \u201cNext\u201d, and every new part by email."
        ),
        close_label="Shut",
        data={
            "delay-seconds": "20",
            "scroll-share": "0.5",
            "dismiss-days": "30",
            "narrow-width": "640",
            "exit-intent": "true",
        },
    )
    assert popup_for(CONFIG, content(popup="off")) is None
