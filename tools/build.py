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
import tempfile

from blinker import ANY, default_namespace
from pelican import Pelican
from pelican.log import init as init_logging
from pelican.settings import read_settings

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


def replace_dir(staging, final):
    """Put `staging` where `final` is, keeping the window without a site minimal."""
    previous = None
    if os.path.exists(final):
        previous = tempfile.mkdtemp(prefix=".output-old-", dir=os.path.dirname(final))
        os.rmdir(previous)
        os.rename(final, previous)
    os.rename(staging, final)
    if previous:
        shutil.rmtree(previous)


def build(settings_file, override=None):
    """Build the site; return the error messages logged (empty means success).

    `override` is passed to Pelican's `read_settings`; its OUTPUT_PATH, if any,
    is where the finished site goes.
    """
    collector = ErrorCollector()
    logging.getLogger().addHandler(collector)
    try:
        settings = read_settings(settings_file, override=dict(override or {}))
        final = os.path.abspath(settings["OUTPUT_PATH"])
        parent = os.path.dirname(final)
        os.makedirs(parent, exist_ok=True)
        staging = tempfile.mkdtemp(prefix=".output-new-", dir=parent)
        try:
            disconnect_all_receivers()
            settings = read_settings(
                settings_file, override={**(override or {}), "OUTPUT_PATH": staging}
            )
            Pelican(settings).run()
        except Exception as exc:
            log.error("Build crashed: %s: %s", type(exc).__name__, exc, exc_info=True)
        if collector.messages:
            shutil.rmtree(staging, ignore_errors=True)
            return collector.messages
        # mkdtemp makes the directory private; a published site must be readable by the server.
        os.chmod(staging, 0o755)  # noqa: S103
        replace_dir(staging, final)
        return []
    finally:
        logging.getLogger().removeHandler(collector)


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
    errors = build(args.settings, {"OUTPUT_PATH": args.output} if args.output else None)
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
