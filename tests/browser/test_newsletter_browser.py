"""Newsletter forms in headless Chromium, posting to a stand-in provider on 127.0.0.1:
every placement with JavaScript on and off, every provider preset, refused emails,
keyboard-only use, axe-core, the newsletter box of the lead-magnet form, one signup per
intent, and the subscriber signal."""

import http.server
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.site.test_newsletter_build import PRESETS, SIGNUP
from tests.support import axe_violations, build_into
from tools.static_server import LocalServer, StaticServer

EMAIL = "reader@example.org"
THANKS = "/thank-you/"
ARTICLE = "/evaluating-risk-in-a-small-business/"


@dataclass
class FormReceiver(LocalServer):
    """A stand-in provider: records every request and the fields of every POST (as
    parse_qs lists, blanks kept), and answers a POST with 303 See Other to `redirect`."""

    redirect: str = ""
    requests: list = field(default_factory=list)
    posts: list = field(default_factory=list)

    def handler(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                receiver.requests.append(("GET", self.path))
                self.send_error(404)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append(("POST", self.path))
                receiver.posts.append(parse_qs(body.decode(), keep_blank_values=True))
                self.send_response(303)
                self.send_header("Location", receiver.redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture(scope="module")
def provider():
    with FormReceiver() as receiver:
        yield receiver


@pytest.fixture(scope="module")
def live(tmp_path_factory, provider):
    """The real site, built once, its forms posting to the stand-in provider."""
    account = {"username": "thrivingpractice", "action": provider.url + "/subscribe"}
    build = build_into(tmp_path_factory.mktemp("newsletter") / "output", NEWSLETTER_ACCOUNT=account)
    assert build.errors == []
    with StaticServer(build.output) as server:
        yield server


@pytest.fixture(autouse=True)
def receiver(provider):
    """The stand-in provider, forgetting earlier tests; each test sets where it redirects."""
    provider.requests.clear()
    provider.posts.clear()
    return provider


def submit(page, form, fields, consent=False):
    for selector, value in fields.items():
        form.locator(selector).fill(value)
    if consent:
        form.locator("input[type=checkbox]").check()
    form.locator("button[type=submit]").click()


def stored_flag(page, key="subscribed"):
    return page.evaluate("key => localStorage.getItem('tp.' + key)", key)


NEWSLETTER_TAG = {"tag": ["newsletter"]}
PLACEMENTS = {
    "article end": (ARTICLE, "article-end", "newsletter", NEWSLETTER_TAG),
    "footer": ("/about/", "footer", "newsletter", NEWSLETTER_TAG),
    "newsletter page": ("/newsletter/", "page", "newsletter", NEWSLETTER_TAG),
    # Without its newsletter box ticked, the analysis alone: not the newsletter's tag.
    "lead magnet page": (
        "/free-practice-analysis/",
        "page",
        "practice-analysis",
        {"tag": ["practice-analysis"], "metadata__first_name": ["Ada"]},
    ),
}


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("case", PLACEMENTS.values(), ids=PLACEMENTS.keys())
def test_each_placement_posts_exactly_its_fields(live, receiver, new_tab, case, js):
    path, placement, name, extra = case
    receiver.redirect = live.url + THANKS
    tab = new_tab(java_script_enabled=js)
    tab.page.goto(live.url + path)
    form = tab.page.locator(f"form[data-newsletter-placement={placement}]")
    fields = {"input[type=email]": EMAIL}
    if "metadata__first_name" in extra:
        fields["input[autocomplete=given-name]"] = "Ada"
    submit(tab.page, form, fields)
    tab.page.wait_for_url(live.url + THANKS)
    assert receiver.posts == [
        {
            "embed": ["1"],
            "tag": extra["tag"],
            "metadata__source": [f"{name}:{placement}:{path}"],
            **({"metadata__first_name": ["Ada"]} if "metadata__first_name" in extra else {}),
            "email": [EMAIL],
        }
    ]
    # A submission is not a confirmed signup: it only snoozes the popup (JavaScript on).
    assert stored_flag(tab.page) is None
    assert (stored_flag(tab.page, "submitted") is not None) == js
    assert tab.console_errors == []


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("ticked", [False, True], ids=["analysis only", "and newsletter"])
def test_the_newsletter_box_of_the_lead_magnet_form_decides_the_newsletter_tag(
    live, receiver, new_tab, ticked, js
):
    receiver.redirect = live.url + THANKS
    tab = new_tab(java_script_enabled=js)
    tab.page.goto(live.url + "/free-practice-analysis/")
    form = tab.page.locator("form[data-newsletter-form=practice-analysis]")
    box = form.get_by_label("Also send me the newsletter", exact=False)
    assert not box.is_checked()  # never ticked for the reader
    assert box.get_attribute("required") is None  # the analysis does not depend on it
    if ticked:
        box.check()
    submit(tab.page, form, {"input[type=email]": EMAIL, "input[autocomplete=given-name]": "Ada"})
    tab.page.wait_for_url(live.url + THANKS)
    (post,) = receiver.posts
    assert post["tag"] == ["practice-analysis", "newsletter"] if ticked else ["practice-analysis"]


def test_one_signup_per_intent_double_click_and_double_enter(live, new_tab):
    posts = []
    tab = new_tab()
    page = tab.page
    # Answered without a new page, so that a second submit would really go out.
    page.route(
        "**/subscribe",
        lambda route: (posts.append(route.request.post_data), route.fulfill(status=204)),
    )
    page.clock.install()
    page.goto(live.url + "/newsletter/")
    form = page.locator("form[data-newsletter-placement=page]")
    form.locator("input[type=email]").fill(EMAIL)
    form.locator("button[type=submit]").dblclick()
    page.wait_for_timeout(500)  # lets a second POST, if any, reach the route
    assert len(posts) == 1
    assert form.locator("button[type=submit]").is_disabled()
    form.locator("input[type=email]").press("Enter")
    form.locator("input[type=email]").press("Enter")
    page.wait_for_timeout(500)
    assert len(posts) == 1
    # No new page came: after a while the reader may send it again, once.
    page.clock.fast_forward("00:16")
    assert form.locator("button[type=submit]").is_enabled()
    form.locator("button[type=submit]").dblclick()
    page.wait_for_timeout(500)
    assert len(posts) == 2
    assert tab.console_errors == []


def test_a_refused_signup_can_be_sent_again_after_going_back(live, receiver, new_tab):
    # The provider refuses (a typo it rejects): the reader goes back, corrects, sends again.
    tab = new_tab()
    page = tab.page
    page.route(
        "**/subscribe",
        lambda route: route.fulfill(status=400, body="Invalid email", content_type="text/html"),
    )
    page.goto(live.url + "/newsletter/")
    form = page.locator("form[data-newsletter-placement=page]")
    submit(page, form, {"input[type=email]": EMAIL})
    page.wait_for_url("**/subscribe")
    page.go_back()
    page.wait_for_url(live.url + "/newsletter/")
    assert form.locator("button[type=submit]").is_enabled()
    assert stored_flag(page) is None


@pytest.mark.parametrize("provider_name", PRESETS)
def test_each_provider_preset_posts_the_forms_fields(make_site, receiver, new_tab, provider_name):
    settings, _, named = PRESETS[provider_name]
    account = {**settings["NEWSLETTER_ACCOUNT"], "action": receiver.url + "/in"}
    build = make_site(
        {"pages/signup.md": SIGNUP},
        NEWSLETTER_PROVIDER=provider_name,
        NEWSLETTER_ACCOUNT=account,
        NEWSLETTER_FORMS=settings["NEWSLETTER_FORMS"],
    )
    assert build.errors == []
    with StaticServer(build.output) as site:
        tab = new_tab()
        tab.page.goto(site.url + "/signup/")
        form = tab.page.locator("form[data-newsletter-placement=page]")
        decoy = form.locator(".newsletter-trap input")
        trap = decoy.get_attribute("name") if decoy.count() else None
        fields = {"input[type=email]": EMAIL}
        if form.locator("input[autocomplete=given-name]").count():
            fields["input[autocomplete=given-name]"] = "Ada"
        receiver.redirect = site.url + "/"
        submit(tab.page, form, fields, consent=bool(form.locator("[type=checkbox]").count()))
        tab.page.wait_for_url(site.url + "/")
    # What the built form holds (tests/site checks it against the provider), as a browser
    # sends it: the typed values, the ticked box, and the bot trap empty.
    typed = {"email": [EMAIL], "text": ["Ada"], "checkbox": None, "hidden": None}
    expected = {}
    for name, kind, value in named:
        if name == "successRedirectUrl":
            continue  # only there with an absolute SITEURL, which this local site has not
        expected.setdefault(name, []).extend([""] if name == trap else typed[kind] or [value])
    assert receiver.posts == [expected]


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("email", ["", "not-an-email", "reader@"])
def test_an_empty_or_malformed_email_is_refused_by_the_browser(live, receiver, new_tab, email, js):
    tab = new_tab(java_script_enabled=js)
    tab.page.goto(live.url + "/newsletter/")
    form = tab.page.locator("form[data-newsletter-placement=page]")
    submit(tab.page, form, {"input[type=email]": email})
    tab.page.wait_for_timeout(300)
    assert tab.page.url == live.url + "/newsletter/"
    assert form.locator("input[type=email]").evaluate("el => el.validity.valid") is False
    assert receiver.requests == []
    if js:
        assert stored_flag(tab.page) is None


def focused(page):
    return page.evaluate(
        """() => { const el = document.activeElement;
            return {id: el.id, name: el.name || '', trap: !!el.closest('.newsletter-trap'),
                    outline: getComputedStyle(el).outlineStyle}; }"""
    )


def test_keyboard_only_signup_never_reaches_the_trap(make_site, receiver, new_tab):
    settings, _, _ = PRESETS["mailchimp"]
    account = {**settings["NEWSLETTER_ACCOUNT"], "action": receiver.url + "/in"}
    build = make_site(
        {"pages/signup.md": SIGNUP},
        NEWSLETTER_PROVIDER="mailchimp",
        NEWSLETTER_ACCOUNT=account,
        NEWSLETTER_FORMS=settings["NEWSLETTER_FORMS"],
    )
    assert build.errors == []
    with StaticServer(build.output) as site:
        receiver.redirect = site.url + "/"
        tab = new_tab()
        page = tab.page
        assert page.goto(site.url + "/signup/").ok
        visited = []
        while not visited or visited[-1]["id"] != "nl-page-first-name":
            page.keyboard.press("Tab")
            visited.append(focused(page))
            assert len(visited) < 50, visited
        page.keyboard.type("Ada")
        page.keyboard.press("Tab")
        page.keyboard.type(EMAIL)
        page.keyboard.press("Tab")
        page.keyboard.press("Space")  # the consent box
        page.keyboard.press("Tab")  # its privacy link
        page.keyboard.press("Tab")
        visited.append(focused(page))
        assert page.evaluate("document.activeElement.type") == "submit"
        page.keyboard.press("Enter")
        page.wait_for_url(site.url + "/")
    assert not any(v["trap"] for v in visited)
    assert all(v["outline"] != "none" for v in visited), "focus must be visible"
    assert receiver.posts[0]["EMAIL"] == [EMAIL]
    assert receiver.posts[0]["FNAME"] == ["Ada"]
    assert receiver.posts[0]["gdpr[7]"] == ["Y"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_on_a_form_with_every_feature(make_site, new_tab, scheme):
    settings, _, _ = PRESETS["mailchimp"]
    build = make_site({"pages/signup.md": SIGNUP}, NEWSLETTER_PROVIDER="mailchimp", **settings)
    assert build.errors == []
    with StaticServer(build.output) as site:
        tab = new_tab(color_scheme=scheme, viewport={"width": 390, "height": 900})
        assert tab.page.goto(site.url + "/signup/").ok
        assert axe_violations(tab.page) == []


@pytest.mark.parametrize("path", ["/free-practice-analysis/", ARTICLE, "/about/"])
def test_no_axe_violations_on_the_real_forms(live, new_tab, path):
    tab = new_tab()
    tab.page.goto(live.url + path)
    assert axe_violations(tab.page) == []


def test_nothing_is_requested_from_the_provider_before_a_submit(live, receiver, new_tab):
    tab = new_tab()
    hosts = set()
    tab.page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    for path in ("/newsletter/", "/free-practice-analysis/", ARTICLE):
        tab.page.goto(live.url + path, wait_until="networkidle")
    assert receiver.requests == []
    assert hosts == {urlsplit(live.url).netloc}


def test_a_submit_records_its_time_and_announces_itself(live, receiver, new_tab):
    receiver.redirect = live.url + "/about/"
    tab = new_tab()
    page = tab.page
    page.goto(live.url + "/newsletter/")
    assert stored_flag(page, "submitted") is None
    page.evaluate(
        """() => document.addEventListener('newsletter:submitted', event => {
            sessionStorage.setItem('event', JSON.stringify(
                [event.target.tagName, event.detail]));
        })"""
    )
    form = page.locator("form[data-newsletter-placement=page]")
    submit(page, form, {"input[type=email]": EMAIL})
    page.wait_for_url(live.url + "/about/")
    assert stored_flag(page, "submitted") is not None
    assert stored_flag(page) is None
    assert page.evaluate("JSON.parse(sessionStorage.getItem('event'))") == [
        "FORM",
        {"form": "newsletter", "placement": "page"},
    ]


@pytest.mark.parametrize(
    ("path", "flag"),
    [
        ("/thank-you/#subscriber", "1"),  # the provider's confirmation redirect
        (ARTICLE + "#subscriber", "1"),  # a link from a feed or a newsletter email
        ("/thank-you/", None),  # after a submit: not confirmed yet
        ("/thank-you/?subscribed=1", None),
    ],
)
def test_the_subscriber_fragment_sets_the_flag_and_leaves_the_address(live, new_tab, path, flag):
    tab = new_tab()
    requested = []
    tab.page.on("request", lambda request: requested.append(request.url))
    tab.page.goto(live.url + path)
    assert stored_flag(tab.page) == flag
    # Taken off at once: a copied or bookmarked address does not carry it, and the server
    # never sees it (browsers do not send fragments).
    assert "#" not in tab.page.url
    assert not any("subscriber" in url for url in requested)


def test_blocked_storage_does_not_stop_a_signup(live, receiver, new_tab):
    receiver.redirect = live.url + THANKS
    tab = new_tab()
    tab.page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }})"
    )
    tab.page.goto(live.url + "/newsletter/")
    submit(
        tab.page,
        tab.page.locator("form[data-newsletter-placement=page]"),
        {"input[type=email]": EMAIL},
    )
    tab.page.wait_for_url(live.url + THANKS)
    assert receiver.posts[0]["email"] == [EMAIL]
    assert tab.console_errors == []
