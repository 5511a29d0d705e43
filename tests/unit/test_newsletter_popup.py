"""The popup's pure decisions: its settings, targeting, and copy that is true."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from newsletter.newsletter import SPEC
from newsletter.popup import SETTINGS, Popup, popup_for, scheduled, switch_problem, targeted

VALUES = SPEC.defaults()
P = "NEWSLETTER_POPUP_"


def values(**changes):
    return {**VALUES, **{P + name: value for name, value in changes.items()}}


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


def test_defaults_are_valid_and_set_explicitly_pass_their_checks():
    _, problems = SPEC.read(dict(SPEC.defaults()))
    assert [str(p) for p in problems if p.setting in SETTINGS] == []


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DELAY_SECONDS", -5, "NEWSLETTER_POPUP_DELAY_SECONDS: must be >= 0, got -5"),
        ("DELAY_SECONDS", "20", "NEWSLETTER_POPUP_DELAY_SECONDS: must be a number, got '20'"),
        ("SCROLL_SHARE", 1.5, "NEWSLETTER_POPUP_SCROLL_SHARE: must be <= 1, got 1.5"),
        ("DISMISS_DAYS", 2.5, "NEWSLETTER_POPUP_DISMISS_DAYS: must be an integer, got 2.5"),
        ("SNOOZE_DAYS", -1, "NEWSLETTER_POPUP_SNOOZE_DAYS: must be >= 0, got -1"),
        ("NARROW_WIDTH", 0, "NEWSLETTER_POPUP_NARROW_WIDTH: must be >= 1, got 0"),
        ("EXIT_INTENT", "yes", "NEWSLETTER_POPUP_EXIT_INTENT: must be True or False, got 'yes'"),
        ("EXCLUDE_TAGS", "news", "NEWSLETTER_POPUP_EXCLUDE_TAGS: must be a list of strings"),
        ("HEADING", " ", "NEWSLETTER_POPUP_HEADING: must be a non-empty string, got ' '"),
        ("SERIES_TEXT", "Part {part}", "NEWSLETTER_POPUP_SERIES_TEXT: must be a non-empty"),
        ("CONTINUE", "Part {", "whose only placeholders are {index}, {next_index}"),
    ],
)
def test_a_bad_setting_is_reported_and_replaced_by_its_default(name, value, message):
    read, problems = SPEC.read({P + name: value})
    assert len(problems) == 1
    assert message in str(problems[0])
    assert read[P + name] == VALUES[P + name]


def test_a_misspelt_setting_is_reported_with_the_closest_name():
    problems = SPEC.unknown({P + "DELAY_SECOND": 5, "SUBSCRIBE_POPUP_DELAY": 1, "OTHER": 1})
    assert [str(p) for p in problems] == [
        "NEWSLETTER_POPUP_DELAY_SECOND: unknown setting; did you mean "
        "NEWSLETTER_POPUP_DELAY_SECONDS?",
        # The popup's old name for it: the current name that exists, not NEWSLETTER_POPUP_DELAY.
        "SUBSCRIBE_POPUP_DELAY: unknown setting; did you mean NEWSLETTER_POPUP_DELAY_SECONDS?",
    ]


def test_articles_get_it_by_default():
    assert targeted(VALUES, content())
    # Pelican gives an article without tags no `tags` attribute at all.
    untagged = content()
    del untagged.tags
    assert targeted(values(EXCLUDE_TAGS=["x"]), untagged)


@pytest.mark.parametrize(
    ("changes", "item"),
    [
        ({"EXCLUDE_CATEGORIES": ["tests"]}, content(category="Tests")),
        ({"EXCLUDE_CATEGORIES": ["case-studies"]}, content(category="Case Studies")),
        ({"EXCLUDE_TAGS": ["News"]}, content(tags=["fees", "news"])),
        ({"EXCLUDE_SLUGS": ["an-article"]}, content()),
        ({}, content(popup="off")),
        ({}, content(popup=" Off ")),
        ({}, content(status="draft")),
        ({}, content(status="hidden")),
    ],
)
def test_exclusions(changes, item):
    assert not targeted(values(**changes), item)


def test_pages_only_when_enabled_and_never_the_excluded_ones():
    assert not targeted(VALUES, content(slug="about"), is_page=True)
    pages = values(PAGES=True, EXCLUDE_SLUGS=("newsletter", "privacy"))
    assert targeted(pages, content(slug="about"), is_page=True)
    for slug in ("newsletter", "privacy"):
        assert not targeted(pages, content(slug=slug), is_page=True)


def test_a_popup_value_other_than_off_is_a_problem():
    assert (
        switch_problem(content(popup="no")) == "Popup metadata must be 'off' (or absent), got 'no'"
    )
    assert switch_problem(content(popup=" OFF ")) is None
    assert switch_problem(content()) is None


NOW = datetime.now(UTC)


def part(title, index, days=-10, **metadata):
    """A series part dated `days` from now."""
    return SimpleNamespace(
        title=title,
        index=index,
        date=NOW + timedelta(days=days),
        url=f"part-{index}/",
        metadata=metadata,
    )


def series(index=1, total=6, next=None, upcoming=None, name="Building & Growing"):
    return SimpleNamespace(name=name, index=index, total=total, next=next, upcoming=upcoming)


def popup(item_series=None, series_field="metadata__series", **changes):
    item = content()
    item.series = item_series
    return popup_for(values(**changes), item, series_field)


GENERAL = (VALUES[P + "HEADING"], VALUES[P + "TEXT"])


@pytest.mark.parametrize(
    "value",
    [
        None,
        "Building Referral Relationships",  # raw metadata, without the series plugin
        series(index=6, total=6),  # the last part of a complete series
        series(index=3, total=3, upcoming=part("Abandoned", 4, status="draft", days=30)),
        series(index=3, total=3, upcoming=part("Never published", 4, days=-30)),
    ],
    ids=["no series", "raw metadata", "complete", "explicit draft", "past-dated draft"],
)
def test_general_copy_and_no_offer_when_no_part_is_on_its_way(value):
    shown = popup(value)
    assert (shown.heading, shown.text) == GENERAL
    assert shown.continue_url is None
    assert shown.fields == ()


def test_a_published_next_part_is_linked_and_not_offered():
    shown = popup(series(next=part("The Case for Reaching Out", 2)))
    assert (shown.heading, shown.text) == GENERAL
    assert shown.continue_text == "Continue with part 2: The Case for Reaching Out"
    assert shown.continue_url == "part-2/"
    assert shown.fields == ()


def test_a_scheduled_part_is_offered_and_the_series_sent_with_the_signup():
    shown = popup(series(index=3, total=3, upcoming=part("Later", 4, days=7)))
    assert shown.heading == "Get part 4 by email"
    assert shown.text == (
        "You are reading part 3 of Building & Growing. Part 4, \u201cLater\u201d, is not out "
        "yet: subscribe and it comes to your inbox the day it is published."
    )
    assert shown.fields == (("metadata__series", "Building & Growing"),)
    # A provider without a field for it: the offer, with nothing extra sent.
    assert popup(series(upcoming=part("Later", 2, days=7)), series_field=None).fields == ()


def test_scheduled_means_future_dated_and_not_a_draft_by_its_own_metadata():
    assert scheduled(part("x", 2, days=1))
    assert not scheduled(part("x", 2, days=-1))
    assert not scheduled(part("x", 2, days=1, status="Draft"))


def test_configured_copy_is_used_and_general_copy_is_taken_as_written():
    upcoming = series(upcoming=part("N", 2, days=3))
    shown = popup(upcoming, SERIES_HEADING="{series}: part {next_index}", HEADING="Hi {there}")
    assert shown.heading == "Building & Growing: part 2"
    assert popup(None, HEADING="Hi {there}").heading == "Hi {there}"


def test_popup_for_carries_the_script_settings():
    shown = popup(None, EXIT_INTENT=True, CLOSE_LABEL="Shut")
    assert shown == Popup(
        heading=GENERAL[0],
        text=GENERAL[1],
        close_label="Shut",
        data={
            "delay-seconds": "20",
            "scroll-share": "0.5",
            "dismiss-days": "30",
            "snooze-days": "2",
            "narrow-width": "640",
            "exit-intent": "true",
        },
    )
    assert popup_for(VALUES, content(popup="off")) is None
