"""The pure part of the series plugin: its settings, and series built from articles.

Nothing here imports Pelican, writes files, logs or keeps state between calls: every function
takes what it needs and returns its result, with problems returned as messages for the caller
to log. Items are Pelican articles, or anything with the same attributes: `metadata` (the
lower-cased metadata dict), `source_path`, `lang`, `date` and `status`.
"""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from functools import cached_property
from itertools import pairwise
from typing import Any

from plugin_core import closest

PUBLISHED = "published"
DRAFT = "draft"


@dataclass(frozen=True)
class Config:
    """The plugin's settings: field `x` is the setting `SERIES_X`; the defaults live here only."""

    url: str = "series/{slug}/"
    save_as: str = "series/{slug}/index.html"
    index_url: str = "series/"
    index_save_as: str = "series/index.html"
    feed_atom: str | None = "feeds/series/{slug}.atom.xml"
    feed_rss: str | None = "feeds/series/{slug}.rss.xml"
    info: dict = field(default_factory=dict)
    # None: write the navigation into the text when the theme shows none (in_content.py).
    nav_in_content: bool | None = None

    @classmethod
    def from_settings(cls, values):
        """The Config of validated settings {"SERIES_URL": ..., ...}."""
        return cls(**{f.name: values[setting_name(f.name)] for f in fields(cls)})

    def as_settings(self):
        """The settings as templates see them: {"SERIES_URL": ..., ...}."""
        return {setting_name(f.name): getattr(self, f.name) for f in fields(self)}


def setting_name(field_name):
    return f"SERIES_{field_name.upper()}"


INFO_KEYS = frozenset({"slug", "description"})


def _slug_pattern(value, optional=False):
    if optional and not value:
        return None
    if not isinstance(value, str) or "{slug}" not in value:
        return "must be a string containing {slug}" + (" (or None)" if optional else "")
    try:
        value.format(slug="x")
    except (KeyError, IndexError, ValueError):
        return "may contain no placeholder but {slug}"
    return None


def _string(value):
    return None if isinstance(value, str) else "must be a string"


def _info(value):
    if not isinstance(value, dict):
        return "must be a dict {series name: {'slug': ..., 'description': ...}}"
    for name, entry in value.items():
        if not isinstance(entry, dict) or not set(entry) <= INFO_KEYS:
            return f"[{name!r}] must be a dict with the keys {sorted(INFO_KEYS)} only"
        if not all(isinstance(v, str) and v.strip() for v in entry.values()):
            return f"[{name!r}] values must be non-empty strings"
    return None


def _optional_bool(value):
    return None if value is None or isinstance(value, bool) else "must be True, False or None"


# Field name -> check of its setting: None when the value is fine, else what it must be.
CHECKS = {
    "url": _slug_pattern,
    "save_as": _slug_pattern,
    "index_url": _string,
    "index_save_as": _string,
    "feed_atom": lambda value: _slug_pattern(value, optional=True),
    "feed_rss": lambda value: _slug_pattern(value, optional=True),
    "info": _info,
    "nav_in_content": _optional_bool,
}


DIGITS = re.compile(r"[0-9]+")
NOT_ALNUM = re.compile(r"[\W_]+")


def parse_index(raw):
    """`Series_index` metadata -> positive int, or None when absent; ValueError otherwise."""
    if raw is None:
        return None
    text = str(raw).strip()
    # int() alone would also take "+3", "1_0" and non-ASCII digits.
    if not DIGITS.fullmatch(text) or int(text) == 0:
        raise ValueError(text)
    return int(text)


def announced(item):
    """Whether an item is listed in its series: published, or scheduled (a draft only because
    its date is in the future, with WITH_FUTURE_DATES = False). A `Status: draft` is work in
    progress, never announced as coming; a hidden article is in no list."""
    if item.status == PUBLISHED:
        return True
    return item.status == DRAFT and str(item.metadata.get("status", "")).strip().lower() != DRAFT


def name_key(name):
    """What is left of a series name once case, spacing and punctuation are ignored."""
    return NOT_ALNUM.sub("", name.casefold())


@dataclass(eq=False)
class Part:
    """One article as a part of its series: the article plus `index` and `published`."""

    article: Any
    index: int
    published: bool
    # How many published parts come before this one: makes previous/next O(1).
    published_before: int

    @cached_property
    def url(self):
        # Pelican works an article's URL out afresh on every access, and every part's page
        # and the series page ask for each part's: once per build is enough.
        return self.article.url

    def __getattr__(self, name):
        # Reached only for names a Part lacks: title, summary, date... are the article's.
        # Dunder lookups (copy, pickle) must not recurse into a half-built Part.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.article, name)


@dataclass(eq=False)
class Series:
    """A series in one language: its parts in order, published or not."""

    name: str
    slug: str
    lang: str
    description: str
    url: str
    save_as: str
    feed_atom: str | None
    feed_rss: str | None
    parts: list
    all: list = field(init=False)

    def __post_init__(self):
        self.all = [part for part in self.parts if part.published]

    @property
    def total(self):
        """Published parts."""
        return len(self.all)

    @property
    def planned(self):
        """Listed parts, published or not."""
        return len(self.parts)


@dataclass(eq=False)
class ArticleSeries:
    """`article.series`: the article's series seen from this part (pelican-series' names)."""

    series: Series
    part: Part

    def __getattr__(self, name):
        # Everything about the series as a whole (name, url, parts, all, total...) is the
        # Series' own; see Part.__getattr__ for the dunder guard.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.series, name)

    @property
    def index(self):
        return self.part.index

    @property
    def all_previous(self):
        return self.series.all[: self.part.published_before]

    @property
    def all_next(self):
        return self.series.all[self.part.published_before + self.part.published :]

    @property
    def previous(self):
        before = self.part.published_before
        return self.series.all[before - 1] if before else None

    @property
    def next(self):
        after = self.part.published_before + self.part.published
        return self.series.all[after] if after < self.series.total else None

    @property
    def upcoming(self):
        """The part after this one when no published part follows: it is not published yet."""
        if self.next is None and self.part.index < self.series.planned:
            return self.series.parts[self.part.index]
        return None


@dataclass
class _Member:
    item: Any
    name: str
    index: int | None


def _canonical_name(members, warnings):
    """The most used spelling, the earliest part's on a tie; warn when the parts spell the
    name in more than one way."""
    spellings = Counter(m.name for m in members)
    if len(spellings) > 1:
        first_file = {}
        for m in members:
            first_file.setdefault(m.name, m.item.source_path)
        listed = ", ".join(f"{name!r} ({first_file[name]})" for name in spellings)
        warnings.append(
            f"series names {listed} differ only in case, spacing or punctuation;"
            f" treating them as one series named {spellings.most_common(1)[0][0]!r}"
        )
    return spellings.most_common(1)[0][0]


def _gaps(indices):
    """Missing numbers in sorted, distinct positive indices, as text: ["1", "4-6"]."""
    gaps, previous = [], 0
    for index in indices:
        if index > previous + 1:
            first, last = previous + 1, index - 1
            gaps.append(str(first) if first == last else f"{first}-{last}")
        previous = index
    return gaps


def _check_numbering(name, members, errors, warnings):
    """`members` are sorted: indexed ones by index first, then the unindexed ones."""
    indexed = [m for m in members if m.index is not None]
    for a, b in pairwise(indexed):
        if a.index == b.index:
            errors.append(
                f"series {name!r}: Series_index {a.index} is used by both "
                f"{a.item.source_path} and {b.item.source_path}"
            )
    for a, b in pairwise(indexed):
        if a.index < b.index and b.item.date < a.item.date:
            warnings.append(
                f"series {name!r}: part {b.index} ({b.item.source_path}) is dated before "
                f"part {a.index} ({a.item.source_path})"
            )
    gaps = _gaps(sorted({m.index for m in indexed}))
    if gaps:
        warnings.append(
            f"series {name!r}: the numbering has a gap, no part has Series_index {', '.join(gaps)}"
        )
    unindexed = members[len(indexed) :]
    if indexed and unindexed:
        warnings.append(
            f"series {name!r} mixes parts with and without Series_index; "
            f"{', '.join(str(m.item.source_path) for m in unindexed)} come last, by date"
        )


def collect_series(items, config, default_lang, slugify):
    """Group items by series (per language), order and validate them.

    Returns (series list, error messages, warning messages). `slugify` turns a series name
    into a slug. Scheduled items are listed as unpublished parts; drafts and hidden items take
    part in no series, so a draft may share a Series_index with a published part.
    O(n log n): one pass to group, one sort per series.
    """
    errors, warnings = [], []
    groups = defaultdict(list)
    for item in items:
        name = str(item.metadata.get("series") or "").strip()
        if not name:
            continue
        raw = item.metadata.get("series_index")
        try:
            index = parse_index(raw)
        except ValueError:
            errors.append(
                f"{item.source_path}: Series_index {str(raw).strip()!r} is not a positive integer"
            )
            index = None
        if announced(item):
            groups[item.lang, name_key(name)].append(_Member(item, name, index))

    info = {name_key(name): entry for name, entry in config.info.items()}
    used_info = set()
    series_list = []
    for (lang, key), members in groups.items():
        members.sort(
            key=lambda m: (m.index is None, m.index or 0, m.item.date, str(m.item.source_path))
        )
        name = _canonical_name(members, warnings)
        _check_numbering(name, members, errors, warnings)
        entry = info.get(key, {})
        used_info.add(key)
        slug = entry.get("slug") or slugify(name)
        if lang != default_lang:
            slug = f"{slug}-{lang}"
        parts, published_before = [], 0
        for position, m in enumerate(members, start=1):
            published = m.item.status == PUBLISHED
            parts.append(Part(m.item, position, published, published_before))
            published_before += published
        series_list.append(
            Series(
                name=name,
                slug=slug,
                lang=lang,
                description=entry.get("description", ""),
                url=config.url.format(slug=slug),
                save_as=config.save_as.format(slug=slug),
                feed_atom=config.feed_atom and config.feed_atom.format(slug=slug),
                feed_rss=config.feed_rss and config.feed_rss.format(slug=slug),
                parts=parts,
            )
        )

    for name in config.info:
        if name_key(name) not in used_info:
            meant = closest(name, [series.name for series in series_list])
            hint = f"; did you mean {meant!r}?" if meant else ""
            warnings.append(
                f"SERIES_INFO: describes series {name!r}, which no article belongs to{hint}"
            )
    by_slug = {}
    for series in series_list:
        other = by_slug.setdefault(series.slug, series)
        if other is not series:
            errors.append(
                f"series {other.name!r} and {series.name!r} would both be "
                f"written at {series.url!r}; give one a slug in SERIES_INFO"
            )
    series_list.sort(key=lambda s: (s.lang != default_lang, s.lang, s.name.casefold()))
    return series_list, errors, warnings
