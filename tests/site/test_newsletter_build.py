"""Newsletter forms in the built HTML: provider presets, placements, markers, escaping and
build errors."""

import json
import logging

import pytest
from pelican.settings import DEFAULT_CONFIG

from tests.support import article

BUTTONDOWN = "https://buttondown.com/api/emails/embed-subscribe/thrivingpractice"
SIGNUP = "Title: Signup\nSlug: signup\n\nIntro.\n\n[newsletter]\n\nMore.\n"

# provider: (settings, action, [(name, type, value) of every named input, in order])
PRESETS = {
    "buttondown": (
        {
            "NEWSLETTER_ACCOUNT": {"username": "tp"},
            "NEWSLETTER_FORMS": {"newsletter": {"first_name": True, "tags": ["a", "b"]}},
        },
        "https://buttondown.com/api/emails/embed-subscribe/tp",
        [
            ("embed", "hidden", "1"),
            ("tag", "hidden", "a"),
            ("tag", "hidden", "b"),
            ("metadata__source", "hidden", "newsletter:page:/signup/"),
            ("metadata__first_name", "text", ""),
            ("email", "email", ""),
        ],
    ),
    "mailchimp": (
        {
            "NEWSLETTER_ACCOUNT": {"dc": "us21", "u": "abc", "id": "def", "gdpr_id": "7"},
            "NEWSLETTER_FORMS": {
                "newsletter": {"first_name": True, "tags": ["101", "102"], "consent": "I agree"}
            },
        },
        "https://us21.list-manage.com/subscribe/post?u=abc&id=def",
        [
            ("tags", "hidden", "101,102"),
            ("b_abc_def", "text", ""),
            ("FNAME", "text", ""),
            ("EMAIL", "email", ""),
            ("gdpr[7]", "checkbox", "Y"),
        ],
    ),
    "kit": (
        {
            "NEWSLETTER_ACCOUNT": {"form_id": "1234"},
            "NEWSLETTER_FORMS": {"newsletter": {"first_name": True}},
        },
        "https://app.convertkit.com/forms/1234/subscriptions",
        [("fields[first_name]", "text", ""), ("email_address", "email", "")],
    ),
    "emailoctopus": (
        {
            "NEWSLETTER_ACCOUNT": {"list_id": "0a1b"},
            "NEWSLETTER_FORMS": {"newsletter": {"first_name": True, "consent": "I agree"}},
            "SITEURL": "https://example.org",
        },
        "https://emailoctopus.com/lists/0a1b/members/external-add",
        [
            ("successRedirectUrl", "hidden", "https://example.org/thank-you/"),
            ("hp0a1b", "text", ""),
            ("FirstName", "text", ""),
            ("field_0", "email", ""),
            ("consent", "checkbox", "yes"),
        ],
    ),
    "listmonk": (
        {
            "NEWSLETTER_ACCOUNT": {"url": "https://lists.example.org", "lists": ["u1", "u2"]},
            "NEWSLETTER_FORMS": {"newsletter": {"first_name": True}},
        },
        "https://lists.example.org/subscription/form",
        [
            ("l", "hidden", "u1"),
            ("l", "hidden", "u2"),
            ("nonce", "text", ""),
            ("name", "text", ""),
            ("email", "email", ""),
        ],
    ),
    "generic": (
        {
            "NEWSLETTER_ACCOUNT": {"action": "https://example.org/in", "hidden": {"list": "main"}},
            "NEWSLETTER_FORMS": {"newsletter": {"tags": ["t"], "consent": "I agree"}},
        },
        "https://example.org/in",
        [
            ("list", "hidden", "main"),
            ("tag", "hidden", "t"),
            ("source", "hidden", "newsletter:page:/signup/"),
            ("website", "text", ""),
            ("email", "email", ""),
            ("consent", "checkbox", "yes"),
        ],
    ),
}


def named_inputs(form):
    return [(i["name"], i["type"], i.get("value", "")) for i in form.select("input[name]")]


def body_forms(soup):
    """The forms a reader sees on arrival (the popup's dialog is closed)."""
    return [f for f in soup.select("form[data-newsletter-form]") if not f.find_parent("dialog")]


def placements(soup):
    return [(f["data-newsletter-form"], f["data-newsletter-placement"]) for f in body_forms(soup)]


def assert_well_formed(form):
    """What every form must be, whatever the provider."""
    assert form["method"] == "post"
    trap = form.select_one(".newsletter-trap")
    for field in form.select("input:not([type=hidden]), button"):
        if trap and field in trap.descendants:
            continue
        assert field.name == "button" or form.select_one(f'label[for="{field["id"]}"]'), field
    email = form.select_one("input[type=email]")
    assert email["autocomplete"] == "email"
    assert email.has_attr("required")
    consent = form.select_one(".newsletter-consent:not(.newsletter-optin) input[type=checkbox]")
    if consent:
        assert consent.has_attr("required")
        assert not consent.has_attr("checked")
        assert consent.find_parent("p").select_one("a[href]")
    # The newsletter box of a lead-magnet form: asked apart, never ticked, never required.
    optin = form.select_one(".newsletter-optin input[type=checkbox]")
    if optin:
        assert not optin.has_attr("checked")
        assert not optin.has_attr("required")
    if trap:
        assert trap["aria-hidden"] == "true"
        (decoy,) = trap.select("input")
        assert (decoy["type"], decoy["tabindex"], decoy["autocomplete"]) == ("text", "-1", "off")
        assert decoy["value"] == ""
    privacy = form.select_one(".newsletter-privacy")
    assert privacy["id"].startswith("nl-" + form["data-newsletter-placement"])
    assert privacy["id"].endswith("-privacy")
    assert privacy.select_one("a[href]")
    assert form.select_one("[role=status][data-newsletter-status]")


@pytest.mark.parametrize("provider", PRESETS)
def test_provider_preset_in_the_built_form(make_site, provider):
    overrides, action, expected = PRESETS[provider]
    build = make_site({"pages/signup.md": SIGNUP}, NEWSLETTER_PROVIDER=provider, **overrides)
    assert build.errors == []
    (form,) = body_forms(build.soup("/signup/"))
    assert form["action"] == action
    assert named_inputs(form) == expected
    assert_well_formed(form)


def test_every_form_on_the_real_site_is_well_formed_and_posts_to_buttondown(site):
    count = 0
    for url, soup in site.pages():
        for form in soup.select("form[data-newsletter-form]"):
            assert form["action"] == BUTTONDOWN, url
            assert_well_formed(form)
            count += 1
    assert count > 20


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", [("newsletter", "footer")]),
        ("/about/", [("newsletter", "footer")]),
        ("/archives/", [("newsletter", "footer")]),
        ("/404.html", [("newsletter", "footer")]),
        ("/evaluating-risk-in-a-small-business/", [("newsletter", "article-end")]),
        ("/the-case-for-reaching-out/", [("newsletter", "article-end")]),
        ("/newsletter/", [("newsletter", "page")]),
        ("/free-practice-analysis/", [("practice-analysis", "page")]),
        ("/thank-you/", []),
    ],
)
def test_placements_on_the_real_site(site, path, expected):
    assert placements(site.soup(path)) == expected


def test_no_page_shows_the_same_form_twice(site):
    for url, soup in site.pages():
        names = [name for name, _ in placements(soup)]
        assert len(names) == len(set(names)), url


def test_the_lead_magnet_form_asks_for_a_first_name_and_tags_the_signup(site):
    (form,) = body_forms(site.soup("/free-practice-analysis/"))
    assert form.h2.get_text() == "Request your free practice analysis"
    assert form.select_one("#nl-page-first-name")["name"] == "metadata__first_name"
    assert ("tag", "hidden", "practice-analysis") in named_inputs(form)
    assert (
        "metadata__source",
        "hidden",
        "practice-analysis:page:/free-practice-analysis/",
    ) in named_inputs(form)
    assert form.button.get_text() == "Send me the questionnaire"


def test_nothing_loads_from_the_provider_or_any_other_site(site):
    """Only the forms' actions leave the site; scripts, styles and images are our own."""
    for page, soup in site.pages():
        for tag in soup.select("script[src], link[href][rel~=stylesheet], img, iframe"):
            url = tag.get("src") or tag.get("href")
            # "//host/x.js" would load from another site.
            assert url.startswith("/"), (page, url)
            assert not url.startswith("//"), (page, url)
        if body_forms(soup):
            (script,) = soup.select("script[src]")
            assert script.has_attr("defer")
            bundle = site.output / script["src"].lstrip("/")
            assert "#subscriber" in bundle.read_text(encoding="utf-8")


def test_markers_only_as_their_own_paragraph(make_site):
    body = (
        "Text.\n\n[newsletter]\n\n    [newsletter]\n\n```\n[newsletter]\n```\n\n"
        "Use `[newsletter]` or write [newsletter] in a sentence.\n\n[newsletter lead]\n"
    )
    build = make_site(
        {"pages/signup.md": f"Title: Signup\n\n{body}"},
        NEWSLETTER_FORMS={"lead": {"heading": "Lead"}},
    )
    assert build.errors == []
    soup = build.soup("/signup/")
    assert placements(soup) == [("newsletter", "page"), ("lead", "page")]
    # Ids stay unique: the second form in one body is numbered.
    assert [i["id"] for i in soup.select("input[type=email]")] == [
        "nl-page-email",
        "nl-page-2-email",
    ]
    assert soup.select_one("#nl-page-2-heading").get_text() == "Lead"
    assert [c.get_text() for c in soup.select("code")] == ["[newsletter]\n"] * 2 + ["[newsletter]"]
    assert "write [newsletter] in a sentence" in soup.get_text()


# What a form or a marker would leave. The placeholder the page fills in (an HTML comment) may
# stay in feeds: readers show nothing of it.
FORM_WORDS = ("Email address", "Subscribe", "Get the newsletter", "<form", "<input", "[newsletter")


def test_a_marker_never_reaches_descriptions_listings_or_feeds(make_site):
    # No Summary: Pelican computes one from the text, which must be the text without forms.
    body = "Opening words of the article.\n\n[newsletter]\n\nClosing words of the article."
    build = make_site({"articles/m.md": article("Marked", body=body)}, SUMMARY_MAX_LENGTH=None)
    assert build.errors == []
    page = build.soup("/marked/")
    # The page itself: the form once, where the marker was, and no end-of-article form.
    assert placements(page) == [("newsletter", "page")]
    body_text = page.select_one(".post-body").get_text(" ", strip=True)
    assert body_text.index("Opening words") < body_text.index("Email address")
    assert body_text.index("Email address") < body_text.index("Closing words")
    head = [
        page.select_one("meta[name=description]")["content"],
        page.select_one("meta[property='og:description']")["content"],
        page.select_one("script[type='application/ld+json']").string,
    ]
    assert all("Closing words" in value or "Opening words" in value for value in head)
    listing = build.soup("/").select_one("main")
    assert "Opening words" in listing.get_text()
    feeds = [p.read_text(encoding="utf-8") for p in (build.output / "feeds").rglob("*.xml")]
    assert feeds
    assert all("Closing words" in feed for feed in feeds)
    for where in (*head, str(listing), *feeds):
        for words in FORM_WORDS:
            assert words not in where, (words, where[:300])


def test_an_article_that_is_only_a_form_describes_itself_with_the_site(make_site, caplog):
    # A signup article with no words of its own and no Summary: no empty description tags.
    subtitle = "Advice for practices"
    with caplog.at_level(logging.WARNING):
        build = make_site(
            {"articles/join.md": article("Join us", body="[newsletter]")}, SITESUBTITLE=subtitle
        )
    assert build.errors == []
    page = build.soup("/join-us/")
    assert page.select_one("meta[name=description]")["content"] == subtitle
    assert page.select_one("meta[property='og:description']")["content"] == subtitle
    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    posting = next(
        d for d in (data if isinstance(data, list) else [data]) if d["@type"] == "BlogPosting"
    )
    assert posting["description"] == subtitle
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(
        "join.md: the text is only a signup form" in m and "add a 'Summary:' line" in m
        for m in warnings
    ), warnings
    # With a Summary, that is the description, and nothing is said.
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        build = make_site(
            {"articles/join.md": article("Join us", body="[newsletter]", Summary="Sign up.")}
        )
    assert build.soup("/join-us/").select_one("meta[name=description]")["content"] == "Sign up."
    assert not any("only a signup form" in r.getMessage() for r in caplog.records)


def test_a_marker_with_stray_spaces_or_capitals_is_still_a_marker(make_site):
    # Editors leave a trailing space; a near miss must not be published as literal text.
    body = "One.\n\n[newsletter] \n\nTwo.\n\n[ Newsletter lead ]\n\nThree.\n"
    build = make_site(
        {"pages/signup.md": f"Title: Signup\n\n{body}"},
        NEWSLETTER_FORMS={"lead": {"heading": "Lead"}},
    )
    assert build.errors == []
    soup = build.soup("/signup/")
    assert placements(soup) == [("newsletter", "page"), ("lead", "page")]
    assert "[" not in soup.select_one("main").get_text()
    trailing = make_site({"pages/oops.md": "Title: Oops\n\n[newsletter nope] \n"})
    assert "unknown form 'nope'" in trailing.errors[0]


def test_unknown_form_in_a_marker_fails_naming_the_file(make_site):
    build = make_site({"pages/oops.md": "Title: Oops\n\n[newsletter nope]\n"})
    assert len(build.errors) == 1
    assert "oops.md: unknown form 'nope' in marker [newsletter nope]" in build.errors[0]
    assert "(known: newsletter, practice-analysis)" in build.errors[0]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (None, [("newsletter", "article-end")]),
        ("off", []),
        ("Off", []),
        ("practice-analysis", [("practice-analysis", "article-end")]),
    ],
)
def test_article_metadata_chooses_or_removes_the_form(make_site, meta, expected):
    build = make_site({"articles/a.md": article(title="A", Slug="a", Tags="t", Newsletter=meta)})
    assert build.errors == []
    assert placements(build.soup("/a/")) == expected


def test_page_metadata_removes_the_footer_form(make_site):
    build = make_site({"pages/quiet.md": "Title: Quiet\nNewsletter: off\n\nText.\n"})
    assert build.errors == []
    assert placements(build.soup("/quiet/")) == []
    assert placements(build.soup("/")) == [("newsletter", "footer")]


def test_unknown_form_in_metadata_fails_naming_the_file(make_site):
    build = make_site({"articles/a.md": article(Tags="t", Newsletter="nope")})
    assert len(build.errors) == 1
    assert "a.md: unknown form 'nope' in metadata 'Newsletter: nope'" in build.errors[0]


def test_configured_strings_are_escaped(make_site):
    evil = '"><script>alert(1)</script>&'
    forms = {
        "newsletter": {
            "heading": evil,
            "pitch": evil,
            "privacy": evil,
            "consent": evil,
            "sending": evil,
            "tags": [evil],
        }
    }
    build = make_site({"pages/signup.md": SIGNUP}, NEWSLETTER_FORMS=forms)
    assert build.errors == []
    html = build.path("/signup/").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    (form,) = body_forms(build.soup("/signup/"))
    assert form.h2.get_text() == evil
    assert form["data-newsletter-sending"] == evil
    assert ("tag", "hidden", evil) in named_inputs(form)
    assert form.select_one(".newsletter-consent label").get_text() == evil


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"NEWSLETTER_PROVIDER": "nope"}, "NEWSLETTER_PROVIDER: must be one of buttondown,"),
        ({"NEWSLETTER_ACCOUNT": {}}, "NEWSLETTER_ACCOUNT['username']: missing"),
        (
            {"NEWSLETTER_ACCOUNT": {"username": "tp", "action": "http://example.org/"}},
            "NEWSLETTER_ACCOUNT['action']: must be an https:// URL",
        ),
        (
            {"NEWSLETTER_PRIVACY_URL": None, "NEWSLETTER_FORMS": {"x": {"consent": "Yes"}}},
            "NEWSLETTER_FORMS['x']['consent']: a consent box needs a privacy link",
        ),
    ],
)
def test_a_wrong_setting_fails_the_build_with_one_error_naming_it(make_site, settings, expected):
    """Templates and markers keep rendering (nothing) for the broken forms: no crash."""
    build = make_site({"pages/signup.md": SIGNUP, "articles/a.md": article(Tags="t")}, **settings)
    assert len(build.errors) == 1, build.errors
    assert expected in build.errors[0]


def test_a_second_build_in_the_process_uses_only_its_own_settings(make_site):
    files = {"pages/signup.md": SIGNUP}
    assert make_site(files, NEWSLETTER_PROVIDER="nope").errors
    kit = {"NEWSLETTER_ACCOUNT": {"form_id": "1"}, "NEWSLETTER_FORMS": {}}
    build = make_site(files, NEWSLETTER_PROVIDER="kit", **kit)
    assert build.errors == [], "the first build's error or forms must not leak"
    (form,) = body_forms(build.soup("/signup/"))
    assert form["action"] == "https://app.convertkit.com/forms/1/subscriptions"


def test_alone_on_pelicans_default_theme_the_forms_render(make_site):
    """The plugin ships its partials as the theme's fallback: a theme that has never heard
    of it (Pelican's own) still gets working forms where the content asks for them."""
    build = make_site(
        {"articles/m.md": article("Marked", body="Before.\n\n[newsletter]\n\nAfter.")},
        THEME=DEFAULT_CONFIG["THEME"],
        JINJA_ENVIRONMENT=DEFAULT_CONFIG["JINJA_ENVIRONMENT"],
        PLUGINS=["newsletter"],
        DIRECT_TEMPLATES=["index"],
        FEED_ALL_ATOM=None,
        FEED_ALL_RSS=None,
        CATEGORY_FEED_ATOM=None,
        CATEGORY_FEED_RSS=None,
    )
    assert build.errors == []
    soup = build.soup("/marked/")
    (form,) = soup.select("form[data-newsletter-form]")
    assert form["action"] == BUTTONDOWN
    assert_well_formed(form)
    assert "[newsletter" not in build.path("/").read_text(encoding="utf-8")


def test_the_privacy_page_names_the_data_controller_and_the_provider(site):
    section = site.soup("/privacy/").select_one("#data-controller").find_next("p")
    words = section.get_text(" ", strip=True)
    assert (
        "The data controller for everything collected through the signup forms is "
        "Thriving Practice" in words
    )
    assert section.select_one("a[href='mailto:privacy@thrivingpractice.example']")
    assert "Buttondown stores the addresses" in words


def test_the_controller_follows_the_settings(make_site):
    build = make_site(
        {"pages/privacy.md": "Title: Privacy\nSlug: privacy\nTemplate: privacy\n\nText.\n"},
        NEWSLETTER_PROVIDER="kit",
        NEWSLETTER_ACCOUNT={"form_id": "1"},
        NEWSLETTER_FORMS={},
        NEWSLETTER_DATA_CONTROLLER={"name": "A. N. Other Counselling"},
    )
    assert build.errors == []
    words = build.soup("/privacy/").select_one("#data-controller").find_next("p").get_text()
    assert "is A. N. Other Counselling." in words
    assert "Kit stores the addresses" in words
    assert "mailto:" not in words
