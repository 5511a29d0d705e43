"""A 1200x630 social card (`og:image`) for every published article and page, and one for the
site that listings use: drawn with Pillow from the title, the series and part (or the category,
or the site's subtitle) and the site's name, in the font the theme ships.

Each card's file name is a digest of everything drawn on it, the font and the drawing code,
so a card is drawn once and then copied from the cache (`SOCIAL_CARDS_CACHE_PATH`) by every
later build until one of them changes; a cached file that is not a PNG is drawn again.
"""

import hashlib
import html
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import PIL
from pelican import signals
from pelican.generators import Generator
from plugin_core import Setting, SettingsSpec, all_contents, plugin_logger

from . import draw

log = plugin_logger("social_cards", __name__)

THEME_FONT = os.path.join("fonts", "DejaVuSerif-Bold.ttf")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TAG = re.compile(r"<[^>]*>")
SITE_PATH = re.compile(r"[\w.-]+(/[\w.-]+)*")


def _site_path(value):
    if (
        not isinstance(value, str)
        or not SITE_PATH.fullmatch(value.strip("/"))
        or {".", ".."} & set(value.strip("/").split("/"))
    ):
        return "must be a folder inside the site, like 'social-cards'"
    return None


def _path_or_none(value):
    if value is not None and not (isinstance(value, str) and value.strip()):
        return "must be a path, or None"
    return None


SPEC = SettingsSpec(
    "SOCIAL_CARDS_",
    {
        "SOCIAL_CARDS_OUTPUT_DIR": Setting("social-cards", _site_path),
        # None: <CACHE_PATH>/social-cards
        "SOCIAL_CARDS_CACHE_PATH": Setting(None, _path_or_none),
        # None: the theme's fonts/DejaVuSerif-Bold.ttf
        "SOCIAL_CARDS_FONT": Setting(None, _path_or_none),
    },
)


@dataclass(frozen=True)
class SocialCard:
    """`article.social_card`, `page.social_card`, and `social_card` (the site's) in templates."""

    url: str  # site-relative
    alt: str
    width: int = draw.WIDTH
    height: int = draw.HEIGHT


def plain(text):
    return " ".join(html.unescape(TAG.sub("", str(text))).split())


def subtitle(content, settings):
    """What the card says under the title."""
    series = getattr(content, "series", None)
    if hasattr(series, "planned") and hasattr(series, "index"):
        return f"Part {series.index} of {series.planned} · {series.name}"
    category = getattr(content, "category", None)
    if category is not None and hasattr(content, "date"):
        return str(category)
    return plain(settings.get("SITESUBTITLE") or "")


def digest(*parts):
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:20]


class SocialCardsGenerator(Generator):
    def generate_context(self):
        values = SPEC.load(self.settings, log)
        self.cards = {}  # file name: (title, subtitle)
        font = values["SOCIAL_CARDS_FONT"]
        if font and not os.path.isfile(font):
            log.error("SOCIAL_CARDS_FONT: no font file at %s", font)
            return
        if not font:
            # The theme's font; a theme without one (Pelican's own) gets Pillow's.
            font = os.path.join(self.theme, THEME_FONT)
            font = font if os.path.isfile(font) else None
        self.font = font
        self.folder = values["SOCIAL_CARDS_OUTPUT_DIR"].strip("/")
        self.cache = values["SOCIAL_CARDS_CACHE_PATH"] or os.path.join(
            self.settings["CACHE_PATH"], "social-cards"
        )
        # The drawing code and the font are part of every card's name: change either and
        # every card is drawn again.
        design = digest(
            hashlib.sha256(Path(font).read_bytes()).hexdigest() if font else PIL.__version__,
            hashlib.sha256(Path(draw.__file__).read_bytes()).hexdigest(),
        )
        self.design = design
        self.site_name = plain(self.settings.get("SITENAME", ""))
        self.context["social_card"] = self.card_for(
            self.site_name, plain(self.settings.get("SITESUBTITLE") or "")
        )

    def card_for(self, title, under):
        name = digest(self.design, self.site_name, title, under) + ".png"
        self.cards[name] = (title, under)
        alt = ". ".join(part for part in (title, under, self.site_name) if part)
        return SocialCard(url=f"{self.folder}/{name}", alt=alt)

    def add_cards(self, generators):
        """A card for every published (or hidden) article and page, translations included."""
        if not self.cards:  # no font: reported already
            return
        for content in all_contents(generators, statuses=("published", "hidden")):
            content.social_card = self.card_for(
                plain(content.title), subtitle(content, self.settings)
            )

    def generate_output(self, writer):
        if not self.cards:
            return
        target = os.path.join(self.output_path, self.folder)
        os.makedirs(target, exist_ok=True)
        cache = self.cache
        try:
            os.makedirs(cache, exist_ok=True)
        except OSError as exc:
            # A cache that cannot be written costs time, never the site: draw every card.
            log.warning("SOCIAL_CARDS_CACHE_PATH: %s; drawing every card", exc)
            cache = None
        drawn = 0
        for name, (title, under) in sorted(self.cards.items()):
            cached = os.path.join(cache, name) if cache else None
            if cached and is_png(cached):
                place(cached, os.path.join(target, name))
                continue
            data = draw.card(title, under, self.site_name, self.font)
            drawn += 1
            write(os.path.join(target, name), data)
            if cached:
                try:
                    write(cached, data)
                except OSError as exc:
                    log.warning("SOCIAL_CARDS_CACHE_PATH: %s; drawing every card", exc)
                    cache = None
        log.info(
            "%d cards: %d drawn, %d from the cache", len(self.cards), drawn, len(self.cards) - drawn
        )


def write(path, data):
    """Write whole or not at all: a build killed mid-write leaves no half card behind."""
    partial = f"{path}.{os.getpid()}.tmp"
    with open(partial, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)


def place(cached, target):
    """A hard link to the cached card (nothing copied; cards never change under a name), or a
    copy where the cache is on another filesystem."""
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)


def is_png(path):
    try:
        with open(path, "rb") as handle:
            return handle.read(len(PNG_SIGNATURE)) == PNG_SIGNATURE
    except OSError:
        return False


def get_generators(pelican):
    return SocialCardsGenerator


def add_cards(generators):
    for generator in generators:
        if isinstance(generator, SocialCardsGenerator):
            generator.add_cards(generators)


def register():
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(add_cards)
