"""Fingerprinted, minified CSS and JavaScript bundles for a Pelican theme.

Each bundle named in ASSET_BUNDLES is the concatenation of its source files
(found in the theme's ASSET_BUNDLES_SOURCE_DIR), minified, and written once as
`<ASSET_BUNDLES_OUTPUT_DIR>/<dir>/<name>.<hash>.<ext>`. Templates link to it
with `{{ SITEURL }}/{{ asset_url("js/site.js") }}`, so the file name changes
whenever the content does and hosts can cache it for a year.
"""

import hashlib
import logging
import os
import posixpath

import rcssmin
import rjsmin
from pelican import signals
from pelican.generators import Generator

log = logging.getLogger(__name__)

DEFAULTS = {
    # bundle name -> list of source files, relative to the source directory
    "ASSET_BUNDLES": {},
    # where the sources live, relative to the theme
    "ASSET_BUNDLES_SOURCE_DIR": "assets",
    # where the bundles go, relative to the output directory
    "ASSET_BUNDLES_OUTPUT_DIR": "theme",
    "ASSET_BUNDLES_MINIFY": True,
}

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def setting(settings, name):
    return settings.get(name, DEFAULTS[name])


def build_bundle(name, sources, source_dir, minify):
    """Return (fingerprinted relative path, bytes) of one bundle."""
    stem, ext = posixpath.splitext(name)
    if ext not in MINIFIERS:
        raise ValueError(
            f"asset_bundles: ASSET_BUNDLES['{name}']: the name must end in .css or .js"
        )
    parts = []
    for source in sources:
        path = os.path.join(source_dir, source)
        try:
            with open(path, encoding="utf-8") as handle:
                parts.append(handle.read())
        except OSError as exc:
            raise ValueError(
                f"asset_bundles: ASSET_BUNDLES['{name}']: cannot read {path}: {exc}"
            ) from exc
    text = "\n".join(parts)
    if minify:
        text = MINIFIERS[ext](text)
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{stem}.{digest}{ext}", data


class AssetBundlesGenerator(Generator):
    """Builds the bundles into the context (`asset_url`) and writes them out."""

    def generate_context(self):
        source_dir = os.path.join(self.theme, setting(self.settings, "ASSET_BUNDLES_SOURCE_DIR"))
        out_dir = setting(self.settings, "ASSET_BUNDLES_OUTPUT_DIR")
        minify = setting(self.settings, "ASSET_BUNDLES_MINIFY")
        self.bundles = {}  # output path -> bytes
        urls = {}
        for name, sources in setting(self.settings, "ASSET_BUNDLES").items():
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
