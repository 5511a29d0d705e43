"""The publisher's commands as the owner runs them: real `make` runs of rsync_upload, github,
newpost and venv, and the hosts' ready-made CI files."""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import feedparser
import pytest
import yaml

from tests.support import (
    PUBLISH_CONF,
    ROOT,
    article,
    build_into,
    run_make,
    tiny_content,
    write_conf,
    write_files,
)
from tools.output_dir import MARKER

# An `ssh` that runs the remote command here: rsync then copies over the very command line
# `make rsync_upload` gives it, into a local directory. It logs its arguments.
FAKE_SSH = """#!/bin/sh
echo "$@" >> "$(dirname "$0")/ssh.log"
while [ $# -gt 0 ]; do
  case "$1" in
    -p|-l) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
shift  # the host
exec sh -c "$*"
"""


@pytest.fixture
def publish_conf(tmp_path):
    """publishconf.py with no cache written into the project."""
    return write_conf(tmp_path / "publishconf.py", base=PUBLISH_CONF, PATH=str(ROOT / "content"))


def test_rsync_upload_sends_every_file_including_tags(tmp_path, publish_conf):
    bin_dir, target, output = tmp_path / "bin", tmp_path / "server" / "www", tmp_path / "output"
    bin_dir.mkdir()
    (bin_dir / "ssh").write_text(FAKE_SSH)
    (bin_dir / "ssh").chmod(0o755)
    target.mkdir(parents=True)
    (target / "stale.html").write_text("left from an earlier upload")
    # output/ is make devserver's too: what it holds (here a development build's page) is
    # never what gets uploaded, nor is it touched.
    output.mkdir()
    (output / "dev-only.html").write_text("a development build, drafts and all")
    result = run_make(
        "rsync_upload",
        f"PUBLISHCONF={publish_conf}",
        f"OUTPUTDIR={output}",
        "SSH_HOST=example.invalid",
        "SSH_USER=deploy",
        "SSH_PORT=2222",
        f"SSH_TARGET_DIR={target}",
        env={"PATH": f"{bin_dir}:{os.environ['PATH']}"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    uploaded = {p.relative_to(target) for p in target.rglob("*") if p.is_file()}
    assert {p.relative_to(output) for p in output.rglob("*")} == {Path("dev-only.html")}
    assert Path("dev-only.html") not in uploaded
    assert Path("stale.html") not in uploaded
    # The production build, but for the build's own marker (it says the build may replace
    # the folder it is in).
    assert Path(MARKER) not in uploaded
    assert {Path("index.html"), Path("feeds/all.atom.xml"), Path("sitemap.xml")} <= uploaded
    assert not [p for p in uploaded if p.parts[0] == "drafts"]
    # --cvs-exclude would drop these: every file or folder named `tags`.
    assert Path("tags/index.html") in uploaded
    assert any(p.parts[0] == "tag" for p in uploaded)
    assert "--cvs-exclude" not in result.stdout
    ssh_args = (bin_dir / "ssh.log").read_text()
    assert "-p 2222" in ssh_args
    assert "deploy" in ssh_args


@pytest.mark.parametrize(
    "settings",
    [[], ["SSH_HOST=example.org"], ["SSH_TARGET_DIR=/var/www/site"]],
    ids=["none", "no target dir", "no host"],
)
def test_rsync_upload_without_ssh_settings_fails_before_building(tmp_path, settings):
    output = tmp_path / "output"
    result = run_make("rsync_upload", f"OUTPUTDIR={output}", *settings)
    assert result.returncode != 0
    assert "set SSH_HOST and SSH_TARGET_DIR" in result.stderr
    assert "Nothing was built or uploaded" in result.stderr
    assert not output.exists()


@pytest.mark.parametrize("target", ["/", "~", "/home/deploy/", "/var/www"])
def test_rsync_upload_refuses_a_folder_it_would_empty(tmp_path, target):
    output = tmp_path / "output"
    result = run_make(
        "rsync_upload", f"OUTPUTDIR={output}", "SSH_HOST=example.org", f"SSH_TARGET_DIR={target}"
    )
    assert result.returncode != 0
    assert "not a folder of its own" in result.stderr
    assert not output.exists()


def copy_project(tmp_path):
    """The project's tracked files in a new git repository (no remote), with the venv linked."""
    copy = tmp_path / "site"
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, files):
        rel = name.decode()
        if (ROOT / rel).is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, copy / rel)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    git = ["git", "-c", "user.name=Owner", "-c", "user.email=owner@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=copy, check=True)
    subprocess.run([*git, "add", "-A"], cwd=copy, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "site"], cwd=copy, check=True)
    return copy


def make_in(directory, *args, env=None):
    result = run_make("-C", str(directory), *args, env=env)
    return result


def test_github_without_a_remote_fails_with_our_message_before_building(tmp_path):
    copy = copy_project(tmp_path)
    result = make_in(copy, "github", f"OUTPUTDIR={tmp_path / 'output'}")
    assert result.returncode != 0
    assert "no git remote called 'origin'" in result.stderr
    assert "git remote add origin" in result.stderr
    assert "fatal:" not in result.stderr
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("cname", ["https://www.example.org", "www.example.org/"])
def test_github_refuses_a_cname_that_is_not_a_bare_domain(tmp_path, cname):
    copy = copy_project(tmp_path)
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=copy, check=True)
    result = make_in(
        copy, "github", f"OUTPUTDIR={tmp_path / 'output'}", f"GITHUB_PAGES_CNAME={cname}"
    )
    assert result.returncode != 0
    assert "GITHUB_PAGES_CNAME must be a bare domain" in result.stderr
    assert not (tmp_path / "output").exists()


def test_github_pushes_the_site_with_a_cname(tmp_path):
    copy = copy_project(tmp_path)
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "remote", "add", "origin", str(remote)], cwd=copy, check=True)
    conf = write_conf(
        tmp_path / "publishconf.py", base=copy / "publishconf.py", PATH=str(copy / "content")
    )
    env = {
        "GIT_AUTHOR_NAME": "Owner",
        "GIT_AUTHOR_EMAIL": "owner@example.org",
        "GIT_COMMITTER_NAME": "Owner",
        "GIT_COMMITTER_EMAIL": "owner@example.org",
    }
    result = make_in(
        copy,
        "github",
        f"PUBLISHCONF={conf}",
        f"OUTPUTDIR={tmp_path / 'output'}",
        "GITHUB_PAGES_CNAME=www.example.org",
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    tree = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "tags/index.html" in tree
    assert ".nojekyll" in tree
    # Built in a folder of its own (output/ is make devserver's too), pushed without the
    # build's marker, which is for the next build, not for readers.
    assert not (tmp_path / "output").exists()
    assert MARKER not in tree
    cname = subprocess.run(
        ["git", "show", "gh-pages:CNAME"], cwd=remote, capture_output=True, text=True, check=True
    ).stdout
    assert cname.strip() == "www.example.org"
    # Built for the domain it is pushed to, not publishconf.py's placeholder.
    home = subprocess.run(
        ["git", "show", "gh-pages:index.html"], cwd=remote, capture_output=True, text=True
    ).stdout
    assert '<link rel="canonical" href="https://www.example.org/">' in home
    assert "https://thrivingpractice.example" not in home


def test_github_actions_workflow_publishes_daily():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert crons
    for cron in crons:
        minute, hour, day, month, weekday = cron.split()
        assert (day, month, weekday) == ("*", "*", "*"), f"{cron} is not daily"
        assert minute.isdigit()
        assert hour.isdigit()
    assert "push" in triggers
    assert "workflow_dispatch" in triggers
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    (build,) = (step for step in steps if step.get("run") == "make publish")
    # Built for the address Pages serves it at (https://<user>.github.io/<repository>), never
    # for publishconf.py's placeholder.
    (pages,) = (
        step for step in steps if step.get("uses", "").startswith("actions/configure-pages")
    )
    assert steps.index(pages) < steps.index(build)
    assert build["env"]["SITEURL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert uploads
    assert uploads[0]["with"]["path"] == "output"
    # From v4 the action leaves hidden files out: the build's marker is not published.
    assert uploads[0]["uses"] == "actions/upload-pages-artifact@v4"


@pytest.mark.parametrize(
    ("environment", "siteurl"),
    [
        ({"URL": "https://thriving.netlify.app"}, "https://thriving.netlify.app"),
        ({"URL": "https://thriving.netlify.app", "SITEURL": "https://www.example.org"},
         "https://www.example.org"),
    ],
)  # fmt: skip
def test_netlify_runs_make_publish_for_the_sites_address(tmp_path, environment, siteurl):
    config = tomllib.loads((ROOT / "netlify.toml").read_text())
    assert config["build"]["publish"] == "output"
    # The build command, run by a shell as Netlify runs it, with a `make` that reports.
    (tmp_path / "make").write_text('#!/bin/sh\necho "make $* with SITEURL=$SITEURL"\n')
    (tmp_path / "make").chmod(0o755)
    env = {"PATH": f"{tmp_path}:{os.environ['PATH']}", **environment}
    ran = subprocess.run(
        ["sh", "-c", config["build"]["command"]], env=env, capture_output=True, text=True
    )
    assert ran.stdout == f"make publish with SITEURL={siteurl}\n"


def test_publish_for_a_github_project_site_puts_every_link_under_its_path(tmp_path):
    content = write_files(
        tmp_path / "content", tiny_content({"articles/a.md": article(Slug="a", Tags="one")})
    )
    conf = write_conf(tmp_path / "conf.py", base=PUBLISH_CONF, PATH=str(content))
    output = tmp_path / "output"
    site = "https://owner.github.io/thriving"
    result = run_make(
        "publish", f"PUBLISHCONF={conf}", f"OUTPUTDIR={output}", env={"SITEURL": site + "/"}
    )
    assert result.returncode == 0, result.stderr
    links = re.findall(r'(?:href|src)="(https?://[^"]*)"', (output / "a/index.html").read_text())
    assert f"{site}/a/" in links
    assert f"{site}/tag/one/" in links
    assert [
        url for url in links if "owner.github.io" in url and not url.startswith(site + "/")
    ] == []
    feed = feedparser.parse((output / "feeds/all.atom.xml").read_bytes())
    assert feed.feed.link == f"{site}/"
    # (#subscriber: readers who follow a feed never get the popup.)
    assert [entry.link.split("#")[0] for entry in feed.entries] == [f"{site}/a/"]


def newpost(conf, *args):
    return run_make("newpost", f"CONFFILE={conf}", *args)


@pytest.fixture
def blog(tmp_path):
    """A small site with a three-part series whose files are numbered; returns its conf."""
    content = tmp_path / "content"
    series = {"Series": "Money Matters", "Category": "Money"}
    files = {
        f"articles/money/0{i}-part-{i}.md": article(
            f"Part {i}", f"2026-01-0{i} 09:00", Series_index=i, **series
        )
        for i in (1, 2, 3)
    }
    files["articles/other/older.md"] = article("Older", "2025-06-01 09:00", Category="Other")
    for rel, text in tiny_content(files).items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text)
    return write_conf(tmp_path / "conf.py", PATH=str(content))


def test_newpost_in_a_series_takes_the_next_index_and_builds(blog, tmp_path):
    result = newpost(blog, 'TITLE=It\'s "Fees" -- Really', "SERIES=money matters")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "content/articles/money/04-its-fees-really.md"
    meta = dict(line.split(": ", 1) for line in path.read_text().split("\n\n")[0].splitlines())
    assert meta["Title"] == 'It\'s "Fees" -- Really'
    assert meta["Series"] == "Money Matters"
    assert meta["Series_index"] == "4"
    assert meta["Category"] == "Money"
    assert meta["Slug"] == "its-fees-really"
    assert meta["Status"] == "draft"
    assert len(meta["Date"]) == 16
    assert meta["Date"][4] == "-"
    assert meta["Date"][10] == " "
    built = build_into(tmp_path / "output", conf=blog)
    assert built.errors == []
    heading = built.soup("/drafts/its-fees-really/").h1.get_text()
    assert heading == "It’s “Fees” – Really"  # noqa: RUF001


def test_newpost_keeps_a_title_exactly_as_typed(blog, tmp_path):
    # make expands "$8" in a variable's value; prices are likely in titles here.
    result = newpost(blog, "TITLE=Fees: $80 a session, 'really'", "CATEGORY=Money")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "content/articles/fees-80-a-session-really.md"
    assert "Title: Fees: $80 a session, 'really'\n" in path.read_text()


def test_newpost_outside_a_series_builds(blog, tmp_path):
    result = newpost(blog, "TITLE=A Fresh Start", "CATEGORY=Money")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "content/articles/a-fresh-start.md").is_file()
    assert build_into(tmp_path / "output", conf=blog).errors == []


def test_newpost_never_overwrites(blog, tmp_path):
    assert newpost(blog, "TITLE=Once").returncode == 0
    path = tmp_path / "content/articles/once.md"
    path.write_text(path.read_text() + "\nMy words.\n")
    before = path.read_text()
    result = newpost(blog, "TITLE=Once")
    assert result.returncode != 0
    assert "already exists" in result.stderr
    assert path.read_text() == before


def test_newpost_with_a_misspelt_series_suggests_the_real_one(blog, tmp_path):
    result = newpost(blog, "TITLE=More", "SERIES=Mony Matters")
    assert result.returncode != 0
    assert "did you mean 'Money Matters'?" in result.stderr
    assert not list((tmp_path / "content").rglob("more.md"))


def test_newpost_without_a_title_says_how(blog):
    result = newpost(blog)
    assert result.returncode != 0
    assert 'TITLE="' in result.stderr


def test_build_only_venv_lacks_the_test_tools(tmp_path):
    venv = tmp_path / "venv"
    result = run_make("venv", f"VENV={venv}", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    python = str(venv / "bin" / "python")
    builds = subprocess.run([python, "-c", "import pelican, livereload, smartypants, markdown"])
    assert builds.returncode == 0
    tools = [
        line.split("==")[0]
        for line in (ROOT / "requirements-test.txt").read_text().splitlines()
        if "==" in line
    ]
    installed = subprocess.run(
        [python, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True
    ).stdout.lower()
    present = [tool for tool in tools if f"\n{tool.lower()}==" in f"\n{installed}"]
    assert present == []
    # The sizes README.md gives the owner are the venvs', as `du` counts them, give or take 15%:
    # this build-only one, and the one `make test` runs these tests in.
    readme = (ROOT / "README.md").read_text()
    sizes = [(re.search(r"\(a (\d+) MB venv\)", readme)[1], venv)]
    if Path(sys.prefix) == ROOT / ".venv":
        sizes.append((re.search(r"ruff: (\d+) MB in all\)", readme)[1], Path(sys.prefix)))
    for stated, path in sizes:
        used = sum(p.lstat().st_blocks * 512 for p in path.rglob("*")) / 2**20
        assert int(stated) == pytest.approx(used, rel=0.15), f"{path} takes {used:.0f} MB"


def test_help_prints_real_values():
    result = run_make("help", "PORT=8123", "BIND=0.0.0.0")
    assert "http://0.0.0.0:8123" in result.stdout
    assert "$(" not in result.stdout
