"""Structured data (schema.org JSON-LD) for every page, built in Python as plain data.

Templates get one global, `structured_data(canonical, description)`: the list of JSON-LD
objects that describe the page being rendered (a BlogPosting and its breadcrumbs on an
article, breadcrumbs on a page, a CreativeWorkSeries on a series page, the WebSite on the home
page), which a template serialises once each with `tojson`. The theme passes the page's
canonical URL and description, which it also uses in its meta tags, so they say the same.
No settings; see README.md.
"""

from jinja2 import Undefined, pass_context
from pelican import signals

SCHEMA = "https://schema.org"


def _get(context, name):
    value = context.get(name)
    return None if isinstance(value, Undefined) else value


def _home(siteurl):
    return f"{siteurl}/"


def _publisher(context):
    siteurl = context["SITEURL"]
    return {
        "@type": "Organization",
        "name": context["SITENAME"],
        "url": _home(siteurl),
        "logo": {"@type": "ImageObject", "url": f"{siteurl}/theme/favicon.svg"},
    }


def _breadcrumbs(context, *trail):
    """A BreadcrumbList from the home page through (name, URL) pairs."""
    items = [(context["SITENAME"], _home(context["SITEURL"])), *trail]
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def article_data(context, article, canonical, description):
    siteurl = context["SITEURL"]
    posting = {
        "@context": SCHEMA,
        "@type": "BlogPosting",
        "headline": article.title,
        "description": description,
        "url": canonical,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "datePublished": article.date.isoformat(),
        "dateModified": (getattr(article, "modified", None) or article.date).isoformat(),
        "author": {"@type": "Organization", "name": context.get("AUTHOR"), "url": _home(siteurl)},
        "publisher": _publisher(context),
        "inLanguage": article.lang,
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in getattr(article, "tags", ())],
    }
    # Without the series plugin `series` is the raw metadata text, which has no URL.
    series = getattr(article, "series", None)
    if getattr(series, "url", None):
        posting["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": series.name,
            "url": f"{siteurl}/{series.url}",
        }
        posting["position"] = series.index
    category = (article.category.name, f"{siteurl}/{article.category.url}")
    return [posting, _breadcrumbs(context, category, (article.title, canonical))]


def series_data(context, series, canonical, description):
    siteurl = context["SITEURL"]
    return [
        {
            "@context": SCHEMA,
            "@type": "CreativeWorkSeries",
            "name": series.name,
            "description": description,
            "url": canonical,
            "inLanguage": series.lang,
            "publisher": _publisher(context),
            "hasPart": [
                {
                    "@type": "BlogPosting",
                    "headline": part.title,
                    "url": f"{siteurl}/{part.url}",
                    "position": part.index,
                }
                for part in series.all
            ],
        }
    ]


def website_data(context):
    return [
        {
            "@context": SCHEMA,
            "@type": "WebSite",
            "name": context["SITENAME"],
            "description": context.get("SITESUBTITLE"),
            "url": _home(context["SITEURL"]),
            "inLanguage": context["DEFAULT_LANG"],
            "publisher": _publisher(context),
        }
    ]


@pass_context
def structured_data(context, canonical, description):
    """The JSON-LD objects of the page being rendered (a list, maybe empty)."""
    article, page, series = (_get(context, name) for name in ("article", "page", "series"))
    if article is not None:
        return article_data(context, article, canonical, description)
    if page is not None:
        return [_breadcrumbs(context, (page.title, canonical))]
    if series is not None:
        return series_data(context, series, canonical, description)
    if context.get("page_name") == "index":
        return website_data(context)
    return []


def add_global(generator):
    """generator_init: make `structured_data` available to every template."""
    generator.env.globals["structured_data"] = structured_data


def register():
    signals.generator_init.connect(add_global)
