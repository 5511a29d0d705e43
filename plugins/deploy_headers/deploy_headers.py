"""Write the site's HTTP response headers as a `_headers` file.

Netlify and Cloudflare Pages read `_headers` at the root of the deployed site.
The headers are configured once, in DEPLOY_HEADERS, so the security policy and
cache lifetimes the site was tested with are the ones that ship.
"""

import logging
import os

from pelican import signals

log = logging.getLogger(__name__)

DEFAULTS = {
    # URL pattern (Netlify syntax, `*` as wildcard) -> {header name: value}
    "DEPLOY_HEADERS": {},
    # file name relative to the output directory; empty to write nothing
    "DEPLOY_HEADERS_FILE": "_headers",
}


def render(rules):
    """The `_headers` text for {pattern: {name: value}}; raises ValueError on a bad entry."""
    lines = []
    for pattern, headers in rules.items():
        if not pattern.startswith("/"):
            raise ValueError(f"pattern '{pattern}' must start with '/'")
        lines.append(pattern)
        for name, value in headers.items():
            if any(c in f"{name}{value}" for c in "\r\n") or ":" in name:
                raise ValueError(f"header '{name}' for '{pattern}' has a line break or colon")
            lines.append(f"  {name}: {value}")
    return "\n".join(lines) + "\n"


def write_headers(pelican):
    settings = pelican.settings
    filename = settings.get("DEPLOY_HEADERS_FILE", DEFAULTS["DEPLOY_HEADERS_FILE"])
    rules = settings.get("DEPLOY_HEADERS", DEFAULTS["DEPLOY_HEADERS"])
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
