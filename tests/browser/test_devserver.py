"""`make devserver` as the owner uses it: the open page reloads after a save, build errors
show in the browser and the terminal, and stopping `make` stops every process it started."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import (
    DEV_CONF,
    ROOT,
    article,
    build_into,
    run_make,
    tiny_content,
    write_conf,
    write_files,
)

ARTICLE = "content/articles/one.md"
# A rebuild on a busy machine can take a while; the page must reload once it is done.
RELOAD = 90_000


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def processes_mentioning(text):
    """PIDs of live processes whose command line contains `text`."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in cmdline and int(proc.name) != os.getpid():
                found.append(int(proc.name))
    return found


def wait_for(condition, what, limit=90):
    """Poll `condition` until it holds; fail naming `what` if it never does."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


class DevServer:
    """`make devserver` on a one-article site in tmp_path, in a process group of its own."""

    def __init__(self, tmp_path):
        self.root = tmp_path
        write_files(tmp_path / "content", tiny_content({}))
        (tmp_path / ARTICLE).parent.mkdir(parents=True)
        self.write(article("First Title", Slug="one"))
        self.conf = write_conf(tmp_path / "conf.py", PATH=str(tmp_path / "content"))
        self.output = tmp_path / "output"
        self.port = free_port()
        self.log = tmp_path / "devserver.log"
        self.url = f"http://127.0.0.1:{self.port}"
        self.make = None

    def write(self, text):
        (self.root / ARTICLE).write_text(text)

    def start(self, target="devserver"):
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
        with self.log.open("w") as log:
            self.make = subprocess.Popen(
                ["make", target, f"CONFFILE={self.conf}", f"OUTPUTDIR={self.output}",
                 f"PORT={self.port}"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        wait_for(lambda: listening(self.port), "the devserver to listen")
        return self

    def terminal(self):
        return self.log.read_text()

    def leftovers(self):
        return processes_mentioning(str(self.conf))

    def stop(self):
        if self.make and self.make.poll() is None:
            self.make.kill()
        for pid in self.leftovers():
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def devserver(tmp_path):
    server = DevServer(tmp_path)
    yield server
    server.stop()


def test_saving_reloads_the_open_page_and_errors_show_in_the_browser(devserver, new_tab):
    devserver.start()
    tab = new_tab()
    page = tab.page
    response = page.goto(f"{devserver.url}/one/")
    assert page.locator("h1").inner_text() == "First Title"
    csp = response.headers["content-security-policy"]
    assert csp.startswith("default-src 'none'; script-src 'self'")
    assert csp.endswith("; connect-src 'self'")
    wait_for(lambda: "Browser Connected" in devserver.terminal(), "live reload to connect")
    page.evaluate("window.notReloadedYet = true")

    devserver.write(article('Second "Title"', Slug="one"))
    expect(page.locator("h1")).to_have_text("Second “Title”", timeout=RELOAD)
    assert page.evaluate("window.notReloadedYet") is None

    devserver.write(article("Broken", date="the first of May", Slug="one"))
    expect(page.locator("h1")).to_have_text("The build failed", timeout=RELOAD)
    shown = page.locator("pre").inner_text()
    assert "one.md" in shown
    assert "the first of May" in shown
    assert "one.md" in devserver.terminal()

    devserver.write(article("Fixed", Slug="one"))
    expect(page.locator("h1")).to_have_text("Fixed", timeout=RELOAD)
    # The reload script is added as pages are served: the built files never carry it, and
    # it never breaks the page's Content-Security-Policy.
    for path in devserver.output.rglob("*.html"):
        assert "livereload" not in path.read_text(), path
    # The error page's own status is the only thing that went wrong.
    assert tab.console_errors == [
        "Failed to load resource: the server responded with a status of 500 (Build Failed)"
    ]


@pytest.mark.parametrize(
    "stop",
    [
        pytest.param(lambda make: os.killpg(make.pid, signal.SIGINT), id="ctrl-c"),
        pytest.param(lambda make: make.terminate(), id="kill make"),
        pytest.param(lambda make: make.kill(), id="kill -9 make"),
    ],
)
def test_stopping_make_stops_every_process(devserver, stop):
    devserver.start()
    assert devserver.leftovers()
    stop(devserver.make)
    wait_for(lambda: not listening(devserver.port), "the port to be free")
    wait_for(lambda: not devserver.leftovers(), "every devserver process to end")


def test_a_port_in_use_is_named(devserver):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", devserver.port))
        sock.listen()
        result = run_make(
            "devserver",
            f"CONFFILE={devserver.conf}",
            f"OUTPUTDIR={devserver.output}",
            f"PORT={devserver.port}",
            timeout=120,
        )
    assert result.returncode != 0
    assert f"Cannot listen on 127.0.0.1:{devserver.port}: another server" in result.stderr
    assert "PORT=8001" in result.stderr
    assert not devserver.output.exists()


def test_a_broken_settings_file_is_named(devserver):
    devserver.conf.write_text(devserver.conf.read_text() + "SITENAME = 'unclosed\n")
    result = run_make(
        "devserver", f"CONFFILE={devserver.conf}", f"OUTPUTDIR={devserver.output}", timeout=120
    )
    assert result.returncode != 0
    assert f"Cannot read {devserver.conf}: SyntaxError" in result.stderr


def test_serve_shows_the_site_as_built_under_its_own_policy(devserver, new_tab):
    assert build_into(devserver.output, conf=devserver.conf).errors == []
    devserver.start("serve")
    tab = new_tab()
    response = tab.page.goto(f"{devserver.url}/one/")
    assert "livereload" not in response.text()
    policy = {}
    exec(DEV_CONF.read_text(), policy)  # noqa: S102 (our own settings file)
    assert response.headers["content-security-policy"] == policy["CONTENT_SECURITY_POLICY"]
    # An image from another site is blocked, as it will be in production.
    blocked = tab.page.evaluate(
        """() => new Promise(done => {
             document.addEventListener("securitypolicyviolation", e => done(e.violatedDirective));
             const img = document.createElement("img");
             img.src = "https://images.example.org/photo.jpg";
             document.body.append(img);
           })"""
    )
    assert blocked == "img-src"
