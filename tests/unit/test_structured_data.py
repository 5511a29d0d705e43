"""structured_data: JSON-LD objects built as data for each kind of page."""

import json
from datetime import datetime
from types import SimpleNamespace

from jinja2 import Environment
from structured_data.structured_data import structured_data

SITE = {
    "SITENAME": "Site",
    "SITEURL": "https://example.org",
    "SITESUBTITLE": "About things",
    "AUTHOR": "Ann",
    "DEFAULT_LANG": "en",
}


def render(**context):
    env = Environment(autoescape=True)
    env.globals["structured_data"] = structured_data
    template = env.from_string("{{ structured_data('https://example.org/x/', 'Said.') | tojson }}")
    return json.loads(template.render(**SITE, **context))


def an_article(series=None):
    return SimpleNamespace(
        title="A <b>title</b>",
        date=datetime(2026, 1, 2, 9, 0),
        modified=None,
        lang="en",
        category=SimpleNamespace(name="Cat", url="category/cat/"),
        tags=[SimpleNamespace(name="t1")],
        series=series,
    )


def test_an_article_is_a_blog_posting_with_breadcrumbs():
    posting, crumbs = render(article=an_article())
    assert posting["@type"] == "BlogPosting"
    assert posting["headline"] == "A <b>title</b>"  # data, not markup
    assert posting["description"] == "Said."
    assert posting["dateModified"] == posting["datePublished"] == "2026-01-02T09:00:00"
    assert posting["keywords"] == ["t1"]
    assert "isPartOf" not in posting
    assert [item["item"] for item in crumbs["itemListElement"]] == [
        "https://example.org/",
        "https://example.org/category/cat/",
        "https://example.org/x/",
    ]


def test_a_series_part_is_part_of_its_series():
    series = SimpleNamespace(name="S", url="series/s/", index=2)
    posting, _ = render(article=an_article(series))
    assert posting["isPartOf"]["url"] == "https://example.org/series/s/"
    assert posting["position"] == 2


def test_without_the_series_plugin_the_series_text_is_left_out():
    posting, _ = render(article=an_article("Some series"))
    assert "isPartOf" not in posting


def test_a_page_the_home_page_and_other_pages():
    (crumbs,) = render(page=SimpleNamespace(title="About"))
    assert crumbs["itemListElement"][-1] == {
        "@type": "ListItem",
        "position": 2,
        "name": "About",
        "item": "https://example.org/x/",
    }
    (website,) = render(page_name="index")
    assert (website["@type"], website["description"]) == ("WebSite", "About things")
    assert render(page_name="archives") == []
