"""Helpers shared by the tests: building sites, serving them, reading their output."""

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from bs4 import BeautifulSoup

from tools.build import build
from tools.static_server import parse_headers

ROOT = Path(__file__).resolve().parent.parent
DEV_CONF = ROOT / "pelicanconf.py"
PUBLISH_CONF = ROOT / "publishconf.py"


# A tiny site in a test has none of the real site's pages, so no menu links to them. The
# forms' privacy link needs a page: `tiny_content` gives every tiny site one.
TINY_SITE = {"MENU_HEADER": [], "MENU_FOOTER": [], "MENU_SUBSCRIBE": None, "SITE_AUTHOR_PAGE": None}
PRIVACY_PAGE = "Title: Privacy\nSlug: privacy\nStatus: hidden\n\nWhat we keep, and why.\n"


def tiny_content(files):
    """`files` plus a privacy page, unless they have their own (the forms link to it)."""
    if any(text and "Slug: privacy" in str(text) for text in files.values()):
        return files
    return {"pages/privacy.md": PRIVACY_PAGE, **files}


@dataclass
class Build:
    """The result of one build: where it went and what errors were logged."""

    output: Path
    errors: list

    def path(self, url_path):
        """The file a URL path such as `/about/` or `feeds/all.atom.xml` is served from."""
        path = self.output / url_path.lstrip("/")
        return path / "index.html" if url_path.endswith("/") or path.is_dir() else path

    def soup(self, url_path):
        return BeautifulSoup(self.path(url_path).read_text(encoding="utf-8"), "html.parser")

    def headers(self):
        """{pattern: {name: value}} parsed from the built `_headers` file."""
        return parse_headers((self.output / "_headers").read_text(encoding="utf-8"))

    def pages(self):
        """(URL path, soup) of every built HTML page: ("/about/", ...), ("/404.html", ...)."""
        for path in self.html_pages():
            rel = path.relative_to(self.output).as_posix()
            yield ("/" + rel).removesuffix("index.html"), self.soup("/" + rel)

    def html_pages(self):
        pages = sorted(self.output.rglob("*.html"))
        # Every caller loops over them: an empty build must not pass unnoticed.
        assert pages, f"no HTML pages in {self.output}"
        return pages


def build_into(output, conf=DEV_CONF, **settings):
    """Build with `conf` (None: Pelican's defaults) plus `settings` overrides into `output`;
    never reads or writes a cache shared with other builds."""
    output = Path(output)
    if "PATH" in settings:
        settings = {**TINY_SITE, **settings}
    cache = settings.get("CACHE_PATH", str(output.parent / (output.name + "-cache")))
    override = {
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": cache,
        "LOAD_CONTENT_CACHE": False,
        # Next to the content cache: the build keys that cache by every other setting.
        "SOCIAL_CARDS_CACHE_PATH": cache + "-cards",
        **settings,
    }
    return Build(output=output, errors=build(conf and str(conf), override))


def write_conf(path, base=DEV_CONF, **settings):
    """A settings file that runs `base` and then sets `settings`, for `tools/build.py`
    (what `make html` and `make publish` run) in a subprocess."""
    if "PATH" in settings:
        settings = {**TINY_SITE, **settings}
    lines = [
        "import sys",
        f"sys.path.insert(0, {str(ROOT)!r})",
        f"exec(open({str(base)!r}).read())",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]",
        "CACHE_CONTENT = False",
        *(f"{name} = {value!r}" for name, value in settings.items()),
    ]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Path(path)


def run_cli(conf, output, *args):
    """Run `tools/build.py conf --output output` as `make html` / `make publish` do;
    returns the CompletedProcess (text output captured)."""
    return subprocess.run(
        [sys.executable, "tools/build.py", str(conf), "--output", str(output), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def write_files(root, files):
    """Write {relative path: text} under root; returns root."""
    root = Path(root)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def article(title="An article", date="2026-01-01 09:00", body="Some text.", **meta):
    """Markdown source of an article; `meta` keys become metadata lines (None drops a key)."""
    fields = {"Title": title, "Date": date, "Category": "Tests", **meta}
    head = "".join(f"{k.replace('__', '-')}: {v}\n" for k, v in fields.items() if v is not None)
    return f"{head}\n{body}\n"


@dataclass
class Tab:
    """A browser page plus everything that went wrong on it."""

    page: object
    console_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)

    @classmethod
    def open(cls, context):
        tab = cls(context.new_page())
        tab.page.on(
            "console",
            lambda msg: msg.type == "error" and tab.console_errors.append(msg.text),
        )
        tab.page.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
        tab.page.on(
            "requestfailed",
            lambda req: tab.failed_requests.append(f"{req.url} {req.failure}"),
        )
        tab.page.on(
            "response",
            lambda resp: (
                resp.status >= 400 and tab.failed_requests.append(f"{resp.url} {resp.status}")
            ),
        )
        return tab


AXE_SOURCE = (Path(__import__("axe_playwright_python").__file__).parent / "axe.min.js").read_text(
    encoding="utf-8"
)
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}


def axe_violations(page, options=AXE_OPTIONS):
    """Run axe-core (WCAG 2.2 AA, target-size on) in the page; return readable violations."""
    # axe reads colours as painted: a popup still fading in would be judged at part of its
    # contrast (a loaded machine makes the fade outlast the test's own steps).
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]


def run_make(*args, env=None, **kwargs):
    """Run `make ARGS` in the project, as the owner would, with no deploy settings, nor those
    of a `make` this test run was started from, inherited; returns the CompletedProcess."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SSH_", "GITHUB_", "MAKE"))
        and k not in ("MFLAGS", "TITLE", "SERIES", "CATEGORY")
    }
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        **kwargs,
    )


def css_rules(css, media=None):
    """[(selector, declarations)] of a stylesheet's rules at its top level, or inside its
    `@media` rules whose condition is `media` (such as "(prefers-color-scheme: dark)")."""
    # Minified or not: "(prefers-color-scheme:dark)" is the same condition.
    condition = media and "".join(media.split())
    found = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule" and media is None:
            found.append((rule.prelude, rule.content))
        elif (
            rule.type == "at-rule"
            and rule.lower_at_keyword == "media"
            and "".join(tinycss2.serialize(rule.prelude).split()) == condition
        ):
            found += [
                (r.prelude, r.content)
                for r in tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
            ]
    return [
        (tinycss2.serialize(selector).strip(), tinycss2.serialize(body).strip())
        for selector, body in found
        if selector is not None
    ]


def css_declarations(soup, element, rules):
    """The declarations of the `rules` (from `css_rules`) whose selector selects `element`
    in `soup`, in order: what the stylesheet gives it. (By identity: a tag equals any tag
    with the same markup.)"""
    return [
        body for selector, body in rules if any(found is element for found in soup.select(selector))
    ]
