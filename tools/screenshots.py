"""Screenshots of the built site for the README (`make screenshots`).

Serves the output directory on 127.0.0.1 and saves the home page and a series
article, as a reader sees them on a laptop and on a phone, into docs/screenshots/.

Usage: python -m tools.screenshots OUTPUT_DIR  (from the repository root)
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools import chromium
from tools.static_server import StaticServer

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "screenshots"
SHOTS = {
    "home": ("/", {"width": 1280, "height": 900}),
    "article": ("/the-case-for-reaching-out/", {"width": 1280, "height": 900}),
    "article-mobile-dark": ("/the-case-for-reaching-out/", {"width": 390, "height": 844}),
}


def main(output_dir):
    TARGET.mkdir(parents=True, exist_ok=True)
    with StaticServer(Path(output_dir)) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium.executable(pw), args=["--no-sandbox"])
        for name, (path, viewport) in SHOTS.items():
            scheme = "dark" if name.endswith("-dark") else "light"
            page = browser.new_page(viewport=viewport, color_scheme=scheme)
            page.goto(server.url + path)
            page.screenshot(path=TARGET / f"{name}.png")
            page.close()
            print(f"wrote {(TARGET / f'{name}.png').relative_to(ROOT)}")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "output")
