"""Settings validation with one message format, and "did you mean" for misspelt names.

A plugin declares its settings once, as a `SettingsSpec`: each setting's default and a check.
`read()` is pure (it returns values and problems); `load()` logs the problems once per build
through the plugin's logger, which puts the plugin's name in front:

    reading_time: READING_TIME_WORDS_PER_MINUTE: must be a positive integer, got 0
    series: SERIES_INFOS: unknown setting; did you mean SERIES_INFO?
"""

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pelican.settings import DEFAULT_CONFIG


class _NoValue:
    def __repr__(self):
        return "NO_VALUE"


# A problem that is not about one value (a missing setting, an unknown name) has none.
NO_VALUE = _NoValue()
# Pelican's settings without a default in DEFAULT_CONFIG (Pelican reads them with .get()).
PELICAN_SETTINGS = frozenset(DEFAULT_CONFIG) | {
    "AUTHOR",
    "CATEGORY_FEED_RSS",
    "DEFAULT_DATE",
    "EXTRA_TEMPLATES_PATHS",
    "FEED_ALL_RSS",
    "FEED_ATOM",
    "FEED_ATOM_URL",
    "FEED_DOMAIN",
    "FEED_RSS",
    "FEED_RSS_URL",
    "JINJA_EXTENSIONS",
    "PAGINATED_DIRECT_TEMPLATES",
    "SUMMARY_MAX_PARAGRAPHS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "TIMEZONE",
    "TRANSLATION_FEED_RSS",
}
# A long value (a dict of forms) would bury the message; its start identifies it well enough.
MAX_VALUE_REPR = 80


def _short_repr(value):
    text = repr(value)
    return text if len(text) <= MAX_VALUE_REPR else text[: MAX_VALUE_REPR - 3] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a setting: `SETTING: problem[, got value][; did you mean NAME?]`.

    `setting` may name a part of a setting, such as `NEWSLETTER_FORMS['news']['heading']`.
    The plugin's name is not part of it: the plugin's logger puts it in front.
    """

    setting: str
    problem: str
    value: Any = NO_VALUE
    suggestion: str | None = None

    def __str__(self):
        text = f"{self.setting}: {self.problem}"
        if self.value is not NO_VALUE:
            text += f", got {_short_repr(self.value)}"
        if self.suggestion:
            text += f"; did you mean {self.suggestion}?"
        return text


def closest(name, choices, prefix=""):
    """The choice most like `name`, or None.

    A prefix that `name` and the choices share would make every name look close, so it is
    left out of the comparison; when nothing is left of `name` without it (`ASSET_BUNDLE`
    against `ASSET_BUNDLES`), whole names are compared, strictly."""
    choices = list(choices)
    if prefix and name.startswith(prefix):
        rest = name.removeprefix(prefix)
        if not rest:
            match = difflib.get_close_matches(name, choices, n=1, cutoff=0.85)
            return match[0] if match else None
        short = {choice.removeprefix(prefix): choice for choice in choices}
        match = difflib.get_close_matches(rest, list(short), n=1)
        return short[match[0]] if match else None
    match = difflib.get_close_matches(name, choices, n=1)
    return match[0] if match else None


def whole_number(value):
    """A `Setting` check: an int, 0 or more (True and False are not numbers here)."""
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if ok else "must be a whole number, 0 or more"


def positive_integer(value):
    """A `Setting` check: an int, 1 or more."""
    ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return None if ok else "must be a positive integer"


@dataclass(frozen=True)
class Setting:
    """A setting's default and its check: a function of the value that returns None when the
    value is fine, else what is wrong, worded to follow the setting's name ("must be ...")."""

    default: Any
    check: Callable[[Any], str | None] | None = None


class Values(Mapping):
    """A plugin's validated settings, by full name: `values["SERIES_URL"]`. Read-only."""

    def __init__(self, values):
        self._values = dict(values)

    def __getitem__(self, name):
        return self._values[name]

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)

    def __repr__(self):
        return f"Values({self._values!r})"


class SettingsSpec:
    """The settings of one plugin.

    `prefix`: what every name of the plugin's starts with (`SERIES_`); a name with this prefix
    that is not a setting of the plugin, nor one of Pelican's own, is reported as misspelt.
    `settings`: {full name: Setting}. `others`: names with the prefix that belong to someone
    else (another plugin), so are not misspellings. `moved`: {old name: its new name, which
    may be another plugin's} for settings that were renamed, suggested instead of the closest.
    """

    def __init__(
        self,
        prefix: str,
        settings: Mapping[str, Setting],
        others: Iterable[str] = (),
        moved: Mapping[str, str] | None = None,
    ):
        outside = [name for name in settings if not name.startswith(prefix)]
        if outside:
            raise ValueError(f"settings {outside} do not start with the prefix {prefix!r}")
        self.prefix = prefix
        self.settings = dict(settings)
        self._others = frozenset(others) | PELICAN_SETTINGS
        self._moved = dict(moved or {})

    def defaults(self):
        return Values({name: setting.default for name, setting in self.settings.items()})

    def read(self, settings):
        """(Values, [Problem]): each setting checked; an invalid one is replaced by its
        default, so that the build can go on and report every other problem as well."""
        values, problems = {}, []
        for name, setting in self.settings.items():
            value = settings.get(name, setting.default)
            problem = setting.check(value) if setting.check and name in settings else None
            if problem:
                problems.append(Problem(name, problem, value))
                value = setting.default
            values[name] = value
        return Values(values), problems

    def unknown(self, settings):
        """[Problem]: names with the plugin's prefix that are not settings (most likely
        misspelt), sorted, each with the closest real name when one is close."""
        return [
            Problem(
                name,
                "unknown setting",
                suggestion=self._moved.get(name) or closest(name, self.settings, self.prefix),
            )
            for name in sorted(settings)
            if name.startswith(self.prefix)
            and name not in self.settings
            and name not in self._others
        ]

    def load(self, settings, log):
        """Values, after logging every problem with `log` (a PluginLogger): invalid values
        as errors, which fail the strict build, and unknown names as warnings."""
        for problem in self.unknown(settings):
            log.warning("%s", problem)
        values, problems = self.read(settings)
        for problem in problems:
            log.error("%s", problem)
        return values
