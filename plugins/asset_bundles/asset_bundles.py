"""Fingerprinted, minified CSS and JavaScript bundles for a Pelican theme.

Each bundle named in ASSET_BUNDLES is the concatenation of its source files
(found in the theme's ASSET_BUNDLES_SOURCE_DIR), minified, and written once as
`<ASSET_BUNDLES_OUTPUT_DIR>/<dir>/<name>.<hash>.<ext>`. Templates link to it
with `{{ SITEURL }}/{{ asset_url("js/site.js") }}`, so the file name changes
whenever the content does and hosts can cache it for a year.
"""

import difflib
import hashlib
import os
import posixpath

import rcssmin
import rjsmin
from pelican import signals
from pelican.generators import Generator
from plugin_core import Problem, Setting, SettingsSpec, closest, plugin_logger

log = plugin_logger("asset_bundles", __name__)

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def _inside(path):
    # Bundle names and directories become URLs and paths under the output directory: an
    # absolute path or a ".." would leave it (and "/x" after SITEURL + "/" another host).
    parts = path.replace("\\", "/").split("/")
    return parts[0] != "" and ".." not in parts


def _bundles(value):
    """None, or what is wrong: a message about the whole setting, or a Problem naming the
    bundle at fault and its value (the whole setting would be too long to show)."""
    if not isinstance(value, dict):
        return "must be a dict {bundle name: [source files]}"
    for name, sources in value.items():
        if not isinstance(name, str) or not _inside(name):
            return f"must name bundles by relative paths such as 'css/site.css', not {name!r}"
        at = f"ASSET_BUNDLES[{name!r}]"
        if not isinstance(sources, list | tuple):
            return Problem(at, f"must be a list of source files, such as [{name!r}]", sources)
        if not sources:
            return Problem(at, "must give at least one source file", sources)
        for source in sources:
            if not isinstance(source, str) or not _inside(source):
                return Problem(at, "must list source files as relative paths", source)
    return None


def _directory(value):
    if value == "":
        return "must name a folder (a relative path such as 'theme')"
    return None if isinstance(value, str) and _inside(value) else "must be a relative path"


def _flag(value):
    return None if isinstance(value, bool) else "must be True or False"


# "ASSET_BUNDLE", not "ASSET_BUNDLES": the singular is the likeliest slip.
SETTINGS = SettingsSpec(
    "ASSET_BUNDLE",
    {
        # bundle name -> list of source files, relative to the source directory
        "ASSET_BUNDLES": Setting({}, _bundles),
        # where the sources live, relative to the theme
        "ASSET_BUNDLES_SOURCE_DIR": Setting("assets", _directory),
        # where the bundles go, relative to the output directory
        "ASSET_BUNDLES_OUTPUT_DIR": Setting("theme", _directory),
        "ASSET_BUNDLES_MINIFY": Setting(True, _flag),
    },
)


def _read(name, source, source_dir):
    """The text of one source file, or ValueError naming the bundle and the file."""
    path = os.path.join(source_dir, source)
    where = f"in {os.path.relpath(source_dir)}"
    problem = None
    if os.path.isdir(path):
        problem = f"a source file is a folder {where}"
    elif not os.path.isfile(path):
        problem = f"no such source file {where}"
    else:
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read()
        except UnicodeDecodeError:
            problem = f"a source file {where} is not UTF-8 text"
        except OSError as exc:
            problem = f"cannot read a source file {where} ({exc.strerror})"
    known = [
        os.path.relpath(os.path.join(folder, file), source_dir).replace(os.sep, "/")
        for folder, _dirs, files in os.walk(source_dir)
        for file in files
    ]
    suggestion = None if os.path.isfile(path) else closest(source, known)
    raise ValueError(str(Problem(f"ASSET_BUNDLES[{name!r}]", problem, source, suggestion)))


def build_bundle(name, sources, source_dir, minify):
    """Return (fingerprinted relative path, bytes) of one bundle."""
    stem, ext = posixpath.splitext(name)
    if ext not in MINIFIERS:
        raise ValueError(f"ASSET_BUNDLES[{name!r}]: the name must end in .css or .js")
    text = "\n".join(_read(name, source, source_dir) for source in sources)
    if minify:
        text = MINIFIERS[ext](text)
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{stem}.{digest}{ext}", data


class AssetBundlesGenerator(Generator):
    """Builds the bundles into the context (`asset_url`) and writes them out."""

    def generate_context(self):
        config = SETTINGS.load(self.settings, log)
        bundles = config["ASSET_BUNDLES"]
        # An invalid ASSET_BUNDLES is reported already, and replaced by no bundles at all: a
        # bundle the templates then miss is no second mistake.
        given = self.settings.get("ASSET_BUNDLES", bundles)
        missing = set() if bundles is given else None
        source_dir = os.path.join(self.theme, config["ASSET_BUNDLES_SOURCE_DIR"])
        out_dir = config["ASSET_BUNDLES_OUTPUT_DIR"]
        minify = config["ASSET_BUNDLES_MINIFY"]
        self.bundles = {}  # output path -> bytes
        # The build has failed already when a bundle is missing or broken; an empty URL lets
        # the templates render, so that the build reports every other problem too.
        urls = dict.fromkeys(bundles, "")
        if bundles and not os.path.isdir(source_dir):
            log.error(
                "%s",
                Problem(
                    "ASSET_BUNDLES_SOURCE_DIR",
                    f"no such folder in the theme ({os.path.relpath(self.theme)})",
                    config["ASSET_BUNDLES_SOURCE_DIR"],
                ),
            )
            bundles = {}
        for name, sources in bundles.items():
            try:
                path, data = build_bundle(name, sources, source_dir, minify)
            except ValueError as exc:
                log.error("%s", exc)
                continue
            urls[name] = posixpath.join(out_dir, path)
            self.bundles[urls[name]] = data

        def asset_url(name):
            if name in urls:
                return urls[name]
            if missing is not None and name not in missing:
                missing.add(name)
                log.error(
                    "%s",
                    Problem(
                        "ASSET_BUNDLES",
                        f"no bundle {name!r}, which the templates link with "
                        f"asset_url({name!r}); add {name!r}: [its source files] (it has "
                        f"{', '.join(map(repr, urls)) or 'none'})",
                        # Only a slip of the pen: js/search.js is no misspelt js/site.js.
                        suggestion=next(iter(difflib.get_close_matches(name, urls, 1, 0.85)), None),
                    ),
                )
            return ""

        self.context["asset_url"] = asset_url

    def generate_output(self, writer):
        for url, data in self.bundles.items():
            target = os.path.join(self.output_path, *url.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)


def get_generators(pelican):
    return AssetBundlesGenerator


def register():
    signals.get_generators.connect(get_generators)
