"""Strict, atomic Pelican build.

Pelican logs an unreadable article or a template error and still exits 0. This
build counts every error Pelican (or one of our plugins) logs and exits 1 if
there was any. The site is written into a staging directory next to the output
directory and swapped in only when the build succeeded, so a failed build leaves
the previous output exactly as it was.

Errors are listed once each at the end, grouped by the file they name, with paths relative
to the project and never the staging directory; tracebacks only with --debug.

Usage: python tools/build.py SETTINGS_FILE [--output DIR] [--verbose] [--debug]

Tests and the benchmark import `build()` to get the same behaviour in-process.
"""

import argparse
import contextlib
import io
import logging
import os
import re
import shutil
import sys
import traceback

from blinker import ANY, default_namespace
from pelican import Pelican, signals
from pelican.log import init as init_logging
from pelican.settings import read_settings

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tools import content_cache, search_index, verify
from tools.output_dir import OutputDir, UnsafeOutputError

log = logging.getLogger("build")


# The file a message is about, as plugins and Pelican name it: `content/x.md:12: ...`,
# `content/x.md: ...`, or Pelican's "Could not process content/x.md".
SOURCE = re.compile(r"(?:^|: |Could not process |Skipping | for file )([^\s:'\"]+\.[A-Za-z0-9]+)")
# Pelican's messages that only repeat, for a file already reported, that it was skipped.
CONSEQUENCES = ("Could not process ", "Skipping ", "Unknown status ")


class Problem(str):
    """An error message (a str, as `build()` has always returned) that knows the source file
    it names, if any, for the summary grouped by file."""

    source: str | None = None


class ErrorCollector(logging.Handler):
    """Keeps one message per problem at ERROR level or above: paths relative to the project,
    never the staging directory, no repeats."""

    def __init__(self, root):
        super().__init__(logging.ERROR)
        self.messages = []
        # The settings file's folder, then the working one (`make` runs in the project).
        self.roots = [os.path.join(os.path.abspath(d), "") for d in (root, os.getcwd())]
        self.renames = {}

    def rename(self, path, shown):
        """Write `shown` wherever a message names `path` (the staging directory)."""
        self.renames[path] = shown

    def readable(self, text):
        for path, shown in self.renames.items():
            text = text.replace(path + os.sep, shown + "/").replace(path, shown)
        for root in self.roots:
            text = text.replace(root, "")
        return text

    def emit(self, record):
        if getattr(record, "after_errors", False):
            return
        message = record.getMessage()
        # Pelican logs "Could not process <file>" from inside its `except` block but drops
        # the reason unless DEBUG is set; the exception being handled is that reason.
        handling = sys.exc_info()[1]
        if handling is not None and not record.exc_info and str(handling) not in message:
            message = f"{message}: {type(handling).__name__}: {handling}"
        problem = Problem(self.readable(message.split("\n")[0].strip()))
        found = SOURCE.search(problem)
        if found:
            problem.source = found[1]
        if problem in self.messages:
            return
        if problem.startswith(CONSEQUENCES) and any(
            p.source == problem.source for p in self.messages
        ):
            return
        self.messages.append(problem)


class Readable(logging.Formatter):
    """`LEVEL: message` with the collector's paths, and a traceback only when asked for."""

    def __init__(self, collector, debug):
        super().__init__("%(levelname)s: %(message)s")
        self.collector = collector
        self.debug = debug

    def format(self, record):
        if not self.debug:
            # A copy: the other handlers see the record as it was.
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return self.collector.readable(super().format(record))


def summary(errors):
    """The failed build's errors, grouped by the file they name (in order of first mention)."""
    groups = {}
    for error in errors:
        groups.setdefault(error.source, []).append(error)
    lines = [f"Build failed with {len(errors)} error(s); the output directory was left unchanged:"]
    for source, problems in groups.items():
        lines.append(f"{source}:" if source else "Settings and site:")
        lines.extend(f"  - {problem}" for problem in problems)
    return "\n".join(lines)


def disconnect_all_receivers():
    """Forget the plugins of an earlier build in this process.

    Pelican's signals (and those plugins add, such as pelican-granular-signals')
    are process-wide blinker signals that are never cleared, so without this a
    second build with fewer plugins would still run the first build's ones.
    """
    for sig in default_namespace.values():
        for receiver in list(sig.receivers_for(ANY)):
            sig.disconnect(receiver)


def settings_file_problem(settings_file, exc):
    """One line for an exception raised while Python ran the settings file: the file and
    line (of the settings file itself, or of the file it imports that failed), the error."""
    where = settings_file
    frames = traceback.extract_tb(exc.__traceback__)
    if frames and frames[-1].filename.endswith(os.path.join("pelican", "settings.py")):
        # Python ran the file; Pelican rejected a value ("Could not find the theme x").
        return f"{settings_file}: {exc}"
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f"{exc.filename}, line {exc.lineno}"
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".py")]
        own = [
            f for f in frames if "site-packages" not in f.filename and "<frozen" not in f.filename
        ]
        if own:
            where = f"{own[-1].filename}, line {own[-1].lineno}"
    said = exc.msg if isinstance(exc, SyntaxError) else exc
    return (
        f"{where}: {type(exc).__name__}: {said} (settings are Python: a text value goes in "
        'quotes, such as SITE_LOGO = "images/logo.svg")'
    )


def build(settings_file, override=None, collector=None):
    """Build the site; return the error messages logged (empty means success).

    `override` is passed to Pelican's `read_settings`; its OUTPUT_PATH, if any, is where the
    finished site goes. `collector` (an ErrorCollector) lets the caller show messages the way
    the collector words them. Raises `UnsafeOutputError` (before touching anything) when the
    output path may not be replaced; see tools/output_dir.py.
    """
    root = os.path.dirname(os.path.abspath(settings_file)) if settings_file else os.getcwd()
    collector = collector or ErrorCollector(root)
    logging.getLogger().addHandler(collector)
    try:
        try:
            settings = read_settings(settings_file, override=dict(override or {}))
        except Exception as exc:  # noqa: BLE001 (the settings file is wrong: Python says where)
            log.error("%s", settings_file_problem(settings_file, exc))
            return collector.messages
        output = OutputDir(settings["OUTPUT_PATH"], settings, root)
        output.check()
        with output.lock():
            output.remove_leftovers()
            with content_cache.opened(settings) as cache:
                return _build_locked(settings_file, override, settings, output, cache, collector)
    finally:
        logging.getLogger().removeHandler(collector)


def _build_locked(settings_file, override, settings, output, cache, collector):
    # Pelican would crash on some of these, or write feeds no reader accepts: stop here.
    checks = verify.check_plugins(settings) + verify.check_settings(settings)
    checks += search_index.check_settings(settings)
    for message in checks + verify.check_sources(settings["PATH"]):
        log.error("%s", message)
    if collector.messages:
        return collector.messages
    # The search index's cache: outside the content cache, which is keyed by settings and code.
    search_cache = os.path.join(settings["CACHE_PATH"], "search")
    staging = output.make_staging()
    collector.rename(str(staging), collector.readable(str(output.given)))
    try:
        disconnect_all_receivers()
        staged = {**(override or {}), "OUTPUT_PATH": str(staging), **content_cache.settings(cache)}
        settings = read_settings(settings_file, override=staged)
        pelican = Pelican(settings)
        signals.all_generators_finalized.connect(verify.check_content)
        pelican.run()
        if not collector.messages and search_index.wanted(settings):
            search_index.update(staging, settings, search_cache)
        if not collector.messages:
            checks = verify.check_feeds(staging) + verify.check_precompressed(staging, settings)
            for message in checks:
                log.error("%s", message)
        if not collector.messages:
            output.swap_in(staging)
    except verify.StopBuild:
        pass  # its errors are logged already
    except search_index.SearchIndexError as exc:
        log.error("search: %s", exc)
    except Exception as exc:
        # Once a problem is reported, Pelican may trip over it later (two slugs, one
        # file): the report says what to fix, the crash only where it hurt (--debug).
        log.error(
            "Build stopped: %s: %s (tools/build.py --debug shows where)",
            type(exc).__name__,
            exc,
            exc_info=True,
            extra={"after_errors": bool(collector.messages)},
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if cache and collector.messages:
        cache.discard()
    elif cache:
        cache.commit()
    return collector.messages


class Once(logging.Filter):
    """Shows each warning once (errors wait for the summary, unless debugging)."""

    def __init__(self, debug):
        super().__init__()
        self.debug = debug
        self.seen = set()

    def filter(self, record):
        if record.levelno >= logging.ERROR and not self.debug:
            return False
        message = record.getMessage()
        if message in self.seen:
            return False
        self.seen.add(message)
        return True


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", help="pelicanconf.py or publishconf.py")
    parser.add_argument("--output", help="output directory (default: the settings' OUTPUT_PATH)")
    parser.add_argument("--verbose", action="store_true", help="log Pelican's progress too")
    parser.add_argument(
        "--debug", action="store_true", help="show errors as they happen, with tracebacks"
    )
    args = parser.parse_args(argv)
    collector = ErrorCollector(os.path.dirname(os.path.abspath(args.settings)))
    # Plain lines, not Rich's wrapped columns: file paths must stay whole and greppable.
    handler = logging.StreamHandler()
    handler.setFormatter(Readable(collector, args.debug))
    handler.addFilter(Once(args.debug))
    init_logging(level=logging.INFO if args.verbose else logging.WARNING, handler=handler)
    override = {"OUTPUT_PATH": args.output} if args.output else None
    # Pelican prints "Done: Processed ..." even when the build failed: say it only if it did not.
    try:
        with contextlib.redirect_stdout(io.StringIO()) as pelican_says:
            errors = build(args.settings, override, collector)
    except UnsafeOutputError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2
    if errors:
        print(summary(errors), file=sys.stderr)
        return 1
    print(pelican_says.getvalue(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
