"""Newsletter signup forms that post straight to the provider, and the subscription popup
that holds one, with one configuration (the NEWSLETTER_* settings).

The settings are validated once per build (`initialized`); problems name the setting.
Each generator gets the validated forms as `generator.newsletter` (never in Pelican's
settings or context), and templates get `newsletter_form(name)`, whose spec
`partials/newsletter_form.html` renders. That partial and `partials/popup.html` ship with
the plugin as fallbacks, so any theme (Pelican's default too) renders the forms; a theme's
own copies win.

In content, a paragraph that is only a marker, `[newsletter]` or `[newsletter NAME]`,
becomes a placeholder comment, so summaries, descriptions, feeds and listings hold no form;
the form is put in its place only in the content's own page, as that page is written.
Each article and page also gets the forms its template places: `newsletter_end` (articles)
and `newsletter_footer` (everything else), following the `Newsletter: off|NAME` metadata,
and `subscribe_popup` (popup.py). A body with a form gets neither an end form nor a popup.
README.md documents every setting.
"""

import re
from pathlib import Path

from jinja2 import FileSystemLoader
from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, PagesGenerator
from plugin_core import SettingsSpec, contents, plugin_logger, url_for

from . import forms, popup
from .providers import PROVIDERS

log = plugin_logger("newsletter", __name__)

# The popup was a plugin of its own, with SUBSCRIBE_POPUP_* settings; an upgraded site may
# still use them, and is told the current name.
SPEC = SettingsSpec(
    "NEWSLETTER_",
    {**forms.SETTINGS, **popup.SETTINGS},
    moved_prefixes={"SUBSCRIBE_POPUP_": popup.PREFIX},
)
TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "partials/newsletter_form.html"
# Markdown and reST wrap a marker on its own line in a paragraph of its own; one anywhere
# else (in code, in a sentence) is left alone.
# A paragraph of its own; spaces an editor leaves around it or inside the brackets, and the
# case of the word, do not matter (a near miss would otherwise be published as text).
MARKER = re.compile(r"<p>\s*\[\s*newsletter(?:\s+([^\]<]*))?\]\s*</p>", re.IGNORECASE)
PLACEHOLDER = re.compile(r"<!--newsletter-form-(\d+)-->")
# Links published in feeds and newsletter emails carry it; popup.js then leaves the reader be.
SUBSCRIBER_FRAGMENT = "#subscriber"


class Build:
    """What the plugin knows in one build: the validated settings and forms (pure)."""

    def __init__(self, settings):
        self.values, self.problems = SPEC.read(settings)
        self.forms, form_problems = forms.load(self.values, settings, settings_ok=not self.problems)
        self.problems += form_problems
        provider = self.values["NEWSLETTER_PROVIDER"]
        self.provider = PROVIDERS[provider.lower()].label if provider else None


def validate(pelican):
    """initialized: log every settings problem, once per build."""
    SPEC.check_names(pelican.settings, log)
    for problem in Build(pelican.settings).problems:
        log.error("%s", problem)


def setup(generator):
    """generator_init: the build's forms on the generator, the templates' globals, and the
    plugin's templates as the theme's fallback."""
    generator.newsletter = Build(generator.settings)
    # For the feeds plugin (or any other), which sees the context but not the templates' globals.
    generator.context["newsletter_subscriber_fragment"] = SUBSCRIBER_FRAGMENT
    generator.env.loader.loaders.append(FileSystemLoader(str(TEMPLATES)))
    generator.env.globals.update(
        newsletter_form=generator.newsletter.forms.get,
        newsletter_page_url=url_for,
        newsletter_subscriber_fragment=SUBSCRIBER_FRAGMENT,
        newsletter_privacy={
            "controller": generator.newsletter.values["NEWSLETTER_DATA_CONTROLLER"],
            "provider": generator.newsletter.provider,
        },
    )


def _render_markers(content, forms_, template, context):
    """Replace the markers in the content's HTML with placeholders, and keep the rendered
    forms on the content for its own page; return how many forms its body holds."""
    rendered = []

    def render(match):
        name = (match.group(1) or "").strip() or forms.DEFAULT_FORM
        if name not in forms_.specs:
            log.error(
                "%s: unknown form '%s' in marker [newsletter %s] (known: %s)",
                content.source_path,
                name,
                name,
                forms_.known(),
            )
            return ""
        count = len(rendered) + 1
        rendered.append(
            template.render(
                {
                    **context,
                    "form": forms_.specs[name],
                    "placement": "page",
                    # Ids stay unique when one body holds several forms.
                    "id_prefix": "nl-page" if count == 1 else f"nl-page-{count}",
                    "output_file": content.save_as,
                }
            )
        )
        return f"<!--newsletter-form-{count - 1}-->"

    content._content = MARKER.sub(render, content._content)
    content.newsletter_forms = tuple(rendered)
    return len(rendered)


def _automatic_form(content, forms_):
    """The form named by the `Newsletter` metadata (default: the newsletter), or None."""
    name = str(getattr(content, "newsletter", forms.DEFAULT_FORM)).strip()
    if name.lower() == "off":
        return None
    if name not in forms_.specs:
        log.error(
            "%s: unknown form '%s' in metadata 'Newsletter: %s' (known: %s; or off)",
            content.source_path,
            name,
            name,
            forms_.known(),
        )
        return None
    return name


def _text_besides_forms(content):
    return PLACEHOLDER.sub("", content._content).strip()


def place_forms(generator):
    """article_generator_finalized, page_generator_finalized: the markers, and each piece of
    content's automatic form."""
    forms_ = generator.newsletter.forms
    template = generator.env.get_template(TEMPLATE)
    for content in contents(generator):
        in_body = _render_markers(content, forms_, template, generator.context)
        if in_body and "summary" not in content.metadata and not _text_besides_forms(content):
            log.warning(
                "%s: the text is only a signup form, so there is no summary: its meta and "
                "link-preview descriptions fall back to SITESUBTITLE, its listing and feed "
                "entry say nothing; add a 'Summary:' line",
                content.source_path,
            )
        name = _automatic_form(content, forms_)
        is_article = isinstance(content, Article)
        # A page never shows the same form twice: a form in the body replaces the automatic
        # one. The page readers land on after signing up does not ask them to sign up.
        content.newsletter_end = name if is_article and not in_body else None
        content.newsletter_footer = (
            None if is_article or in_body or content.url == forms_.thanks_path else name
        )


def attach_popups(generators):
    """all_generators_finalized: every published article and page gets its popup (or None),
    once the series plugin has linked the parts, whatever its place in PLUGINS."""
    build = next(g.newsletter for g in generators if hasattr(g, "newsletter"))
    values = build.values
    spec = build.forms.specs.get(forms.DEFAULT_FORM)
    for generator in generators:
        is_page = isinstance(generator, PagesGenerator)
        if not (is_page or isinstance(generator, ArticlesGenerator)):
            continue
        for content in contents(generator):
            content.subscribe_popup = None
            problem = popup.switch_problem(content)
            if problem:
                # Checked on every page, though one with a form of its own gets no popup.
                log.error("%s: %s", content.source_path, problem)
                continue
            # A body with a form of its own already asks: the popup would ask twice.
            if not values["NEWSLETTER_POPUP"] or getattr(content, "newsletter_forms", ()):
                continue
            content.subscribe_popup = popup.popup_for(
                values, content, spec and spec.series_field, is_page
            )


def write_forms(path, context):
    """content_written: put each form of the content's body in its placeholder, in the
    content's own page only (listings and feeds keep the text without forms)."""
    entry = context.get("article") or context.get("page")
    rendered = getattr(entry, "newsletter_forms", None)
    if not rendered or not Path(path).as_posix().endswith(entry.save_as):
        return
    target = Path(path)
    html = target.read_text(encoding="utf-8")
    target.write_text(PLACEHOLDER.sub(lambda m: rendered[int(m.group(1))], html), encoding="utf-8")


def register():
    signals.initialized.connect(validate)
    signals.generator_init.connect(setup)
    signals.article_generator_finalized.connect(place_forms)
    signals.page_generator_finalized.connect(place_forms)
    signals.all_generators_finalized.connect(attach_popups)
    signals.content_written.connect(write_forms)
