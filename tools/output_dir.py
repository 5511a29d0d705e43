"""Where the strict build may put a site, and how it puts it there.

The build never deletes what it did not write. Before anything is touched,
`OutputDir.check()` refuses (`UnsafeOutputError`, exit status 2 from `tools/build.py`) any output
path that is `/`, the home directory or an ancestor of it, the project root, a git work tree,
a file, or that is, contains or lies inside the content path, the theme or a plugin path; or a
non-empty directory without the marker file (`.pelican-build`) a previous build left in it.

The site is built in a staging directory and swapped in only when the build succeeded:

- normally, staging is a sibling of the output directory and the two are exchanged in one
  `renameat2(RENAME_EXCHANGE)` call (Linux 3.15+), so the output path always holds a complete
  site, the old or the new one; on a filesystem without it, two renames leave a moment without
  one, which the next build repairs by putting the old site back;
- a symlinked output is resolved first: the site lands in the directory the link points to,
  and the link stays a link;
- a mount point (or a directory whose parent we may not write) cannot be renamed: staging is
  made inside it and the swap exchanges its top-level entries one by one, so a build killed
  during those few renames can leave a mix of old and new entries until the next build.

One build at a time per output directory: `lock()` takes an exclusive `flock` on a file in the
temporary folder named by the output's path, which the kernel releases when the process dies,
so a killed build never leaves it stuck. The build deletes that file as it lets go, so lock
files do not pile up; `locked()` says why that is safe. Leftovers of killed builds are removed
by the next build (and by `make clean`).
"""

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import logging
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger("build")

MARKER = ".pelican-build"
MARKER_TEXT = "Written by tools/build.py; the next build may replace this directory.\n"
INPLACE_PREFIX = ".pelican-build-"

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class UnsafeOutputError(Exception):
    """The output path may not be written; the message names the path and why."""


def exchange(a, b):
    """Atomically swap two paths on one filesystem (renameat2 with RENAME_EXCHANGE).

    Raises OSError; errno EINVAL, ENOSYS or ENOTSUP mean the filesystem cannot do it.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available", str(a))
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE):
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a))


@contextmanager
def locked(lock_file, what):
    """Hold an exclusive lock on `lock_file`; wait (saying so) while another process has it.

    The holder deletes the file as it lets go, so no lock file outlives its build. That is
    safe because a process that got the lock checks that it locked the file now at that path:
    one that waited on a file deleted meanwhile holds a lock nobody else will ask for, so it
    lets go and locks the new file instead (at most one file at the path, one holder each)."""
    warned = False
    while True:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not warned:
                log.warning("Waiting for another build of %s to finish", what)
                warned = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _same_file(fd, lock_file):
            break
        os.close(fd)
    try:
        yield
    finally:
        # Deleted before the lock is let go: a waiter then finds it gone and starts again.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock_file)
        os.close(fd)


def _same_file(fd, path):
    try:
        at_path = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (at_path.st_dev, at_path.st_ino)


def _within(path, ancestor):
    return path == ancestor or ancestor in path.parents


def shown(path):
    """A path as messages name it: relative to the working directory when inside it."""
    path = os.path.abspath(path)
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _remove(path, what):
    """Delete `path` (a directory tree or a file); warn, naming it, where that fails."""
    problems = []
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, onerror=lambda _f, p, exc: problems.append(f"{p}: {exc[1]}"))
    else:
        try:
            path.unlink()
        except OSError as exc:
            problems.append(f"{path}: {exc}")
    if problems:
        log.warning("Could not delete %s in %s: %s", what, shown(path), problems[0])


def _git_work_tree(root):
    """`root`, or the first directory below it, that holds a `.git`; None if there is none."""
    if not root.is_dir():
        return None
    for dirpath, dirnames, filenames in os.walk(root):
        if ".git" in dirnames or ".git" in filenames:
            return Path(dirpath)
    return None


class OutputDir:
    """The output directory of one build: checks, lock, staging and swap.

    `path` is the output path as given (str or Path, relative to the working directory);
    `settings` Pelican's settings (PATH, THEME and PLUGIN_PATHS are protected);
    `project_root` the directory of the settings file (protected too).
    """

    def __init__(self, path, settings=None, project_root=None):
        # `make html OUTPUTDIR=~/site` under a shell that leaves `~` alone means the home folder.
        self.given = Path(os.path.expanduser(path))
        self.real = Path(os.path.realpath(self.given))
        self.settings = settings or {}
        self.project_root = Path(os.path.realpath(project_root)) if project_root else None
        self.inplace = False

    # --- What may be written --------------------------------------------------------------

    def protected(self):
        """(path, what) pairs the output may not be, contain or lie inside of."""
        pairs = []
        if self.settings.get("PATH"):
            pairs.append((self.settings["PATH"], "the content path (PATH)"))
        if self.settings.get("THEME"):
            pairs.append((self.settings["THEME"], "the theme (THEME)"))
        plugin_paths = self.settings.get("PLUGIN_PATHS") or []
        pairs += [(p, "a plugin path (PLUGIN_PATHS)") for p in plugin_paths]
        return [(Path(os.path.realpath(p)), what) for p, what in pairs]

    def check(self, doing="write the site to"):
        """Raise UnsafeOutputError unless the build may replace the output; pick the swap mode."""
        real, name = self.real, shown(self.given)

        def refuse(why):
            raise UnsafeOutputError(f"Refusing to {doing} {name}: {why}.")

        try:
            os.stat(self.given)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                refuse("it is a loop of symbolic links")
        if real == Path(real.anchor):
            refuse("it is the root of the filesystem")
        home = Path(os.path.realpath(Path.home()))
        if _within(home, real):
            refuse(f"it {'is' if real == home else 'contains'} your home directory ({home})")
        if self.project_root and _within(self.project_root, real):
            refuse(
                f"it {'is' if real == self.project_root else 'contains'} the project "
                f"({self.project_root}), whose sources the build would delete"
            )
        for path, what in self.protected():
            if _within(path, real):
                refuse(f"it {'is' if real == path else 'contains'} {what}, {path}")
            if _within(real, path):
                refuse(f"it lies inside {what}, {path}")
        if real.exists() and not real.is_dir():
            refuse("it is a file, not a directory")
        repository = _git_work_tree(real)
        if repository:
            where = "is" if repository == real else f"contains one, {repository},"
            refuse(f"it {where} a git work tree; keep checkouts out of the output path")
        if real.is_dir() and not (real / MARKER).is_file() and self._entries():
            refuse(
                f"it is not empty and no earlier build wrote it (it has no {MARKER} file); "
                "empty it, delete it or choose another directory"
            )
        self._pick_mode(refuse)

    def _entries(self):
        """The entries of the output directory, but a mount point's `lost+found`."""
        mount = os.path.ismount(self.real)
        return [p for p in self.real.iterdir() if not (mount and p.name == "lost+found")]

    def _pick_mode(self, refuse):
        parent = self.real.parent
        if self.real.is_dir() and (os.path.ismount(self.real) or not os.access(parent, os.W_OK)):
            if not os.access(self.real, os.W_OK | os.X_OK):
                refuse("it cannot be written (no write permission)")
            self.inplace = True
            return
        existing = parent
        while not existing.exists():
            existing = existing.parent
        if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
            refuse(f"{existing} cannot be written (no write permission)")

    # --- One build at a time -----------------------------------------------------------------

    def lock_file(self):
        """The file whose `flock` is this output path's lock (there while a build holds it)."""
        digest = hashlib.sha256(str(self.real).encode()).hexdigest()[:16]
        return Path(tempfile.gettempdir()) / f"pelican-build-{digest}.lock"

    def lock(self):
        """Context manager: the exclusive lock of this output path (see the module docstring)."""
        return locked(self.lock_file(), shown(self.given))

    # --- Staging and swap --------------------------------------------------------------------

    def _leftover_prefix(self):
        return INPLACE_PREFIX if self.inplace else f".{self.real.name}.build-"

    def _leftover_dir(self):
        return self.real if self.inplace else self.real.parent

    def remove_leftovers(self, restore=True):
        """Remove what killed builds left; put back an old site a broken swap left aside."""
        where, prefix = self._leftover_dir(), self._leftover_prefix()
        if not where.is_dir():
            return
        leftovers = sorted(p for p in where.iterdir() if p.name.startswith(prefix))
        for path in leftovers:
            if restore and path.name.startswith(prefix + "old-") and not self.real.exists():
                log.warning("Restoring the previous site from %s", shown(path))
                path.rename(self.real)
            else:
                _remove(path, "what an earlier build left")

    def clean(self):
        """Remove the site and what killed builds left (`make clean`); keep a symlink and a
        mount point themselves. Raises UnsafeOutputError as `check()` does."""
        self.check(doing="remove")
        with self.lock():
            self.remove_leftovers(restore=False)
            if not self.real.is_dir():
                return
            if self.inplace:
                for entry in self._entries():
                    _remove(entry, "the previous site")
            else:
                _remove(self.real, "the previous site")

    def make_staging(self):
        """Create and return the staging directory (same filesystem as the output)."""
        where = self._leftover_dir()
        where.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=self._leftover_prefix() + "new-", dir=where))

    def swap_in(self, staging):
        """Make the finished `staging` directory the site; remove the old one."""
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        # mkdtemp makes the directory private; a published site must be readable by the server.
        os.chmod(staging, 0o755)  # noqa: S103
        if self.inplace:
            self._swap_entries(staging)
        elif not self.real.exists():
            staging.rename(self.real)
        else:
            self._swap_dirs(staging)

    def _swap_dirs(self, staging):
        try:
            exchange(staging, self.real)
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
                raise
            prefix = self._leftover_prefix() + "old-"
            old = Path(tempfile.mkdtemp(prefix=prefix, dir=self.real.parent))
            old.rmdir()
            self.real.rename(old)
            staging.rename(self.real)
            staging = old
        # The new site is live from here on: a failure to delete the old one is only a warning.
        _remove(staging, "the previous site")

    def _swap_entries(self, staging):
        """Exchange the top-level entries one by one; on any failure, exchange back the ones
        already swapped, so the output is the old site again, and re-raise."""
        new_names = sorted(p.name for p in staging.iterdir())
        done = []
        try:
            for name in new_names:
                target = self.real / name
                if target.exists() or target.is_symlink():
                    exchange(staging / name, target)
                    done.append((name, True))
                else:
                    (staging / name).rename(target)
                    done.append((name, False))
        except OSError:
            for name, exchanged in reversed(done):
                if exchanged:
                    exchange(staging / name, self.real / name)
                else:
                    (self.real / name).rename(staging / name)
            raise
        for path in self._entries():
            if path.name not in new_names and not path.name.startswith(INPLACE_PREFIX):
                path.rename(staging / path.name)
        _remove(staging, "the previous site")
