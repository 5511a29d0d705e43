"""How each newsletter provider takes a signup by a plain HTML POST, with no provider script.

Pure data: `PROVIDERS[name].endpoint(account)` turns a provider's account identifiers into
the form's action URL and the names of its fields, exactly as the provider's own embed form
has them. Checking the identifiers (present, well formed) is forms.py's job.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class Endpoint:
    """Where a provider's form posts and what its fields are called."""

    action: str
    email: str
    first_name: str
    # The provider's own bot trap: a text field that must stay empty. Providers ignore
    # generic ones, so a provider without its own gets none (double opt-in does the work).
    trap: str | None = None
    hidden: tuple[tuple[str, str], ...] = ()
    # The field carrying a form's tags: one field per tag, or one comma-separated field.
    tag: str | None = None
    join_tags: bool = False
    # The field recording which form on which page took the signup.
    source: str | None = None
    # The consent checkbox's name and value when the provider records consent; otherwise
    # the box is only enforced by the browser and not sent.
    consent: str | None = None
    consent_value: str = "yes"
    # The field taking the URL of our thank-you page.
    redirect: str | None = None
    # The field naming the series whose next part the popup offers, for segmenting.
    series: str | None = None
    # The separate, unticked "also send me the newsletter" box of a lead-magnet form: its
    # name, and its value when the provider fixes one (otherwise the form's `optin_value`).
    # None: the provider cannot add a signup to a second list from the same form.
    optin: str | None = None
    optin_value: str | None = None


@dataclass(frozen=True)
class Provider:
    label: str
    # Account identifiers (NEWSLETTER_ACCOUNT keys) that must be set.
    required: tuple[str, ...]
    # Those that may be set, with their defaults. Every provider takes `action`, which
    # replaces the preset's URL (a proxy, or a local server in tests).
    optional: dict
    endpoint: Callable[[dict], Endpoint]


def _path(value):
    return quote(value, safe="")


def _buttondown(a):
    return Endpoint(
        action=f"https://buttondown.com/api/emails/embed-subscribe/{_path(a['username'])}",
        email="email",
        first_name="metadata__first_name",
        hidden=(("embed", "1"),),
        tag="tag",
        source="metadata__source",
        series="metadata__series",
        optin="tag",
    )


def _mailchimp(a):
    query = {"u": a["u"], "id": a["id"], **({"f_id": a["f_id"]} if a["f_id"] else {})}
    return Endpoint(
        action=f"https://{a['dc']}.list-manage.com/subscribe/post?{urlencode(query)}",
        email="EMAIL",
        first_name="FNAME",
        trap=f"b_{a['u']}_{a['id']}",
        # Mailchimp's embed sends tag ids as one comma-separated `tags` field.
        tag="tags",
        join_tags=True,
        consent=f"gdpr[{a['gdpr_id']}]" if a["gdpr_id"] else None,
        consent_value="Y",
        series=a["series_field"],
        # The audience's GDPR marketing permission is Mailchimp's own "may we email you".
        optin=f"gdpr[{a['gdpr_id']}]" if a["gdpr_id"] else None,
        optin_value="Y",
    )


def _kit(a):
    return Endpoint(
        action=f"https://app.convertkit.com/forms/{_path(a['form_id'])}/subscriptions",
        email="email_address",
        first_name="fields[first_name]",
        series="fields[series]",
        optin="tags[]",
    )


def _emailoctopus(a):
    return Endpoint(
        action=f"https://emailoctopus.com/lists/{_path(a['list_id'])}/members/external-add",
        email="field_0",
        first_name="FirstName",
        trap=f"hp{a['list_id']}",
        consent="consent",
        redirect="successRedirectUrl",
    )


def _listmonk(a):
    return Endpoint(
        action=f"{a['url'].rstrip('/')}/subscription/form",
        email="email",
        first_name="name",
        trap="nonce",
        hidden=tuple(("l", uuid) for uuid in a["lists"]),
        optin="l",
    )


def _generic(a):
    return Endpoint(
        action=a["action"],
        email=a["email_field"],
        first_name=a["first_name_field"],
        trap=a["honeypot_field"],
        hidden=tuple(a["hidden"].items()),
        tag=a["tag_field"],
        source=a["source_field"],
        consent=a["consent_field"],
        series=a["series_field"],
        optin=a["tag_field"],
    )


PROVIDERS = {
    "buttondown": Provider("Buttondown", ("username",), {"action": None}, _buttondown),
    "mailchimp": Provider(
        "Mailchimp",
        ("dc", "u", "id"),
        {"action": None, "f_id": None, "gdpr_id": None, "series_field": None},
        _mailchimp,
    ),
    "kit": Provider("Kit", ("form_id",), {"action": None}, _kit),
    "emailoctopus": Provider("EmailOctopus", ("list_id",), {"action": None}, _emailoctopus),
    "listmonk": Provider("Listmonk", ("url", "lists"), {"action": None}, _listmonk),
    "generic": Provider(
        "Generic endpoint",
        ("action",),
        {
            "email_field": "email",
            "first_name_field": "first_name",
            "honeypot_field": "website",
            "tag_field": "tag",
            "source_field": "source",
            "consent_field": "consent",
            "series_field": "series",
            "hidden": {},
        },
        _generic,
    ),
}
