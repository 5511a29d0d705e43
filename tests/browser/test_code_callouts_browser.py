"""axe-core on code, admonitions and figures (which the real site does not use yet), light and
dark."""

import pytest

from tests.site.test_code_callouts import BODY
from tests.support import article, axe_violations
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
