"""NEWSLETTER_* form settings -> validated form specs, with problems naming the setting at fault.

Pure: `load(values, siteurl)` returns a `Forms` and a list of `Problem`s; it logs nothing.
A form whose settings are wrong maps to None, so templates render nothing for it while
the build fails on the logged error instead of on a template crash.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from plugin_core import Problem, Setting, closest

from .providers import PROVIDERS

DEFAULT_FORM = "newsletter"

FORM_DEFAULTS = {
    "heading": "Get new articles by email",
    # Words about one site would be untrue on another: none until the site says.
    "pitch": None,
    "email_label": "Email address",
    "first_name": False,
    "first_name_label": "First name (optional)",
    "button": "Subscribe",
    "frequency": None,
    "privacy": "Your address is used only to send these emails; unsubscribe with one click.",
    "privacy_link": "Privacy policy",
    # The label of an unticked, required consent checkbox; None for no checkbox.
    "consent": None,
    # The label of a separate, unticked, optional "also send me the newsletter" box for a
    # lead-magnet form, and what a ticked box sends (a tag, tag id or list UUID).
    "optin": None,
    "optin_value": None,
    # Announced while the browser sends the form.
    "sending": "Sending\u2026 then check your inbox to confirm.",
    "tags": (),
    # Account identifiers for this form only, over NEWSLETTER_ACCOUNT.
    "account": {},
}

FORM_NAME = re.compile(r"[A-Za-z0-9_-]+\Z")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class FormSpec:
    """One form, ready for partials/newsletter_form.html."""

    name: str
    heading: str
    pitch: str | None
    email_label: str
    first_name_label: str | None  # None: no first-name field
    button: str
    frequency: str | None
    privacy: str
    privacy_link: str
    privacy_url: str  # site-relative; "" for no link
    consent: str | None
    sending: str | None
    action: str
    email_field: str
    first_name_field: str
    trap_field: str | None
    hidden: tuple[tuple[str, str], ...]
    source_field: str | None
    consent_field: str | None
    consent_value: str
    optin: str | None  # the label of the newsletter box; None for none
    optin_field: str | None
    optin_value: str | None
    series_field: str | None


@dataclass(frozen=True)
class Forms:
    specs: dict  # name -> FormSpec, or None if its settings are wrong (already reported)
    # The thank-you page's path on this site ("thank-you/"), or None when it is elsewhere.
    thanks_path: str | None = None

    def known(self):
        return ", ".join(self.specs)

    def get(self, name=DEFAULT_FORM):
        """The `newsletter_form(name)` template global."""
        if name not in self.specs:
            raise ValueError(f"newsletter: unknown form '{name}' (known: {self.known()})")
        return self.specs[name]


# Checks return None when the value is fine, else what it should be.
def _text(value):
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def _optional_text(value):
    return None if value is None or isinstance(value, str) else "must be a string or None"


def _flag(value):
    return None if isinstance(value, bool) else "must be True or False"


def _strings(value):
    ok = isinstance(value, list | tuple) and all(not _text(v) for v in value)
    return None if ok else "must be a list of non-empty strings"


def _dict(value):
    return None if isinstance(value, dict) else "must be a dict"


def _mapping(value):
    ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    return None if ok else "must be a dict of strings"


def _url(value):
    parts = urlsplit(value) if isinstance(value, str) else None
    if (
        parts
        and parts.hostname
        and (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOCAL_HOSTS))
    ):
        return None
    return "must be an https:// URL (http:// only for localhost)"


def _site_path(value):
    # Rendered after "{SITEURL}/": a scheme ("javascript:") or a host ("//x", "\\x") in it
    # would make a broken link at best and an off-site or script link at worst.
    if value is None:
        return None
    parts = urlsplit(value.replace("\\", "/")) if isinstance(value, str) else None
    if parts is None or parts.scheme or parts.netloc:
        return "must be a path inside the site, like 'privacy/', or None"
    return None


def _site_path_or_url(value):
    # Providers redirect the reader to it: a path inside the site or a web address only.
    if isinstance(value, str) and not _url(value):
        return None
    problem = _site_path(value)
    return problem and (
        "must be a path inside the site, an https:// URL (http:// only for localhost) or None"
    )


def _server(value):
    ok = isinstance(value, str) and re.fullmatch(r"[a-z0-9]+", value)
    return None if ok else "must be the data centre in the embed code, like 'us21'"


def _non_empty(check):
    return lambda value: check(value) or (None if value else "must not be empty")


FORM_CHECKS = {
    "heading": _text,
    "pitch": _optional_text,
    "email_label": _text,
    "first_name": _flag,
    "first_name_label": _text,
    "button": _text,
    "frequency": _optional_text,
    "privacy": _text,
    "privacy_link": _text,
    "consent": _optional_text,
    "optin": _optional_text,
    "optin_value": _optional_text,
    "sending": _optional_text,
    "tags": _strings,
    "account": _dict,
}
# Account identifiers are non-empty strings unless listed here.
ACCOUNT_CHECKS = {
    "action": _url,
    "url": _url,
    "dc": _server,
    "lists": _non_empty(_strings),
    "hidden": _mapping,
}


def _absolute(siteurl, url):
    """`url` as an absolute URL, or None when only a site-relative one is known."""
    if urlsplit(url).scheme:
        return url
    if urlsplit(siteurl).scheme:
        return f"{siteurl.rstrip('/')}/{url.lstrip('/')}"
    return None


def _path_on_site(siteurl, url):
    """The path of `url` relative to the site's root, or None when it is on another site."""
    if urlsplit(url).scheme:
        root = siteurl.rstrip("/") + "/"
        if not (urlsplit(siteurl).scheme and url.startswith(root)):
            return None
        url = url[len(root) :]
    return urlsplit(url).path.lstrip("/")


def _account(provider, account, overrides, where):
    """Check the identifiers; return (account with defaults, problems)."""
    given = {k: v for k, v in {**account, **overrides}.items() if v is not None}
    problems = [
        Problem(
            f"NEWSLETTER_ACCOUNT[{key!r}]",
            f"missing ({provider.label} needs: {', '.join(provider.required)})",
        )
        for key in provider.required
        if key not in given
    ]
    known = (*provider.required, *provider.optional)
    for key, value in given.items():
        setting = (
            f"{where}['account'][{key!r}]" if key in overrides else f"NEWSLETTER_ACCOUNT[{key!r}]"
        )
        if key not in known:
            problems.append(
                Problem(
                    setting,
                    f"{provider.label} takes no such identifier (known: {', '.join(known)})",
                    suggestion=closest(key, known),
                )
            )
        elif problem := ACCOUNT_CHECKS.get(key, _text)(value):
            problems.append(Problem(setting, problem, value))
    return {**provider.optional, **given}, problems


def _optin(where, form, endpoint, provider):
    """(field, value) of the newsletter box, or None; Problems when it cannot be sent."""
    if not form["optin"]:
        return None, []
    if not endpoint.optin:
        return None, [
            Problem(
                f"{where}['optin']",
                f"{provider.label} cannot add a second list or tag from one form"
                + (
                    " without NEWSLETTER_ACCOUNT['gdpr_id']"
                    if provider.label == "Mailchimp"
                    else ""
                )
                + " (see the consent table in the newsletter README)",
            )
        ]
    value = endpoint.optin_value or form["optin_value"]
    if not value:
        return None, [
            Problem(
                f"{where}['optin_value']",
                f"must name what a ticked box sends to {provider.label} (the newsletter's "
                "tag, tag id or list)",
            )
        ]
    return (endpoint.optin, value), []


def _form(name, options, provider, values, siteurl):
    """Return (FormSpec or None, problems) for one entry of NEWSLETTER_FORMS."""
    where = f"NEWSLETTER_FORMS[{name!r}]"
    if not (isinstance(name, str) and FORM_NAME.match(name)):
        return None, [Problem(where, "a form name is letters, digits, '-' and '_' only")]
    if not isinstance(options, dict):
        return None, [Problem(where, "must be a dict of form options", options)]
    problems = [
        Problem(f"{where}[{key!r}]", "unknown option", suggestion=closest(key, FORM_DEFAULTS))
        for key in options
        if key not in FORM_DEFAULTS
    ]
    form = {**FORM_DEFAULTS, **options}
    problems += [
        Problem(f"{where}[{key!r}]", problem, form[key])
        for key, check in FORM_CHECKS.items()
        if (problem := check(form[key]))
    ]
    privacy_url = (values["NEWSLETTER_PRIVACY_URL"] or "").lstrip("/")
    if form["consent"] and not privacy_url:
        problems.append(
            Problem(
                f"{where}['consent']",
                "a consent box needs a privacy link; set NEWSLETTER_PRIVACY_URL",
            )
        )
    if problems:
        return None, problems
    account, problems = _account(provider, values["NEWSLETTER_ACCOUNT"], form["account"], where)
    if problems:
        return None, problems
    endpoint = provider.endpoint(account)
    optin, problems = _optin(where, form, endpoint, provider)
    if problems:
        return None, problems
    hidden = list(endpoint.hidden)
    if form["tags"]:
        if not endpoint.tag:
            return None, [
                Problem(
                    f"{where}['tags']",
                    f"{provider.label} has no tag field; give the form its own account "
                    "identifiers in 'account' instead",
                )
            ]
        tags = [",".join(form["tags"])] if endpoint.join_tags else form["tags"]
        hidden += [(endpoint.tag, tag) for tag in tags]
    thanks = values["NEWSLETTER_THANKS_URL"]
    thanks = thanks and _absolute(siteurl, thanks)
    if endpoint.redirect and thanks:
        hidden.append((endpoint.redirect, thanks))
    return FormSpec(
        name=name,
        heading=form["heading"],
        pitch=form["pitch"] or None,
        email_label=form["email_label"],
        first_name_label=form["first_name_label"] if form["first_name"] else None,
        button=form["button"],
        frequency=form["frequency"] or None,
        privacy=form["privacy"],
        privacy_link=form["privacy_link"],
        privacy_url=privacy_url,
        consent=form["consent"] or None,
        sending=form["sending"] or None,
        action=account["action"] or endpoint.action,
        email_field=endpoint.email,
        first_name_field=endpoint.first_name,
        trap_field=endpoint.trap,
        hidden=tuple(hidden),
        source_field=endpoint.source,
        consent_field=endpoint.consent,
        consent_value=endpoint.consent_value,
        optin=form["optin"] or None,
        optin_field=optin and optin[0],
        optin_value=optin and optin[1],
        series_field=endpoint.series,
    ), []


def _provider_problem(choice):
    if isinstance(choice, str) and choice.lower() in PROVIDERS:
        return None
    return f"must be one of {', '.join(PROVIDERS)}"


def _controller(value):
    ok = (
        isinstance(value, dict)
        and not _text(value.get("name"))
        and set(value) <= {"name", "email"}
        and not _optional_text(value.get("email"))
    )
    return None if value is None or ok else "must be None or {'name': ..., 'email': ...}"


# The form settings (README.md documents each); popup.py has the popup's.
SETTINGS = {
    # Required: the build fails without one.
    "NEWSLETTER_PROVIDER": Setting(None, _provider_problem),
    "NEWSLETTER_ACCOUNT": Setting({}, _dict),
    # name -> the keys of FORM_DEFAULTS it changes; the `newsletter` form always exists.
    "NEWSLETTER_FORMS": Setting({}, _dict),
    # Site-relative, like Pelican's *_URL settings.
    "NEWSLETTER_PRIVACY_URL": Setting("privacy/", _site_path),
    # Where a reader lands after submitting (not yet confirmed): site-relative or absolute;
    # sent to providers that take a redirect field, when the absolute URL is known.
    "NEWSLETTER_THANKS_URL": Setting("thank-you/", _site_path_or_url),
    # Who decides what happens to subscribers' details, for the privacy page.
    "NEWSLETTER_DATA_CONTROLLER": Setting(None, _controller),
}


def load(values, settings, settings_ok=True):
    """Return (Forms, [Problem]) from the validated `values` and the raw `settings`.

    With `settings_ok` False (a setting was wrong, already reported), no form is built: the
    defaults standing in for the wrong values would only add problems of their own."""
    problems = []
    choice = values["NEWSLETTER_PROVIDER"]
    if choice is None and "NEWSLETTER_PROVIDER" not in settings:
        problems.append(Problem("NEWSLETTER_PROVIDER", "not set; " + _provider_problem(None)))
    provider = PROVIDERS[choice.lower()] if choice and settings_ok else None
    configured = values["NEWSLETTER_FORMS"]
    # Every name stays known even when the settings are wrong, so that templates and markers
    # naming it do not add "unknown form" errors to the real one.
    specs = dict.fromkeys([DEFAULT_FORM, *configured])
    siteurl = settings.get("SITEURL", "")
    if provider:
        for name in specs:
            specs[name], form_problems = _form(
                name, configured.get(name, {}), provider, values, siteurl
            )
            problems += form_problems
    thanks = values["NEWSLETTER_THANKS_URL"]
    thanks_path = _path_on_site(siteurl, thanks) if thanks else None
    # Several forms share NEWSLETTER_ACCOUNT: report each of its problems once.
    return Forms(specs, thanks_path), list({str(p): p for p in problems}.values())
