"""The Chromium that the browser tests, the screenshots and the audit drive.

`make` sets CHROMIUM from tools/find-chromium, which installs one when none is found;
without it, `chromium` on PATH, then the browser Playwright downloaded.
"""

import os
import shutil


def executable(playwright):
    """The browser's path; `playwright` is a started sync_playwright()."""
    return (
        os.environ.get("CHROMIUM")
        or shutil.which("chromium")
        or playwright.chromium.executable_path
    )
