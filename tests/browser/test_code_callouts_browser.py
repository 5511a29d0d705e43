"""axe-core on code, admonitions and figures (which the real site does not use yet), light and
dark."""

import pytest

from tests.site.test_code_callouts import BODY
from tests.support import article, axe_violations, build_into, tiny_content, write_files
from tools.static_server import StaticServer


@pytest.fixture
def callouts_site(make_site):
    build = make_site({"articles/a.md": article(Slug="a", body=BODY)})
    assert build.errors == []
    with StaticServer(build.output) as server:
        yield server


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_and_callouts_pass_axe(callouts_site, new_tab, scheme):
    tab = new_tab(viewport={"width": 390, "height": 900}, color_scheme=scheme)
    assert tab.page.goto(callouts_site.url + "/a/").ok
    assert axe_violations(tab.page) == []
    colour = tab.page.eval_on_selector(".highlight .k", "e => getComputedStyle(e).color")
    text = tab.page.eval_on_selector(".post-body p", "e => getComputedStyle(e).color")
    assert colour != text  # highlighted, not plain


# Our own lines, with a token of most kinds: comments, a decorator, strings, numbers,
# keywords of several sorts, builtins, names of functions, classes and magic methods.
RST_TOKENS = '''Tokens
######

:date: 2026-01-02 09:00
:category: Tests
:slug: tokens

.. code:: python

    #!/usr/bin/env python
    """Fees, as a module."""
    import math
    from functools import cache


    @cache
    class Fee(object):
        RATE = 0x5A + 1.5e2  # per hour

        def __init__(self, hours: int = 3) -> None:
            self.hours = hours if hours is not None else len("x\\n")
            print(f"{self.hours!r} hours", b"ok", True, math.pi, ...)
'''
STYLES = """() => [...document.querySelectorAll('pre.code span')].map(e => {
    const s = getComputedStyle(e);
    return [e.className, s.color, s.fontWeight, s.fontStyle];
})"""


def test_restructuredtext_long_token_names_look_exactly_like_short_ones(tmp_path, new_tab):
    """docutils' `syntax_highlight`, "short" (Pelican's) or "long", changes the markup only:
    every token of the same code has the same colour, weight and style, light and dark."""
    content = write_files(tmp_path / "content", tiny_content({"articles/t.rst": RST_TOKENS}))
    builds = [
        build_into(tmp_path / name, PATH=str(content), DOCUTILS_SETTINGS={"syntax_highlight": name})
        for name in ("short", "long")
    ]
    assert [build.errors for build in builds] == [[], []]
    assert builds[1].soup("/tokens/").select("pre.code span.keyword.namespace")
    for scheme in ("light", "dark"):
        styles = []
        for build in builds:
            with StaticServer(build.output) as server:
                tab = new_tab(color_scheme=scheme)
                assert tab.page.goto(server.url + "/tokens/").ok
                styles.append(tab.page.evaluate(STYLES))
        short, long = styles
        assert len(short) == len(long) > 40
        assert len({colour for _, colour, _, _ in short}) >= 5, "barely highlighted"
        for (short_name, *short_style), (long_name, *long_style) in zip(short, long, strict=True):
            assert short_style == long_style, (scheme, short_name, long_name)
