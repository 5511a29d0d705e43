"""Typographic quotes, apostrophes, dashes and ellipses from plain typing.

The rules are SmartyPants' (the `smartypants` library, which Pelican's TYPOGRIFY
setting runs through typogrify): its conversion functions do all the work. Two
things differ from calling `smartypants.smartypants()` on the page:

- Characters, not entities. Pelican's TYPOGRIFY writes `&#8220;` into titles, and a
  theme that escapes every title (as ours does) then shows the entity literally.
- Speed. `smartypants()` runs a dozen regular expressions over every run of text
  between two tags, even a lone line break; it cost 15% of a build at 1,000
  articles. Here a run is converted only if it holds a character a rule acts on, and
  each rule only if its character is there, so the cost is within the 5% budget
  (`make bench`, a/e). The output is the same, except that HTML comments are left
  alone (`smartypants()` converts one that holds `--`).

Code (`pre`, `code`, `kbd`, `samp`, `tt`, `script`, `style`, `math`) is left as typed.
"""

import logging
import re

import smartypants
from pelican import signals
from pelican.contents import Static

log = logging.getLogger(__name__)
# Pelican's loggers drop a message already logged once in this process; a rebuild must report
# the same problem again.
log.disable_filter()

# TYPOGRAPHY_DASHES -> SmartyPants' dash rule; the names are those of Pelican's TYPOGRIFY_DASHES.
DASHES = {
    "default": smartypants.convert_dashes,  # -- em dash
    "oldschool": smartypants.convert_dashes_oldschool,  # -- en dash, --- em dash
    "oldschool_inverted": smartypants.convert_dashes_oldschool_inverted,  # -- em, --- en
}
DEFAULTS = {"TYPOGRAPHY": True, "TYPOGRAPHY_DASHES": "oldschool"}

# A tag or comment, as SmartyPants' own tokenizer finds them.
TAG = re.compile(r"(<!--.*?--\s*>|<[^>]*>)", re.S)
SKIPPED = re.compile(r"<(/)?(" + "|".join(smartypants.tags_to_skip) + r")[^>]*>", re.I)
# The characters some rule acts on: quotes, backticks, escapes, dashes, ellipses.
ACTED_ON = re.compile(r"['\"`\\]|--|\.\s?\.|&quot;")
ENTITIES_AS_CHARACTERS = 0  # smartypants.convert_entities() mode


def convert_text(text, dashes, previous):
    """SmartyPants' conversions of one run of text; `previous` is the character before it."""
    if "\\" in text:
        text = smartypants.process_escapes(text)
    # reStructuredText (docutils) writes every " in text as &quot;.
    text = text.replace("&quot;", '"')
    if "--" in text:
        text = dashes(text)
    if "." in text:
        text = smartypants.convert_ellipses(text)
    if "`" in text:
        text = smartypants.convert_backticks(text)
    if text in ("'", '"'):
        # A lone quote between two tags: its side depends on what came before.
        closing = bool(previous.strip())
        text = {"'": "&#8217;" if closing else "&#8216;", '"': "&#8221;" if closing else "&#8220;"}[
            text
        ]
    elif "'" in text or '"' in text:
        text = smartypants.convert_quotes(text)
    return smartypants.convert_entities(text, ENTITIES_AS_CHARACTERS)


def educate(html, dashes):
    """`html` with SmartyPants' typography, outside code, as characters."""
    out, skipping, previous = [], [], ""
    # Text and tags alternate: even items are runs of text (maybe empty), odd ones tags.
    for position, part in enumerate(TAG.split(html)):
        if position % 2:
            skipped = SKIPPED.match(part)
            if skipped and not skipped.group(1):
                skipping.append(skipped.group(2).lower())
            elif skipped and skipping and skipping[-1] == skipped.group(2).lower():
                skipping.pop()
        elif part:
            if not skipping and ACTED_ON.search(part):
                part, previous = convert_text(part, dashes, previous), part[-1]
            else:
                previous = part[-1]
        out.append(part)
    return "".join(out)


def check_settings(pelican):
    if pelican.settings.get("TYPOGRIFY"):
        log.error(
            "typography: TYPOGRIFY must stay False: this plugin already makes quotes and dashes"
            " typographic, and TYPOGRIFY would write entities that titles show literally"
        )
    dashes = pelican.settings.get("TYPOGRAPHY_DASHES", DEFAULTS["TYPOGRAPHY_DASHES"])
    if dashes not in DASHES:
        choices = ", ".join(repr(name) for name in DASHES)
        log.error("typography: TYPOGRAPHY_DASHES must be one of %s, got %r", choices, dashes)


def convert(instance):
    settings = instance.settings
    if isinstance(instance, Static) or not settings.get("TYPOGRAPHY", DEFAULTS["TYPOGRAPHY"]):
        return
    dashes = DASHES.get(settings.get("TYPOGRAPHY_DASHES", DEFAULTS["TYPOGRAPHY_DASHES"]))
    if dashes is None:  # check_settings() has reported it
        return
    if instance._content:
        instance._content = educate(instance._content, dashes)
    if "title" in instance.metadata:
        instance.title = instance.metadata["title"] = educate(instance.title, dashes)
    if "summary" in instance.metadata:
        instance._summary = instance.metadata["summary"] = educate(
            instance.metadata["summary"], dashes
        )


def register():
    signals.initialized.connect(check_settings)
    signals.content_object_init.connect(convert)
