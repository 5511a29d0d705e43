"""The site's search index: Pagefind run on the staged site, before the build swaps it in.

The theme marks what is searchable with `data-pagefind-body` (the text of each published
article and page; listings, drafts, hidden and `noindex` pages carry none), and Pagefind
indexes only that, leaving out forms, navigation and dialogs. Its bundle goes to `pagefind/`
in the site, where only the search page loads it.

An index depends on nothing but the HTML it reads and the Pagefind that reads it, so it is
kept in `<CACHE_PATH>/search/<key>/`, the key a digest of every HTML file of the site (path
and bytes) and of Pagefind's version and options: a build of an unchanged site copies the
index from there (hard links where it can) instead of running Pagefind. An entry is written
under a temporary name and renamed when complete, with a manifest of its files' digests that
is checked before reuse, so a damaged entry is indexed again, never published. A cache that
cannot be written costs time only (a warning); a Pagefind that is missing or fails fails the
build, and the previous site stays as it was.
"""

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tools.output_dir import shown
from tools.verify import PRECOMPRESS

log = logging.getLogger("build")

BUNDLE = "pagefind"
MARK = b"data-pagefind-body"
# The program names pagefind[bin] ships and pagefind.service looks for, the extended first.
PROGRAMS = ("pagefind_extended", "pagefind")
# What Pagefind must skip inside an entry's text: signup forms placed with [newsletter],
# navigation, dialogs, and the "link to this section" links beside headings.
OPTIONS = ("--exclude-selectors", "form, nav, dialog, .section-link", "--quiet")
# Pagefind splits its index by each page's language and loads only the search page's: a
# translation would never be found. One index, in the site's language, finds every page.
# The bundle's ready-made interfaces: the theme has its own small script, so none is served.
UNUSED = ("pagefind-*ui.*", "pagefind-highlight.js")
MANIFEST = "manifest.json"
# Seconds a Pagefind run may take: a 5,000-article site indexes in well under a minute, so a
# run this long has hung.
TIMEOUT = 600
KEEP = 4  # entries kept: the latest builds of a site and of its publish build


class SearchIndexError(Exception):
    """The index could not be made; the message says why and what to do."""


@dataclass
class Indexed:
    """What `update` did: `pages` files read, `reused` from the cache or not (None: skipped)."""

    pages: int
    reused: bool | None


def wanted(settings):
    """Whether the site has a search page (Pelican writes it as a direct template)."""
    return "search" in (settings.get("DIRECT_TEMPLATES") or ()) and bool(
        settings.get("SEARCH_SAVE_AS", "search.html")
    )


def check_settings(settings):
    """Messages for search settings that would give a green build and a broken search: the
    header's form sends readers to SEARCH_URL, and the page must be saved (SEARCH_SAVE_AS)
    where that URL leads."""
    if not wanted(settings):
        return []
    url = str(settings.get("SEARCH_URL", "search.html"))
    save_as = str(settings.get("SEARCH_SAVE_AS", "search.html"))
    if url.startswith("/") or ":" in url or not url.endswith(("/", ".html")):
        return [
            f"SEARCH_URL: must be a path inside the site ending in / or .html, without a "
            f"leading slash, such as 'search/'; got {url!r}"
        ]
    expected = url + "index.html" if url.endswith("/") else url
    if save_as != expected:
        return [
            f"SEARCH_SAVE_AS: the search page's URL is {url!r}, so it must be saved as "
            f"{expected!r}; got {save_as!r} (change both together)"
        ]
    return []


def executable():
    """Pagefind's program: PAGEFIND_BINARY_PATH, else the one the `pagefind[bin]` package
    ships, else one on PATH: the order of `pagefind.service.get_executable()`, which imports
    asyncio first (a fortieth of a small site's build, at every build)."""
    found = os.environ.get("PAGEFIND_BINARY_PATH")
    if found is None:
        package = importlib.util.find_spec("pagefind_bin")
        shipped = Path(package.origin).parent if package and package.origin else None
        candidates = [shipped / name for name in PROGRAMS] if shipped else []
        found = next((str(p) for p in candidates if p.is_file()), None)
        found = found or next(filter(None, map(shutil.which, PROGRAMS)), None)
    if found is None or not Path(found).is_file():
        raise SearchIndexError(
            f"the Pagefind program is missing ({found or 'not installed'}); it comes with the "
            "pinned pagefind[bin] in requirements.txt: run `make venv` (or delete .venv and "
            "run `make html`) to install it, or set PAGEFIND_BINARY_PATH to a pagefind program"
        )
    return Path(found)


def _identity(program):
    """Pagefind's program, its size and its time, for the cache key: another version of
    Pagefind is another program file."""
    stat = program.stat()
    return f"{program}:{stat.st_size}:{stat.st_mtime_ns}"


def options(settings):
    """Pagefind's options for this site (OPTIONS, and the one language of its index)."""
    return (*OPTIONS, "--force-language", str(settings.get("DEFAULT_LANG") or "en"))


def _digest_site(site, program, settings):
    """(key, pages, searchable): a digest of every HTML file under `site`, of Pagefind and of
    its options."""
    digest = hashlib.sha256(f"{_identity(program)}\0{options(settings)}\0{UNUSED}".encode())
    pages, searchable = 0, False
    for path in sorted(site.rglob("*.html")):
        data = path.read_bytes()
        pages += 1
        searchable = searchable or MARK in data
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:20], pages, searchable


def _files(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)


def _manifest(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in _files(folder)
    }


def _intact(entry):
    """Whether a cache entry holds exactly the files its manifest lists, byte for byte."""
    try:
        expected = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        return isinstance(expected, dict) and expected == _manifest(entry)
    except (OSError, ValueError):
        return False


def _link_or_copy(source, target):
    """A hard link (nothing copied: an entry never changes), or a copy across filesystems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _copy(source, target):
    shutil.copytree(source, target, copy_function=_link_or_copy, ignore=_skip_manifest)


def _skip_manifest(folder, names):
    return [MANIFEST] if MANIFEST in names else []


def _run(program, site, settings):
    """Run Pagefind over `site`; its bundle lands in `site/pagefind`."""
    command = [str(program), "--site", str(site), "--output-subdir", BUNDLE, *options(settings)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=TIMEOUT)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind could not be started ({program}): {exc}") from exc
    except subprocess.TimeoutExpired as exc:
        raise SearchIndexError(
            f"Pagefind did not finish within {TIMEOUT} seconds ({program}); it was "
            "stopped and the previous site kept"
        ) from exc
    said = " ".join(f"{done.stderr}\n{done.stdout}".split())
    if done.returncode != 0:
        status = f"exit status {done.returncode}" if done.returncode > 0 else "killed"
        raise SearchIndexError(f"Pagefind failed ({status}): {said[-600:] or 'no message'}")
    if not (site / BUNDLE / "pagefind.js").is_file():
        output = f": {said[-600:]}" if said else " and said nothing"
        raise SearchIndexError(f"Pagefind wrote no {BUNDLE}/pagefind.js{output}")
    for pattern in UNUSED:
        for path in (site / BUNDLE).glob(pattern):
            path.unlink()


def _save(bundle, cache, key):
    """Keep `bundle` as the cache entry `key` (complete or not at all)."""
    partial = cache / f".partial-{key}-{os.getpid()}"
    try:
        cache.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(partial, ignore_errors=True)
        _copy(bundle, partial)
        (partial / MANIFEST).write_text(json.dumps(_manifest(partial)), encoding="utf-8")
        try:
            os.rename(partial, cache / key)
        except OSError:
            if not (cache / key).is_dir():  # another build saved the same entry first
                raise
        _prune(cache)
    except OSError as exc:
        log.warning("search: the index cache %s cannot be written (%s); indexing every build",
                    shown(cache), _first_reason(exc))  # fmt: skip
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def _first_reason(exc):
    """shutil.Error holds one (source, target, reason) per file: the first one says it."""
    return exc.args[0][0][2] if isinstance(exc, shutil.Error) and exc.args[0] else exc


def _prune(cache):
    """Keep the KEEP most recently used entries; remove partial ones older than an hour."""
    entries = sorted(
        (p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in entries[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
    for partial in cache.glob(".partial-*"):
        if time.time() - partial.stat().st_mtime > 3600:
            shutil.rmtree(partial, ignore_errors=True)


def _compress(bundle, settings):
    """In a build with pelican-precompress, which ran before the bundle existed: its `.gz`
    and `.br` copies, made by the plugin's own code and rules."""
    if PRECOMPRESS not in (settings.get("PLUGINS") or ()):
        return
    from pelican.plugins import precompress

    class Instance:
        pass

    instance = Instance()
    instance.settings = {**settings, "OUTPUT_PATH": str(bundle)}
    precompress.compress_files(instance)


def update(site, settings, cache):
    """Give the staged `site` its search index, from `cache` (a folder) when it holds the
    index of this very site. Raises SearchIndexError when it cannot be made."""
    site = Path(site)
    program = executable()
    key, pages, searchable = _digest_site(site, program, settings)
    if not searchable:
        log.warning(
            "search: no published article or page to index yet; the search page will say "
            "that search is not available"
        )
        return Indexed(pages, None)
    if (site / BUNDLE).exists():
        raise SearchIndexError(
            f"the site already has a {BUNDLE}/ folder (a page or static folder of that name), "
            "where the search index goes; rename it"
        )
    cache = Path(cache)
    entry = cache / key
    reused = entry.is_dir() and _intact(entry)
    if reused:
        try:
            _copy(entry, site / BUNDLE)
        except OSError as exc:  # a full disk: one reason, not one per file
            raise SearchIndexError(
                f"the index could not be copied into the site ({_first_reason(exc)})"
            ) from exc
        os.utime(entry)  # most recently used: the last to be pruned
    else:
        if entry.is_dir():
            log.warning("search: the cached index %s is damaged; indexing again", shown(entry))
            shutil.rmtree(entry, ignore_errors=True)
        _run(program, site, settings)
        _save(site / BUNDLE, cache, key)
    _compress(site / BUNDLE, settings)
    return Indexed(pages, reused)
