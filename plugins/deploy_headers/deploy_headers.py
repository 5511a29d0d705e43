"""Write the site's HTTP response headers as a `_headers` file.

Netlify and Cloudflare Pages read `_headers` at the root of the deployed site.
The headers are configured once, in DEPLOY_HEADERS, so the security policy and
cache lifetimes the site was tested with are the ones that ship.
"""

import difflib
import logging
import os

from pelican import signals

log = logging.getLogger(__name__)
# Pelican's loggers drop a warning already logged once in this process; a rebuild must report
# the same problems again.
log.disable_filter()

DEFAULTS = {
    # URL pattern (Netlify syntax, `*` as wildcard) -> {header name: value}
    "DEPLOY_HEADERS": {},
    # file name relative to the output directory; empty to write nothing
    "DEPLOY_HEADERS_FILE": "_headers",
}


def render(rules):
    """The `_headers` text for {pattern: {name: value}}; raises ValueError on a bad entry."""
    if not isinstance(rules, dict):
        raise ValueError(f"must be a dict {{URL pattern: {{header name: value}}}}, got {rules!r}")
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


def unknown_settings(settings):
    """One message per DEPLOY_HEADER* name that is not a setting (usually a typo)."""
    messages = []
    for name in sorted(n for n in settings if n.startswith("DEPLOY_HEADER") and n not in DEFAULTS):
        close = difflib.get_close_matches(name, DEFAULTS, n=1, cutoff=0.85)
        hint = f"; did you mean {close[0]}?" if close else ""
        messages.append(f"deploy_headers: unknown setting {name}{hint}")
    return messages


def write_headers(pelican):
    settings = pelican.settings
    for message in unknown_settings(settings):
        log.warning("%s", message)
    filename = settings.get("DEPLOY_HEADERS_FILE", DEFAULTS["DEPLOY_HEADERS_FILE"])
    rules = settings.get("DEPLOY_HEADERS", DEFAULTS["DEPLOY_HEADERS"])
    if filename and (not isinstance(filename, str) or os.path.basename(filename) != filename):
        log.error("deploy_headers: DEPLOY_HEADERS_FILE must be a file name, got %r", filename)
        return
    if not filename or not rules:
        return
    try:
        text = render(rules)
    except ValueError as exc:
        log.error("deploy_headers: DEPLOY_HEADERS: %s", exc)
        return
    with open(os.path.join(pelican.output_path, filename), "w", encoding="utf-8") as handle:
        handle.write(text)


def register():
    signals.finalized.connect(write_headers)
