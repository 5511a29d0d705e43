"""Lighthouse audit of the built site (`make audit`).

Builds the production site (publishconf.py) with SITEURL set to a local server
on 127.0.0.1, so canonical URLs, robots.txt and feeds are absolute as in
production; runs Lighthouse (mobile settings, the system Chromium) on the home
page, a series article, the series page and the search page (with results), and
prints the four category scores, each the median of RUNS runs (Lighthouse's own advice:
one run's timings vary with whatever else the machine is doing). The target is 100 in
each; the exit status is 1 if any page misses it.

Usage: python -m tools.audit
"""

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools import chromium
from tools.build import build
from tools.static_server import StaticServer

HERE = Path(__file__).resolve().parent
PUBLISHCONF = HERE.parent / "publishconf.py"
LIGHTHOUSE = HERE / "audit" / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "/",
    "series article": "/the-case-for-reaching-out/",
    "series page": "/series/building-referral-relationships/",
    "search page": "/search/?q=referral",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


RUNS = 3


def scores(url, browser):
    """{category: score} of `url`: the median of RUNS Lighthouse runs."""
    runs = [run(url, browser) for _ in range(RUNS)]
    return {c: statistics.median_low(r[c] for r in runs) for c in CATEGORIES}


def run(url, browser):
    proc = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": browser},
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(proc.stdout)
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


@contextlib.contextmanager
def production_site():
    """The production build in a temporary folder, served on 127.0.0.1 at the address it was
    built for (SITEURL); yields that address, or None (after printing why) if it failed."""
    with tempfile.TemporaryDirectory() as tmp, StaticServer(Path(tmp)) as server:
        override = {"SITEURL": server.url, "FEED_DOMAIN": server.url, "OUTPUT_PATH": tmp}
        errors = build(str(PUBLISHCONF), override)
        if errors:
            print("The build failed:", *errors, sep="\n  ", file=sys.stderr)
        yield None if errors else server.url


def main():
    missed = False
    with sync_playwright() as pw:
        browser = chromium.executable(pw)
    with production_site() as url:
        if url is None:
            return 1
        print(f"{'page':<16}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for name, path in PAGES.items():
            result = scores(url + path, browser)
            missed |= any(score < 100 for score in result.values())
            print(f"{name:<16}" + "".join(f"{result[c]:>16}" for c in CATEGORIES))
    if missed:
        print("Target missed: 100 in every category.", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
