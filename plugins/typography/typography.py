"""Typographic quotes, apostrophes, dashes and ellipses from plain typing.

The conversion is SmartyPants (the `smartypants` library, the one Pelican's
TYPOGRIFY setting runs through typogrify), applied to each article's and page's
text, title and summary when they are read. Pelican's own TYPOGRIFY cannot be
used with this theme: it writes HTML entities into titles (`&#8220;`), and
templates that escape every title (as ours do) then show them literally. Here
SmartyPants writes the characters themselves, so a title stays plain text.
Code (`pre`, `code`, `kbd`, `samp`, `tt`, `script`, `style`, `math`) is left as typed.
"""

import logging

import smartypants
from pelican import signals
from pelican.contents import Static

log = logging.getLogger(__name__)
# Pelican's loggers drop a message already logged once in this process; a rebuild must report
# the same problem again.
log.disable_filter()

# TYPOGRAPHY_DASHES -> SmartyPants' dash rule; the names are those of Pelican's TYPOGRIFY_DASHES.
DASHES = {
    "default": smartypants.Attr.d,  # -- em dash
    "oldschool": smartypants.Attr.D,  # -- en dash, --- em dash
    "oldschool_inverted": smartypants.Attr.i,  # -- em dash, --- en dash
}
DEFAULTS = {"TYPOGRAPHY": True, "TYPOGRAPHY_DASHES": "oldschool"}


def attributes(settings):
    """SmartyPants' flags for these settings, or None (conversion off or misconfigured)."""
    if not settings.get("TYPOGRAPHY", DEFAULTS["TYPOGRAPHY"]):
        return None
    dashes = settings.get("TYPOGRAPHY_DASHES", DEFAULTS["TYPOGRAPHY_DASHES"])
    if dashes not in DASHES:
        return None
    # q: "quotes", b: ``backticks'', e: ellipses..., u: characters rather than entities.
    return (
        smartypants.Attr.q
        | smartypants.Attr.b
        | smartypants.Attr.e
        | smartypants.Attr.u
        | (DASHES[dashes])
    )


def check_settings(pelican):
    dashes = pelican.settings.get("TYPOGRAPHY_DASHES", DEFAULTS["TYPOGRAPHY_DASHES"])
    if dashes not in DASHES:
        choices = ", ".join(repr(name) for name in DASHES)
        log.error("typography: TYPOGRAPHY_DASHES must be one of %s, got %r", choices, dashes)


def convert(instance):
    if isinstance(instance, Static):
        return
    attr = attributes(instance.settings)
    if attr is None:
        return
    if instance._content:
        instance._content = smartypants.smartypants(instance._content, attr)
    if "title" in instance.metadata:
        instance.title = instance.metadata["title"] = smartypants.smartypants(instance.title, attr)
    if "summary" in instance.metadata:
        instance._summary = instance.metadata["summary"] = smartypants.smartypants(
            instance.metadata["summary"], attr
        )


def register():
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(convert)
