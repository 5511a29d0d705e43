"""`make devserver` as the owner uses it: the open page reloads after a save, build errors
show in the browser and the terminal, and stopping `make` stops every process it started."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import (
    DEV_CONF,
    PUBLISH_CONF,
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


def command_line(pid):
    """The command line of process `pid`, arguments joined by spaces ("" once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def processes_mentioning(text):
    """PIDs of live processes whose command line contains `text`."""
    return [
        int(proc.name)
        for proc in Path("/proc").iterdir()
        if proc.name.isdigit() and int(proc.name) != os.getpid() and text in command_line(proc.name)
    ]


def wait_for(condition, what, limit=90):
    """Poll `condition` until it holds; fail naming `what` if it never does."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


def process_tree(root):
    """{pid: start time} of `root` and every process descended from it, from /proc."""
    parents = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                # Fields after the command name, which may itself hold spaces or brackets.
                fields = (proc / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            parents[int(proc.name)] = (int(fields[1]), fields[19])
    tree, todo = {}, [root]
    while todo:
        pid = todo.pop()
        tree[pid] = parents[pid][1]
        todo += [child for child, (parent, _) in parents.items() if parent == pid]
    return tree


def alive(pid, started):
    """Whether process `pid` (started at `started`) still runs: neither gone nor a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return False
    return stat[0] != "Z" and stat[19] == started


def server_pid(processes):
    """The PID of tools/devserver.py among `processes`."""
    (pid,) = (pid for pid in processes if "tools/devserver.py" in command_line(pid))
    return pid


def snapshot(directory):
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


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

    def start(self, target="devserver", terminal=None):
        """`terminal`: subprocess.PIPE stands for a terminal the test can close."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
        with self.log.open("w") as log:
            self.make = subprocess.Popen(
                ["make", target, f"CONFFILE={self.conf}", f"OUTPUTDIR={self.output}",
                 f"PORT={self.port}"],
                cwd=ROOT, env=env, stdout=terminal or log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        wait_for(lambda: listening(self.port), "the devserver to listen")
        return self

    def processes(self):
        """{pid: start time} of make and every process it started."""
        return process_tree(self.make.pid)

    def wait_until_stopped(self, processes):
        """Wait until make has exited, the port is free and none of `processes` runs."""
        self.make.wait(timeout=60)
        wait_for(lambda: not listening(self.port), "the port to be free")
        wait_for(
            lambda: not [pid for pid, started in processes.items() if alive(pid, started)],
            "every process make started to end",
        )
        assert self.leftovers() == []

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
    # The error page's own status is the only thing that went wrong (once per failed build:
    # on a loaded machine one save can reach the watcher as two events).
    assert set(tab.console_errors) == {
        "Failed to load resource: the server responded with a status of 500 (Build Failed)"
    }


# Ways to stop `make devserver`, each given make's PID (also that of its process group) and
# the server's.
STOPS = [
    pytest.param(lambda make, server: os.killpg(make, signal.SIGINT), id="ctrl-c"),
    pytest.param(lambda make, server: os.kill(make, signal.SIGTERM), id="kill make"),
    pytest.param(lambda make, server: os.killpg(make, signal.SIGTERM), id="kill the group"),
    pytest.param(lambda make, server: os.kill(make, signal.SIGKILL), id="kill -9 make"),
    # What an editor's stop button may do, and the out-of-memory killer.
    pytest.param(lambda make, server: os.killpg(make, signal.SIGKILL), id="kill -9 group"),
    pytest.param(lambda make, server: os.kill(server, signal.SIGKILL), id="kill -9 server"),
]


@pytest.mark.parametrize("stop", STOPS)
def test_stopping_make_stops_every_process(devserver, stop):
    devserver.start()
    ours = devserver.processes()
    stop(devserver.make.pid, server_pid(ours))
    devserver.wait_until_stopped(ours)


def get(url):
    """(status, headers, body text) of a GET of `url`, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (our server)
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.mark.parametrize("target", ["devserver", "serve"])
def test_a_port_in_use_is_named_with_the_same_command_on_another_port(devserver, target):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", devserver.port))
        sock.listen()
        result = run_make(
            target,
            f"CONFFILE={devserver.conf}",
            f"OUTPUTDIR={devserver.output}",
            f"PORT={devserver.port}",
            timeout=120,
        )
    assert result.returncode != 0
    assert f"Cannot listen on 127.0.0.1:{devserver.port}: another server" in result.stderr
    assert f"choose another port: make {target} PORT={devserver.port + 1}" in result.stderr
    assert not devserver.output.exists()


def test_serve_follows_the_headers_of_each_new_build(devserver):
    # The owner changes the policy in the settings and rebuilds while `make serve` runs.
    assert build_into(devserver.output, conf=devserver.conf).errors == []
    devserver.start("serve")
    status, headers, _ = get(f"{devserver.url}/one/")
    assert status == 200
    assert "upgrade-insecure-requests" not in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] is None

    with devserver.conf.open("a") as conf:
        conf.write(
            'CONTENT_SECURITY_POLICY += "; upgrade-insecure-requests"\n'
            'DEPLOY_HEADERS["/*"]["Content-Security-Policy"] = CONTENT_SECURITY_POLICY\n'
            'DEPLOY_HEADERS["/*"]["X-Frame-Options"] = "DENY"\n'
        )
    assert build_into(devserver.output, conf=devserver.conf).errors == []
    status, headers, _ = get(f"{devserver.url}/one/")
    assert headers["Content-Security-Policy"].endswith("; upgrade-insecure-requests")
    assert headers["X-Frame-Options"] == "DENY"
    # The search page keeps its own rule, the later one in `_headers`.
    _, headers, _ = get(f"{devserver.url}/search/")
    assert "'wasm-unsafe-eval'" in headers["Content-Security-Policy"]


def test_devserver_follows_a_changed_policy_on_the_next_save(devserver):
    devserver.start()
    _, headers, _ = get(f"{devserver.url}/one/")
    assert headers["X-Frame-Options"] is None
    with devserver.conf.open("a") as conf:
        conf.write('DEPLOY_HEADERS["/*"]["X-Frame-Options"] = "DENY"\n')
    wait_for(
        lambda: get(f"{devserver.url}/one/")[1]["X-Frame-Options"] == "DENY",
        "the rebuilt site's headers",
    )
    # Still the preview's own additions on top of the new headers.
    _, headers, _ = get(f"{devserver.url}/one/")
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Security-Policy"].endswith("; connect-src 'self'")


def test_make_clean_while_the_devserver_runs_builds_the_site_again(devserver, new_tab):
    devserver.start()
    assert run_make("clean", f"OUTPUTDIR={devserver.output}", timeout=120).returncode == 0
    assert not devserver.output.exists()
    tab = new_tab()
    response = tab.page.goto(f"{devserver.url}/one/")
    assert response.status == 200
    assert tab.page.locator("h1").inner_text() == "First Title"
    assert "building the site again" in devserver.terminal()
    assert (devserver.output / "one/index.html").is_file()


def test_serve_after_make_clean_says_how_to_build(devserver, new_tab):
    assert build_into(devserver.output, conf=devserver.conf).errors == []
    devserver.start("serve")
    assert run_make("clean", f"OUTPUTDIR={devserver.output}", timeout=120).returncode == 0
    tab = new_tab()
    response = tab.page.goto(f"{devserver.url}/one/")
    assert response.status == 404
    assert tab.page.locator("h1").inner_text() == "The site is not built"
    assert "make html" in tab.page.locator("p").inner_text()
    # `make serve` only serves: nothing was built behind the owner's back.
    assert not devserver.output.exists()


def test_the_readme_way_to_preview_a_production_build(devserver, new_tab):
    # README, "Everyday commands": `SITEURL=http://localhost:8000 make publish`, then `make
    # serve` (here on a free port, in a folder of the test's own).
    site_url = f"http://localhost:{devserver.port}"
    result = run_make(
        "publish", f"OUTPUTDIR={devserver.output}", env={"SITEURL": site_url}, timeout=600
    )
    assert result.returncode == 0, result.stderr
    devserver.start("serve")
    tab = new_tab()
    tab.page.goto(f"{site_url}/")
    # The stylesheet, script and icons come from the local server, and a link stays there.
    assert tab.page.evaluate("document.styleSheets[0].cssRules.length") > 0
    tab.page.locator("main a[href$='/']").first.click()
    tab.page.wait_for_load_state()
    assert tab.page.url.startswith(f"{site_url}/")
    assert tab.page.url != f"{site_url}/"
    assert tab.failed_requests == []
    assert tab.console_errors == []
    assert "livereload" not in tab.page.content()
    assert "was built for" not in devserver.terminal()


def test_serving_a_production_build_made_without_the_readmes_siteurl_says_so(devserver):
    # A newcomer's slip: `make publish` alone, then `make serve`: the pages would load their
    # stylesheet from the real domain. The terminal says how to build it for this server.
    content = devserver.root / "content"
    build = build_into(devserver.output, conf=PUBLISH_CONF, PATH=str(content))
    assert build.errors == []
    devserver.start("serve")
    wait_for(lambda: "was built for" in devserver.terminal(), "the server's warning")
    assert (
        f"output/ was built for https://thrivingpractice.example: its pages load their"
        f" stylesheet and links from there, not from this server. To look at it here, build it"
        f" with SITEURL=http://localhost:{devserver.port} make publish"
    ) in devserver.terminal()


def test_a_broken_settings_file_is_named(devserver):
    devserver.conf.write_text(devserver.conf.read_text() + "SITENAME = 'unclosed\n")
    result = run_make(
        "devserver", f"CONFFILE={devserver.conf}", f"OUTPUTDIR={devserver.output}", timeout=120
    )
    assert result.returncode != 0
    # The one message tools/build.py gives: the file and the line Python stopped at.
    assert f"{devserver.conf}, line " in result.stderr
    assert "SyntaxError: unterminated string literal" in result.stderr


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


# A plugin that holds a build in the middle: once the trigger file exists, the next build
# stops after writing its first page into the staging directory, until it is killed. The
# kill then lands mid-build every time, however fast or slow the machine.
HOLD_PLUGIN = '''"""Holds a build after its first page, while {trigger} exists."""
import os
import time

from pelican import signals


def hold(path, context):
    if os.path.exists({trigger!r}):
        with open({holding!r}, "w") as marker:
            marker.write(path)
        while True:
            time.sleep(1)


def register():
    signals.content_written.connect(hold)
'''


def hold_rebuilds(devserver):
    """Make the devserver's rebuilds stop halfway while `trigger` exists; returns (trigger,
    holding): `holding` appears once a rebuild has written its first page."""
    trigger, holding = devserver.root / "hold", devserver.root / "holding"
    plugins = devserver.root / "test-plugins"
    plugins.mkdir()
    (plugins / "hold_build.py").write_text(
        HOLD_PLUGIN.format(trigger=str(trigger), holding=str(holding))
    )
    with devserver.conf.open("a") as conf:
        conf.write(f"PLUGIN_PATHS.append({str(plugins)!r})\nPLUGINS.append('hold_build')\n")
    return trigger, holding


def test_closing_the_terminal_during_a_rebuild_stops_everything(devserver):
    # The terminal is gone: the shell sends SIGHUP, and every write to it fails (EIO/EPIPE),
    # the server's "Stopped." included; it must stop all the same.
    trigger, holding = hold_rebuilds(devserver)
    devserver.start(terminal=subprocess.PIPE)
    trigger.touch()
    devserver.write(article("Second Title", Slug="one"))
    wait_for(holding.exists, "the rebuild to write its first page")
    ours = devserver.processes()
    devserver.make.stdout.close()
    os.killpg(devserver.make.pid, signal.SIGHUP)
    devserver.wait_until_stopped(ours)


@pytest.mark.parametrize("stop", STOPS)
def test_stopping_make_during_a_rebuild_leaves_nothing_behind(devserver, stop):
    trigger, holding = hold_rebuilds(devserver)
    devserver.start()
    old_site = snapshot(devserver.output)
    assert b"First Title" in old_site["one/index.html"]

    trigger.touch()
    devserver.write(article("Second Title", Slug="one"))
    wait_for(holding.exists, "the rebuild to write its first page")
    staging = [p for p in devserver.root.iterdir() if p.name.startswith(".output.build-new-")]
    assert staging, "the rebuild writes into a staging directory"
    ours = devserver.processes()
    assert any("tools/build.py" in command_line(pid) for pid in ours), "a build is running"

    stop(devserver.make.pid, server_pid(ours))
    devserver.wait_until_stopped(ours)
    # The killed rebuild never reached the output: it is the old site, byte for byte.
    assert snapshot(devserver.output) == old_site

    # The next start is clean: no lock held, the killed build's staging directory removed,
    # and the save made while it was being killed is built.
    trigger.unlink()
    devserver.start()
    assert "Second Title" in (devserver.output / "one/index.html").read_text()
    assert "Waiting for another build" not in devserver.terminal()
    assert not [p for p in devserver.root.iterdir() if p.name.startswith(".output.build-")]
    devserver.stop()
    result = run_make(
        "html", f"CONFFILE={devserver.conf}", f"OUTPUTDIR={devserver.output}", timeout=300
    )
    assert result.returncode == 0, result.stderr
