"""The owner's logo in the header, in place of the site's name (which becomes its alt text).

`SITE_LOGO` names an image among the content's static files (`images/logo.svg`), and
`SITE_LOGO_DARK` an optional variant for dark mode. Once per build, when every file is known,
the plugin finds each one's published URL and reads its size (an SVG's viewBox or width and
height; other formats through Pillow, which reads only the file's header), so that the header
gives the image a width and height and never moves when it loads. A logo that is missing, not
published or of unknown size fails the build, naming the setting.
"""

import dataclasses
import os
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

from pelican import signals
from PIL import Image, UnidentifiedImageError
from plugin_core import (
    Problem,
    Setting,
    SettingsSpec,
    closest,
    plugin_logger,
    positive_integer,
)

log = plugin_logger("site_logo", __name__)

CONTEXT_KEY = "site_logo"
# Another theme's name for the setting (Flex, pelican-bootstrap3): read by nothing here.
OTHER_THEMES_NAME = "SITELOGO"
SVG_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*")


def _content_path(value):
    if isinstance(value, str) and not value.strip():
        return "must name an image, or be None (the default) to show the site's name instead"
    if not isinstance(value, str) or "://" in value or value.startswith("{"):
        return "must be the path of an image inside the content folder, like 'images/logo.svg'"
    return None


def _optional(check):
    return lambda value: None if value is None else check(value)


SPEC = SettingsSpec(
    "SITE_LOGO",
    {
        # None: the site's name, as text.
        "SITE_LOGO": Setting(None, _optional(_content_path)),
        # None: SITE_LOGO in dark mode too, on a light backing.
        "SITE_LOGO_DARK": Setting(None, _optional(_content_path)),
        # CSS pixels; the width follows from the image's proportions.
        "SITE_LOGO_HEIGHT": Setting(48, positive_integer),
    },
    # Other themes' name (Flex, pelican-bootstrap3): a warning of its own, below.
    others=(OTHER_THEMES_NAME,),
)


@dataclasses.dataclass(frozen=True)
class SiteLogo:
    """`site_logo` in templates: the site-relative URL of the logo and the size the header
    shows it at; `dark_url` that of SITE_LOGO_DARK (same proportions), or ""."""

    url: str
    width: int
    height: int
    dark_url: str = ""


class LogoError(Exception):
    """What is wrong with a logo file, worded to follow the setting's name."""


def svg_size(path):
    """(width, height) of an SVG from its root element's viewBox, or width and height."""
    try:
        # The owner's own file, read up to its root element's start tag.
        with open(path, "rb") as file:
            events = ET.iterparse(file, events=("start",))  # noqa: S314
            root = next(events)[1]
    except ET.ParseError as exc:
        raise LogoError(f"is not a readable SVG file ({exc})") from exc
    width, height = (SVG_LENGTH.fullmatch(root.get(k) or "") for k in ("width", "height"))
    if width and height:
        return float(width[1]), float(height[1])
    box = (root.get("viewBox") or "").replace(",", " ").split()
    try:
        _, _, box_width, box_height = (float(n) for n in box)
    except ValueError:
        raise LogoError(
            "is an SVG without a viewBox (nor a width and height in pixels), so its proportions"
            ' are unknown; add viewBox="0 0 <width> <height>" to its <svg> element'
        ) from None
    return box_width, box_height


def image_size(path):
    if path.lower().endswith(".svg"):
        width, height = svg_size(path)
    else:
        try:
            with Image.open(path) as image:
                width, height = image.size
        except (UnidentifiedImageError, OSError) as exc:
            raise LogoError(
                "is not an image this build can read (SVG, PNG, JPEG, GIF or WebP)"
            ) from exc
    if width <= 0 or height <= 0:
        raise LogoError("has no width or height")
    return width, height


# What a misspelt path is compared with: the published images.
IMAGES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
# A logo over this many bytes gets a warning: it is loaded by every page of the site.
HEAVY = 200 * 1024


def published(name, value, context, settings, other=None):
    """(URL, natural width, natural height) of the image setting `name` names, or None after
    logging what is wrong. `other`, the other logo's path, is never offered as its spelling."""
    relative = value.lstrip("/")
    static = context.get("static_content", {}).get(relative)
    if static is None:
        if os.path.isfile(os.path.join(settings["PATH"], relative)):
            problem = (
                f"{relative} is not published: put it in a folder of STATIC_PATHS"
                f" ({', '.join(settings['STATIC_PATHS'])})"
            )
            suggestion = None
        else:
            problem = f"no such file in the content folder ({settings['PATH']})"
            images = [
                path
                for path in context.get("static_content", {})
                if path.lower().endswith(IMAGES) and path != (other or "").lstrip("/")
            ]
            suggestion = closest(relative, images)
        log.error("%s", Problem(name, problem, value, suggestion))
        return None
    try:
        size = image_size(static.source_path)
    except LogoError as exc:
        log.error("%s", Problem(name, f"{relative} {exc}", value))
        return None
    weight = os.path.getsize(static.source_path)
    if weight > HEAVY:
        problem = Problem(
            name,
            f"{relative} is {weight // 1024} KB, loaded by every page for a {size[0]:g} x "
            f"{size[1]:g} image shown at SITE_LOGO_HEIGHT pixels; save it smaller (an SVG, "
            "or a PNG a few times its shown size)",
            value,
        )
        log.warning("%s", problem)
    # A URL, not a path: "my logo.png" is "my%20logo.png" (and srcset splits at spaces).
    return (quote(static.url, safe="/"), *size)


def add_logo(generators):
    if not generators:
        return
    context, settings = generators[0].context, generators[0].settings
    values = SPEC.load(settings, log)
    if OTHER_THEMES_NAME in settings and values["SITE_LOGO"] is None:
        problem = Problem(OTHER_THEMES_NAME, "not read by this theme", suggestion="SITE_LOGO")
        log.warning("%s", problem)
    if values["SITE_LOGO"] is None:
        return
    light = published("SITE_LOGO", values["SITE_LOGO"], context, settings)
    dark = values["SITE_LOGO_DARK"] and published(
        "SITE_LOGO_DARK", values["SITE_LOGO_DARK"], context, settings, values["SITE_LOGO"]
    )
    if light is None:
        return
    url, width, natural_height = light
    if dark and abs(dark[1] / dark[2] - width / natural_height) > 0.01 * width / natural_height:
        # One width and height serve both: HTML allows none on a <picture>'s <source>.
        log.error(
            "%s",
            Problem(
                "SITE_LOGO_DARK",
                f"must have the proportions of SITE_LOGO ({width:g} x {natural_height:g}),"
                f" not {dark[1]:g} x {dark[2]:g}",
                values["SITE_LOGO_DARK"],
            ),
        )
    height = values["SITE_LOGO_HEIGHT"]
    context[CONTEXT_KEY] = SiteLogo(
        url, max(1, round(width * height / natural_height)), height, dark[0] if dark else ""
    )


def register():
    signals.all_generators_finalized.connect(add_logo)
