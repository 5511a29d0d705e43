"""Write the site's HTTP response headers as a `_headers` file.

Netlify and Cloudflare Pages read `_headers` at the root of the deployed site.
The headers are configured once, in DEPLOY_HEADERS, so the security policy and
cache lifetimes the site was tested with are the ones that ship.
"""

import os

from pelican import signals
from plugin_core import Setting, SettingsSpec, plugin_logger

log = plugin_logger("deploy_headers", __name__)


def render(rules):
    """The `_headers` text for {pattern: {name: value}}; raises ValueError on a bad entry."""
    if not isinstance(rules, dict):
        raise ValueError("must be a dict {URL pattern: {header name: value}}")
    lines = []
    for pattern, headers in rules.items():
        if not isinstance(pattern, str) or not pattern.startswith("/"):
            raise ValueError(f"pattern {pattern!r} must be a string starting with '/'")
        if not isinstance(headers, dict):
            raise ValueError(f"the headers of '{pattern}' must be a dict {{name: value}}")
        lines.append(pattern)
        for name, value in headers.items():
            if not (isinstance(name, str) and isinstance(value, str)):
                raise ValueError(f"header {name!r}: {value!r} for '{pattern}' must be two strings")
            if any(c in f"{name}{value}" for c in "\r\n") or ":" in name:
                raise ValueError(f"header '{name}' for '{pattern}' has a line break or colon")
            lines.append(f"  {name}: {value}")
    return "\n".join(lines) + "\n"


def _rules(value):
    try:
        render(value)
    except ValueError as exc:
        return str(exc)
    return None


def _filename(value):
    if not value or (isinstance(value, str) and os.path.basename(value) == value):
        return None
    return "must be a file name"


# "DEPLOY_HEADER", not "DEPLOY_HEADERS": the singular is the likeliest slip.
SETTINGS = SettingsSpec(
    "DEPLOY_HEADER",
    {
        # URL pattern (Netlify syntax, `*` as wildcard) -> {header name: value}
        "DEPLOY_HEADERS": Setting({}, _rules),
        # file name relative to the output directory; empty to write nothing
        "DEPLOY_HEADERS_FILE": Setting("_headers", _filename),
    },
)


def write_headers(pelican):
    """finalized: write the file (a wrong setting has failed the build, which discards it)."""
    values = SETTINGS.load(pelican.settings, log)
    filename, rules = values["DEPLOY_HEADERS_FILE"], values["DEPLOY_HEADERS"]
    if not filename or not rules:
        return
    with open(os.path.join(pelican.output_path, filename), "w", encoding="utf-8") as handle:
        handle.write(render(rules))


def register():
    signals.finalized.connect(write_headers)
