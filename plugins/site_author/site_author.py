"""Who writes the site and how to reach them: the byline, the author box at the end of each
article, the contact link in the footer, the data controller on the privacy page and the
copyright years, all from settings, with the site's organisation as the default.

The settings are read once per build, when the first generator starts, into `site_author`
in the build's context (a new dict every build); the copyright years are added once the
articles are known.
"""

import dataclasses
import re
from dataclasses import dataclass

from pelican import signals
from plugin_core import Setting, SettingsSpec, plugin_logger

log = plugin_logger("site_author", __name__)

CONTEXT_KEY = "site_author"
EMAIL = re.compile(r"[^@\s/:]+@[^@\s/]+\.[^@\s/]+")
SITE_PATH = re.compile(r"[^\s:]*")


def _text(value):
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    return None


def _site_path(value):
    if not isinstance(value, str) or not SITE_PATH.fullmatch(value) or value.startswith("//"):
        return "must be a path inside the site, like 'about/'"
    return None


def _optional(check):
    """The check, with None allowed (meaning the default or "none")."""
    return lambda value: None if value is None else check(value)


def _contact(value):
    if isinstance(value, str) and (
        EMAIL.fullmatch(value)
        or value.startswith(("https://", "http://", "mailto:"))
        or not _site_path(value)
    ):
        return None
    return "must be an email address, an http(s) or mailto: URL, or a path inside the site"


SPEC = SettingsSpec(
    "SITE_AUTHOR_",
    {
        # None: the site's organisation, SITESUBTITLE.
        "SITE_AUTHOR_BIO": Setting(None, _optional(_text)),
        # None: no link from the byline.
        "SITE_AUTHOR_PAGE": Setting("about/", _optional(_site_path)),
        # None: no contact link in the footer.
        "SITE_AUTHOR_CONTACT": Setting(None, _optional(_contact)),
        "SITE_AUTHOR_CONTACT_LABEL": Setting("Contact", _text),
    },
)


@dataclass(frozen=True)
class SiteAuthor:
    """`site_author` in templates. URLs are site-relative (join as SITEURL/url) unless
    `contact_external` is true."""

    name: str
    bio: str
    url: str  # the author page, "" for none
    contact_href: str  # "" for none
    contact_external: bool  # an absolute or mailto: URL, used as it is
    contact_label: str
    contact_email: str  # the address itself when the contact is one, else ""
    years: str = ""  # "2025-2026" (an en dash) from the first to the latest published article


def contact_link(value):
    """(href, external) for SITE_AUTHOR_CONTACT."""
    if not value:
        return "", False
    if EMAIL.fullmatch(value):
        return "mailto:" + value, True
    if value.startswith(("https://", "http://", "mailto:")):
        return value, True
    return value.lstrip("/"), False


def site_author(settings, values):
    name = settings.get("AUTHOR") or settings.get("SITENAME") or ""
    href, external = contact_link(values["SITE_AUTHOR_CONTACT"])
    return SiteAuthor(
        name=name,
        bio=values["SITE_AUTHOR_BIO"] or settings.get("SITESUBTITLE") or "",
        url=(values["SITE_AUTHOR_PAGE"] or "").lstrip("/"),
        contact_href=href,
        contact_external=external,
        contact_label=values["SITE_AUTHOR_CONTACT_LABEL"],
        contact_email=href.removeprefix("mailto:") if href.startswith("mailto:") else "",
    )


def copyright_years(dates):
    """ "2026" or "2024-2026" (en dash) for the published articles' dates; "" for none."""
    years = sorted({date.year for date in dates})
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}\u2013{years[-1]}"


def initialise(generator):
    if CONTEXT_KEY not in generator.context:
        values = SPEC.load(generator.settings, log)
        generator.context[CONTEXT_KEY] = site_author(generator.settings, values)


def add_years(generator):
    author = generator.context.get(CONTEXT_KEY)
    if author is not None:
        years = copyright_years(article.date for article in generator.articles)
        generator.context[CONTEXT_KEY] = dataclasses.replace(author, years=years)


def register():
    signals.generator_init.connect(initialise)
    signals.article_generator_finalized.connect(add_years)
