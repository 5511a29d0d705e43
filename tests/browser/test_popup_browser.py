"""The subscription popup in headless Chromium: when it opens (Playwright's clock stands in
for the reader's time) and when it never interrupts, how it closes and remembers, sessions
across tabs, signups that only snooze it, the subscriber signal, focus, the phone banner in
both orientations, accessibility, layout shift, CSP and the site without JavaScript."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.support import Tab, article, axe_violations
from tools.static_server import StaticServer

STANDALONE = "/evaluating-risk-in-a-small-business/"
SERIES_PART_1 = "/referrals-start-with-service/"
T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)
WIDE = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}

# Records the popup's events and every layout shift, before any page script runs.
RECORDER = """
window.popupEvents = [];
for (const name of ["shown", "dismissed", "submitted"])
  document.addEventListener("popup:" + name, e => popupEvents.push([name, e.detail || null]));
window.layoutShift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) layoutShift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


class Reader:
    """A tab on a page, with a fake clock and a record of third-party requests."""

    def __init__(self, tab, base):
        self.tab, self.page, self.base = tab, tab.page, base
        self.foreign = []
        self.page.on("request", lambda r: r.url.startswith(base) or self.foreign.append(r.url))
        self.page.add_init_script(RECORDER)
        self.page.clock.install(time=T0)

    def visit(self, path=STANDALONE):
        self.settle()
        assert self.page.goto(self.base + path).ok
        return self

    def settle(self):
        """Let the current page finish loading (its icon too), so leaving it aborts nothing."""
        if self.page.url != "about:blank":
            self.page.wait_for_load_state("networkidle")

    def new_session(self, at=None):
        """Come back after more than the session's 30 minutes, or `at` a later time."""
        later = self.page.evaluate("Date.now()") / 1000 + 31 * 60
        self.page.clock.set_system_time(at or datetime.fromtimestamp(later, UTC))
        self.reload()

    def reload(self):
        self.settle()
        self.page.reload()

    def scroll_to(self, share):
        """Scroll to `share` of the article, and return once the page has handled the scroll
        event (listeners run in order: the popup's, added first, has run)."""
        self.page.evaluate(
            """share => new Promise(done => {
              const body = document.querySelector(".post-body").getBoundingClientRect();
              const top = Math.max(
                0, Math.round(scrollY + body.top + body.height * share - innerHeight));
              if (Math.abs(top - scrollY) < 1) return done();
              addEventListener("scroll", () => done(), {once: true});
              scrollTo(0, top);
            })""",
            share,
        )

    def engage(self):
        self.scroll_to(0.6)
        self.page.clock.fast_forward("00:21")

    def state(self):
        return self.page.evaluate(
            """() => {
              const d = document.getElementById("subscribe-popup");
              return d.open ? (d.matches(":modal") ? "modal" : "banner") : "closed";
            }"""
        )

    def events(self):
        return self.page.evaluate("popupEvents")

    def last_event(self, name):
        """The latest event, once it is `name`: a dialog's close event arrives asynchronously."""
        self.page.wait_for_function("name => popupEvents.at(-1)[0] === name", arg=name)
        return self.events()[-1]

    def focused(self):
        return self.page.evaluate(
            "document.activeElement.id || document.activeElement.tagName.toLowerCase()"
        )

    def storage(self, key):
        return self.page.evaluate("key => localStorage.getItem(key)", key)

    def assert_clean(self):
        assert self.tab.console_errors == []
        assert self.tab.failed_requests == []
        assert self.foreign == []


@pytest.fixture
def reader(server, new_tab):
    def open_reader(**context):
        return Reader(new_tab(**{**WIDE, **context}), server.url)

    return open_reader


def test_it_does_not_open_on_arrival_nor_after_time_alone(reader):
    r = reader().visit()
    assert r.state() == "closed"
    r.page.clock.fast_forward("05:00")
    assert r.state() == "closed"
    r.scroll_to(0.3)  # not yet half the article
    r.page.clock.fast_forward("00:30")
    assert r.state() == "closed"
    r.assert_clean()


def test_it_opens_after_scrolling_half_the_article_and_20_seconds(reader):
    r = reader().visit()
    r.scroll_to(0.6)
    r.page.clock.fast_forward("00:10")
    assert r.state() == "closed"
    r.page.clock.fast_forward("00:11")
    assert r.state() == "modal"
    assert r.focused() == "nl-popup-email"
    assert r.events() == [["shown", {"trigger": "engagement", "banner": False}]]
    r.assert_clean()


def test_it_opens_at_most_once_per_session(reader):
    r = reader().visit()
    r.engage()
    assert r.state() == "modal"
    r.reload()  # the same session, never dismissed
    r.engage()
    assert r.state() == "closed"
    r.new_session()
    r.engage()
    assert r.state() == "modal"
    r.assert_clean()


def close_by(r, how):
    if how == "escape":
        r.page.keyboard.press("Escape")
    elif how == "backdrop":
        r.page.mouse.click(5, 5)
    else:
        r.page.locator(".popup-close").click()


@pytest.mark.parametrize("how", ["escape", "backdrop", "button"])
def test_every_way_of_closing_records_the_dismissal_for_30_days(reader, how):
    r = reader().visit()
    r.engage()
    close_by(r, how)
    assert r.state() == "closed"
    assert r.last_event("dismissed") == ["dismissed", {"how": how}]
    # The fake clock still runs at real speed between fast-forwards: allow for a slow machine.
    dismissed = datetime.fromtimestamp(int(r.storage("tp.popupDismissed")) / 1000, UTC)
    assert T0 + timedelta(seconds=21) <= dismissed < T0 + timedelta(minutes=2)

    r.new_session(at=T0 + timedelta(days=29))
    r.engage()
    assert r.state() == "closed"
    r.new_session(at=T0 + timedelta(days=31))
    r.engage()
    assert r.state() == "modal"
    r.assert_clean()


def test_a_click_inside_the_dialog_does_not_close_it(reader):
    r = reader().visit(STANDALONE + "#subscribe")
    r.page.locator("#subscribe-popup h2").click()
    r.page.locator("#subscribe-popup .popup-text").click()
    assert r.state() == "modal"


@pytest.mark.parametrize(
    "arrival", ["/thank-you/#subscriber", STANDALONE + "#subscriber"], ids=["confirmed", "feed"]
)
def test_never_again_after_the_confirmation_or_a_visit_from_a_feed(reader, arrival):
    r = reader().visit(arrival)
    assert r.storage("tp.subscribed") == "1"
    r.visit()
    r.engage()
    assert r.state() == "closed"
    r.new_session(at=T0 + timedelta(days=400))
    r.engage()
    assert r.state() == "closed"
    r.assert_clean()


def sign_up_in_the_popup(r, answer):
    """Submit the popup's form; the provider (intercepted: nothing leaves the machine)
    answers with `answer(route)`. Returns the POST bodies."""
    posts = []
    r.page.route(
        "https://buttondown.com/**",
        lambda route: (posts.append(route.request.post_data), answer(route)),
    )
    r.visit(STANDALONE + "#subscribe")
    r.settle()
    r.page.fill("#nl-popup-email", "reader@example.org")
    r.page.locator("#subscribe-popup button[type=submit]").click()
    return posts


def test_signing_up_in_the_popup_only_snoozes_it(reader):
    r = reader()
    posts = sign_up_in_the_popup(r, lambda route: route.fulfill(status=204))
    r.page.wait_for_function("popupEvents.some(e => e[0] === 'submitted')")
    (post,) = posts
    assert "email=reader%40example.org" in post
    assert r.storage("tp.subscribed") is None  # not confirmed yet
    assert r.storage("tp.popupDismissed") is None
    r.new_session(at=T0 + timedelta(days=1))
    r.visit(STANDALONE)
    r.engage()
    assert r.state() == "closed"
    # Never confirmed (a mistyped address): it asks again once the snooze is over.
    r.new_session(at=T0 + timedelta(days=3))
    r.engage()
    assert r.state() == "modal"
    assert r.tab.console_errors == []


def test_a_failed_signup_does_not_mark_the_reader_subscribed(reader):
    r = reader()
    sign_up_in_the_popup(
        r,
        lambda route: route.fulfill(
            status=400, content_type="text/html", body="<h1>Sorry, that address was refused</h1>"
        ),
    )
    r.page.wait_for_url("https://buttondown.com/**")
    assert "refused" in r.page.locator("h1").inner_text()
    r.new_session(at=T0 + timedelta(days=3))
    r.visit(STANDALONE)
    assert r.storage("tp.subscribed") is None
    r.engage()
    assert r.state() == "modal"


def test_the_subscribe_link_opens_it_on_request_even_after_a_dismissal(reader):
    r = reader().visit()
    r.page.evaluate("localStorage.setItem('tp.popupDismissed', Date.now())")
    r.page.locator("a.nav-subscribe").click()
    assert r.state() == "modal"
    assert r.page.url == r.base + STANDALONE
    assert r.events() == [["shown", {"trigger": "request", "banner": False}]]
    r.page.keyboard.press("Escape")
    # Any link to #subscribe, even one leading to another page without JavaScript.
    r.page.evaluate(
        """document.querySelector(".post-body p").insertAdjacentHTML(
             "beforeend", ' <a id="probe" href="/newsletter/#subscribe">Subscribe</a>')"""
    )
    r.page.locator("#probe").click()
    assert r.state() == "modal"
    assert r.page.url == r.base + STANDALONE
    r.assert_clean()


def test_the_subscribe_fragment_opens_it_at_once(reader):
    r = reader().visit(STANDALONE + "#subscribe")
    assert r.state() == "modal"
    assert r.focused() == "nl-popup-email"
    r.assert_clean()


def test_a_published_next_part_is_linked_not_offered(reader):
    r = reader().visit(SERIES_PART_1 + "#subscribe")
    dialog = r.page.get_by_role("dialog", name="Don't miss out")
    assert dialog.is_visible()
    link = dialog.get_by_role("link", name="Continue with part 2: The Case for Reaching Out")
    link.click()
    r.page.wait_for_url(r.base + "/the-case-for-reaching-out/")


def test_focus_moves_in_stays_in_and_returns_without_scrolling(reader):
    r = reader().visit()
    r.page.evaluate(
        """document.querySelectorAll(".post-body p")[6].insertAdjacentHTML(
             "beforeend", ' <a id="probe" href="#subscribe">Subscribe</a>')"""
    )
    r.page.locator("#probe").scroll_into_view_if_needed()
    r.page.focus("#probe")
    scrolled = r.page.evaluate("scrollY")
    r.page.keyboard.press("Enter")
    assert r.state() == "modal"
    assert r.focused() == "nl-popup-email"
    inside = "document.getElementById('subscribe-popup').contains(document.activeElement)"
    seen = set()
    for _ in range(8):
        r.page.keyboard.press("Tab")
        assert r.page.evaluate(inside)
        seen.add(r.page.evaluate("document.activeElement.outerHTML.slice(0, 40)"))
    assert len(seen) >= 3  # it really moved: email, button, privacy link, close
    r.page.focus("#nl-popup-email")
    r.page.keyboard.press("Shift+Tab")
    assert r.page.evaluate("document.activeElement.matches('.popup-close')")
    r.page.keyboard.press("Escape")
    assert r.focused() == "probe"
    assert r.page.evaluate("scrollY") == scrolled
    r.assert_clean()


def test_the_close_button_is_labelled_and_big_enough(reader):
    r = reader().visit(STANDALONE + "#subscribe")
    close = r.page.get_by_role("button", name="Close")
    box = close.bounding_box()
    assert box["width"] >= 24
    assert box["height"] >= 24


def test_phones_get_a_non_modal_banner_that_leaves_the_page_usable(reader):
    r = reader(**PHONE).visit()
    r.engage()
    assert r.state() == "banner"
    box = r.page.locator("#subscribe-popup").bounding_box()
    assert box["y"] + box["height"] == pytest.approx(844, abs=1)
    assert box["height"] <= 844 * 0.3
    assert r.focused() == "body"  # a banner that opened by itself takes no focus
    assert r.events() == [["shown", {"trigger": "engagement", "banner": True}]]
    # The page behind stays usable: its links can be reached and clicked.
    r.page.get_by_role("link", name="Archives").click(trial=True)
    # On request it takes the reader to its heading, still without raising the keyboard.
    r.page.locator("a.nav-subscribe").click()
    assert r.state() == "banner"
    assert r.focused() == "subscribe-popup-heading"
    r.page.keyboard.press("Escape")
    assert r.state() == "closed"
    assert r.last_event("dismissed") == ["dismissed", {"how": "escape"}]
    r.assert_clean()


PHONES = {
    "portrait": {"width": 320, "height": 568},
    "landscape": {"width": 568, "height": 320},
    "large landscape": {"width": 844, "height": 390},
}


@pytest.mark.parametrize("viewport", PHONES.values(), ids=PHONES.keys())
def test_a_phone_in_either_orientation_gets_a_small_banner_that_never_hides_the_next_part(
    reader, viewport
):
    r = reader(viewport=viewport, has_touch=True, is_mobile=True).visit(SERIES_PART_1)
    r.engage()
    assert r.state() == "banner"
    banner = r.page.locator("#subscribe-popup").bounding_box()
    assert banner["width"] * banner["height"] <= 0.3 * viewport["width"] * viewport["height"]
    assert r.focused() == "body"
    # Its form is all there: a field, the button and the privacy link can be reached.
    for name in ("#nl-popup-email", "button[type=submit]", ".newsletter-privacy a", ".popup-close"):
        r.page.locator("#subscribe-popup " + name).click(trial=True)
    # The way on stays in sight: brought into view, the next-part link is not under it.
    link = r.page.locator("a.series-next")
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box["y"] + box["height"] <= banner["y"]
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    assert r.page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('a.series-next') !== null", [x, y]
    )
    # And at the very end of the page nothing is left beneath the banner.
    r.page.evaluate("scrollTo(0, document.documentElement.scrollHeight)")
    footer = r.page.locator("footer").last.bounding_box()
    assert footer["y"] + footer["height"] <= banner["y"] + 1
    r.assert_clean()


@pytest.mark.parametrize(
    "viewport", [{"width": 1024, "height": 768}, {"width": 800, "height": 1280}]
)
def test_a_touch_screen_never_gets_focus_moved_by_itself_nor_to_a_field(reader, viewport):
    r = reader(viewport=viewport, has_touch=True, is_mobile=True).visit()
    r.engage()
    # A tablet too: opening by itself, it is the banner and leaves focus where it was.
    assert r.state() == "banner"
    assert r.focused() == "body"
    r.page.keyboard.press("Escape")
    r.page.locator("a.nav-subscribe").click()
    assert r.state() == "modal"  # on request there is room for the dialog
    assert r.focused() == "subscribe-popup-heading"
    r.assert_clean()


@pytest.mark.parametrize(
    "viewport",
    [
        {"width": 320, "height": 568},  # the narrowest phone
        {"width": 640, "height": 400},  # a 1280x800 window at 200% zoom
    ],
)
def test_usable_at_320_px_and_200_percent_zoom(reader, viewport):
    r = reader(viewport=viewport).visit(STANDALONE + "#subscribe")
    assert r.state() in ("modal", "banner")
    dialog = r.page.locator("#subscribe-popup")
    box = dialog.bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= viewport["width"]
    assert box["y"] + box["height"] <= viewport["height"] + 1
    assert r.page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert dialog.evaluate("d => d.scrollWidth <= d.clientWidth")
    # Everything in it can be reached (the dialog scrolls inside itself).
    for control in ("#nl-popup-email", "button[type=submit]", ".popup-close"):
        dialog.locator(control).click(trial=True)
    r.assert_clean()


@pytest.mark.parametrize("context", [WIDE, PHONE], ids=["modal", "banner"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_the_popup_open(reader, context, scheme):
    r = reader(**context, color_scheme=scheme).visit(SERIES_PART_1)
    r.engage()
    assert r.state() in ("modal", "banner")
    r.page.clock.resume()  # axe waits on timers of its own
    assert axe_violations(r.page) == []


def test_opening_shifts_no_layout(reader):
    r = reader(**PHONE).visit()
    r.scroll_to(0.6)
    before = r.page.evaluate("layoutShift")
    r.page.clock.fast_forward("00:21")
    assert r.state() == "banner"
    r.page.wait_for_timeout(100)
    assert r.page.evaluate("layoutShift") == before == 0


@pytest.mark.parametrize(
    ("motion", "animation"), [("reduce", "none"), ("no-preference", "popup-in")]
)
def test_reduced_motion_turns_the_animation_off(reader, motion, animation):
    r = reader(reduced_motion=motion).visit(STANDALONE + "#subscribe")
    name = r.page.evaluate(
        "getComputedStyle(document.getElementById('subscribe-popup')).animationName"
    )
    assert name == animation


def test_opens_on_its_own_under_the_shipped_content_security_policy(site, new_tab):
    csp = site.headers()["/*"]["Content-Security-Policy"]
    with StaticServer(site.output, headers={"Content-Security-Policy": csp}) as strict:
        r = Reader(new_tab(**WIDE), strict.url).visit()
        r.engage()
        assert r.state() == "modal"
        r.page.keyboard.press("Escape")
        assert r.state() == "closed"
        r.assert_clean()


@pytest.mark.parametrize(
    "path", ["/newsletter/", "/free-practice-analysis/", "/thank-you/", "/privacy/"]
)
def test_excluded_pages_have_no_popup_and_their_subscribe_link_is_a_link(reader, path):
    r = reader().visit(path + "#subscribe")
    assert r.page.locator("dialog").count() == 0
    assert not any("popup" in s for s in r.page.evaluate("[...document.scripts].map(s => s.src)"))
    r.settle()
    r.page.locator("a.nav-subscribe").click()
    r.page.wait_for_url(r.base + "/newsletter/")
    r.assert_clean()


def test_without_javascript_nothing_breaks(server, new_tab):
    tab = new_tab(java_script_enabled=False, **WIDE)
    tab.page.goto(server.url + STANDALONE + "#subscribe")
    assert tab.page.locator("#subscribe-popup").is_hidden()
    assert tab.page.locator("h1").is_visible()
    tab.page.wait_for_load_state("networkidle")  # leaving earlier would abort the icon's request
    tab.page.locator("a.nav-subscribe").click()
    tab.page.wait_for_url(server.url + "/newsletter/")
    assert tab.page.locator("main form[data-newsletter-form] input[type=email]").first.is_visible()
    assert tab.console_errors == []
    assert tab.failed_requests == []


def test_blocked_storage_keeps_it_quiet_without_errors(reader):
    r = reader()
    r.page.add_init_script(
        """for (const name of ["localStorage", "sessionStorage"])
             Object.defineProperty(window, name, {get() { throw new DOMException("denied"); }});"""
    )
    r.visit()
    r.scroll_to(0.6)
    r.page.clock.fast_forward("00:21")
    assert r.state() == "closed"  # it cannot tell whether the reader already subscribed
    r.page.locator("a.nav-subscribe").click()
    assert r.state() == "modal"
    r.page.keyboard.press("Escape")
    assert r.tab.console_errors == []


@pytest.mark.parametrize(("enabled", "expected"), [(False, "closed"), (True, "modal")])
def test_exit_intent_only_when_enabled(make_site, new_tab, enabled, expected):
    body = "\n\n".join(["A paragraph of the article, long enough to need scrolling."] * 80)
    build = make_site({"articles/a.md": article(body=body)}, NEWSLETTER_POPUP_EXIT_INTENT=enabled)
    assert build.errors == []
    with StaticServer(build.output) as tiny:
        r = Reader(new_tab(**WIDE), tiny.url).visit("/an-article/")
        r.page.clock.fast_forward("00:21")
        assert r.state() == "closed"  # time alone: no
        r.page.mouse.move(640, 300)
        r.page.evaluate(
            "document.documentElement.dispatchEvent("
            "new MouseEvent('mouseout', {bubbles: true, clientY: -1, relatedTarget: null}))"
        )
        assert r.state() == expected
        r.assert_clean()


# Never interrupt ----------------------------------------------------------------------------


def test_typing_in_a_form_then_scrolling_past_the_trigger_does_not_open_it(reader):
    r = reader().visit()
    field = r.page.locator("#nl-article-end-email")
    field.scroll_into_view_if_needed()
    field.click()
    field.press_sequentially("reader@exa")
    r.scroll_to(0.6)  # the form is out of sight, the reader still busy with it
    r.page.clock.fast_forward("00:21")
    assert r.state() == "closed"
    assert field.input_value() == "reader@exa"
    # Leaving the field with text in it still counts as using the form.
    r.page.locator("h1").click()
    r.page.clock.fast_forward("01:00")
    r.scroll_to(0.65)
    assert r.state() == "closed"
    assert r.events() == []
    r.assert_clean()


def test_a_focused_empty_field_or_a_recent_keystroke_holds_it_back(reader):
    r = reader().visit()
    r.page.evaluate(
        """document.querySelector(".post-body p").insertAdjacentHTML(
             "beforeend", ' <input id="probe" aria-label="Search">')"""
    )
    r.page.focus("#probe")
    r.engage()
    assert r.state() == "closed"
    r.page.keyboard.type("x")
    r.page.keyboard.press("Backspace")  # empty again
    r.page.locator("h1").click()  # and left
    r.scroll_to(0.62)
    assert r.state() == "closed"  # the last keystroke was under 10 s ago
    r.page.clock.fast_forward("00:11")
    r.scroll_to(0.64)
    assert r.state() == "modal"
    r.assert_clean()


def test_not_while_a_signup_form_is_in_view(reader):
    r = reader().visit()
    r.scroll_to(0.6)
    r.page.locator("#nl-article-end-email").scroll_into_view_if_needed()
    r.page.clock.fast_forward("00:21")
    assert r.state() == "closed"
    r.scroll_to(0.6)  # back up: the form is out of sight
    assert r.state() == "modal"


def test_two_tabs_of_one_browser_are_one_session(browser, server):
    context = browser.new_context(**WIDE)
    try:
        first = Reader(Tab.open(context), server.url).visit()
        first.engage()
        assert first.state() == "modal"
        second = Reader(Tab.open(context), server.url)
        second.page.clock.set_system_time(T0 + timedelta(minutes=5))
        second.visit()
        second.engage()
        assert second.state() == "closed"
        second.assert_clean()
    finally:
        context.close()


# Deliberate closing -------------------------------------------------------------------------


def test_selecting_text_and_releasing_over_the_backdrop_does_not_close_it(reader):
    r = reader().visit(STANDALONE + "#subscribe")
    field = r.page.locator("#nl-popup-email")
    field.fill("reader@example.org")
    box = field.bounding_box()
    r.page.mouse.move(box["x"] + box["width"] - 4, box["y"] + box["height"] / 2)
    r.page.mouse.down()
    r.page.mouse.move(5, 5, steps=5)  # out over the backdrop
    r.page.mouse.up()
    assert r.state() == "modal"
    # Pressed on the backdrop and released in the field: no more a request to close.
    r.page.mouse.move(5, 5)
    r.page.mouse.down()
    r.page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2, steps=5)
    r.page.mouse.up()
    assert r.state() == "modal"
    assert r.storage("tp.popupDismissed") is None
    assert field.input_value() == "reader@example.org"
    # A click on the backdrop itself still closes it, and is remembered.
    r.page.mouse.click(5, 5)
    assert r.last_event("dismissed") == ["dismissed", {"how": "backdrop"}]
    r.assert_clean()
