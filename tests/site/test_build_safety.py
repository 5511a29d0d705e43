"""What the build protects (README, "What the build protects"), tried with real faults: output
paths that hold sources, kill -9 at many moments, concurrent builds, broken cache files, settings
changed between cached builds, symlinked and mounted output, a full disk, forbidden characters."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from tests.support import (
    DEV_CONF,
    PUBLISH_CONF,
    ROOT,
    article,
    build_into,
    tiny_content,
    write_conf,
    write_files,
)
from tools.content_cache import cache_key
from tools.output_dir import MARKER

BUILD = [sys.executable, str(ROOT / "tools/build.py")]
SITE_A = {
    "articles/one.md": article(title="One", Slug="one", Tags="alpha, beta"),
    "articles/two.md": article(title="Two", date="2026-02-01 09:00", Slug="two", Tags="beta"),
    "pages/about.md": "Title: About\nSlug: about\n\nAbout this site.\n",
}
SITE_B = {
    **SITE_A,
    "articles/three.md": article(title="Three", date="2026-03-01 09:00", Slug="three"),
}


def tree(path):
    """{relative path: sha256} of every file below `path` (symlinks followed at the top)."""
    path = os.path.realpath(path)
    files = {}
    for root, _, names in os.walk(path):
        for name in names:
            full = os.path.join(root, name)
            if os.path.islink(full) and not os.path.exists(full):
                files[os.path.relpath(full, path)] = "-> " + os.readlink(full)
                continue
            with open(full, "rb") as f:
                files[os.path.relpath(full, path)] = hashlib.sha256(f.read()).hexdigest()
    return files


def leftovers(output):
    """Staging or old-site directories of killed builds next to (or inside) `output`."""
    parent = os.path.dirname(os.path.realpath(output))
    name = os.path.basename(os.path.realpath(output))
    found = [p for p in os.listdir(parent) if p.startswith(f".{name}.build-")]
    if os.path.isdir(output):
        found += [p for p in os.listdir(output) if p.startswith(".pelican-build-")]
    return found


def cli(conf, output, **kwargs):
    return subprocess.run(
        [*BUILD, str(conf), "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        **kwargs,
    )


@pytest.fixture
def project(tmp_path):
    """A tiny project: content A, a settings file with the content cache on, and `use(files)`
    to switch the content."""
    content = tmp_path / "content"

    def use(files):
        shutil.rmtree(content, ignore_errors=True)
        write_files(content, tiny_content(files))

    use(SITE_A)
    conf = write_conf(
        tmp_path / "conf.py",
        PATH=str(content),
        CACHE_CONTENT=True,
        LOAD_CONTENT_CACHE=True,
        CACHE_PATH=str(tmp_path / "cache"),
    )
    return tmp_path, conf, use


# --- Never delete what the build did not write ---------------------------------------------


def _refused(result, path_text, why):
    assert result.returncode == 2, result.stderr
    assert f"Refusing to write the site to {path_text}" in result.stderr
    assert why in result.stderr


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("content", "it is the content path (PATH)"),
        ("content/articles", "it lies inside the content path"),
        (".", "it is the project"),
        ("foreign", "it is not empty and no earlier build wrote it"),
        ("gitdir", "it is a git work tree"),
        ("home", "it is your home directory"),
        ("afile", "it is a file"),
        ("loop1", "it is a loop of symbolic links"),
        ("loop1/sub", "it is a loop of symbolic links"),
        ("nested", "contains one"),
    ],
)
def test_refuses_an_output_path_it_did_not_write(project, target, why):
    root, conf, _ = project
    write_files(root, {
        "foreign/notes.txt": "mine", "gitdir/.git/HEAD": "ref", "afile": "x",
        f"nested/{MARKER}": "", "nested/vendor/.git/HEAD": "ref",
    })  # fmt: skip
    (root / "home").mkdir()
    (root / "loop1").symlink_to(root / "loop2")
    (root / "loop2").symlink_to(root / "loop1")
    before = tree(root)
    home = root / "home" if target == "home" else os.environ["HOME"]
    result = cli(conf, root / target, env={**os.environ, "HOME": str(home)})
    _refused(result, str(root / target), why)
    assert tree(root) == before  # nothing written, nothing deleted (the cache included)


def test_refuses_the_repository_and_its_theme_and_plugins():
    for target, why in [(".", "it is the project"), ("theme", "it is the theme (THEME)"),
                        ("plugins", "it is a plugin path")]:  # fmt: skip
        _refused(cli(DEV_CONF, target), target, why)
    assert (ROOT / "pelicanconf.py").is_file()
    assert (ROOT / "theme/templates/base.html").is_file()


def test_replaces_its_own_output_an_empty_or_a_missing_directory(project):
    root, conf, _ = project
    (root / "empty").mkdir()
    for target in ("empty", "missing/deeper", "empty"):
        result = cli(conf, root / target)
        assert result.returncode == 0, result.stderr
        assert (root / target / "index.html").is_file()
        assert (root / target / MARKER).is_file()


# --- kill -9, concurrent builds, leftovers --------------------------------------------------


def test_kill_9_at_any_moment_leaves_the_old_or_the_new_site(project):
    root, conf, use = project
    output = root / "output"
    sites = {}
    for name, files in (("B", SITE_B), ("A", SITE_A)):
        use(files)
        started = time.monotonic()
        assert cli(conf, output).returncode == 0
        duration = time.monotonic() - started
        sites[name] = tree(output)
    assert sites["A"] != sites["B"]
    current, files = "A", {"A": SITE_A, "B": SITE_B}
    for fraction in (0.1, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0):
        other = "B" if current == "A" else "A"
        use(files[other])
        proc = subprocess.Popen(
            [*BUILD, str(conf), "--output", str(output)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(duration * fraction)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert tree(output) in (sites[current], sites[other]), f"killed at {fraction:.0%}"
        result = cli(conf, output)
        assert result.returncode == 0, result.stderr
        assert tree(output) == sites[other]
        assert leftovers(output) == []
        current = other


def test_concurrent_builds_wait_for_each_other(project):
    root, conf, _ = project
    output = root / "output"
    assert cli(conf, root / "reference").returncode == 0
    procs = [
        subprocess.Popen(
            [*BUILD, str(conf), "--output", str(output)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(proc.wait(), proc.stderr.read()) for proc in procs]
    assert [code for code, _ in results] == [0, 0, 0], results
    assert tree(output) == tree(root / "reference")
    assert leftovers(output) == []


def test_the_next_build_removes_what_killed_builds_left(project):
    root, conf, _ = project
    output = root / "output"
    assert cli(conf, output).returncode == 0
    site = tree(output)
    write_files(root, {".output.build-new-x1/index.html": "half", ".output.build-new-x2/a": "b"})
    assert cli(conf, output).returncode == 0
    assert leftovers(output) == []
    assert tree(output) == site


def test_a_swap_interrupted_between_its_renames_is_repaired(project):
    """On a filesystem without an atomic exchange, the old site waits aside for a moment."""
    root, conf, _ = project
    output = root / "output"
    assert cli(conf, output).returncode == 0
    site = tree(output)
    output.rename(root / ".output.build-old-x1")
    write_files(root, {".output.build-new-x2/index.html": "half"})
    result = cli(conf, output)
    assert result.returncode == 0, result.stderr
    assert "Restoring the previous site" in result.stderr
    assert tree(output) == site
    assert leftovers(output) == []


@pytest.fixture
def make_clean(tmp_path):
    """`make_clean(*make_args)`: run `make clean` in a tmp project with the real Makefile."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    for name in ("clean.py", "output_dir.py"):
        write_files(tmp_path, {f"tools/{name}": (ROOT / "tools" / name).read_text()})

    def run(*args, **kwargs):
        return subprocess.run(
            ["make", "clean", *args], cwd=tmp_path, capture_output=True, text=True, **kwargs
        )

    return run


def test_make_clean_removes_leftovers_but_refuses_a_foreign_directory(tmp_path, make_clean):
    write_files(tmp_path, {
        f"output/{MARKER}": "", "output/index.html": "x", ".output.build-new-x/a": "b",
        ".output.build-old-y/a": "b", "cache/k/ArticlesGenerator-Readers": "c",
        "content/keep.md": "mine",
    })  # fmt: skip
    assert make_clean().returncode == 0
    assert sorted(os.listdir(tmp_path)) == ["Makefile", "content", "tools"]
    refused = make_clean("OUTPUTDIR=content")
    assert refused.returncode != 0
    assert "Refusing to remove content: it is not empty and no earlier build wrote it" in (
        refused.stderr
    )
    assert (tmp_path / "content/keep.md").read_text() == "mine"


@pytest.mark.parametrize("given", ["{www}/My Site", "~/public_html", "~", "{www}"])
def test_make_clean_takes_spaces_and_tildes_literally_safe(tmp_path, make_clean, given):
    www = tmp_path / "www"
    home = tmp_path / "home"
    write_files(tmp_path, {
        "www/other-site/index.html": "keep", "www/My Site/index.html": "keep too",
        "home/public_html/handwritten.html": "precious", "home/Documents/a.txt": "mine",
    })  # fmt: skip
    before = tree(tmp_path / "www"), tree(home)
    result = make_clean(f"OUTPUTDIR={given.format(www=www)}", env={**os.environ, "HOME": str(home)})
    assert result.returncode != 0
    assert "Refusing to remove" in result.stderr
    assert (tree(tmp_path / "www"), tree(home)) == before


def test_make_clean_keeps_a_symlink_and_removes_the_site_behind_it(tmp_path, make_clean):
    write_files(
        tmp_path,
        {f"webroot/{MARKER}": "", "webroot/index.html": "x", ".webroot.build-new-a/i": "x"},
    )
    (tmp_path / "output").symlink_to(tmp_path / "webroot")
    assert make_clean().returncode == 0
    assert (tmp_path / "output").is_symlink()
    assert not (tmp_path / "webroot").exists()
    assert not (tmp_path / ".webroot.build-new-a").exists()


def test_make_clean_waits_for_a_running_build(tmp_path, make_clean):
    from tools.output_dir import OutputDir

    write_files(tmp_path, {f"output/{MARKER}": "", "output/index.html": "x"})
    with OutputDir(tmp_path / "output").lock():
        proc = subprocess.Popen(
            ["make", "clean"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(2)
        assert proc.poll() is None
        assert (tmp_path / "output/index.html").exists()
    assert proc.wait(timeout=60) == 0
    assert b"Waiting for another build of" in proc.stderr.read()
    assert not (tmp_path / "output").exists()


def test_no_lock_file_outlives_its_build(tmp_path):
    from tools.output_dir import OutputDir

    content = write_files(tmp_path / "content", tiny_content(SITE_A))
    output = tmp_path / "output"
    build = build_into(output, PATH=str(content))
    assert build.errors == []
    assert not OutputDir(output).lock_file().exists()


HOLD_LOCK = """
import sys
from tools.output_dir import OutputDir
with OutputDir(sys.argv[1]).lock():
    print("holding", flush=True)
    sys.stdin.readline()
"""


def test_a_build_that_waited_on_a_deleted_lock_file_locks_the_new_one(tmp_path):
    """The lock file is deleted by its holder; one who waited on it must not go on holding
    a lock on a file nobody else can see, while the next build locks a new one."""
    import fcntl

    from tools.output_dir import OutputDir

    output = tmp_path / "output"
    lock_file = OutputDir(output).lock_file()
    waiter = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(output)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    with OutputDir(output).lock():
        # The waiter has opened the file and waits for its lock.
        assert "Waiting for another build" in waiter.stderr.readline()
    # The file it waited on is gone; it holds the lock of the file at the path now.
    assert waiter.stdout.readline() == "holding\n"
    fd = os.open(lock_file, os.O_RDWR)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    finally:
        os.close(fd)
    waiter.communicate("done\n", timeout=60)
    assert waiter.returncode == 0
    assert not lock_file.exists()


# --- The content cache ------------------------------------------------------------------------


def _cached_build(root, output, **settings):
    return build_into(
        output, PATH=str(root / "content"), CACHE_PATH=str(root / "cache"),
        CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, **settings,
    )  # fmt: skip


def _clean_build(root, output, **settings):
    return build_into(output, PATH=str(root / "content"), CACHE_CONTENT=False, **settings)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: b"not a pickle at all" * 10,
        lambda data: bytes(reversed(data)),
    ],
    ids=["truncated", "empty", "garbage", "scrambled"],
)
def test_a_damaged_cache_is_discarded_with_a_warning(project, caplog, damage):
    root, _, _ = project
    assert _cached_build(root, root / "first").errors == []
    entries = [p for p in (root / "cache").rglob("*Generator*") if p.is_file()]
    assert entries
    for entry in entries:
        entry.write_bytes(damage(entry.read_bytes()))
    result = _cached_build(root, root / "second")
    assert result.errors == []
    assert "Content cache:" in caplog.text
    assert "discarded" in caplog.text
    assert entries[0].name in caplog.text
    assert tree(root / "second") == tree(root / "first")


def test_a_failed_build_leaves_no_cache_to_warn_about(project, caplog):
    root, _, use = project
    use({**SITE_A, "articles/bad.md": article(title=None)})
    assert _cached_build(root, root / "failed").errors
    use(SITE_A)
    assert _cached_build(root, root / "fixed").errors == []
    assert "Content cache" not in caplog.text


def test_a_cache_file_pelican_could_not_finish_is_not_recorded(tmp_path, caplog):
    import gzip
    import json
    import pickle

    from pelican.settings import read_settings

    from tools.content_cache import ContentCache

    cache = ContentCache(read_settings(str(DEV_CONF), override={"CACHE_PATH": str(tmp_path)}))
    with cache.reserved():
        whole = gzip.compress(pickle.dumps({"a.md": ("stamp", "data")}))
        (cache.path / "ArticlesGenerator-Readers").write_bytes(whole)
        (cache.path / "PagesGenerator-Readers").write_bytes(whole[: len(whole) - 9])
        cache.commit()
    manifest = json.loads((cache.path / "manifest.json").read_text())
    assert list(manifest) == ["ArticlesGenerator-Readers"]
    assert not (cache.path / "PagesGenerator-Readers").exists()
    assert "PagesGenerator-Readers was not saved completely" in caplog.text


SETTING_CHANGES = {
    "URL patterns": {
        "ARTICLE_URL": "posts/{slug}.html",
        "ARTICLE_SAVE_AS": "posts/{slug}.html",
        "TAG_URL": "topics/{slug}.html",
        "TAG_SAVE_AS": "topics/{slug}.html",
    },
    "Markdown": {
        "MARKDOWN": {
            "extension_configs": {"markdown.extensions.toc": {"anchorlink": True}},
            "output_format": "html5",
        }
    },
    "site identity": {"SITENAME": "Another Name", "SITESUBTITLE": "Another subtitle"},
    "dates": {"DEFAULT_DATE_FORMAT": "%Y-%m-%d", "TIMEZONE": "America/New_York"},
    "a plugin's setting": {"SERIES_INFO": {"Series": {"description": "Changed."}}},
    "feeds": {"FEED_MAX_ITEMS": 1, "RSS_FEED_SUMMARY_ONLY": True},
    "summaries": {"SUMMARY_MAX_LENGTH": 3},
}


@pytest.mark.parametrize("changes", SETTING_CHANGES.values(), ids=SETTING_CHANGES.keys())
def test_a_settings_change_never_serves_a_stale_cache(project, changes):
    root, _, use = project
    use(
        {
            **SITE_A,
            "articles/h.md": article(title="Headed", Slug="h", body="## A heading\n\nText."),
            "articles/p.md": article(title="Part", Slug="p", Series="Series", Series_index=1),
        }
    )
    assert _cached_build(root, root / "first").errors == []
    assert _cached_build(root, root / "second", **changes).errors == []
    assert _clean_build(root, root / "clean", **changes).errors == []
    assert tree(root / "second") == tree(root / "clean")
    assert tree(root / "second") != tree(root / "first")


def test_the_cache_key_follows_settings_and_code_and_repeats_across_processes(tmp_path):
    from pelican.settings import read_settings

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = read_settings(str(DEV_CONF), override={"THEME": str(theme)})
    key = cache_key(settings)
    assert key == cache_key(read_settings(str(DEV_CONF), override={"THEME": str(theme)}))
    assert key != cache_key({**settings, "SITENAME": "Other"})
    assert key == cache_key({**settings, "OUTPUT_PATH": "/elsewhere", "CACHE_PATH": "/x"})
    code = (
        "from pelican.settings import read_settings; from tools.content_cache import cache_key; "
        f"print(cache_key(read_settings({str(DEV_CONF)!r}, override={{'THEME': {str(theme)!r}}})))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONHASHSEED": "123"},
    )  # fmt: skip
    assert other.stdout.strip() == key
    (theme / "templates/base.html").write_text("changed", encoding="utf-8")
    assert cache_key(settings) != key


@pytest.mark.parametrize(
    "damage",
    [
        lambda cache: (next(cache.glob("*/manifest.json"))).write_text("null"),
        lambda cache: (next(cache.glob("*/manifest.json"))).write_text("[1, 2]"),
        lambda cache: _replace_with_a_file(cache / _key_of(cache)),
        lambda cache: (shutil.rmtree(cache), cache.write_text("not a folder")),
    ],
    ids=["manifest null", "manifest a list", "key folder a file", "cache a file"],
)  # fmt: skip
def test_an_unusable_cache_is_skipped_with_a_warning(project, caplog, damage):
    root, _, _ = project
    assert _cached_build(root, root / "first").errors == []
    damage(root / "cache")
    result = _cached_build(root, root / "second")
    assert result.errors == []
    assert "Content cache" in caplog.text
    assert tree(root / "second") == tree(root / "first")


def _key_of(cache):
    # The content cache's folder, not the search index's cache/search/ beside it.
    return next(p.parent.name for p in cache.glob("*/manifest.json"))


def _replace_with_a_file(path):
    shutil.rmtree(path)
    path.write_text("a file")


def test_an_edit_that_keeps_the_modification_time_is_seen(project):
    root, _, _ = project
    assert _cached_build(root, root / "first").errors == []
    source = root / "content/articles/one.md"
    stamp = source.stat()
    source.write_text(source.read_text().replace("Title: One", "Title: Uno"))
    os.utime(source, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert _cached_build(root, root / "second").errors == []
    assert "Uno" in (root / "second/one/index.html").read_text()


def test_a_markdown_extension_object_is_part_of_the_key(tmp_path):
    from markdown.extensions.toc import TocExtension
    from pelican.settings import read_settings

    def key(permalink):
        markdown = {"extensions": [TocExtension(permalink=permalink)], "output_format": "html5"}
        return cache_key(read_settings(str(DEV_CONF), override={"MARKDOWN": markdown}))

    assert key(True) == key(True)
    assert key(True) != key(False)


# --- Symlinks, mount points and a full disk -----------------------------------------------


def test_an_old_site_that_cannot_be_deleted_only_warns_once_the_new_one_is_live(project):
    root, conf, use = project
    output = root / "output"
    assert cli(conf, output).returncode == 0
    if subprocess.run(["chattr", "+i", str(output / "tag")], capture_output=True).returncode:
        pytest.skip("this filesystem cannot make a folder immutable (chattr +i)")
    try:
        use(SITE_B)
        result = cli(conf, output)
        assert result.returncode == 0, result.stderr
        assert "Could not delete the previous site" in result.stderr
        assert (output / "three/index.html").is_file()
    finally:
        for stuck in root.glob(".output.build-*/tag"):
            subprocess.run(["chattr", "-i", str(stuck)], check=True)
    result = cli(conf, output)
    assert result.returncode == 0, result.stderr
    assert leftovers(output) == []


def test_a_failed_swap_of_a_mount_point_puts_the_old_site_back(tmp_path, monkeypatch):
    from tools import output_dir

    real = tmp_path / "site"
    write_files(real, {MARKER: "", "a/index.html": "old a", "b/index.html": "old b", "c": "old"})
    staging = tmp_path / "site/.pelican-build-new-x"
    write_files(staging, {"a/index.html": "new a", "b/index.html": "new b", "d": "new"})
    before = tree(real)
    calls = []

    def failing_exchange(a, b):
        calls.append(a)
        if len(calls) == 2:
            raise OSError(1, "Operation not permitted", str(b))
        output_dir.exchange.__wrapped__(a, b)

    failing_exchange.__wrapped__ = output_dir.exchange
    monkeypatch.setattr(output_dir, "exchange", failing_exchange)
    target = output_dir.OutputDir(real)
    target.inplace = True
    with pytest.raises(OSError, match="not permitted"):
        target._swap_entries(staging)
    assert {k: v for k, v in tree(real).items() if not k.startswith(".pelican-build-new")} == {
        k: v for k, v in before.items() if not k.startswith(".pelican-build-new")
    }


def test_a_symlinked_output_stays_a_link_and_receives_the_site(project):
    root, conf, _ = project
    (root / "webroot").mkdir()
    (root / "output").symlink_to(root / "webroot")
    for _ in range(2):
        result = cli(conf, root / "output")
        assert result.returncode == 0, result.stderr
        assert (root / "output").is_symlink()
        assert (root / "webroot/index.html").is_file()
    assert leftovers(root / "output") == []


needs_mount = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("mount") is None, reason="mounting a tmpfs needs root"
)


@pytest.fixture
def tmpfs(tmp_path):
    """`mount(size)`: a fresh tmpfs of `size` bytes; unmounted afterwards."""
    mounted = []

    def mount(size):
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        result = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], check=False)


def _disk_usage(path):
    """Bytes the files below `path` take in 4 KiB blocks, as on a tmpfs."""
    return sum(-(-os.path.getsize(os.path.join(r, n)) // 4096) * 4096
               for r, _, names in os.walk(path) for n in names)  # fmt: skip


@needs_mount
def test_a_mount_point_receives_the_site_in_place(project, tmpfs):
    root, conf, use = project
    point = tmpfs(64 * 1024 * 1024)
    for files in (SITE_A, SITE_B):
        use(files)
        result = cli(conf, point)
        assert result.returncode == 0, result.stderr
        assert os.path.ismount(point)
    assert cli(conf, root / "reference").returncode == 0
    assert tree(point) == tree(root / "reference")
    assert leftovers(point) == []


@needs_mount
def test_a_fresh_filesystem_with_lost_and_found_is_a_fine_target(project, tmpfs):
    _, conf, _ = project
    point = tmpfs(16 * 1024 * 1024)
    write_files(point, {"lost+found/.keep": ""})
    for _ in range(2):
        result = cli(conf, point)
        assert result.returncode == 0, result.stderr
    assert (point / "lost+found/.keep").exists()


@needs_mount
def test_make_clean_empties_a_mount_point_and_leaves_it_mounted(project, tmpfs, make_clean):
    _, conf, _ = project
    point = tmpfs(16 * 1024 * 1024)
    assert cli(conf, point).returncode == 0
    result = make_clean(f"OUTPUTDIR={point}")
    assert result.returncode == 0, result.stderr
    assert os.path.ismount(point)
    assert os.listdir(point) == []


@needs_mount
def test_a_read_only_target_fails_before_anything_is_touched(project, tmpfs):
    root, conf, _ = project
    point = tmpfs(1024 * 1024)
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
    result = cli(conf, point)
    _refused(result, str(point), "cannot be written")
    assert not (root / "cache").exists()


@needs_mount
def test_a_full_disk_fails_the_publish_and_keeps_the_old_site(project, tmpfs):
    root, conf, _ = project
    publish = write_conf(root / "publish.py", base=PUBLISH_CONF, PATH=str(root / "content"))
    assert cli(conf, root / "dev").returncode == 0
    assert cli(publish, root / "pub").returncode == 0
    copies = [p for p in (root / "pub").rglob("*") if p.suffix in (".gz", ".br")]
    compressed = sum(-(-p.stat().st_size // 4096) * 4096 for p in copies)
    size = _disk_usage(root / "dev") + _disk_usage(root / "pub") - compressed // 2
    point = tmpfs(size)
    assert cli(conf, point).returncode == 0
    before = tree(point)
    result = cli(publish, point)
    assert result.returncode == 1
    assert "disk full?" in result.stderr or "No space left" in result.stderr
    assert tree(point) == before
    assert leftovers(point) == []


def test_damaged_precompressed_copies_fail_the_check(tmp_path):
    from pelican.settings import read_settings

    from tools.verify import check_precompressed

    settings = read_settings(str(PUBLISH_CONF))
    write_files(tmp_path, {"a.html": "<p>" + "words " * 200 + "</p>", "b.css": "p{}" * 100})
    assert sorted(check_precompressed(tmp_path, settings)) == [
        "a.html.br: missing; the compression step failed (disk full?)",
        "a.html.gz: missing; the compression step failed (disk full?)",
        "b.css.br: missing; the compression step failed (disk full?)",
        "b.css.gz: missing; the compression step failed (disk full?)",
    ]
    from pelican.plugins import precompress

    for name in ("a.html", "b.css"):
        data = (tmp_path / name).read_bytes()
        (tmp_path / f"{name}.gz").write_bytes(precompress.compress_with_gzip(data))
        (tmp_path / f"{name}.br").write_bytes(precompress.compress_with_brotli(data))
    assert check_precompressed(tmp_path, settings) == []
    cut = (tmp_path / "a.html.gz").read_bytes()
    (tmp_path / "a.html.gz").write_bytes(cut[: len(cut) // 2])
    (tmp_path / "b.css.br").write_bytes((tmp_path / "b.css.br").read_bytes()[:10])
    assert sorted(check_precompressed(tmp_path, settings)) == [
        "a.html.gz: does not decompress to a.html (disk full?)",
        "b.css.br: does not decompress to b.css (disk full?)",
    ]


# --- Characters XML forbids -------------------------------------------------------------


def test_characters_xml_forbids_fail_naming_file_line_and_field(make_site):
    result = make_site({
        "articles/title.md": article(title="Bad\ufffetitle", Slug="t1"),
        "articles/summary.md": article(title="S", Slug="t2", Summary="Bell \x07 here"),
        "articles/body.md": article(title="B", Slug="t3", body="Fine.\n\nTab\x0bbed &#1; here."),
        "articles/doc.rst": "Doc\n###\n\n:date: 2026-01-01\n:category: T\n:summary: \x01\n\nx\n",
        "articles/ok.md": article(title="Tab\tand newline are fine", Slug="t4"),
    })  # fmt: skip
    text = "\n".join(result.errors)
    assert "title.md:1: Title: U+FFFE is a character XML forbids" in text
    assert "summary.md:5: Summary: U+0007" in text
    assert "body.md:8: text: U+000B" in text
    assert "body.md:8: text: U+0001" in text
    assert "doc.rst:6: summary: U+0001" in text
    assert "ok.md" not in text


def test_a_forbidden_character_made_by_a_directive_fails_naming_file_and_field(make_site):
    rst = "Doc\n###\n\n:date: 2026-01-01\n:category: T\n\nA |b| bell.\n\n.. |b| unicode:: 0x07\n"
    result = make_site({"articles/doc.rst": rst, "articles/ok.md": article()})
    assert len(result.errors) == 1, result.errors
    assert result.errors[0].endswith("doc.rst: text: U+0007 is a character XML forbids "
                                     "(feed readers reject the whole feed)")  # fmt: skip


def test_a_forbidden_character_in_a_setting_fails_naming_it(make_site):
    result = make_site({"articles/a.md": article()}, SITENAME="Thriving\x1bPractice")
    assert any("setting SITENAME: U+001B" in e for e in result.errors), result.errors


def test_a_forbidden_character_a_plugin_writes_into_a_feed_fails_naming_the_feed(
    make_site, tmp_path
):
    # Not from the content or a setting (both checked before): from an owner's own plugin.
    plugins = write_files(tmp_path / "own-plugins", {
        "nonchar_feed.py": "from pelican import signals\n\n\n"
                        "def add_nonchar(context, feed):\n    feed.feed['title'] += '\\ufffe'\n\n\n"
                        "def register():\n    signals.feed_generated.connect(add_nonchar)\n",
    })  # fmt: skip
    result = make_site({"articles/a.md": article()}, PLUGIN_PATHS=[str(plugins)],
                       PLUGINS=["nonchar_feed"])  # fmt: skip
    assert "feeds/all.atom.xml: U+FFFE is a character XML forbids" in "\n".join(result.errors)
    assert not (tmp_path / "output" / "feeds").exists()
