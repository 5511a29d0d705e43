"""Pelican's content cache, made disposable and never wrong.

Pelican pickles what it read into `CACHE_PATH` and reuses it when a source file's stamp is
unchanged. Two things go wrong with that: an entry written by a build that was killed (or ran at
the same time as another) is truncated, and Pelican then fails on it with `EOFError` naming no
file; and a change of settings, plugin or theme code, or Pelican's or Markdown's version is not
noticed, so stale results are published.

Here each build's cache lives in `<CACHE_PATH>/<key>/`, where the key is a hash of everything
that changes the output: every setting (but the output and cache paths), the files of the theme
and of every plugin path, and the Python version and installed distributions. A manifest of the
cache files' SHA-256 digests is written only after a successful build and removed while one
runs, so an entry that is truncated, corrupt or left by a killed build does not match it: the
whole cache of that key is discarded with a warning and the build reads the sources again.
The four most recently used keys are kept; older ones go after an hour unused.
"""

import gzip
import hashlib
import importlib.metadata
import json
import logging
import os
import pickle
import re
import shutil
import sys
import time
import zlib
from contextlib import ExitStack, contextmanager
from pathlib import Path

from tools.output_dir import locked

log = logging.getLogger("build")

MANIFEST = "manifest.json"
LOCK = ".lock"
KEY_LENGTH = 20
KEEP = 4
UNUSED_FOR = 3600  # seconds a key's cache must be unused before it may be pruned
# Neither changes what Pelican reads: the output path is a fresh staging directory each build.
NOT_IN_KEY = {"OUTPUT_PATH", "CACHE_PATH"}


def stable(value, depth=0):
    """A text for `value` that is the same in every process for the same setting.

    Dictionaries and sets are sorted; functions are named by module and qualified name plus a
    digest of their code; objects with attributes by their class and attributes (a few levels
    deep); anything else by its repr without memory addresses.
    """
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(sorted(f"{stable(k, depth)}:{stable(v, depth)}" for k, v in value.items()))
            + "}"
        )
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(stable(v, depth) for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(stable(v, depth) for v in value)) + "}"
    if isinstance(value, (str, bytes, int, float, bool, type(None))):
        return repr(value)
    code = getattr(value, "__code__", None)
    if code is not None:
        body = hashlib.sha256(code.co_code + repr(code.co_consts).encode()).hexdigest()
        return f"{value.__module__}.{value.__qualname__}:{body}"
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    name = f"{type(value).__module__}.{type(value).__qualname__}"
    if depth < 4 and getattr(value, "__dict__", None):
        # An object given as a setting (a Markdown extension, say): its attributes are its
        # configuration, which its repr usually leaves out.
        return f"{name}({stable(vars(value), depth + 1)})"
    return re.sub(r" at 0x[0-9a-fA-F]+", "", repr(value))


def _code_files(settings):
    roots = [settings.get("THEME"), *(settings.get("PLUGIN_PATHS") or [])]
    for root in filter(None, roots):
        for path in sorted(Path(root).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path


def cache_key(settings):
    """Hex digest of everything that changes the output (see the module docstring)."""
    digest = hashlib.sha256()
    digest.update(stable({k: v for k, v in settings.items() if k not in NOT_IN_KEY}).encode())
    for path in _code_files(settings):
        digest.update(str(path).encode() + b"\0" + path.read_bytes())
    digest.update(sys.version.encode())
    dists = importlib.metadata.distributions()
    for dist in sorted(f"{d.metadata['Name']}=={d.version}" for d in dists):
        digest.update(dist.encode())
    return digest.hexdigest()[:KEY_LENGTH]


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def opened(settings):
    """The `ContentCache` of a build with these settings, reserved; None if the settings cache
    nothing, or if the cache cannot be used at all (a warning says why: the build goes on)."""
    if not (settings["CACHE_CONTENT"] or settings["LOAD_CONTENT_CACHE"]):
        yield None
        return
    stack = ExitStack()
    try:
        cache = ContentCache(settings)
        stack.enter_context(cache.reserved())
    except (OSError, ValueError) as exc:
        where = settings["CACHE_PATH"]
        log.warning("Content cache %s cannot be used (%s); reading the sources", where, exc)
        yield None
        return
    with stack:
        yield cache


def settings(cache):
    """The setting overrides of a build that uses `cache` (None: no cache at all).

    Pelican's default stamp for "unchanged" is a file's modification time, which an editor or a
    `git checkout` can leave as it was after a change; a digest of the file never misses one.
    """
    if cache is None:
        return {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    return {"CACHE_PATH": str(cache.path), "CHECK_MODIFIED_METHOD": "sha256"}


class ContentCache:
    """The cache directory of one build: `path` is what CACHE_PATH is set to.

    Use `with cache.reserved():` around the build, and `cache.commit()` once it succeeded.
    """

    def __init__(self, settings):
        self.base = Path(settings["CACHE_PATH"])
        self.path = self.base / cache_key(settings)
        self.gzipped = settings["GZIP_CACHE"]

    def _entries(self):
        return sorted(p for p in self.path.iterdir() if p.name not in (MANIFEST, LOCK))

    def _remove_entries(self):
        for entry in self._entries():
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()

    def _complete(self, entry):
        """Whether Pelican finished writing `entry`: a whole gzip stream (its CRC checks out)
        holding a pickle that ends with the STOP opcode. Pelican only warns when saving fails
        (a full disk), and would then fail on the half-written file in the next build."""
        data = entry.read_bytes()
        if self.gzipped:
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                return False
        return data.endswith(pickle.STOP)

    @contextmanager
    def reserved(self):
        """Lock this key's cache, check it against its manifest, and mark it as in use."""
        self.path.mkdir(parents=True, exist_ok=True)
        with locked(self.path / LOCK, f"the content cache {self.path}"):
            self._check()
            yield

    def _check(self):
        manifest_file = self.path / MANIFEST
        try:
            manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            manifest = {}
        if not isinstance(manifest, dict):
            manifest = {}
        problems = []
        for entry in self._entries():
            expected = manifest.pop(entry.name, None)
            if expected is None:
                problems.append(f"{entry} was left by an interrupted build")
            elif not entry.is_file() or _digest(entry) != str(expected):
                problems.append(f"{entry} is truncated or corrupt")
        problems += [f"{self.path / name} is missing" for name in manifest]
        if problems:
            for problem in problems:
                log.warning("Content cache: %s; discarded, reading the sources again", problem)
            self._remove_entries()
        manifest_file.unlink(missing_ok=True)

    def discard(self):
        """Forget what a failed build cached: the next build reads the sources again."""
        try:
            self._remove_entries()
        except OSError as exc:
            log.warning("Content cache %s: %s", self.path, exc)

    def commit(self):
        """Record the cache a successful build wrote; prune keys unused for long."""
        try:
            manifest = {}
            for entry in self._entries():
                if entry.is_file() and self._complete(entry):
                    manifest[entry.name] = _digest(entry)
                else:
                    log.warning("Content cache: %s was not saved completely; removed", entry)
                    entry.unlink()
            partial = self.path / (MANIFEST + ".new")
            partial.write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
            os.replace(partial, self.path / MANIFEST)
            self._prune()
        except OSError as exc:
            # The site is already in place; without a manifest the next build reads the sources.
            log.warning("Content cache %s not recorded: %s", self.path, exc)

    def _prune(self):
        keys = [p for p in self.base.iterdir() if re.fullmatch(f"[0-9a-f]{{{KEY_LENGTH}}}", p.name)]
        keys.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        now = time.time()
        for old in keys[KEEP:]:
            if now - old.stat().st_mtime > UNUSED_FOR:
                shutil.rmtree(old, ignore_errors=True)
