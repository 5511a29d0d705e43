"""A subscription popup that opens only after real engagement, and only where it belongs.

At build time this plugin decides, for every published article (and, if enabled,
page), whether it gets the popup and what the popup says: the general copy, or on
an article of a series an offer of the next part by email. The decision is
attached to the content as `subscribe_popup` (a `Popup`, or None), which
`partials/popup.html` renders as a `<dialog>` whose data-* attributes configure
`js/popup.js`. Pages without the popup ship neither markup nor script.

Settings are validated once per build: a bad value is logged as an error (which
fails tools/build.py) and a misspelt SUBSCRIBE_POPUP_* name as a warning that
suggests the closest valid one. README.md documents every setting.
"""

import difflib
import logging
import string
from dataclasses import dataclass

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

log = logging.getLogger(__name__)
# Pelican's loggers drop a warning already logged once in this process; a rebuild must report
# the same problems again.
log.disable_filter()

PREFIX = "SUBSCRIBE_POPUP_"

# Every setting (PREFIX + key in capitals) with its default: the one place defaults live.
DEFAULTS = {
    "delay_seconds": 20,
    "scroll_share": 0.5,
    "dismiss_days": 30,
    "narrow_width": 640,
    "exit_intent": False,
    "pages": False,
    "exclude_categories": (),
    "exclude_tags": (),
    "exclude_slugs": (),
    "heading": "Don't miss out",
    # The newsletter form below it says what the emails are and how often they come.
    "text": "Enjoyed this article? Subscribe today and get the next one by email.",
    "series_heading": "Get part {next_index} by email",
    "series_text": (
        "You are reading part {index} of {total} of {series}. Subscribe and get "
        "part {next_index}, \u201c{next_title}\u201d, and every new part by email."
    ),
    "close_label": "Close",
}

# The settings popup.js reads, as the data-* attributes of the <dialog>.
BEHAVIOUR = ("delay_seconds", "scroll_share", "dismiss_days", "narrow_width", "exit_intent")

SERIES_FIELDS = {"series", "index", "total", "next_index", "next_title"}


def _number(low, high=None, integer=False):
    def check(value):
        kind = int if integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kind):
            return "an integer" if integer else "a number"
        if value < low:
            return f">= {low}"
        if high is not None and value > high:
            return f"<= {high}"
        return None

    return check


def _flag(value):
    return None if isinstance(value, bool) else "True or False"


def _names(value):
    ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    return None if ok else "a list of strings"


def _text(value):
    return None if isinstance(value, str) and value.strip() else "a non-empty string"


def _series_text(value):
    allowed = ", ".join(f"{{{name}}}" for name in sorted(SERIES_FIELDS))
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except (TypeError, ValueError):  # not a string, or unbalanced braces
        used = None
    if _text(value) or used is None or not used <= SERIES_FIELDS:
        return f"a non-empty string whose only placeholders are {allowed}"
    return None


CHECKS = {
    "delay_seconds": _number(0),
    "scroll_share": _number(0, 1),
    "dismiss_days": _number(0, integer=True),
    "narrow_width": _number(1, integer=True),
    "exit_intent": _flag,
    "pages": _flag,
    "exclude_categories": _names,
    "exclude_tags": _names,
    "exclude_slugs": _names,
    # The general copy is shown as written, so braces in it are just braces.
    "heading": _text,
    "text": _text,
    "series_heading": _series_text,
    "series_text": _series_text,
    "close_label": _text,
}


def read_config(settings):
    """Return (config, errors): the settings by short name, with each invalid one replaced
    by its default, and one message per invalid setting."""
    config, errors = {}, []
    for key, default in DEFAULTS.items():
        name = PREFIX + key.upper()
        value = settings.get(name, default)
        problem = CHECKS[key](value)
        if problem:
            errors.append(f"subscribe_popup: {name} must be {problem}, got {value!r}")
            value = default
        config[key] = value
    return config, errors


def unknown_settings(settings):
    """One message per SUBSCRIBE_POPUP_* name that is not a setting (usually a typo)."""
    valid = [key.upper() for key in DEFAULTS]
    messages = []
    for name in sorted(n for n in settings if n.startswith(PREFIX)):
        # Compared without the prefix, which every name shares and would make all look close.
        if name.removeprefix(PREFIX) in valid:
            continue
        close = difflib.get_close_matches(name.removeprefix(PREFIX), valid, n=1)
        hint = f"; did you mean {PREFIX}{close[0]}?" if close else ""
        messages.append(f"subscribe_popup: unknown setting {name}{hint}")
    return messages


@dataclass(frozen=True)
class Popup:
    """What one page's popup says and how it behaves; rendered by partials/popup.html.

    Strings are plain text: the template escapes them.
    """

    heading: str
    text: str
    close_label: str
    data: dict  # data-* attribute name (without "data-") -> value, for popup.js


def _lower(names):
    return {name.lower() for name in names}


def targeted(config, content, is_page=False):
    """Whether `content` gets the popup. Raises ValueError on a `Popup:` value other than off."""
    switch = content.metadata.get("popup")
    if switch is not None and str(switch).strip().lower() != "off":
        raise ValueError(f"Popup metadata must be 'off' (or absent), got {switch!r}")
    if switch is not None or content.status != "published":
        return False
    if is_page:
        return config["pages"] and content.slug not in config["exclude_slugs"]
    category = getattr(content, "category", None)
    excluded_categories = _lower(config["exclude_categories"])
    excluded_tags = _lower(config["exclude_tags"])
    return not (
        content.slug in config["exclude_slugs"]
        or (category and _lower([category.name, category.slug]) & excluded_categories)
        or any(_lower([tag.name, tag.slug]) & excluded_tags for tag in getattr(content, "tags", ()))
    )


def series_fields(series):
    """The placeholders of the series copy, or None when there is no part to offer.

    Without the series plugin, `series` is the raw `Series:` metadata string, which has
    neither a next nor an upcoming part.
    """
    following = getattr(series, "next", None) or getattr(series, "upcoming", None)
    if not following:
        return None
    return {
        "series": series.name,
        "index": series.index,
        "total": series.total,
        "next_index": following.index,
        "next_title": following.title,
    }


def popup_copy(config, series=None):
    """(heading, text): the series offer when there is a next part, else the general copy."""
    fields = series_fields(series)
    if fields is None:
        return config["heading"], config["text"]
    return config["series_heading"].format(**fields), config["series_text"].format(**fields)


def popup_for(config, content, is_page=False):
    """The `Popup` of `content`, or None where it has none."""
    if not targeted(config, content, is_page):
        return None
    heading, text = popup_copy(config, getattr(content, "series", None))
    # Booleans as "true"/"false", the way popup.js compares them.
    data = {key.replace("_", "-"): str(config[key]).lower() for key in BEHAVIOUR}
    return Popup(heading=heading, text=text, close_label=config["close_label"], data=data)


def validate(pelican):
    for message in unknown_settings(pelican.settings):
        log.warning("%s", message)
    for message in read_config(pelican.settings)[1]:
        log.error("%s", message)


def attach(generators):
    """Give every published article and page its popup (or None), once all generators have
    read their content, so the series plugin has linked the parts, whatever its place in
    PLUGINS. Setting errors were logged by validate()."""
    config = read_config(generators[0].settings)[0]
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            contents, is_page = generator.articles + generator.translations, False
        elif isinstance(generator, PagesGenerator):
            contents, is_page = generator.pages + generator.translations, True
        else:
            continue
        for content in contents:
            try:
                content.subscribe_popup = popup_for(config, content, is_page)
            except ValueError as exc:
                content.subscribe_popup = None
                log.error("subscribe_popup: %s: %s", content.source_path, exc)


def register():
    signals.initialized.connect(validate)
    signals.all_generators_finalized.connect(attach)
