"""Feed checks for the tests: the validator's rules, written out, and newsboat.

No maintained offline feed validator exists on PyPI (the W3C Feed Validation Service's code is a
Python 2 web service), so `problems()` checks, explicitly, the rules of RFC 4287 (Atom) and RSS
2.0 that the W3C validator reports as errors and that readers and RSS-to-email tools trip on:

Atom
- the root is an Atom `<feed>` with `xml:lang`, one `<id>`, `<title>` and `<updated>`;
- `<link rel="self">` is the feed's own URL; `<link rel="alternate">` is absolute;
- every entry has one `<id>` (absolute, unique in the feed), `<title>`, `<updated>`, an
  absolute `<link rel="alternate">` and an author (its own or the feed's);
- dates are RFC 3339 date-times with a time zone.

RSS 2.0
- `<rss version="2.0">` with one `<channel>` that has `<title>`, `<link>`, `<description>`,
  `<language>` and an `<atom:link rel="self">` to the feed's own URL;
- every item has a `<title>`, an absolute `<link>`, a `<guid>` unique in the feed that is an
  absolute URL unless it says `isPermaLink="false"` (a `tag:` URI must), and an RFC 822
  `<pubDate>` with a time zone.

Both
- every URL in entry content and summaries (href, src, srcset, poster) is absolute;
- feedparser reads the feed without `bozo`.
"""

import re
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
ABSOLUTE = re.compile(r"^(https?://[^/\s]+/|mailto:|data:)")
URL_ATTRIBUTES = ("href", "src", "poster")


def content_urls(html):
    """Every URL in an HTML fragment's href, src, poster and srcset attributes."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for name in URL_ATTRIBUTES:
            if tag.has_attr(name):
                yield tag[name]
        if tag.has_attr("srcset"):
            yield from (c.split()[0] for c in tag["srcset"].split(",") if c.strip())


def _relative_urls(where, html):
    return [
        f"{where}: relative URL {url!r}"
        for url in content_urls(html or "")
        if not ABSOLUTE.match(url)
    ]


def _atom_problems(root, url):
    found = []
    if not root.get("{http://www.w3.org/XML/1998/namespace}lang"):
        found.append("feed: no xml:lang")
    for name in ("id", "title", "updated"):
        if len(root.findall(ATOM + name)) != 1:
            found.append(f"feed: needs exactly one <{name}>")
    if not ABSOLUTE.match(root.findtext(ATOM + "id") or ""):
        found.append(f"feed: <id> not an absolute URL: {root.findtext(ATOM + 'id')!r}")
    links = {link.get("rel", "alternate"): link.get("href") for link in root.findall(ATOM + "link")}
    if links.get("self") != url:
        found.append(f"feed: rel=self is {links.get('self')!r}, not {url!r}")
    if not ABSOLUTE.match(links.get("alternate") or ""):
        found.append(f"feed: rel=alternate not absolute: {links.get('alternate')!r}")
    if not RFC3339.match(root.findtext(ATOM + "updated") or ""):
        found.append("feed: <updated> is not RFC 3339")
    feed_author = root.find(ATOM + "author") is not None
    ids = set()
    for n, entry in enumerate(root.findall(ATOM + "entry"), 1):
        where = f"entry {n}"
        for name in ("id", "title", "updated"):
            if len(entry.findall(ATOM + name)) != 1:
                found.append(f"{where}: needs exactly one <{name}>")
        entry_id = entry.findtext(ATOM + "id") or ""
        if not ABSOLUTE.match(entry_id):
            found.append(f"{where}: <id> not an absolute URL: {entry_id!r}")
        if entry_id in ids:
            found.append(f"{where}: duplicate <id> {entry_id!r}")
        ids.add(entry_id)
        for name in ("updated", "published"):
            value = entry.findtext(ATOM + name)
            if value is not None and not RFC3339.match(value):
                found.append(f"{where}: <{name}> is not RFC 3339: {value!r}")
        alternate = [
            link.get("href")
            for link in entry.findall(ATOM + "link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if len(alternate) != 1 or not ABSOLUTE.match(alternate[0] or ""):
            found.append(f"{where}: needs one absolute rel=alternate link, got {alternate}")
        if not feed_author and entry.find(ATOM + "author") is None:
            found.append(f"{where}: no author")
        for name in ("content", "summary"):
            found += _relative_urls(f"{where} <{name}>", entry.findtext(ATOM + name))
    return found


def _rss_problems(root, url):
    found = []
    channels = root.findall("channel")
    if root.get("version") != "2.0" or len(channels) != 1:
        return ["rss: needs version 2.0 and exactly one <channel>"]
    channel = channels[0]
    for name in ("title", "link", "description", "language"):
        if channel.find(name) is None:
            found.append(f"channel: no <{name}>")
    self_links = [
        link.get("href") for link in channel.findall(ATOM + "link") if link.get("rel") == "self"
    ]
    if self_links != [url]:
        found.append(f"channel: atom:link rel=self is {self_links}, not [{url!r}]")
    guids = set()
    for n, item in enumerate(channel.findall("item"), 1):
        where = f"item {n}"
        if not item.findtext("title"):
            found.append(f"{where}: no <title>")
        if not ABSOLUTE.match(item.findtext("link") or ""):
            found.append(f"{where}: <link> not absolute: {item.findtext('link')!r}")
        guid = item.find("guid")
        if guid is None:
            found.append(f"{where}: no <guid>")
        else:
            permalink = guid.get("isPermaLink", "true") == "true"
            if permalink and not ABSOLUTE.match(guid.text or ""):
                found.append(
                    f"{where}: <guid> {guid.text!r} is not a URL but isPermaLink is not false"
                )
            if guid.text in guids:
                found.append(f"{where}: duplicate <guid> {guid.text!r}")
            guids.add(guid.text)
        try:
            if parsedate_to_datetime(item.findtext("pubDate") or "").tzinfo is None:
                found.append(f"{where}: <pubDate> without a time zone")
        except (TypeError, ValueError):
            found.append(f"{where}: <pubDate> is not RFC 822: {item.findtext('pubDate')!r}")
        found += _relative_urls(f"{where} <description>", item.findtext("description"))
    return found


def problems(path, url):
    """What a validator would reject in the feed file `path`, published at `url`."""
    path = Path(path)
    data = feedparser.parse(path.read_bytes())
    found = [f"feedparser: {data.bozo_exception}"] if data.bozo else []
    root = ET.parse(path).getroot()
    if root.tag == ATOM + "feed":
        found += _atom_problems(root, url)
    elif root.tag == "rss":
        found += _rss_problems(root, url)
    else:
        found.append(f"neither Atom nor RSS: <{root.tag}>")
    return [f"{path.name}: {problem}" for problem in found]


def newsboat_read(path, workdir):
    """Have newsboat fetch the feed file `path` with its own configuration and cache under
    `workdir`; returns (feed title, feed link, [(guid, title, link)...]) as newsboat stored
    them, and fails on any error newsboat logs."""
    newsboat = shutil.which("newsboat")
    assert newsboat, "newsboat is not installed (Debian package `newsboat`; .ci/run installs it)"
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    url = Path(path).resolve().as_uri()
    (workdir / "urls").write_text(url + "\n", encoding="utf-8")
    (workdir / "config").write_text("", encoding="utf-8")
    home = workdir / "home"
    home.mkdir(exist_ok=True)
    # Its own HOME and XDG dirs too: newsboat must not touch (or read) a real user's files.
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
    }
    command = [
        newsboat,
        "--url-file",
        str(workdir / "urls"),
        "--cache-file",
        str(workdir / "cache.db"),
        "--config-file",
        str(workdir / "config"),
        "--log-level",
        "3",
        "--log-file",
        str(workdir / "log"),
        "--execute",
        "reload",
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
    log = (workdir / "log").read_text(encoding="utf-8") if (workdir / "log").exists() else ""
    assert done.returncode == 0, (path, done.stderr)
    assert "ERROR" not in log, (path, log)
    with sqlite3.connect(workdir / "cache.db") as db:
        feeds = list(db.execute("SELECT title, url FROM rss_feed WHERE rssurl = ?", (url,)))
        items = list(db.execute("SELECT guid, title, url FROM rss_item WHERE feedurl = ?", (url,)))
    assert len(feeds) == 1, (path, log)
    return feeds[0][0], feeds[0][1], items
