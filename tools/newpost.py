"""Start a new article: `make newpost TITLE="..." [SERIES="..."] [CATEGORY="..."]`.

Writes content/articles/<folder>/<slug>.md with the title, today's date and time in the
site's TIMEZONE (ISO order), the category and slug, and `Status: draft`, so nothing is
published until the owner deletes that line. In a series the file goes next to the
series' latest part, takes its category and the next Series_index (and the series'
`NN-` file-name prefix, if its parts have one). Never overwrites a file, nor reuses a
slug another article has.
"""

import argparse
import datetime
import difflib
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings
from pelican.utils import slugify

NUMBERED = re.compile(r"^\d+-")


def fail(message):
    print(f"make newpost: {message}", file=sys.stderr)
    return 1


def metadata(path):
    """{lower-case key: value} of a Markdown file's metadata lines (up to the first blank)."""
    meta = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip()
    return meta


def articles(root):
    """(path, metadata) of every Markdown article under `root`."""
    return [(path, metadata(path)) for path in sorted(root.rglob("*.md"))]


def series_position(series, existing):
    """(folder, category, next index, numbered file names, the series' spelling) for a new part
    of `series`, or None if no article belongs to it yet."""
    parts = [
        (path, meta)
        for path, meta in existing
        if meta.get("series", "").casefold() == series.casefold()
    ]
    if not parts:
        return None

    def index(item):
        value = item[1].get("series_index", "")
        return int(value) if value.isdigit() else 0

    last_path, last = max(parts, key=index)
    numbered = all(NUMBERED.match(path.name) for path, _ in parts)
    return (
        last_path.parent,
        last.get("category"),
        index((last_path, last)) + 1,
        numbered,
        last["series"],
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", help="pelicanconf.py")
    parser.add_argument("--title", default="")
    parser.add_argument("--series", default="")
    parser.add_argument("--category", default="")
    args = parser.parse_args(argv)
    title, series, category = args.title.strip(), args.series.strip(), args.category.strip()
    if not title:
        return fail('give the title: make newpost TITLE="How to ..." [SERIES="..."]')
    if "\n" in title + series + category:
        return fail("TITLE, SERIES and CATEGORY must each be one line")

    settings = read_settings(args.settings)
    root = Path(settings["PATH"]) / (settings["ARTICLE_PATHS"] or [""])[0]
    subs = settings["SLUG_REGEX_SUBSTITUTIONS"]
    slug = slugify(title, regex_subs=subs)
    if not slug:
        return fail(f"the title {title!r} gives an empty slug; use some letters or digits")
    existing = articles(root)
    for path, meta in existing:
        if (meta.get("slug") or slugify(meta.get("title", ""), regex_subs=subs)) == slug:
            return fail(f"an article with the slug {slug!r} already exists: {path}")

    folder, prefix, index = root, "", None
    if series:
        found = series_position(series, existing)
        if found:
            folder, series_category, index, numbered, series = found
            category = category or series_category or ""
            prefix = f"{index:02d}-" if numbered else ""
        else:
            names = {meta["series"] for _, meta in existing if meta.get("series")}
            close = difflib.get_close_matches(series, names, n=1, cutoff=0.8)
            if close:
                return fail(
                    f"no article is in a series called {series!r}; did you mean {close[0]!r}?"
                    " (A new series needs a name readers cannot mistake for another.)"
                )
            folder, index = root / slugify(series, regex_subs=subs), 1
    if not category:
        dated = [meta for _, meta in existing if meta.get("category") and meta.get("date")]
        if not dated:
            return fail('give the category: make newpost TITLE="..." CATEGORY="..."')
        category = max(dated, key=lambda meta: meta["date"])["category"]

    path = folder / f"{prefix}{slug}.md"
    if path.exists():
        return fail(f"{path} already exists; nothing was written")
    now = datetime.datetime.now(ZoneInfo(settings["TIMEZONE"]))
    lines = [
        f"Title: {title}",
        f"Date: {now:%Y-%m-%d %H:%M}",
        f"Category: {category}",
        f"Slug: {slug}",
        "Status: draft",
    ]
    if series:
        lines += [f"Series: {series}", f"Series_index: {index}"]
    folder.mkdir(parents=True, exist_ok=True)
    text = "\n".join(lines) + "\n\nWrite the article here, in Markdown.\n"
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    part = f", part {index} of {series!r}" if series else ""
    print(f"Created {path} (category {category!r}{part})")
    print("  It is a draft (built under drafts/, listed nowhere) until you delete the")
    print("  `Status: draft` line. Add a Summary: and a Tags: line.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
