"""The subscription popup: where it appears and what it truthfully says.

For every published article (and, if enabled, page) the plugin decides at build time
whether it gets the popup and its copy: the general copy; on a series part whose next part
is scheduled but not yet online, an offer of that part by email; when the next part is
already online, the general copy plus a link to it (never an offer of what is there to
read). The decision is a `Popup` (or None) on the content as `subscribe_popup`;
`partials/popup.html` renders it as a `<dialog>` whose data-* attributes configure
`js/popup.js`. Pure: nothing here logs or keeps state.
"""

import string
from dataclasses import dataclass
from datetime import datetime

from plugin_core import Setting


def _number(low, high=None, integer=False):
    def check(value):
        kind = int if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kind):
            return "must be an integer" if integer else "must be a number"
        if value < low:
            return f"must be >= {low}"
        if high is not None and value > high:
            return f"must be <= {high}"
        return None

    return check


def _flag(value):
    return None if isinstance(value, bool) else "must be True or False"


def _names(value):
    ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    return None if ok else "must be a list of strings"


def _text(value):
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


SERIES_FIELDS = {"series", "index", "total", "next_index", "next_title"}


def _series_text(value):
    allowed = ", ".join(f"{{{name}}}" for name in sorted(SERIES_FIELDS))
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except (TypeError, ValueError):  # not a string, or unbalanced braces
        used = None
    if _text(value) or used is None or not used <= SERIES_FIELDS:
        return f"must be a non-empty string whose only placeholders are {allowed}"
    return None


PREFIX = "NEWSLETTER_POPUP_"
# Every popup setting with its default and check (README.md documents each). The general
# copy is shown as written, so braces in it are just braces.
SETTINGS = {
    "NEWSLETTER_POPUP": Setting(True, _flag),
    PREFIX + "DELAY_SECONDS": Setting(20, _number(0)),
    PREFIX + "SCROLL_SHARE": Setting(0.5, _number(0, 1)),
    PREFIX + "DISMISS_DAYS": Setting(30, _number(0, integer=True)),
    PREFIX + "SNOOZE_DAYS": Setting(2, _number(0, integer=True)),
    PREFIX + "NARROW_WIDTH": Setting(640, _number(1, integer=True)),
    PREFIX + "EXIT_INTENT": Setting(False, _flag),
    PREFIX + "PAGES": Setting(False, _flag),
    PREFIX + "EXCLUDE_CATEGORIES": Setting((), _names),
    PREFIX + "EXCLUDE_TAGS": Setting((), _names),
    PREFIX + "EXCLUDE_SLUGS": Setting((), _names),
    PREFIX + "HEADING": Setting("Don't miss out", _text),
    # The newsletter form below it says what the emails are and how often they come.
    PREFIX + "TEXT": Setting(
        "Enjoyed this article? Subscribe and get the next one by email.", _text
    ),
    PREFIX + "SERIES_HEADING": Setting("Get part {next_index} by email", _series_text),
    PREFIX + "SERIES_TEXT": Setting(
        "You are reading part {index} of {series}. Part {next_index}, \u201c{next_title}\u201d, "
        "is not out yet: subscribe and it comes to your inbox the day it is published.",
        _series_text,
    ),
    PREFIX + "CONTINUE": Setting("Continue with part {next_index}: {next_title}", _series_text),
    PREFIX + "CLOSE_LABEL": Setting("Close", _text),
}

# The settings popup.js reads, as the data-* attributes of the <dialog>.
BEHAVIOUR = (
    "DELAY_SECONDS",
    "SCROLL_SHARE",
    "DISMISS_DAYS",
    "SNOOZE_DAYS",
    "NARROW_WIDTH",
    "EXIT_INTENT",
)


@dataclass(frozen=True)
class Popup:
    """What one page's popup says and how it behaves; rendered by partials/popup.html.

    Strings are plain text: the template escapes them.
    """

    heading: str
    text: str
    close_label: str
    data: dict  # data-* attribute name (without "data-") -> value, for popup.js
    # The next part, already online: link text and site-relative URL, or None.
    continue_text: str | None = None
    continue_url: str | None = None
    # Extra hidden fields of the popup's form: the series its offer is about.
    fields: tuple = ()


def _lower(names):
    return {name.lower() for name in names}


def switch_problem(content):
    """What is wrong with the `Popup:` metadata of `content` (off is its only value), or None."""
    switch = content.metadata.get("popup")
    if switch is not None and str(switch).strip().lower() != "off":
        return f"Popup metadata must be 'off' (or absent), got {switch!r}"
    return None


def targeted(values, content, is_page=False):
    """Whether `content` gets the popup (see switch_problem for its metadata)."""
    switch = content.metadata.get("popup")
    if switch is not None or content.status != "published":
        return False
    if is_page:
        return values[PREFIX + "PAGES"] and content.slug not in values[PREFIX + "EXCLUDE_SLUGS"]
    category = getattr(content, "category", None)
    excluded_categories = _lower(values[PREFIX + "EXCLUDE_CATEGORIES"])
    excluded_tags = _lower(values[PREFIX + "EXCLUDE_TAGS"])
    return not (
        content.slug in values[PREFIX + "EXCLUDE_SLUGS"]
        or (category and _lower([category.name, category.slug]) & excluded_categories)
        or any(_lower([tag.name, tag.slug]) & excluded_tags for tag in getattr(content, "tags", ()))
    )


def scheduled(part):
    """Whether an unpublished part is on its way: dated in the future and not a draft by its
    own metadata. A draft kept from an abandoned plan (`Status: draft`, or a past date) is
    not, so the popup never promises it."""
    status = str(part.metadata.get("status", "published")).strip().lower()
    date = getattr(part, "date", None)
    return status != "draft" and date is not None and date > datetime.now(date.tzinfo)


def _fields(series, following):
    return {
        "series": series.name,
        "index": series.index,
        "total": series.total,
        "next_index": following.index,
        "next_title": following.title,
    }


def popup_for(values, content, series_field=None, is_page=False):
    """The `Popup` of `content`, or None where it has none.

    Without the series plugin, `content.series` is the raw `Series:` metadata string, which
    has neither a next nor an upcoming part: the general copy."""
    if not targeted(values, content, is_page):
        return None
    heading, text = values[PREFIX + "HEADING"], values[PREFIX + "TEXT"]
    extra = {}
    series = getattr(content, "series", None)
    following = getattr(series, "next", None)
    upcoming = getattr(series, "upcoming", None)
    if following:
        fields = _fields(series, following)
        extra = {
            "continue_text": values[PREFIX + "CONTINUE"].format(**fields),
            "continue_url": following.url,
        }
    elif upcoming and scheduled(upcoming):
        fields = _fields(series, upcoming)
        heading = values[PREFIX + "SERIES_HEADING"].format(**fields)
        text = values[PREFIX + "SERIES_TEXT"].format(**fields)
        if series_field:
            extra = {"fields": ((series_field, series.name),)}
    # Booleans as "true"/"false", the way popup.js compares them.
    data = {key.lower().replace("_", "-"): str(values[PREFIX + key]).lower() for key in BEHAVIOUR}
    return Popup(
        heading=heading,
        text=text,
        close_label=values[PREFIX + "CLOSE_LABEL"],
        data=data,
        **extra,
    )
