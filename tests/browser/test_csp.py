"""The real site under the Content-Security-Policy it ships with (read from the built `_headers`),
in Chromium, light and dark: every page, the popup, the forms, navigation and the keyboard,
with zero violations. A control page proves the recorder sees violations at all."""

import pytest

from tests.support import Tab, write_files
from tools.static_server import StaticServer

# Init scripts run outside the page's policy, so this listener works even where the page's
# own inline script would be refused (the control test proves it).
RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
));
"""
PROVIDER = "https://buttondown.com/**"
THANKS = "/thank-you/"
PART_1 = "/referrals-start-with-service/"


class Watched:
    """A tab in a fresh context that records every CSP violation: the page's
    securitypolicyviolation events, and console reports (which also cover a document
    being left, such as a form's submission)."""

    def __init__(self, browser, base, **options):
        self.context = browser.new_context(**options)
        self.context.add_init_script(RECORDER)
        self.tab = Tab.open(self.context)
        self.page, self.base = self.tab.page, base
        self.events, self.console = [], []
        self.page.on(
            "console",
            lambda m: "Content Security Policy" in m.text and self.console.append(m.text),
        )

    def goto(self, path):
        self.collect()
        response = self.page.goto(self.base + path)
        assert response.ok, path
        return self

    def collect(self):
        """Keep the current document's violations; call before leaving it."""
        if self.page.url.startswith(self.base):
            self.events += self.page.evaluate("window.__cspViolations.splice(0)")

    def violations(self):
        self.collect()
        return self.events + self.console

    def assert_clean(self):
        assert self.violations() == []
        assert self.tab.console_errors == []
        # A request cut short by the next navigation (the icon, say) is not a failure.
        assert [r for r in self.tab.failed_requests if "ERR_ABORTED" not in r] == []

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def csp(site):
    return site.headers()["/*"]["Content-Security-Policy"]


@pytest.fixture(scope="module")
def strict_server(site, csp):
    with StaticServer(site.output, headers={"Content-Security-Policy": csp}) as server:
        yield server


def test_the_policy_is_the_strict_one(csp):
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == directives["style-src"] == "'self'"
    assert "unsafe" not in csp


def test_the_recorder_sees_violations(tmp_path, csp, watched):
    # Control: inline script, inline style and a post to a plain-http origin must each be
    # reported, or a clean result below would prove nothing.
    root = write_files(
        tmp_path,
        {
            "index.html": '<!doctype html><html lang="en"><title>Control</title>'
            "<style>p { color: red }</style><script>document.title = 'ran'</script>"
            '<p style="color: red">x</p>'
            '<form method="post" action="http://127.0.0.1:9/x"><button>Go</button></form>',
        },
    )
    with StaticServer(root, headers={"Content-Security-Policy": csp}) as server:
        tab = watched(server.url).goto("/")
        assert tab.page.title() == "Control"  # the inline script did not run
        # Sent from script: a click would wait for a navigation the policy never lets happen.
        tab.page.evaluate("document.forms[0].requestSubmit()")
        tab.page.wait_for_timeout(200)
        tab.collect()
    # Each through both channels, so that either one alone would catch a violation.
    assert len(tab.console) == 4, tab.console
    assert sorted(event.split()[0] for event in tab.events) == [
        "form-action",
        "script-src-elem",
        "style-src-attr",
        "style-src-elem",
    ]


SCHEMES = ["light", "dark"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_under_the_shipped_policy(site, strict_server, watched, scheme):
    tab = watched(strict_server.url, color_scheme=scheme)
    backgrounds = set()
    for path in site.html_pages():
        url = "/" + str(path.relative_to(site.output)).removesuffix("index.html")
        tab.goto(url)
        # The stylesheet applied (the scheme's own background), so the policy let it in.
        backgrounds.add(tab.page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert len(backgrounds) == 1
    assert backgrounds != {"rgba(0, 0, 0, 0)"}
    tab.assert_clean()


def provider_redirects_to_thanks(tab):
    """Stand in for the provider: its real address (allowed by form-action https:), answered
    with the redirect it is configured to send, to the thank-you page on the site."""
    posts = []

    def fulfil(route):
        posts.append(route.request.post_data)
        route.fulfill(status=303, headers={"Location": tab.base + THANKS})

    tab.page.route(PROVIDER, fulfil)
    return posts


@pytest.mark.parametrize("scheme", SCHEMES)
def test_popup_forms_navigation_and_keyboard_under_the_shipped_policy(
    strict_server, watched, scheme
):
    tab = watched(strict_server.url, color_scheme=scheme, viewport={"width": 1280, "height": 800})
    page = tab.page
    posts = provider_redirects_to_thanks(tab)
    dialog = page.locator("#subscribe-popup")

    # The popup, opened by the fragment, closed by the keyboard.
    tab.goto(PART_1 + "#subscribe")
    assert dialog.evaluate("d => d.open")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")

    # ...and by the navigation's Subscribe link; then signing up through it.
    page.locator("a.nav-subscribe").click()
    assert dialog.evaluate("d => d.matches(':modal')")
    page.locator("#nl-popup-email").fill("reader@example.org")
    tab.collect()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == tab.base + THANKS
    assert page.evaluate("localStorage.getItem('tp.submitted')")
    # A link from a feed or an email (or the confirmation) marks the reader a subscriber.
    tab.goto("/about/#subscriber")
    assert page.evaluate("localStorage.getItem('tp.subscribed')") == "1"

    # Series and post navigation, by keyboard and by mouse.
    tab.goto(PART_1)
    page.locator("a.series-next").focus()
    tab.collect()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    part_2 = page.url
    assert part_2 != tab.base + PART_1
    tab.collect()
    with page.expect_navigation():
        page.locator(".post-nav a[rel=prev]").click()
    assert page.url != part_2

    # A form in a page, with its first-name field, sent with the mouse.
    tab.goto("/free-practice-analysis/")
    form = page.locator("main form[data-newsletter-form]").first
    form.locator("input[type=text]:visible").fill("Sam")
    form.locator("input[type=email]").fill("sam@example.org")
    tab.collect()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == tab.base + THANKS

    assert len(posts) == 2
    tab.assert_clean()
