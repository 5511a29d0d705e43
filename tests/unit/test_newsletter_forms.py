"""NEWSLETTER_* settings -> form specs: provider presets, errors naming the setting."""

import re
from pathlib import Path

import pytest
from newsletter.newsletter import SPEC, Build
from newsletter.providers import PROVIDERS

README = Path(__file__).resolve().parents[2] / "plugins" / "newsletter" / "README.md"

# provider: (account, expected action, email, first name, trap, hidden fields)
PRESETS = {
    "buttondown": (
        {"username": "tp"},
        "https://buttondown.com/api/emails/embed-subscribe/tp",
        "email",
        "metadata__first_name",
        None,
        (("embed", "1"),),
    ),
    "mailchimp": (
        {"dc": "us21", "u": "abc", "id": "def", "f_id": "00e1"},
        "https://us21.list-manage.com/subscribe/post?u=abc&id=def&f_id=00e1",
        "EMAIL",
        "FNAME",
        "b_abc_def",
        (),
    ),
    "kit": (
        {"form_id": "1234"},
        "https://app.convertkit.com/forms/1234/subscriptions",
        "email_address",
        "fields[first_name]",
        None,
        (),
    ),
    "emailoctopus": (
        {"list_id": "0a1b"},
        "https://emailoctopus.com/lists/0a1b/members/external-add",
        "field_0",
        "FirstName",
        "hp0a1b",
        (),
    ),
    "listmonk": (
        {"url": "https://lists.example.org/", "lists": ["u1", "u2"]},
        "https://lists.example.org/subscription/form",
        "email",
        "name",
        "nonce",
        (("l", "u1"), ("l", "u2")),
    ),
    "generic": (
        {"action": "https://example.org/in", "hidden": {"list": "main"}},
        "https://example.org/in",
        "email",
        "first_name",
        "website",
        (("list", "main"),),
    ),
}


def settings(provider="buttondown", account=None, forms=None, **more):
    return {
        "NEWSLETTER_PROVIDER": provider,
        "NEWSLETTER_ACCOUNT": {"username": "tp"} if account is None else account,
        "NEWSLETTER_FORMS": forms or {},
        **more,
    }


def load(raw):
    """(Forms, problem messages) as a build sees them."""
    build = Build(raw)
    return build.forms, [str(problem) for problem in build.problems]


def unknown_settings(raw):
    return [str(problem) for problem in SPEC.unknown(raw)]


def spec(name="newsletter", **kwargs):
    forms, errors = load(settings(**kwargs))
    assert errors == []
    return forms.get(name)


OPTIN = {"lead": {"optin": "Also send me the newsletter", "optin_value": "news"}}


def errors_of(**kwargs):
    return load(settings(**kwargs))[1]


def test_every_provider_has_a_preset_here():
    assert set(PRESETS) == set(PROVIDERS)


@pytest.mark.parametrize("provider", PRESETS)
def test_preset_fields(provider):
    account, action, email, first_name, trap, hidden = PRESETS[provider]
    form = spec(provider=provider, account=account)
    assert (form.action, form.email_field, form.first_name_field) == (action, email, first_name)
    assert (form.trap_field, form.hidden) == (trap, hidden)


@pytest.mark.parametrize(
    ("provider", "account", "hidden"),
    [
        ("buttondown", {"username": "tp"}, (("embed", "1"), ("tag", "a"), ("tag", "b"))),
        ("mailchimp", {"dc": "us1", "u": "x", "id": "y"}, (("tags", "a,b"),)),
        ("generic", {"action": "https://e.org/"}, (("tag", "a"), ("tag", "b"))),
    ],
)
def test_tags_use_the_providers_field(provider, account, hidden):
    forms = {"newsletter": {"tags": ["a", "b"]}}
    assert spec(provider=provider, account=account, forms=forms).hidden == hidden


@pytest.mark.parametrize(
    ("provider", "account", "field", "value"),
    [
        ("mailchimp", {"dc": "us1", "u": "x", "id": "y", "gdpr_id": "7"}, "gdpr[7]", "Y"),
        ("mailchimp", {"dc": "us1", "u": "x", "id": "y"}, None, "Y"),
        ("emailoctopus", {"list_id": "l"}, "consent", "yes"),
        ("buttondown", {"username": "tp"}, None, "yes"),
    ],
)
def test_consent_field(provider, account, field, value):
    form = spec(provider=provider, account=account, forms={"newsletter": {"consent": "I agree"}})
    assert (form.consent, form.consent_field, form.consent_value) == ("I agree", field, value)


def test_source_field_where_the_provider_records_one():
    assert spec().source_field == "metadata__source"
    assert spec(provider="kit", account={"form_id": "1"}).source_field is None


def test_emailoctopus_redirects_to_the_thank_you_page_when_its_address_is_known():
    account = {"list_id": "l"}
    assert spec(provider="emailoctopus", account=account).hidden == ()
    form = spec(provider="emailoctopus", account=account, SITEURL="https://example.org")
    assert form.hidden == (("successRedirectUrl", "https://example.org/thank-you/"),)


def test_a_form_can_override_account_identifiers():
    forms = {"lead": {"account": {"form_id": "99"}}}
    form = spec("lead", provider="kit", account={"form_id": "1"}, forms=forms)
    assert form.action == "https://app.convertkit.com/forms/99/subscriptions"


def test_action_override_accepts_localhost_over_http():
    form = spec(account={"username": "tp", "action": "http://127.0.0.1:8123/in"})
    assert form.action == "http://127.0.0.1:8123/in"
    assert form.email_field == "email"


def test_account_values_are_url_safe():
    form = spec(account={"username": "a b/c"})
    assert form.action.endswith("/embed-subscribe/a%20b%2Fc")


def test_text_options_and_defaults():
    forms = {"newsletter": {"heading": "Hi", "pitch": None, "first_name": True}}
    form = spec(forms=forms)
    assert (form.heading, form.pitch, form.first_name_label) == (
        "Hi",
        None,
        "First name (optional)",
    )
    assert form.privacy_url == "privacy/"
    assert spec().first_name_label is None


def test_the_newsletter_form_always_exists():
    forms, errors = load(settings(forms={"lead": {}}))
    assert errors == []
    assert list(forms.specs) == ["newsletter", "lead"]


def test_unknown_form_raises_naming_it():
    forms, _ = load(settings())
    with pytest.raises(ValueError, match="unknown form 'nope'"):
        forms.get("nope")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"provider": None}, "NEWSLETTER_PROVIDER: must be one of buttondown, mailchimp,"),
        ({"provider": "substack"}, "kit, emailoctopus, listmonk, generic, got 'substack'"),
        ({"account": {}}, "NEWSLETTER_ACCOUNT['username']: missing (Buttondown needs"),
        (
            {"provider": "mailchimp", "account": {"dc": "us1", "u": "x"}},
            "NEWSLETTER_ACCOUNT['id']: missing",
        ),
        ({"account": {"username": ""}}, "NEWSLETTER_ACCOUNT['username']: must be a non-empty"),
        (
            {"account": {"username": "a", "usr": "b"}},
            "NEWSLETTER_ACCOUNT['usr']: Buttondown takes no such identifier",
        ),
        (
            {"account": {"username": "a", "action": "http://example.org/in"}},
            "NEWSLETTER_ACCOUNT['action']: must be an https:// URL",
        ),
        (
            {
                "provider": "listmonk",
                "account": {"url": "http://lists.example.org", "lists": ["a"]},
            },
            "NEWSLETTER_ACCOUNT['url']: must be an https:// URL",
        ),
        (
            {"provider": "listmonk", "account": {"url": "https://l.example.org", "lists": []}},
            "NEWSLETTER_ACCOUNT['lists']: must not be empty",
        ),
        (
            {"provider": "mailchimp", "account": {"dc": "https://x", "u": "x", "id": "y"}},
            "NEWSLETTER_ACCOUNT['dc']: must be the data centre",
        ),
        (
            {"forms": {"lead": {"account": {"action": "ftp://x"}}}},
            "NEWSLETTER_FORMS['lead']['account']['action']: must be an https:// URL",
        ),
        (
            {"forms": {"newsletter": {"consent": "I agree"}}, "NEWSLETTER_PRIVACY_URL": None},
            "NEWSLETTER_FORMS['newsletter']['consent']: a consent box needs a privacy link",
        ),
        (
            {"forms": {"newsletter": {"hedaing": "Hi"}}},
            "NEWSLETTER_FORMS['newsletter']['hedaing']: unknown option; did you mean heading?",
        ),
        ({"forms": {"newsletter": {"button": ""}}}, "NEWSLETTER_FORMS['newsletter']['button']"),
        ({"forms": {"newsletter": {"first_name": "yes"}}}, "['first_name']: must be True"),
        ({"forms": {"bad name": {}}}, "NEWSLETTER_FORMS['bad name']: a form name is"),
        (
            {"provider": "kit", "account": {"form_id": "1"}, "forms": {"x": {"tags": ["a"]}}},
            "NEWSLETTER_FORMS['x']['tags']: Kit has no tag field",
        ),
        ({"forms": ["newsletter"]}, "NEWSLETTER_FORMS: must be a dict"),
        (
            {"provider": "emailoctopus", "account": {"list_id": "l"}, "forms": OPTIN},
            "NEWSLETTER_FORMS['lead']['optin']: EmailOctopus cannot add a second list",
        ),
        (
            {
                "provider": "mailchimp",
                "account": {"dc": "us1", "u": "x", "id": "y"},
                "forms": OPTIN,
            },
            "Mailchimp cannot add a second list or tag from one form without "
            "NEWSLETTER_ACCOUNT['gdpr_id']",
        ),
        (
            {"forms": {"lead": {"optin": "Also the newsletter"}}},
            "NEWSLETTER_FORMS['lead']['optin_value']: must name what a ticked box sends",
        ),
        (
            {"NEWSLETTER_DATA_CONTROLLER": {"nom": "x"}},
            "NEWSLETTER_DATA_CONTROLLER: must be None or {'name': ..., 'email': ...}",
        ),
    ],
)
def test_errors_name_the_setting(kwargs, expected):
    errors = errors_of(**kwargs)
    assert len(errors) == 1, errors
    assert expected in errors[0]


@pytest.mark.parametrize(
    ("provider", "account", "field", "value"),
    [
        ("buttondown", {"username": "tp"}, "tag", "news"),
        ("mailchimp", {"dc": "us1", "u": "x", "id": "y", "gdpr_id": "7"}, "gdpr[7]", "Y"),
        ("kit", {"form_id": "1"}, "tags[]", "news"),
        ("listmonk", {"url": "https://l.example.org", "lists": ["lead"]}, "l", "news"),
        ("generic", {"action": "https://e.org/", "tag_field": "t"}, "t", "news"),
    ],
)
def test_the_newsletter_box_sends_what_each_provider_understands(provider, account, field, value):
    form = spec("lead", provider=provider, account=account, forms=OPTIN)
    assert (form.optin, form.optin_field, form.optin_value) == (
        "Also send me the newsletter",
        field,
        value,
    )
    # Only the box sends it: nothing of it among the fields always sent.
    assert value not in dict(form.hidden).values() or provider == "listmonk"


@pytest.mark.parametrize(
    ("provider", "account", "field"),
    [
        ("buttondown", {"username": "tp"}, "metadata__series"),
        ("kit", {"form_id": "1"}, "fields[series]"),
        ("generic", {"action": "https://e.org/"}, "series"),
        ("mailchimp", {"dc": "us1", "u": "x", "id": "y", "series_field": "SERIES"}, "SERIES"),
        ("mailchimp", {"dc": "us1", "u": "x", "id": "y"}, None),
        ("emailoctopus", {"list_id": "l"}, None),
        ("listmonk", {"url": "https://l.example.org", "lists": ["a"]}, None),
    ],
)
def test_the_series_field_where_a_provider_can_segment_by_it(provider, account, field):
    assert spec(provider=provider, account=account).series_field == field


def test_a_shared_account_problem_is_reported_once():
    assert len(errors_of(account={}, forms={"a": {}, "b": {}})) == 1


def test_a_wrong_form_maps_to_none_and_stays_known():
    forms, errors = load(settings(forms={"lead": {"button": 3}}))
    assert len(errors) == 1
    assert forms.get("lead") is None
    assert forms.get("newsletter") is not None


def test_misspelt_settings_are_warned_about():
    warnings = unknown_settings({"NEWSLETTER_PRIVACY_ULR": "x", "NEWSLETTER_PROVIDER": "kit"})
    assert warnings == [
        "NEWSLETTER_PRIVACY_ULR: unknown setting; did you mean NEWSLETTER_PRIVACY_URL?"
    ]


def test_an_unrelated_setting_name_gets_no_suggestion():
    # With the shared prefix compared too, every NEWSLETTER_ name would look close to another.
    assert unknown_settings({"NEWSLETTER_COLOUR": "x"}) == ["NEWSLETTER_COLOUR: unknown setting"]


def test_readme_has_a_complete_working_configuration_per_provider():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    configured = set()
    for block in blocks:
        if "NEWSLETTER_PROVIDER" not in block:
            continue
        conf = {}
        exec(block, conf)  # noqa: S102 (our own README)
        _, errors = load({k: v for k, v in conf.items() if k.isupper()})
        assert errors == [], block
        configured.add(conf["NEWSLETTER_PROVIDER"])
    assert configured == set(PROVIDERS)


@pytest.mark.parametrize(
    ("siteurl", "thanks", "path"),
    [
        ("", "thank-you/?subscribed=1", "thank-you/"),
        ("https://tp.example", "/thank-you/", "thank-you/"),
        ("https://tp.example", "https://tp.example/thank-you/?subscribed=1", "thank-you/"),
        ("https://tp.example/blog", "https://tp.example/blog/thanks/", "thanks/"),
        ("https://tp.example", "https://elsewhere.example/thank-you/", None),
        ("", "https://tp.example/thank-you/", None),
        ("https://tp.example", None, None),
    ],
)
def test_the_thank_you_page_is_found_on_this_site(siteurl, thanks, path):
    forms, errors = load(settings(SITEURL=siteurl, NEWSLETTER_THANKS_URL=thanks))
    assert errors == []
    assert forms.thanks_path == path
