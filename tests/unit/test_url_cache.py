"""url_cache stores the URL of every content, from every list Pelican keeps content in."""

from types import SimpleNamespace

from url_cache.url_cache import CONTENT_LISTS, fix_urls


class Content:
    def __init__(self, name):
        self.name, self.computed = name, 0

    @property
    def url(self):
        self.computed += 1
        return f"{self.name}/"


def test_each_url_is_worked_out_once_and_stored_where_pelican_looks_first():
    lists = {name: [Content(f"{name}-{i}") for i in range(2)] for name in CONTENT_LISTS}
    articles = SimpleNamespace(**{name: lists[name] for name in CONTENT_LISTS[:6]})
    pages = SimpleNamespace(**{name: lists[name] for name in CONTENT_LISTS[6:]})
    static = SimpleNamespace(staticfiles=[Content("static")])
    fix_urls([articles, pages, static])
    for contents in lists.values():
        for content in contents:
            assert (content.override_url, content.computed) == (f"{content.name}/", 1)
    assert not hasattr(static.staticfiles[0], "override_url")
