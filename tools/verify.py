"""Checks the strict build runs around Pelican: characters XML forbids, precompressed copies.

Each check returns a list of error messages (empty: all good); `tools/build.py` fails the
build on any of them, before the staging directory is swapped in.
"""

import logging
import os
import re
from pathlib import Path

from plugins.plugin_core import all_contents, closest
from tools.output_dir import shown

log = logging.getLogger("build")

# XML 1.0, section 2.2 (Char): tab, newline and carriage return are the only C0 controls
# allowed; U+FFFE, U+FFFF and the surrogates are not characters at all. A character reference
# to one of them (`&#1;`) is not well-formed either (section 4.1, WFC: Legal Character).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
SOURCE_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown", ".rst", ".html", ".htm"}
FEED_SUFFIXES = {".xml", ".atom", ".rss"}
MARKDOWN_KEY = re.compile(r"([A-Za-z][\w-]*)\s*:")
RST_FIELD = re.compile(r":([\w-]+):")
PRECOMPRESS = "pelican.plugins.precompress"
# Plugins that became part of another: {old name: the plugin that does its work now}.
MERGED_PLUGINS = {"subscribe_popup": "newsletter"}


class StopBuild(Exception):  # noqa: N818 (a signal to stop, not an error of its own)
    """Raised from a signal receiver once the errors are logged, so nothing is written."""


def _forbidden(text):
    """(offset, code point) of each character XML forbids in `text`, references included."""
    found = [(m.start(), ord(m.group())) for m in FORBIDDEN.finditer(text)]
    for m in CHAR_REF.finditer(text):
        point = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if point > 0x10FFFF or FORBIDDEN.match(chr(point)):
            found.append((m.start(), point))
    return sorted(found)


def _describe(point):
    return f"U+{point:04X} is a character XML forbids (feed readers reject the whole feed)"


def _field(lines, index, suffix):
    """The metadata field line `index` belongs to, or "text"."""
    if suffix == ".rst":
        match = RST_FIELD.match(lines[index])
        if match:
            return match.group(1)
        first = next(i for i, line in enumerate(lines) if line.strip())
        return "title" if index == first else "text"
    if suffix in (".html", ".htm"):
        return "text"
    key = None
    for line in lines[: index + 1]:
        if not line.strip():
            return "text"
        match = MARKDOWN_KEY.match(line)
        if match:
            key = match.group(1)
        elif not line[:1].isspace():
            return "text"
    return key or "text"


def check_sources(content_path):
    """Forbidden characters in the content files under `content_path`."""
    errors = []
    for path in sorted(Path(content_path).rglob("*")):
        if path.suffix.lower() not in SOURCE_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            bad = data[exc.start : exc.start + 1].hex().upper()
            errors.append(f"{shown(path)}:{line}: byte 0x{bad} is not UTF-8; save it as UTF-8")
            continue
        found = _forbidden(text)
        if not found:
            continue
        lines = text.split("\n")
        for offset, point in found:
            index = text.count("\n", 0, offset)
            field = _field(lines, index, path.suffix.lower())
            errors.append(f"{shown(path)}:{index + 1}: {field}: {_describe(point)}; delete it")
    return errors


def check_content(generators):
    """Receiver of `all_generators_finalized`: forbidden characters that reached the text of an
    article or page without being in its source file, such as reStructuredText's
    `.. |x| unicode:: 0x07`; logs an error per file and field and stops the build."""
    found = False
    for content in all_contents(generators):
        fields = {"text": content._content, "title": getattr(content, "title", "")}
        fields.update((k, v) for k, v in content.metadata.items() if isinstance(v, str))
        for field, text in fields.items():
            for _, point in _forbidden(text or "")[:1]:
                found = True
                log.error("%s: %s: %s", shown(content.source_path), field, _describe(point))
    if found:
        raise StopBuild


def check_settings(settings):
    """Forbidden characters in the text of any setting (they reach pages and feeds)."""
    errors = []

    def walk(name, value):
        if isinstance(value, str):
            errors.extend(f"setting {name}: {_describe(p)}" for _, p in _forbidden(value)[:1])
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(f"{name}[{key!r}]", item)
        elif isinstance(value, (list, tuple)):
            for i, item in enumerate(value):
                walk(f"{name}[{i}]", item)

    for name, value in settings.items():
        if name.isupper():
            walk(name, value)
    return errors


def _plugin_names(plugin_paths, namespace):
    """Every plugin name PLUGINS may hold: the packages and modules in PLUGIN_PATHS, and the
    installed namespace plugins by their short names."""
    names = {name.removeprefix("pelican.plugins.") for name in namespace}
    for folder in plugin_paths:
        for entry in Path(folder).glob("*"):
            if (entry / "__init__.py").is_file() or entry.suffix == ".py":
                names.add(entry.stem)
    return names


def _plugin_problem(plugin, settings, namespace):
    """Why `plugin` (a name in PLUGINS) cannot be loaded as Pelican loads it, or None."""
    from pelican.plugins._utils import load_legacy_plugin

    if plugin in namespace or f"pelican.plugins.{plugin}" in namespace:
        return None
    paths = settings.get("PLUGIN_PATHS") or []
    try:
        load_legacy_plugin(plugin, paths)
    except Exception as exc:  # noqa: BLE001 (whatever its import raises is the reason)
        if str(exc) != f"Cannot import plugin `{plugin}`":
            missing = getattr(exc, "name", None) if isinstance(exc, ImportError) else None
            if missing == "plugin_core":
                return (
                    f"plugin '{plugin}' cannot be loaded: it needs plugin_core, the library our "
                    "plugins share (not a package to install): copy plugins/plugin_core next to "
                    "it, into the same folder of PLUGIN_PATHS"
                )
            if missing and missing != plugin.split(".")[0]:
                return (
                    f"plugin '{plugin}' cannot be loaded: it needs the Python module "
                    f"'{missing}', which is not installed (`make venv` installs the packages "
                    "pinned in requirements.txt)"
                )
            return f"plugin '{plugin}' cannot be loaded: {type(exc).__name__}: {exc}"
    else:
        return None
    if plugin in MERGED_PLUGINS:
        return (
            f"no plugin '{plugin}': it was merged into '{MERGED_PLUGINS[plugin]}', "
            f"which does its work; list '{MERGED_PLUGINS[plugin]}' instead"
        )
    meant = closest(plugin, _plugin_names(paths, namespace))
    where = ", ".join(shown(path) for path in paths) or "none"
    problem = f"no plugin '{plugin}' in PLUGIN_PATHS ({where}) or installed"
    return problem + (f"; did you mean '{meant}'?" if meant else "")


def check_plugins(settings):
    """Every name in PLUGINS loads, as Pelican loads it. Pelican's own message ("Cannot load
    plugin `x`") names neither the cause (a package that is missing) nor the plugin meant
    (a renamed or misspelt one); these do, and stop the build before Pelican starts."""
    from pelican.plugins._utils import get_namespace_plugins

    plugins = [p for p in settings.get("PLUGINS") or [] if isinstance(p, str)]
    if not plugins:
        return []
    namespace = get_namespace_plugins()
    errors = []
    for plugin in plugins:
        problem = _plugin_problem(plugin, settings, namespace)
        if problem:
            errors.append(f"PLUGINS: {problem}")
    return errors


def check_feeds(output):
    """Forbidden characters in the XML files written to `output` (from templates or plugins)."""
    # os.walk: Path.rglob() makes a Path of each of the site's thousands of files.
    feeds = [
        os.path.join(folder, name)
        for folder, _, names in os.walk(output)
        for name in names
        if os.path.splitext(name)[1] in FEED_SUFFIXES
    ]
    errors = []
    for path in sorted(feeds):
        with open(path, encoding="utf-8", errors="replace") as file:
            text = file.read()
        errors += [
            f"{os.path.relpath(path, output)}: {_describe(p)}" for _, p in _forbidden(text)[:1]
        ]
    return errors


def _decompressed(decompress, path):
    """The plugin's decompressors catch only their library's usual error; a file cut short
    by a full disk can raise others (EOFError from gzip)."""
    try:
        return decompress(path)
    except Exception:  # noqa: BLE001 (any failure means the copy is damaged)
        return None


def check_precompressed(output, settings):
    """Every `.gz`/`.br` copy pelican-precompress should have made exists and decompresses to
    its source's bytes.

    pelican-precompress compresses in a process pool and never collects its workers' errors,
    so a full disk leaves empty or truncated copies behind and the build still succeeds. This
    uses the plugin's own rules (its settings, file selection, compressors and decompressors).
    """
    if PRECOMPRESS not in (settings.get("PLUGINS") or []):
        return []
    from pelican.plugins import precompress

    class Instance:
        pass

    instance = Instance()
    instance.settings = {**settings, "OUTPUT_PATH": str(output)}
    config = precompress.get_settings(instance)
    pc = precompress
    formats = []
    if config["PRECOMPRESS_BROTLI"]:
        formats.append((".br", pc.compress_with_brotli, pc.decompress_with_brotli))
    if config["PRECOMPRESS_GZIP"]:
        formats.append((".gz", pc.compress_with_gzip, pc.decompress_with_gzip))
    errors = []
    for path in sorted(precompress.get_paths_to_compress(config)):
        data = path.read_bytes()
        if len(data) < config["PRECOMPRESS_MIN_SIZE"]:
            continue
        for ext, compress, decompress in formats:
            copy = path.with_name(path.name + ext)
            rel = copy.relative_to(output)
            if copy.exists():
                if _decompressed(decompress, copy) != data:
                    errors.append(f"{rel}: does not decompress to {path.name} (disk full?)")
                continue
            try:
                compress(data)
            except precompress.FileSizeIncrease:
                continue  # the plugin rightly keeps no copy that is larger than the file
            errors.append(f"{rel}: missing; the compression step failed (disk full?)")
    return errors
