"""Settings validation with one message format, and "did you mean" for misspelt names.

A plugin declares its settings once, as a `SettingsSpec`: each setting's default and a check.
`read()` is pure (it returns values and problems); `load()` logs the problems once per build
through the plugin's logger, which puts the plugin's name in front:

    reading_time: READING_TIME_WORDS_PER_MINUTE: must be a positive integer, got 0
    series: SERIES_INFOS: unknown setting; did you mean SERIES_INFO?
    newsletter: NEWSLETER_PROVIDER: unknown setting; did you mean NEWSLETTER_PROVIDER?
"""

import difflib
import types
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


def edit_distance(a, b, limit):
    """Levenshtein distance of `a` and `b`, or `limit + 1` as soon as it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


# A prefix shorter than this (TOC_, MENU_, FEED_) is too short to tell a typo of it from
# another plugin's word; from this length one letter may differ, from LONG_PREFIX two.
MIN_PREFIX = 5
LONG_PREFIX = 8


def _head(name, words):
    """The first `words` underscore-separated words of `name`, and the rest (from its `_`)."""
    head = "_".join(name.split("_")[:words])
    return head, name[len(head) :]


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
    `moved_prefixes`: {old prefix: new prefix} for a family of settings that was renamed; an
    old name is reported with the closest current one. `near_misses`: whether names whose
    prefix is misspelt (`NEWSLETER_PROVIDER`) are reported too (see `misspelt()`).
    """

    def __init__(
        self,
        prefix: str,
        settings: Mapping[str, Setting],
        others: Iterable[str] = (),
        moved: Mapping[str, str] | None = None,
        moved_prefixes: Mapping[str, str] | None = None,
        near_misses: bool = True,
    ):
        outside = [name for name in settings if not name.startswith(prefix)]
        if outside:
            raise ValueError(f"settings {outside} do not start with the prefix {prefix!r}")
        self.prefix = prefix
        self.settings = dict(settings)
        self._others = frozenset(others) | PELICAN_SETTINGS
        # Another plugin's names under this prefix are real names a typo may be meant for.
        self._targets = [*self.settings, *(name for name in others if name.startswith(prefix))]
        self._moved = dict(moved or {})
        self._moved_prefixes = dict(moved_prefixes or {})
        self._near_misses = near_misses

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
                # A check that names the part at fault returns a Problem of its own.
                problems.append(
                    problem if isinstance(problem, Problem) else Problem(name, problem, value)
                )
                value = setting.default
            values[name] = value
        return Values(values), problems

    def unknown(self, settings):
        """[Problem]: names with the plugin's prefix (or a former prefix) that are not
        settings (most likely misspelt), sorted, each with the closest real name when one is
        close."""
        problems = []
        for name in sorted(settings):
            if name in self.settings or name in self._others:
                continue
            if name.startswith(self.prefix):
                suggestion = self._moved.get(name) or closest(name, self.settings, self.prefix)
                problems.append(Problem(name, "unknown setting", suggestion=suggestion))
                continue
            for old, new in self._moved_prefixes.items():
                if name.startswith(old):
                    current = new + name.removeprefix(old)
                    suggestion = closest(current, self.settings, self.prefix)
                    problem = (
                        "unknown setting"
                        if suggestion
                        else f"unknown setting ({old}* is now {new}*)"
                    )
                    problems.append(Problem(name, problem, suggestion=suggestion))
                    break
        return problems

    def misspelt(self, settings):
        """[Problem]: names whose prefix is one or two letters off the plugin's, with a rest
        like that of one of its settings (`NEWSLETER_PROVIDER`, `NEWSLTTER_POPUP_DELAY`), so
        that the setting is surely meant and surely ignored; each names the closest setting.

        The rule leaves alone Pelican's settings, the names in `others`, names under the right
        prefix (`unknown()` reports those), prefixes shorter than MIN_PREFIX letters, and
        names that differ in the first letter, so other plugins' settings are not taken for
        ours. Cheap: one short comparison per name that starts with the prefix's letter."""
        stem = self.prefix.rstrip("_")
        if not self._near_misses or len(stem) < MIN_PREFIX:
            return []
        words = stem.count("_") + 1
        limit = 1 if len(stem) < LONG_PREFIX else 2
        heads = {}
        for known in self._targets:
            head, rest = _head(known, words)
            heads.setdefault(head, []).append((rest, known))
        problems = []
        for name in sorted(settings):
            if (
                name[:1] != stem[0]
                or name.startswith(self.prefix)
                or name in self.settings
                or name in self._others
            ):
                continue
            head, rest = _head(name, words)
            for known_head, rests in heads.items():
                if head == known_head or edit_distance(head, known_head, limit) > limit:
                    continue
                match = closest(rest, [r for r, _ in rests]) if rest else None
                exact = [known for r, known in rests if r == rest]
                suggestion = exact[0] if exact else dict(rests).get(match)
                if suggestion:
                    problems.append(Problem(name, "unknown setting", suggestion=suggestion))
                    break
        return problems

    def check_names(self, settings, log):
        """Log the names that are not settings: a misspelt prefix as an error (the setting is
        surely ignored), an unknown name under the right prefix as a warning."""
        for problem in self.unknown(settings):
            log.warning("%s", problem)
        for problem in self.misspelt(settings):
            log.error("%s", problem)

    def load(self, settings, log):
        """Values, after logging every problem with `log` (a PluginLogger): invalid values
        and misspelt prefixes as errors, which fail the strict build, and unknown names under
        the prefix as warnings."""
        self.check_names(settings, log)
        values, problems = self.read(settings)
        for problem in problems:
            log.error("%s", problem)
        return values


def declared_settings(plugins):
    """{name: Setting} of every setting the SettingsSpecs of `plugins` declare: Pelican's
    loaded plugin modules (`pelican.plugins`) and the modules of each plugin package. So a
    plugin can tell another's default from a value the owner set (`settings.get()` cannot)."""
    declared = {}
    for plugin in plugins:
        modules = [plugin]
        modules += [
            value
            for value in vars(plugin).values()
            if isinstance(value, types.ModuleType)
            and value.__name__.startswith(plugin.__name__ + ".")
        ]
        for module in modules:
            for value in vars(module).values():
                # A plugin may keep one spec per prefix in a list (feeds).
                for spec in value if isinstance(value, list | tuple) else [value]:
                    if isinstance(spec, SettingsSpec):
                        declared.update(spec.settings)
    return declared
