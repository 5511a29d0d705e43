"""Preview server: a strict rebuild on every save, and the browser reloads by itself.

    python tools/devserver.py SETTINGS_FILE --output DIR [--bind HOST] [--port N]
                              [--no-watch | --no-server]

`make devserver` runs this. Each rebuild is tools/build.py in a child process, the
same strict build as `make html`: a failed build leaves the output directory as it
was, prints its errors here and shows them in the browser instead of the site, until
a save fixes them. Pages are served with the site's own response headers
(the output's `_headers`, read again whenever a build rewrites it), so the preview is held
to the production Content-Security-Policy; the only addition is `connect-src 'self'`, for the
live-reload connection. A site removed while the server runs (`make clean`) is built again
at the next request, or, by `make serve`, answered with a page saying how to build it. The
live-reload script (livereload's) is added to pages as they are served, never to the
files in the output directory, so `make publish` output never carries it.

`--no-watch` only serves (`make serve`); `--no-server` only rebuilds (`make
regenerate`). Ctrl-C, a kill of this process or of the `make` that started it stops
the server and any build in progress; on Linux even a SIGKILL of this process ends the build.
"""

import argparse
import contextlib
import ctypes
import errno
import html
import mimetypes
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.server import LiveScriptContainer
from livereload.watcher import get_watcher_class
from pelican.settings import read_settings
from tornado import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tools.build import settings_file_problem
from tools.static_server import headers_for, parse_headers

BUILD = Path(__file__).resolve().parent / "build.py"
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
EDITOR_DROPPINGS = ("~", ".swp", ".swx", ".tmp", ".part")
ERROR_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed</title>
<link rel="icon" href="data:,">
</head>
<body>
<h1>The build failed</h1>
<p>The site was not rebuilt. Fix what the messages name and save: this page
reloads by itself as soon as the site builds again.</p>
<pre>{errors}</pre>
</body>
</html>
"""
NOT_BUILT_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not built yet</title>
<link rel="icon" href="data:,">
</head>
<body>
<h1>The site is not built</h1>
<p>{output}/ is empty or missing (<code>make clean</code> removes it). Build it with
<code>make html</code> (or <code>make publish</code>), then reload this page.</p>
</body>
</html>
"""


class Builder:
    """Runs tools/build.py; remembers the errors of the last build (empty: it succeeded)."""

    def __init__(self, settings_file, output):
        self.command = [sys.executable, str(BUILD), settings_file, "--output", output]
        self.errors = ""
        self.proc = None

    def build(self):
        started = time.monotonic()
        # A session (process group) of its own: stop() ends the build and anything it started.
        self.proc = subprocess.Popen(
            self.command,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            preexec_fn=end_with_parent(os.getpid()),
        )
        lines = []
        for line in self.proc.stderr:
            with contextlib.suppress(OSError):  # a closed terminal: keep the build's words
                sys.stderr.write(line)
            lines.append(line)
        code = self.proc.wait()
        self.proc = None
        if code == 0:
            self.errors = ""
            say(f"Built in {time.monotonic() - started:.1f} s")
        else:
            self.errors = "".join(lines).strip() or f"tools/build.py exited with status {code}"
            say("The build failed; the browser shows the errors until a save fixes them.")

    def stop(self):
        proc = self.proc
        if proc is not None:
            with contextlib.suppress(ProcessLookupError):  # it has just ended
                os.killpg(proc.pid, signal.SIGTERM)


def end_with_parent(parent):
    """For Popen's preexec_fn: on Linux, the child gets SIGTERM when this process dies, even
    by SIGKILL (no handler of ours runs then), so a build never outlives its server."""
    if not sys.platform.startswith("linux"):
        return None
    # Looked up here: between fork and exec the child must take no lock another thread holds.
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def preexec():
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # it died before prctl took effect
            os._exit(1)

    return preexec


def say(message):
    # The terminal may be gone (closed: every write fails); stopping must not depend on it.
    with contextlib.suppress(OSError):
        print(f"[devserver {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class HeadersFile:
    """The response headers of the site being served: those its headers file (`_headers`,
    written by plugins/deploy_headers) gives, read again whenever a build changes it, so a
    changed DEPLOY_HEADERS shows without a restart; DEPLOY_HEADERS as the server started
    while there is no such file (nothing built yet, or DEPLOY_HEADERS_FILE empty)."""

    def __init__(self, path, fallback):
        self.path = path
        self.fallback = fallback or {}
        self.rules = self.fallback
        self.seen = None

    def current(self):
        if not self.path:
            return self.fallback
        try:
            stat = os.stat(self.path)
        except OSError:
            return self.fallback
        # A build writes a new file: a change of inode, size or time is a new version.
        version = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if version != self.seen:
            try:
                self.rules = parse_headers(Path(self.path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                return self.fallback
            self.seen = version
        return self.rules


def site_headers(rules, url_path, live):
    """The response headers DEPLOY_HEADERS gives `url_path`, for a local preview."""
    headers = headers_for(rules, url_path)
    # Always the file as it is now: a preview must never show a cached, older build.
    headers["Cache-Control"] = "no-store"
    csp = headers.get("Content-Security-Policy")
    if live and csp and "connect-src" not in csp:
        headers["Content-Security-Policy"] = f"{csp.rstrip('; ')}; connect-src 'self'"
    return headers


class Site:
    """A WSGI app serving the output directory, or the build errors in place of its pages."""

    def __init__(self, output, builder, headers, live):
        self.output = output
        self.root = Path(output).resolve()
        self.builder = builder
        self.headers = headers
        self.live = live

    def __call__(self, environ, start_response):
        # Tornado passes the decoded path as Latin-1 text, as WSGI requires.
        url_path = environ.get("PATH_INFO", "/").encode("latin-1").decode("utf-8", "replace")
        status, body, content_type, extra = self.respond(url_path)
        headers = {**site_headers(self.headers.current(), url_path, self.live), **extra}
        headers["Content-Type"] = content_type
        start_response(status, list(headers.items()))
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]

    def respond(self, url_path, rebuilt=False):
        path = (self.root / url_path.lstrip("/")).resolve()
        if not path.is_relative_to(self.root):
            return "404 Not Found", b"Not found", "text/plain; charset=utf-8", {}
        if path.is_dir():
            if not url_path.endswith("/"):
                return "301 Moved Permanently", b"", "text/plain", {"Location": url_path + "/"}
            path = path / "index.html"
        page = path.suffix == ".html" or not path.suffix
        if self.builder.errors and page:
            body = ERROR_PAGE.format(errors=html.escape(self.builder.errors))
            return "500 Build Failed", body.encode(), "text/html; charset=utf-8", {}
        if path.is_file():
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if content_type.startswith("text/") or content_type.endswith(("xml", "javascript")):
                content_type += "; charset=utf-8"
            return "200 OK", path.read_bytes(), content_type, {}
        if self.gone():
            # `make clean` while the devserver runs: build the site again rather than
            # answer "not found" until the next save (a failed build shows its errors).
            if self.live and not self.builder.errors and not rebuilt:
                say(f"{self.output}/ is gone (make clean?): building the site again.")
                self.builder.build()
                return self.respond(url_path, rebuilt=True)
            if not self.builder.errors:
                body = NOT_BUILT_PAGE.format(output=html.escape(self.output))
                return "404 Not Found", body.encode(), "text/html; charset=utf-8", {}
        missing = self.root / "404.html"
        if missing.is_file():
            return "404 Not Found", missing.read_bytes(), "text/html; charset=utf-8", {}
        return "404 Not Found", b"Not found", "text/plain; charset=utf-8", {}

    def gone(self):
        """Whether there is no site to serve: the output directory is missing or empty."""
        try:
            return not any(self.root.iterdir())
        except OSError:
            return True


class LiveServer(Server):
    """livereload's server, adding its client as a script file rather than inline code,
    which the site's Content-Security-Policy would block."""

    def __init__(self, app, watcher, port, live):
        super().__init__(app=app, watcher=watcher)
        # livereload.js reads the port of its socket from its own address. With nothing
        # watched (`make serve`) there is nothing to reload: pages are served as built.
        self.script = (
            f'<script src="/livereload.js?port={port}"></script>'.encode() if live else b""
        )

    def get_web_handlers(self, script):
        container = LiveScriptContainer(self.app, self.script)
        return [(r".*", web.FallbackHandler, {"fallback": container})]


CANONICAL = re.compile(rb'<link rel="canonical" href="(https?://[^/"]+)')


def site_address(output):
    """The scheme and host a built site links to (its SITEURL's, read from the home page's
    canonical link), or None for a site built with relative or root-relative links."""
    try:
        found = CANONICAL.search(Path(output, "index.html").read_bytes())
    except OSError:
        return None
    return found[1].decode() if found else None


def watched_paths(settings, settings_file):
    paths = [settings["PATH"], settings["THEME"], settings_file]
    paths += [p for p in settings.get("PLUGIN_PATHS", []) if os.path.isdir(p)]
    return [os.path.abspath(p) for p in paths]


def ignored(path):
    name = os.path.basename(path)
    return name.startswith((".#", "#")) or name.endswith(EDITOR_DROPPINGS) or "__pycache__" in path


def listen_problem(host, port, target):
    """Why this server cannot listen on `host`:`port`, said for `make <target>`, or None."""
    where = f"Cannot listen on {host}:{port}"
    if not 0 < port < 65536:
        return f"{where}: PORT must be a number from 1 to 65535, such as make {target} PORT=8000"
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
            # As the server will: a port whose last connections are still closing is free.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
    except socket.gaierror:
        return f"{where}: BIND names no address this computer can find; leave it out"
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return (
                f"{where}: another server is running there. Stop it, or choose another port: "
                f"make {target} PORT={port + 1}"
            )
        if exc.errno == errno.EADDRNOTAVAIL:
            return (
                f"{where}: this computer has no address {host}; leave BIND out, or give one of "
                "its own addresses (README, 'On a phone')"
            )
        if exc.errno == errno.EACCES:
            return f"{where}: ports below 1024 need root; choose another: make {target} PORT=8000"
        return f"{where}: {exc.strerror}"
    return None


def stop_with(builder):
    """Signal handler: end the build in progress, then this process."""

    def handler(signum, frame):
        builder.stop()
        say("Stopped.")
        sys.exit(0)

    return handler


def exit_when_orphaned():
    """A `make` killed with SIGKILL cannot pass the signal on: notice it and stop as well."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, daemon=True).start()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", help="pelicanconf.py")
    parser.add_argument("--output", required=True, help="the output directory")
    parser.add_argument("--bind", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--no-watch", action="store_true", help="serve only; no rebuilds")
    mode.add_argument("--no-server", action="store_true", help="rebuild only; no server")
    args = parser.parse_args(argv)

    try:
        settings = read_settings(args.settings)
    except Exception as exc:  # noqa: BLE001 (any error in the owner's settings file)
        say(settings_file_problem(args.settings, exc))
        return 1
    target = "serve" if args.no_watch else "devserver"
    problem = None if args.no_server else listen_problem(args.bind, args.port, target)
    if problem:
        say(problem)
        return 1
    builder = Builder(args.settings, args.output)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop_with(builder))
    exit_when_orphaned()

    watcher = get_watcher_class()()
    if not args.no_watch:
        for path in watched_paths(settings, args.settings):
            watcher.watch(path, builder.build, ignore=ignored)
        builder.build()
    if args.no_server:
        say("Rebuilding on every save; Ctrl-C stops.")
        while True:
            watcher.examine()
            time.sleep(0.5)

    # Reload after every rebuild, however soon after the last one (livereload waits 3 s).
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    live = not args.no_watch
    filename = settings.get("DEPLOY_HEADERS_FILE", "_headers")
    headers = HeadersFile(
        filename and os.path.join(args.output, filename), settings.get("DEPLOY_HEADERS")
    )
    site = Site(args.output, builder, headers, live)
    server = LiveServer(site, watcher, args.port, live)
    host = "localhost" if args.bind in ("127.0.0.1", "0.0.0.0") else args.bind
    say(f"Serving {args.output}/ on http://{host}:{args.port}/ ; Ctrl-C stops.")
    if args.bind == "0.0.0.0":
        say(f"Other devices on this network: http://<this computer's address>:{args.port}/")
    if args.no_watch and not os.path.isdir(args.output):
        say(f"{args.output}/ does not exist yet: build it first (make html or make publish).")
    elif args.no_watch:
        built_for = site_address(args.output)
        here = f"http://{host}:{args.port}"
        if built_for and built_for not in (here, f"http://{args.bind}:{args.port}"):
            say(
                f"{args.output}/ was built for {built_for}: its pages load their stylesheet and"
                f" links from there, not from this server. To look at it here, build it with"
                f" SITEURL={here} make publish"
            )
    server.serve(port=args.port, host=args.bind, live_css=False, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
