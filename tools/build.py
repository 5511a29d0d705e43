"""Strict, atomic Pelican build.

Pelican logs an unreadable article or a template error and still exits 0. This
build counts every error Pelican (or one of our plugins) logs and exits 1 if
there was any. The site is written into a staging directory next to the output
directory and swapped in only when the build succeeded, so a failed build leaves
the previous output exactly as it was.

Usage: python tools/build.py SETTINGS_FILE [--output DIR]

Tests and the benchmark import `build()` to get the same behaviour in-process.
"""

import argparse
import logging
import os
import shutil
import sys

from blinker import ANY, default_namespace
from pelican import Pelican, signals
from pelican.log import init as init_logging
from pelican.settings import read_settings

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from tools import content_cache, verify
from tools.output_dir import OutputDir, UnsafeOutputError

log = logging.getLogger("build")


class ErrorCollector(logging.Handler):
    """Keeps the messages of the records at ERROR level or above."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        message = record.getMessage()
        # Pelican logs "Could not process <file>" from inside its `except` block but drops
        # the reason unless DEBUG is set; the exception being handled is that reason.
        handling = sys.exc_info()[1]
        if handling is not None and not record.exc_info and str(handling) not in message:
            message = f"{message}: {type(handling).__name__}: {handling}"
        self.messages.append(message)


def disconnect_all_receivers():
    """Forget the plugins of an earlier build in this process.

    Pelican's signals (and those plugins add, such as pelican-granular-signals')
    are process-wide blinker signals that are never cleared, so without this a
    second build with fewer plugins would still run the first build's ones.
    """
    for sig in default_namespace.values():
        for receiver in list(sig.receivers_for(ANY)):
            sig.disconnect(receiver)


def build(settings_file, override=None):
    """Build the site; return the error messages logged (empty means success).

    `override` is passed to Pelican's `read_settings`; its OUTPUT_PATH, if any, is where the
    finished site goes. Raises `UnsafeOutputError` (before touching anything) when that path may
    not be replaced; see tools/output_dir.py.
    """
    collector = ErrorCollector()
    logging.getLogger().addHandler(collector)
    try:
        settings = read_settings(settings_file, override=dict(override or {}))
        root = os.path.dirname(os.path.abspath(settings_file)) if settings_file else os.getcwd()
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
    for message in verify.check_settings(settings) + verify.check_sources(settings["PATH"]):
        log.error("%s", message)
    if collector.messages:
        return collector.messages
    staging = output.make_staging()
    try:
        disconnect_all_receivers()
        staged = {**(override or {}), "OUTPUT_PATH": str(staging), **content_cache.settings(cache)}
        settings = read_settings(settings_file, override=staged)
        pelican = Pelican(settings)
        signals.all_generators_finalized.connect(verify.check_content)
        pelican.run()
        if not collector.messages:
            checks = verify.check_feeds(staging) + verify.check_precompressed(staging, settings)
            for message in checks:
                log.error("%s", message)
        if not collector.messages:
            output.swap_in(staging)
    except verify.StopBuild:
        pass  # its errors are logged already
    except Exception as exc:
        log.error("Build crashed: %s: %s", type(exc).__name__, exc, exc_info=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if cache and collector.messages:
        cache.discard()
    elif cache:
        cache.commit()
    return collector.messages


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", help="pelicanconf.py or publishconf.py")
    parser.add_argument("--output", help="output directory (default: the settings' OUTPUT_PATH)")
    parser.add_argument("--verbose", action="store_true", help="log Pelican's progress too")
    args = parser.parse_args(argv)
    # Plain lines, not Rich's wrapped columns: file paths must stay whole and greppable.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    init_logging(level=logging.INFO if args.verbose else logging.WARNING, handler=handler)
    try:
        errors = build(args.settings, {"OUTPUT_PATH": args.output} if args.output else None)
    except UnsafeOutputError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2
    if errors:
        print(
            f"Build failed with {len(errors)} error(s); the output directory was left unchanged:",
            *(f"  - {message}" for message in errors),
            sep="\n",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
