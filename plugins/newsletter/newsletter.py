"""Newsletter signup forms that post straight to the provider, with or without JavaScript.

The NEWSLETTER_* settings are validated once per build (forms.py, providers.py); errors
name the setting. Templates get `newsletter_form(name="newsletter")`, whose spec
`partials/newsletter_form.html` renders. In content, a paragraph that is only a marker,
`[newsletter]` or `[newsletter NAME]`, becomes that form. Each article and page also gets
the form its template places automatically: `newsletter_end` (articles) and
`newsletter_footer` (everything else), following the `Newsletter: off|NAME` metadata.
README.md documents every setting.
"""

import logging
import re

from pelican import signals
from pelican.contents import Article

from .forms import DEFAULT_FORM, load, unknown_settings

log = logging.getLogger(__name__)
# Pelican's loggers drop a warning already logged once in this process; a rebuild must report
# the same problems again.
log.disable_filter()

# Where the build's validated forms are kept: its settings, which every generator shares.
FORMS = "newsletter_forms"
TEMPLATE = "partials/newsletter_form.html"
# Markdown and reST wrap a marker on its own line in a paragraph of its own; one anywhere
# else (in code, in a sentence) is left alone.
MARKER = re.compile(r"<p>\[newsletter(?:\s+([^\]<]*))?\]</p>")
CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def load_forms(pelican):
    """initialized: validate the settings once per build."""
    for warning in unknown_settings(pelican.settings):
        log.warning("%s", warning)
    forms, errors = load(pelican.settings)
    for error in errors:
        log.error("%s", error)
    pelican.settings[FORMS] = forms


def add_template_global(generator):
    generator.env.globals["newsletter_form"] = generator.settings[FORMS].get


def _render_markers(content, forms, template, context):
    """Replace the markers in the content's HTML; return how many forms it now holds."""
    count = 0

    def render(match):
        nonlocal count
        name = (match.group(1) or "").strip() or DEFAULT_FORM
        if name not in forms.specs:
            log.error(
                "newsletter: %s: unknown form '%s' in marker [newsletter %s] (known: %s)",
                content.source_path,
                name,
                name,
                forms.known(),
            )
            return match.group(0)
        count += 1
        return template.render(
            {
                **context,
                "form": forms.specs[name],
                "placement": "page",
                # Ids stay unique when one body holds several forms.
                "id_prefix": "nl-page" if count == 1 else f"nl-page-{count}",
                "output_file": content.save_as,
            }
        )

    content._content = MARKER.sub(render, content._content)
    return count


def _automatic_form(content, forms):
    """The form named by the `Newsletter` metadata (default: the newsletter), or None."""
    name = str(getattr(content, "newsletter", DEFAULT_FORM)).strip()
    if name.lower() == "off":
        return None
    if name not in forms.specs:
        log.error(
            "newsletter: %s: unknown form '%s' in metadata 'Newsletter: %s' (known: %s; or off)",
            content.source_path,
            name,
            name,
            forms.known(),
        )
        return None
    return name


def place_forms(generator):
    """article_generator_finalized, page_generator_finalized: render the markers and decide
    each piece of content's automatic form."""
    forms = generator.settings[FORMS]
    template = generator.env.get_template(TEMPLATE)
    for content in (c for attr in CONTENT_LISTS for c in getattr(generator, attr, [])):
        in_body = _render_markers(content, forms, template, generator.context)
        name = _automatic_form(content, forms)
        is_article = isinstance(content, Article)
        content.newsletter_end = name if is_article else None
        # A page never shows two forms: the body's, or the article end's, come first. The page
        # readers land on after signing up does not ask them to sign up.
        content.newsletter_footer = (
            None if is_article or in_body or content.url == forms.thanks_path else name
        )


def register():
    signals.initialized.connect(load_forms)
    signals.generator_init.connect(add_template_global)
    signals.article_generator_finalized.connect(place_forms)
    signals.page_generator_finalized.connect(place_forms)
