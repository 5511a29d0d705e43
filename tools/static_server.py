"""A static file server for a built site on 127.0.0.1, as a static host serves it.

Used by the tests, `make audit` and `make screenshots`: it serves the site's own
404 page for missing files and can add response headers (a CSP, say).
"""

import fnmatch
import functools
import http.server
import os
import sys
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar


def headers_for(rules, url_path):
    """The headers {pattern: {name: value}} rules (DEPLOY_HEADERS) give `url_path`: those of
    every pattern it matches, a later pattern's value replacing an earlier one's."""
    headers = {}
    for pattern, values in (rules or {}).items():
        if fnmatch.fnmatchcase(url_path, pattern):
            headers.update(values)
    return headers


def parse_headers(text):
    """{pattern: {name: value}} from the text of a `_headers` file (Netlify's format, as
    plugins/deploy_headers writes it): a pattern on a line of its own, then its headers
    indented below it, `Name: value`; `#` starts a comment line."""
    rules, pattern = {}, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = line.strip()
            rules.setdefault(pattern, {})
        elif pattern is not None and ":" in line:
            name, value = line.split(":", 1)
            rules[pattern][name.strip()] = value.strip()
    return rules


class _Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict] = {}
    rules: ClassVar[dict] = {}

    def end_headers(self):
        url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        headers = {**self.extra_headers, **headers_for(self.rules, url_path)}
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.exists():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a connection it no longer needs (a page left mid-load) is no
        # error worth a traceback in the owner's terminal.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LocalServer:
    """Runs `self.handler()` (an HTTP request handler class) on 127.0.0.1, on a free port, in
    a background thread for the duration of a `with` block; `url` is where it listens."""

    def handler(self):
        raise NotImplementedError

    def __enter__(self):
        self._httpd = _Server(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()


@dataclass
class StaticServer(LocalServer):
    """Serves a directory like a static host would (including its 404 page), optionally
    adding response headers such as a CSP: `headers` on every response, and those `rules`
    ({URL pattern: {name: value}}, as in DEPLOY_HEADERS and `_headers`) give each path."""

    directory: Path
    headers: dict = field(default_factory=dict)
    rules: dict = field(default_factory=dict)

    def handler(self):
        extra = {"extra_headers": dict(self.headers), "rules": dict(self.rules)}
        handler = type("Handler", (_Handler,), extra)
        return functools.partial(handler, directory=os.fspath(self.directory))
