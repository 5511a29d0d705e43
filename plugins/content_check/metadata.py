"""The metadata schema: every key a content file may use, who reads it, and the form of its value.

The source file's own header is read again (not Pelican's parsed metadata), so that a message can
name the line, and a date can be judged as written rather than as a parser guessed it.
"""

import datetime
import re
from dataclasses import dataclass

from plugin_core import closest

# Year first, so nothing is guessed; a one-digit month, day or hour (2019-10-4 8:20, common in
# migrated blogs) is just as unambiguous, so it is accepted too.
ISO_DATE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"  # date
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"  # optional time, optional seconds
    r"(?: ?(?:Z|[+-]\d{2}:?\d{2}))?)?"  # optional offset
)
DATE_FORMAT = "YYYY-MM-DD, optionally with ' HH:MM' (or HH:MM:SS) and an offset such as +01:00"
STATUSES = ("published", "draft", "hidden")
LANG = re.compile(r"[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*")
SLUG = re.compile(r"[\w~.-]+(?:/[\w~.-]+)*")
ROBOTS = re.compile(
    r"(?:index|noindex|follow|nofollow|none|all|noarchive|nosnippet|noimageindex|notranslate"
    r"|max-(?:snippet|image-preview|video-preview):\s*[\w-]+)",
    re.IGNORECASE,
)
BOOLEAN = ("true", "false", "yes", "no", "1", "0")
# An HTML source's <meta> tags are its metadata, but these describe the document for browsers
# (and Pelican reads an HTML source's "keywords" as its tags).
HTML_ONLY = {
    "viewport",
    "generator",
    "referrer",
    "theme-color",
    "color-scheme",
    "application-name",
    "keywords",
}


def _date(value):
    if not ISO_DATE.fullmatch(value):
        return f"'{value}' is not an ISO 8601 date; write {DATE_FORMAT}, e.g. 2026-12-05 09:00"
    try:
        datetime.datetime.strptime(re.split("[ T]", value)[0], "%Y-%m-%d")
    except ValueError as exc:
        return f"'{value}' is not a real date ({exc})"
    return None


def _status(value):
    if value.lower() not in STATUSES:
        return f"'{value}' is not a status; use one of {', '.join(STATUSES)}"
    return None


def _lang(value):
    if not LANG.fullmatch(value):
        return f"'{value}' is not a language code such as en, fr or pt-BR"
    return None


def _slug(value):
    if not SLUG.fullmatch(value) or any(part in {".", ".."} for part in value.split("/")):
        return (
            f"'{value}' is not a usable slug; use letters, digits and hyphens, "
            "e.g. first-contact-without-selling"
        )
    return None


def _robots(value):
    bad = [t for t in (t.strip() for t in value.split(",")) if not ROBOTS.fullmatch(t)]
    if bad:
        return f"'{value}' is not a robots directive such as noindex or 'noindex, nofollow'"
    return None


def _boolean(value):
    if value.lower() not in BOOLEAN:
        return f"'{value}' must be true or false"
    return None


def _text(value):
    if not value:
        return "is empty"
    return None


@dataclass(frozen=True)
class Key:
    """One metadata key: its name as documented, who reads it, where it applies, its check."""

    name: str
    reader: str  # "Pelican", "theme", or the plugin that reads it, e.g. "series"
    used_on: str  # "all", "articles" or "pages"
    check: object = None  # value -> message or None
    # The plugin names in PLUGINS that make the key known; None: always known.
    plugins: tuple | None = None


# Value checks are left to the plugin that reads a key where it already checks it
# (Series_index, Newsletter, Popup), so that one mistake gives one message.
SCHEMA = (
    Key("Title", "Pelican", "all", _text),
    Key("Date", "Pelican", "articles", _date),
    Key("Modified", "Pelican", "all", _date),
    Key("Category", "Pelican", "articles", _text),
    Key("Tags", "Pelican", "articles"),
    Key("Slug", "Pelican", "all", _slug),
    Key("Summary", "Pelican", "all"),
    Key("Status", "Pelican", "all", _status),
    Key("Author", "Pelican", "all"),
    Key("Authors", "Pelican", "all"),
    Key("Lang", "Pelican", "all", _lang),
    Key("Translation", "Pelican", "all", _boolean),
    Key("Template", "Pelican", "all", _text),
    Key("Save_as", "Pelican", "all", _text),
    Key("Url", "Pelican", "all", _text),
    Key("Robots", "theme", "all", _robots),
    Key("Series", "series", "articles", _text, ("series",)),
    Key("Series_index", "series", "articles", None, ("series",)),
    Key("Newsletter", "newsletter", "all", None, ("newsletter",)),
    Key("Popup", "newsletter", "all", None, ("newsletter",)),
    Key("Toc", "toc", "all", None, ("toc",)),
)


def known_keys(plugins, extra):
    """{lower-case name: Key} of the keys this site reads: Pelican's, the theme's, those of the
    plugins in `plugins`, and the owner's own (`extra`, names only)."""
    enabled = {str(p).rsplit(".", 1)[-1] for p in plugins}
    keys = {k.name.lower(): k for k in SCHEMA if k.plugins is None or enabled & set(k.plugins)}
    for name in extra:
        keys.setdefault(name.lower(), Key(name, "CONTENT_CHECK_EXTRA_KEYS", "all"))
    return keys


# The keys of our plugins, to say which plugin a key needs when it is not enabled.
PLUGIN_KEYS = {key.name.lower(): key for key in SCHEMA if key.plugins}


MD_FIELD = re.compile(r"[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)")
MD_MORE = re.compile(r"[ ]{4,}(.*)")
RST_FIELD = re.compile(r":([^:\s][^:]*):\s*(.*)")
RST_UNDERLINE = re.compile(r"([=\-`:'\"~^_*+#<>])\1+\s*")
HTML_META = re.compile(r"<meta\s+name=[\"']([^\"']+)[\"']\s+content=[\"']([^\"']*)[\"']", re.I)


def header_fields(text, fmt):
    """[(line number, key as written, value)] of the metadata at the top of a source file."""
    lines = text.splitlines()
    if fmt == "rst":
        return _rst_fields(lines)
    if fmt in {"html", "htm"}:
        return [
            (text.count("\n", 0, m.start()) + 1, m[1], m[2].strip())
            for m in HTML_META.finditer(text)
            if m[1].lower() not in HTML_ONLY
        ]
    return _markdown_fields(lines)


def _markdown_fields(lines):
    fields = []
    start = 1 if lines and lines[0].strip() == "---" else 0
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip() or line.strip() in {"---", "..."}:
            break
        field = MD_FIELD.match(line)
        if field:
            fields.append([number, field[1], field[2].strip()])
        elif fields and MD_MORE.match(line):
            fields[-1][2] = f"{fields[-1][2]} {line.strip()}".strip()
        else:
            break
    return [tuple(f) for f in fields]


def _rst_fields(lines):
    fields, start, n = [], 0, len(lines)
    # The title: an optional overline, the text, an underline; then blank lines.
    while start < n and not lines[start].strip():
        start += 1
    if start < n and RST_UNDERLINE.fullmatch(lines[start]):
        start += 1
    if start + 1 < n and RST_UNDERLINE.fullmatch(lines[start + 1]):
        start += 2
    for number in range(start, n):
        line = lines[number]
        field = RST_FIELD.match(line)
        if field:
            fields.append([number + 1, field[1], field[2].strip()])
        elif fields and line[:1] in {" ", "\t"} and line.strip():
            fields[-1][2] = f"{fields[-1][2]} {line.strip()}".strip()
        elif line.strip():
            break  # the text begins
    return [tuple(f) for f in fields]


def _read_by(key):
    """ "the 'series' plugin": the plugin (or plugins) that reads a key of ours."""
    return "the " + " or ".join(f"'{name}'" for name in key.plugins) + " plugin"


def check_fields(fields, keys, is_article):
    """[(line, message)] for the unknown keys and malformed values among `fields`."""
    problems = []
    for line, written, value in fields:
        name = written.lower()
        key = keys.get(name)
        if key is None and name in PLUGIN_KEYS:
            problems.append(
                (
                    line,
                    f"metadata key '{written}' is read by {_read_by(PLUGIN_KEYS[name])}, which "
                    "PLUGINS does not list: add it to PLUGINS, or remove the key",
                )
            )
            continue
        if key is None:
            close = closest(name, keys)
            other = None if close else closest(name, PLUGIN_KEYS)
            if close:
                hint = f"did you mean '{keys[close].name}'?"
            elif other:
                meant = PLUGIN_KEYS[other]
                hint = f"did you mean '{meant.name}', read by {_read_by(meant)}, not in PLUGINS?"
            else:
                hint = "no known key is close;"
            problems.append(
                (
                    line,
                    f"unknown metadata key '{written}' ({hint} "
                    "your own keys go in CONTENT_CHECK_EXTRA_KEYS)",
                )
            )
            continue
        if key.used_on == "articles" and not is_article and key.reader != "Pelican":
            problems.append((line, f"'{written}' applies to articles only; this is a page"))
            continue
        message = key.check(value) if key.check else None
        if message:
            problems.append((line, f"{key.name}: {message}"))
    return problems
