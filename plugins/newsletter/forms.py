"""NEWSLETTER_* settings -> validated form specs, with errors that name the setting at fault.

Pure: `load(settings)` returns a `Forms` and a list of error messages; it logs nothing.
A form whose settings are wrong maps to None, so templates render nothing for it while
the build fails on the logged error instead of on a template crash.
"""

import difflib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .providers import PROVIDERS

DEFAULT_FORM = "newsletter"

# Every setting with its default: the one place defaults live (README.md documents them).
DEFAULTS = {
    "NEWSLETTER_PROVIDER": None,
    "NEWSLETTER_ACCOUNT": {},
    # name -> the keys of FORM_DEFAULTS it changes; the `newsletter` form always exists.
    "NEWSLETTER_FORMS": {},
    # Site-relative, like Pelican's *_URL settings.
    "NEWSLETTER_PRIVACY_URL": "privacy/",
    # Site-relative or absolute; sent to providers that take a redirect field, when the
    # absolute URL is known (an absolute SITEURL or an absolute value here).
    "NEWSLETTER_THANKS_URL": "thank-you/?subscribed=1",
}

FORM_DEFAULTS = {
    "heading": "Get new articles by email",
    "pitch": "Practical ideas for a steady, sustainable private practice.",
    "email_label": "Email address",
    "first_name": False,
    "first_name_label": "First name (optional)",
    "button": "Subscribe",
    "frequency": "One email every two weeks.",
    "privacy": "Your address is used only to send these emails; unsubscribe with one click.",
    "privacy_link": "Privacy policy",
    # The label of an unticked, required consent checkbox; None for no checkbox.
    "consent": None,
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
    return f"must be an https:// URL (http:// only for localhost), not {value!r}"


def _site_path(value):
    # Rendered after "{SITEURL}/": a scheme ("javascript:") or a host ("//x", "\\x") in it
    # would make a broken link at best and an off-site or script link at worst.
    if value is None:
        return None
    parts = urlsplit(value.replace("\\", "/")) if isinstance(value, str) else None
    if parts is None or parts.scheme or parts.netloc:
        return f"must be a path inside the site, like 'privacy/', or None, not {value!r}"
    return None


def _site_path_or_url(value):
    # Providers redirect the reader to it: a path inside the site or a web address only.
    if isinstance(value, str) and not _url(value):
        return None
    problem = _site_path(value)
    return problem and (
        "must be a path inside the site, an https:// URL (http:// only for localhost) "
        f"or None, not {value!r}"
    )


def _server(value):
    ok = isinstance(value, str) and re.fullmatch(r"[a-z0-9]+", value)
    return None if ok else f"must be the data centre in the embed code, like 'us21', not {value!r}"


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


def _closest(name, choices, prefix=""):
    # Compared without the prefix they share, which would make every name look close.
    short = [choice.removeprefix(prefix) for choice in choices]
    match = difflib.get_close_matches(name.removeprefix(prefix), short, n=1)
    return f" (did you mean {prefix}{match[0]}?)" if match else ""


def unknown_settings(settings):
    """Warnings for NEWSLETTER_* names that are not settings, usually typos."""
    return [
        f"newsletter: {name} is not a setting{_closest(name, DEFAULTS, 'NEWSLETTER_')}"
        for name in settings
        if name.startswith("NEWSLETTER_") and name not in DEFAULTS
    ]


def _setting(settings, name):
    return settings.get(name, DEFAULTS[name])


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
    """Check the identifiers; return (account with defaults, errors)."""
    given = {k: v for k, v in {**account, **overrides}.items() if v is not None}
    errors = [
        f"NEWSLETTER_ACCOUNT[{key!r}]: missing ({provider.label} needs: "
        f"{', '.join(provider.required)})"
        for key in provider.required
        if key not in given
    ]
    known = (*provider.required, *provider.optional)
    for key, value in given.items():
        setting = (
            f"{where}['account'][{key!r}]" if key in overrides else f"NEWSLETTER_ACCOUNT[{key!r}]"
        )
        if key not in known:
            errors.append(
                f"{setting}: {provider.label} takes no '{key}' (known: {', '.join(known)})"
            )
        elif problem := ACCOUNT_CHECKS.get(key, _text)(value):
            errors.append(f"{setting}: {problem}")
    return {**provider.optional, **given}, errors


def _form(name, options, provider, settings):
    """Return (FormSpec or None, errors) for one entry of NEWSLETTER_FORMS."""
    where = f"NEWSLETTER_FORMS[{name!r}]"
    if not (isinstance(name, str) and FORM_NAME.match(name)):
        return None, [f"{where}: a form name is letters, digits, '-' and '_' only"]
    if not isinstance(options, dict):
        return None, [f"{where}: must be a dict of form options"]
    errors = [
        f"{where}: unknown option '{key}'{_closest(key, FORM_DEFAULTS)}"
        for key in options
        if key not in FORM_DEFAULTS
    ]
    form = {**FORM_DEFAULTS, **options}
    errors += [
        f"{where}[{key!r}]: {problem}"
        for key, check in FORM_CHECKS.items()
        if (problem := check(form[key]))
    ]
    privacy_url = (_setting(settings, "NEWSLETTER_PRIVACY_URL") or "").lstrip("/")
    if form["consent"] and not privacy_url:
        errors.append(
            f"{where}['consent']: a consent box needs a privacy link; set NEWSLETTER_PRIVACY_URL"
        )
    if errors:
        return None, errors
    account, errors = _account(
        provider, _setting(settings, "NEWSLETTER_ACCOUNT"), form["account"], where
    )
    if errors:
        return None, errors
    endpoint = provider.endpoint(account)
    hidden = list(endpoint.hidden)
    if form["tags"]:
        if not endpoint.tag:
            return None, [
                f"{where}['tags']: {provider.label} has no tag field; give the form its own "
                "account identifiers in 'account' instead"
            ]
        tags = [",".join(form["tags"])] if endpoint.join_tags else form["tags"]
        hidden += [(endpoint.tag, tag) for tag in tags]
    thanks = _setting(settings, "NEWSLETTER_THANKS_URL")
    thanks = thanks and _absolute(settings.get("SITEURL", ""), thanks)
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
    ), []


def _provider(choice):
    """Return (Provider or None, problem)."""
    provider = PROVIDERS.get(choice.lower()) if isinstance(choice, str) else None
    if provider:
        return provider, None
    problem = "not set" if choice is None else f"unknown provider {choice!r}"
    return None, f"{problem} (choose from {', '.join(PROVIDERS)})"


SETTING_CHECKS = {
    "NEWSLETTER_ACCOUNT": _dict,
    "NEWSLETTER_FORMS": _dict,
    "NEWSLETTER_PRIVACY_URL": _site_path,
    "NEWSLETTER_THANKS_URL": _site_path_or_url,
}


def load(settings):
    """Return (Forms, error messages) for a build's settings."""
    provider, problem = _provider(_setting(settings, "NEWSLETTER_PROVIDER"))
    errors = [f"NEWSLETTER_PROVIDER: {problem}"] if problem else []
    errors += [
        f"{name}: {problem}"
        for name, check in SETTING_CHECKS.items()
        if (problem := check(_setting(settings, name)))
    ]
    configured = _setting(settings, "NEWSLETTER_FORMS")
    # Every name stays known even when the settings are wrong, so that templates and markers
    # naming it do not add "unknown form" errors to the real one.
    specs = dict.fromkeys([DEFAULT_FORM, *(configured if isinstance(configured, dict) else ())])
    if not errors:
        for name in specs:
            specs[name], form_errors = _form(name, configured.get(name, {}), provider, settings)
            errors += form_errors
    thanks = _setting(settings, "NEWSLETTER_THANKS_URL")
    thanks_path = _path_on_site(settings.get("SITEURL", ""), thanks) if thanks else None
    # Several forms share NEWSLETTER_ACCOUNT: report each of its problems once.
    return Forms(specs, thanks_path), [f"newsletter: {e}" for e in dict.fromkeys(errors)]
