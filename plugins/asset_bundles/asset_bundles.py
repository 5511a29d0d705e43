"""Fingerprinted, minified CSS and JavaScript bundles for a Pelican theme.

Each bundle named in ASSET_BUNDLES is the concatenation of its source files
(found in the theme's ASSET_BUNDLES_SOURCE_DIR), minified, and written once as
`<ASSET_BUNDLES_OUTPUT_DIR>/<dir>/<name>.<hash>.<ext>`. Templates link to it
with `{{ SITEURL }}/{{ asset_url("js/site.js") }}`, so the file name changes
whenever the content does and hosts can cache it for a year.
"""

import hashlib
import os
import posixpath

import rcssmin
import rjsmin
from pelican import signals
from pelican.generators import Generator
from plugin_core import Setting, SettingsSpec, plugin_logger

log = plugin_logger("asset_bundles", __name__)

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def _inside(path):
    # Bundle names and directories become URLs and paths under the output directory: an
    # absolute path or a ".." would leave it (and "/x" after SITEURL + "/" another host).
    parts = path.replace("\\", "/").split("/")
    return parts[0] != "" and ".." not in parts


def _bundles(value):
    ok = isinstance(value, dict) and all(
        isinstance(name, str)
        and _inside(name)
        and isinstance(sources, list | tuple)
        and all(isinstance(source, str) and _inside(source) for source in sources)
        for name, sources in value.items()
    )
    return None if ok else "must be a dict {bundle name: [source files]} of relative paths"


def _directory(value):
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


def build_bundle(name, sources, source_dir, minify):
    """Return (fingerprinted relative path, bytes) of one bundle."""
    stem, ext = posixpath.splitext(name)
    if ext not in MINIFIERS:
        raise ValueError(f"ASSET_BUNDLES['{name}']: the name must end in .css or .js")
    parts = []
    for source in sources:
        path = os.path.join(source_dir, source)
        try:
            with open(path, encoding="utf-8") as handle:
                parts.append(handle.read())
        except OSError as exc:
            raise ValueError(f"ASSET_BUNDLES['{name}']: cannot read {path}: {exc}") from exc
    text = "\n".join(parts)
    if minify:
        text = MINIFIERS[ext](text)
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{stem}.{digest}{ext}", data


class AssetBundlesGenerator(Generator):
    """Builds the bundles into the context (`asset_url`) and writes them out."""

    def generate_context(self):
        config = SETTINGS.load(self.settings, log)
        source_dir = os.path.join(self.theme, config["ASSET_BUNDLES_SOURCE_DIR"])
        out_dir = config["ASSET_BUNDLES_OUTPUT_DIR"]
        minify = config["ASSET_BUNDLES_MINIFY"]
        self.bundles = {}  # output path -> bytes
        urls = {}
        for name, sources in config["ASSET_BUNDLES"].items():
            try:
                path, data = build_bundle(name, sources, source_dir, minify)
            except ValueError as exc:
                log.error("%s", exc)
                # The build has failed already; an empty URL lets the templates render, so
                # that the build reports every other problem too instead of crashing here.
                urls[name] = ""
                continue
            urls[name] = posixpath.join(out_dir, path)
            self.bundles[urls[name]] = data

        def asset_url(name):
            try:
                return urls[name]
            except KeyError:
                message = f"asset_bundles: no bundle named '{name}' in ASSET_BUNDLES"
                raise KeyError(message) from None

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
