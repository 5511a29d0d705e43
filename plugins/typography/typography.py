"""Typographic quotes, apostrophes, dashes and ellipses from plain typing.

The rules are SmartyPants' (the `smartypants` library, which Pelican's TYPOGRIFY
setting runs through typogrify): its conversion functions do all the work. Two
things differ from calling `smartypants.smartypants()` on the page:

- Characters, not entities. Pelican's TYPOGRIFY writes `&#8220;` into titles, and a
  theme that escapes every title (as ours does) then shows the entity literally.
- Speed. `smartypants()` runs a dozen regular expressions over every run of text
  between two tags, even a lone line break: 15% of a build at 1,000 articles. Here
  the runs that hold a character some rule acts on are joined, once per page, and the
  quote rules run over the words that hold a quote only: six times faster, the same
  output (tests/unit/test_typography.py compares the two on whole pages), except that
  HTML comments are left alone (`smartypants()` converts one that holds `--`). `make
  bench` reports the cost as a/e; the budget is 5% of the build.

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
# Joins the runs of a page so that each rule runs once per page, not once per run. To every
# rule, "[" reads as the edge of a run (nothing before a quote, nothing after it), and no rule
# changes it; the NUL cannot be in a page.
SEPARATOR = "[\0["
WORD_SEPARATOR = "[\1["
# A run that starts with a quote and then punctuation: SmartyPants closes that quote only at
# the very start of a run, so such a run is converted on its own.
# A word (from whitespace to whitespace) with a quote in it.
QUOTED_WORD = re.compile(r"""(?<!\S)[^\s'"]*+['"]\S*""")
QUOTE_THEN_PUNCTUATION = re.compile(r"""['"][!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]""")


def convert_text(text, dashes):
    """SmartyPants' conversions of a run of text (or of runs joined by SEPARATOR)."""
    if "\\" in text:
        text = smartypants.process_escapes(text)
    # reStructuredText (docutils) writes every " in text as &quot;.
    text = text.replace("&quot;", '"')
    if "--" in text:
        text = dashes(text)
    if "." in text:
        text = smartypants.convert_ellipses(text)
    if "``" in text or "''" in text:
        text = smartypants.convert_backticks(text)
    if "'" in text or '"' in text:
        text = convert_quotes(text)
    return smartypants.convert_entities(text, ENTITIES_AS_CHARACTERS)


def convert_quotes(text):
    """smartypants.convert_quotes(text), run over the words that hold a quote only.

    Its rules look at most one character past the word a quote is in (a space before it,
    a space, `s` or digit after it), so each such word, with the whitespace before it and
    the character after it, is converted as it would be in the whole text; the words are
    joined by WORD_SEPARATOR (SEPARATOR's twin), so the rules still run once per page.
    """
    if WORD_SEPARATOR in text:
        return smartypants.convert_quotes(text)
    words = [(m.start(), m.end()) for m in QUOTED_WORD.finditer(text)]
    windows = WORD_SEPARATOR.join(text[max(start - 1, 0) : end + 1] for start, end in words)
    converted = smartypants.convert_quotes(windows).split(WORD_SEPARATOR)
    out, done = [], 0
    for (start, end), window in zip(words, converted, strict=True):
        # The characters either side of the word were context only (no rule changes them).
        out += [text[done:start], window[start > 0 : len(window) - (end < len(text))]]
        done = end
    out.append(text[done:])
    return "".join(out)


def lone_quote(quote, previous):
    """A run that is only a quote, between two tags: its side depends on what came before."""
    if previous.strip():
        return "\u2019" if quote == "'" else "\u201d"
    return "\u2018" if quote == "'" else "\u201c"


def educate(html, dashes):
    """`html` with SmartyPants' typography, outside code, as characters."""
    # Text and tags alternate: even items are runs of text (maybe empty), odd ones tags.
    parts = TAG.split(html)
    skipping, previous, batch = [], "", []
    for position, part in enumerate(parts):
        if position % 2:
            skipped = SKIPPED.match(part)
            if skipped and not skipped.group(1):
                skipping.append(skipped.group(2).lower())
            elif skipped and skipping and skipping[-1] == skipped.group(2).lower():
                skipping.pop()
            continue
        if not part:
            continue
        if not skipping and ACTED_ON.search(part):
            if part in ("'", '"'):
                parts[position] = lone_quote(part, previous)
            elif QUOTE_THEN_PUNCTUATION.match(part) or "\0" in part:
                parts[position] = convert_text(part, dashes)
            else:
                batch.append(position)
        previous = part[-1]
    if batch:
        converted = convert_text(SEPARATOR.join(parts[i] for i in batch), dashes)
        for position, text in zip(batch, converted.split(SEPARATOR), strict=True):
            parts[position] = text
    return "".join(parts)


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
