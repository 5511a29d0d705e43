"""Build benchmark for Thriving Practice: `make bench`.

Generates a synthetic site (seeded, so every run builds the same content: Markdown
articles of 400-1,200 words with headings, lists, emphasis, links, some tables and
code blocks; 30% of them in series of 5 to 10 parts) at each size, then builds it
in five variants, alternating them round by round (and rotating the order) so that
the machine's drift hits all of them alike:

  a  our theme and plugins (pelicanconf.py, content cache off)
  b  our theme with our plugins disabled, except those the theme cannot build
     without (found by trial on a small site; named in the results)
  c  plain Pelican: default settings and theme, no plugins
  d  a again, with Pelican's content cache warmed by one untimed build
  e  a without typographic quotes and dashes (plugins/typography off), so a/e is
     what typography costs

Each build runs in a fresh interpreter, so its peak RSS is its own (os.wait4).
The child times the build itself (tools/build.py's `build()`, from reading the
settings to the site swapped into place, start-up excluded), as CPU time and as
elapsed time, and, in the builds with content_check, the CPU time of its check of
every written link (its share of a is judged against LINK_CHECK, 3%). The targets
are judged on the medians of build CPU time: the machine is shared, and its load
turns elapsed time into a measure of everyone else's work (wall-time ratios are
reported beside them). Medians, the ratios a/b, a/c, d/a, the time per article,
the peak memory, the link check's share and the PASS/MISS of each target are
printed and written to bench/results.md with the machine described.
A missed target prints MISS but exits 0: this is a measurement, not a test. A
build that fails exits 1, since timing a broken build would mean nothing.

CPU time on a shared machine still varies by 10-15% from one build to the next.
So, as a cross-check the machine's load cannot move, the five variants are also built once each
under valgrind's callgrind at a small size (--instructions, default 200
articles; 0 or a missing valgrind skips it), two at a time: it counts the
instructions each build executes, which (with string hashing seeded the same
for every build) repeat to within 0.01% whatever else the machine is doing. The
interpreter's start-up, counted by a child that builds nothing, is subtracted.
Callgrind counts user-space instructions only, so the kernel's share
(writing files) is left out; the CPU-time ratios stay the targets' judges.

With --ledger N, each of our plugins is also left out of a in turn, and the instructions a
build at N articles executes without it are subtracted from a's: what that plugin costs,
its template work and the files it adds included (a plugin the theme cannot build without is
named with the build's error).

Usage:
  make bench                          # 1,000 and 5,000 articles
  make bench BENCH_ARGS=--quick       # 200 and 1,000 articles, 2 rounds, no callgrind
  .venv/bin/python bench/bench.py --sizes 1000,5000 --repeats 3 --instructions 200
  make bench BENCH_ARGS="--sizes 1000 --repeats 1 --ledger 200"   # what each plugin costs

Rounds default to 5 at 1,000 articles and 3 at 5,000: one round of the five
variants costs about a CPU-minute at 1,000 and four at 5,000, so the full run
takes about 25 minutes on an idle 2-core machine, callgrind included (--quick:
about 3). Under load it takes longer, though the CPU-time ratios hold.
"""

import argparse
import compileall
import datetime
import json
import logging
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "pelicanconf.py"
RESULTS = ROOT / "bench" / "results.md"

DEFAULT_SIZES = (1000, 5000)
DEFAULT_REPEATS = {1000: 5, 5000: 3}
QUICK_SIZES = (200, 1000)
QUICK_REPEATS = 2
PROBE_SIZE = 40
INSTRUCTION_SIZE = 200
COLLECTED = re.compile(r"Collected\s*:\s*([0-9]+)")
SERIES_SHARE = 0.3
SEED = 20260101

VARIANTS = {
    "a": "our theme and plugins",
    "b": "our theme, our plugins disabled",
    "c": "plain Pelican (default theme, no plugins)",
    "d": "a with the content cache warm",
    "e": "a without typographic quotes and dashes (TYPOGRAPHY = False)",
}
FIRST_CARDS = "a, social cards drawn (first build)"
TARGETS = {"a/b": 1.05, "a/c": 1.15, "d/a": 0.6, "a/e": 1.05, "linear": 1.2, "memory": 1.2}
# The share of a's CPU time that content_check's check of every written link may take.
LINK_CHECK = 0.03
# (name, numerator, denominator, what it measures) of each ratio judged against TARGETS.
RATIOS = [
    ("a/b", "a", "b", "our plugins' cost"),
    ("a/c", "a", "c", "against plain Pelican"),
    ("d/a", "d", "a", "warm content cache"),
    ("a/e", "a", "e", "typographic quotes and dashes"),
]

# --- Synthetic content ----------------------------------------------------------------

# Word lists are packed, a few to a line, to keep the module short.
# fmt: off
CATEGORIES = [
    "Practice Management",
    "Referral Building",
    "Fees and Finance",
    "Ethics and Boundaries",
    "Marketing Without Hype",
    "Sustainable Caseloads",
    "Supervision and Growth",
    "Tools and Systems",
]
TAGS = [
    "referrals", "fees", "cash flow", "boundaries", "ethics", "marketing", "websites",
    "supervision", "burnout", "waiting lists", "insurance", "contracts", "privacy",
    "record keeping", "planning", "annual review", "cancellations", "sliding scale", "directories",
    "GPs", "schools", "solicitors", "EAPs", "networking", "newsletters", "writing", "workshops",
    "group work", "online therapy", "rooms", "admin", "software", "spreadsheets", "tax", "pensions",
    "holidays", "self-care", "caseload", "intake", "assessment", "endings", "waiting room",
    "first contact", "follow-up", "gratitude", "reputation", "niche", "pricing", "budgeting",
    "risk", "complaints", "consent", "accessibility", "training", "CPD", "peer groups", "mentoring",
    "growth",
]
SUBJECTS = [
    "a new client", "your practice", "the referral log", "a busy GP", "a new clinician",
    "a waiting list", "the first session", "your fee policy", "a steady caseload",
    "the local school counsellor", "a good supervisor", "your website", "the annual review",
    "an honest contract", "a quiet month", "every enquiry", "a careful budget",
    "your professional body", "a simple spreadsheet", "the initial phone call",
]
VERBS = [
    "shapes", "protects", "changes", "supports", "reveals", "strengthens", "complicates",
    "simplifies", "needs", "rewards", "steadies", "clarifies", "costs", "outlasts", "feeds",
]
OBJECTS = [
    "the week ahead", "your cash flow", "every referral", "a clear boundary",
    "the cancellation policy", "your professional network", "the quiet months",
    "the diary", "your energy", "the whole caseload", "a reliable income",
    "the relationship with referrers", "your sense of direction", "the next conversation",
    "the reduced-fee places", "the end of the tax year", "long-term clients",
]
ADVERBIALS = [
    "over time", "in most practices", "within ethical limits", "without much effort",
    "by the end of the year", "if you plan ahead", "more than we expect",
    "long before it shows in the accounts", "in small, regular steps", "quietly",
    "for better or worse", "from the very first contact",
]
OPENERS = [
    "In practice,", "Often,", "For most of us,", "At first,", "Over a year,",
    "Quite simply,", "Sooner or later,", "In my experience,", "Perhaps surprisingly,",
]
INFINITIVES = [
    "review", "track", "protect", "plan", "write down", "measure", "discuss", "revisit",
    "simplify", "name", "budget for", "look after", "question", "share",
]
GERUNDS = [
    "Reviewing", "Tracking", "Protecting", "Planning", "Measuring", "Discussing",
    "Revisiting", "Simplifying", "Naming", "Budgeting for", "Looking after", "Questioning",
]
SENTENCES = [
    "{Subj} {verb} {obj} {adv}.",
    "{opener} {subj} {verb} {obj}.",
    "It helps to {inf} {obj} {adv}.",
    "Ask yourself whether {subj} {verb} {obj}.",
    "When {subj} {verb} {obj}, {subj2} {verb2} {obj2}.",
    "There is no need to {inf} {obj}; {subj} {verb} {obj2} {adv}.",
    "{Subj} rarely {verb} {obj} on its own, so {inf} it {adv}.",
    # Straight quotes, apostrophes, -- and ... as owners type them (plugins/typography).
    '"{Subj} {verb} {obj}," a supervisor once said -- and it\'s true {adv}.',
    "It's worth asking what {subj} {verb}... and what it doesn't.",
]
# fmt: on


def cap(text):
    return text[0].upper() + text[1:]


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Writer:
    """Seeded Markdown prose from the word lists above: plausible, never copied."""

    def __init__(self, rng):
        self.rng = rng

    def sentence(self, emphasis=0.08):
        pick = self.rng.choice
        subj, subj2 = pick(SUBJECTS), pick(SUBJECTS)
        verb = pick(VERBS)
        obj = pick(OBJECTS)
        if self.rng.random() < emphasis:
            obj = pick(["*{}*", "**{}**"]).format(obj)
        return pick(SENTENCES).format(
            Subj=cap(subj), subj=subj, subj2=subj2, verb=verb, verb2=pick(VERBS),
            obj=obj, obj2=pick(OBJECTS),
            adv=pick(ADVERBIALS), opener=pick(OPENERS), inf=pick(INFINITIVES),
        )  # fmt: skip

    def paragraph(self, low=3, high=7):
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def title(self):
        pick = self.rng.choice
        return pick(
            [
                f"{pick(GERUNDS)} {pick(OBJECTS)}",
                f"How to {pick(INFINITIVES)} {pick(OBJECTS)}",
                f"Why {pick(SUBJECTS)} {pick(VERBS)} {pick(OBJECTS)}",
                f"{self.rng.randint(3, 9)} ways to {pick(INFINITIVES)} {pick(OBJECTS)}",
            ]
        )

    def block(self, link):
        """One body block other than a paragraph."""
        rng, pick = self.rng, self.rng.choice
        kind = rng.choices(["ul", "ol", "bold", "table", "code", "link"], [5, 3, 3, 1, 1, 2])[0]
        if kind == "ul":
            return "\n".join(f"- {cap(pick(INFINITIVES))} {pick(OBJECTS)} {pick(ADVERBIALS)}."
                             for _ in range(rng.randint(3, 6)))  # fmt: skip
        if kind == "ol":
            return "\n".join(f"{i}. {self.sentence(0)}" for i in range(1, rng.randint(4, 7)))
        if kind == "bold":
            return "\n".join(f"- **{cap(pick(OBJECTS))}.** {self.sentence(0)}"
                             for _ in range(rng.randint(2, 4)))  # fmt: skip
        if kind == "table":
            rows = [f"| {cap(pick(SUBJECTS))} | {rng.randint(0, 12)} | {cap(pick(INFINITIVES))} |"
                    for _ in range(rng.randint(3, 5))]  # fmt: skip
            return "\n".join(["| Source | Referrals | Next action |", "|---|---|---|", *rows])
        if kind == "code":
            rows = [f"2026-{m:02d},{pick(SUBJECTS)},{rng.randint(0, 9)}" for m in range(1, 7)]
            return "\n".join(["```text", "month,source,referrals", *rows, "```"])
        return f"{self.sentence(0)} There is [more on {pick(OBJECTS)}]({link}) elsewhere."

    def body(self, link):
        rng = self.rng
        target = rng.randint(400, 1200)
        parts = [self.paragraph(), self.paragraph()]
        words = sum(len(p.split()) for p in parts)
        while words < target:
            section = [f"## {rng.choice(GERUNDS)} {rng.choice(OBJECTS)}", self.paragraph()]
            if rng.random() < 0.6:
                section.append(self.block(link))
            section.append(self.paragraph(2, 5))
            parts += section
            words += sum(len(p.split()) for p in section)
        return "\n\n".join(parts)


def generate(root, count, seed=SEED):
    """Write `count` articles (and three pages) under root/articles and root/pages."""
    rng = random.Random(seed + count)
    writer = Writer(rng)
    # Series blocks until 30% of the articles are in one, singles for the rest, then shuffled,
    # so that series parts keep consecutive dates but are spread over the years.
    units, in_series = [], 0
    while in_series < round(count * SERIES_SHARE):
        length = min(rng.randint(5, 10), round(count * SERIES_SHARE) - in_series)
        units.append(length)
        in_series += length
    units += [1] * (count - in_series)
    rng.shuffle(units)

    start = datetime.datetime(2015, 1, 5, 9, 0)
    done, series_names = [], set()
    for unit in units:
        category = rng.choice(CATEGORIES)
        series = None
        if unit > 1:
            while series is None or series in series_names:
                series = f"{rng.choice(GERUNDS)} {rng.choice(OBJECTS)}".title()
            series_names.add(series)
        for part in range(1, unit + 1):
            number = len(done)
            title = writer.title()
            slug = f"{slugify(title)}-{number}"
            rel = f"articles/{slugify(category)}/{number:05d}-{slug}.md"
            date = start + datetime.timedelta(days=number, minutes=rng.randint(0, 600))
            # Half the links point at an earlier article, so link resolution is exercised.
            if done and rng.random() < 0.5:
                link = "{filename}/" + rng.choice(done)
            else:
                link = f"https://example.org/{slug}"
            meta = {
                "Title": title,
                "Date": date.strftime("%Y-%m-%d %H:%M"),
                "Category": category,
                "Tags": ", ".join(rng.sample(TAGS, rng.randint(2, 5))),
                "Slug": slug,
                "Summary": writer.paragraph(2, 2),
            }
            if series:
                meta |= {"Series": series, "Series_index": part}
            write(root / rel, meta, writer.body(link))
            done.append(rel)
    # The pages the site's menu and forms link to (MENU_* and NEWSLETTER_PRIVACY_URL).
    for name in ("About", "Privacy", "Contact", "Newsletter", "Free practice analysis"):
        meta = {"Title": name, "Slug": slugify(name), "Summary": writer.sentence(0)}
        write(root / "pages" / f"{slugify(name)}.md", meta, writer.body("{filename}/" + done[0]))


def write(path, meta, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    head = "".join(f"{key}: {value}\n" for key, value in meta.items())
    path.write_text(f"{head}\n{body}\n", encoding="utf-8")


# --- Builds ---------------------------------------------------------------------------


def child(spec):
    """Runs in the subprocess: one build, timed from inside, result to a JSON file."""
    sys.path.insert(0, str(ROOT))
    from pelican.log import init as init_logging

    from tools.build import build

    init_logging(level=logging.WARNING)  # Pelican's INFO progress would flood the log.
    if spec["conf"] is False:  # The start-up baseline for instruction counts: no build.
        return
    plugins = spec["override"].get("PLUGINS", ["content_check"])
    link_check = timed_link_check() if spec["conf"] and "content_check" in plugins else [0.0]
    search = timed_search()
    wall, cpu = time.perf_counter(), cpu_time()
    errors = build(spec["conf"], spec["override"])
    wall, cpu = time.perf_counter() - wall, cpu_time() - cpu
    result = {"wall": wall, "cpu": cpu, "links": link_check[0], "errors": errors, "search": search}
    Path(spec["result"]).write_text(json.dumps(result))


def cpu_time():
    """CPU time of this process and of the children it has waited for (Pagefind)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed_search():
    """Time the build's search indexing step on its own: {"cpu", "wall", "pages", "reused"}
    once the build has run it (empty if the site has no search page)."""
    from tools import search_index

    update, spent = search_index.update, {}

    def timed(*args):
        wall, cpu = time.perf_counter(), cpu_time()
        indexed = update(*args)
        spent.update(wall=time.perf_counter() - wall, cpu=cpu_time() - cpu,
                     pages=indexed.pages, reused=indexed.reused)  # fmt: skip
        return indexed

    search_index.update = timed
    return spent


def timed_link_check():
    """Time content_check's check of the written site's links (LINK_CHECK): the plugin loader
    reuses a module already imported, so the build calls this wrapper. Returns [CPU seconds],
    filled in by the build."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from content_check import links

    spent, check_site = [0.0], links.check_site

    def timed(*args):
        start = time.process_time()
        try:
            return check_site(*args)
        finally:
            spent[0] += time.process_time() - start

    links.check_site = timed
    return spent


def settings_for(variant, content, work, plugins_b):
    """(settings file, overrides) of one variant; the output path is added per run."""
    off = {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}
    # A cache per site: one shared by the sizes would carry every earlier size's articles.
    cache = work / f"cache-{variant}-{content.name}"
    # The synthetic articles are shorter than the site's editorial minimum: a warning for each
    # would time the console, not the build. Social cards are drawn once per site (FIRST_CARDS,
    # reported on its own) and then reused, as in a real site's builds.
    cards = work / f"cards-{content.name}"
    common = {"PATH": str(content), "CACHE_PATH": str(cache), "CONTENT_CHECK_MIN_WORDS": 0,
              "SOCIAL_CARDS_CACHE_PATH": str(cards)}  # fmt: skip
    if variant == "a":
        return str(CONF), {**common, **off}
    if variant == "b":
        return str(CONF), {**common, **off, "PLUGINS": plugins_b}
    if variant == "c":
        # PLUGINS=None would load every namespace plugin installed in the venv.
        return None, {**common, **off, "PLUGINS": []}
    if variant == "e":
        return str(CONF), {**common, **off, "TYPOGRAPHY": False}
    return str(CONF), {**common, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}


class BuildError(Exception):
    pass


def start_child(conf, override, out, log_file, wrapper=()):
    """Start child() building into `out` (its result goes to out.json), output to log_file."""
    spec = {"conf": conf, "override": {**override, "OUTPUT_PATH": str(out)},
            "result": str(out.with_suffix(".json"))}  # fmt: skip
    command = [*wrapper, sys.executable, __file__, "--child", json.dumps(spec)]
    return subprocess.Popen(command, cwd=ROOT, stdout=log_file, stderr=log_file)


def run_build(conf, override, work):
    """Build in a fresh interpreter; return its timings, peak RSS and output size."""
    out = Path(tempfile.mkdtemp(prefix="out-", dir=work))
    result, output_log = out.with_suffix(".json"), out.with_suffix(".log")
    with output_log.open("w") as log_file:
        start = time.perf_counter()
        proc = start_child(conf, override, out, log_file)
        # wait4 gives this child's own rusage; RUSAGE_CHILDREN would be the max over all of them.
        _, status, usage = os.wait4(proc.pid, 0)
        process = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    try:
        data = json.loads(result.read_text()) if proc.returncode == 0 else None
        if not data or data["errors"]:
            errors = data["errors"] if data else [f"exit status {proc.returncode}"]
            raise BuildError("; ".join(errors)[:2000] + "\n" + output_log.read_text()[-3000:])
        files = sum(len(names) for _, _, names in os.walk(out))
        rss = usage.ru_maxrss / 1024  # KiB on Linux
        return {"cpu": data["cpu"], "build": data["wall"], "process": process, "rss": rss,
                "files": files, "links": data["links"], "search": data["search"]}  # fmt: skip
    finally:
        shutil.rmtree(out, ignore_errors=True)
        result.unlink(missing_ok=True)
        output_log.unlink(missing_ok=True)


def count_instructions(jobs, work):
    """{name: instructions} of each (conf, override) in `jobs`, built once under callgrind,
    as many at a time as there are cores; {} if any of them fails."""
    # Python salts its string hashes per process, which moves counts by up to 0.5% between
    # identical builds; with one fixed seed they agree to within 0.01%.
    callgrind = ("env", "PYTHONHASHSEED=0")
    callgrind += ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")
    pending, running, counts = list(jobs.items()), [], {}
    while pending or running:
        while pending and len(running) < (os.cpu_count() or 1):
            name, (conf, override) = pending.pop(0)
            out, log_path = work / f"cg-{name}", work / f"callgrind-{name}.log"
            with log_path.open("w") as log_file:
                running.append((name, start_child(conf, override, out, log_file, callgrind), out))
        name, proc, out = running.pop(0)
        proc.wait()
        log_text = (work / f"callgrind-{name}.log").read_text()
        found = COLLECTED.search(log_text)
        result = out.with_suffix(".json")  # The start-up baseline writes none.
        errors = json.loads(result.read_text())["errors"] if result.exists() else []
        if proc.returncode or not found or errors:
            log(f"callgrind: the {name} build failed:\n{log_text[-2000:]}")
            for _, other, _ in running:
                other.kill()
                other.wait()
            return {}
        counts[name] = int(found.group(1))
        log(f"[callgrind] {name}: {counts[name] / 1e9:.3f} G instructions")
    return counts


def instructions(size, work, plugins_b):
    """Build-only instruction counts of the variants at `size` articles."""
    content = work / f"content-{size}"
    generate(content, size)
    settings = {v: settings_for(v, content, work, plugins_b) for v in VARIANTS}
    warm(settings, work)  # As in the timed runs.
    counts = count_instructions({"start-up": (False, {}), **settings}, work)
    shutil.rmtree(content)
    if not counts:
        return {}
    start_up = counts.pop("start-up")
    return {v: n - start_up for v, n in counts.items()}


def ledger(size, work, plugins):
    """What each of our plugins costs at `size` articles: {plugin: a's instructions minus those
    of a without it}, plus "a" itself; a plugin the site cannot build without maps to the
    first line of the error the build gives without it (str)."""
    content = work / f"ledger-{size}"
    generate(content, size)
    conf, override = settings_for("a", content, work, None)
    # Without the series plugin, content_check rejects the series keys of the synthetic
    # articles as unknown; the other plugins' keys are not in them.
    override = {**override, "CONTENT_CHECK_EXTRA_KEYS": ["Series", "Series_index"]}
    jobs, kept = {"a": (conf, override)}, {}
    for plugin in plugins:
        # A cache of its own: the search index cache keeps the latest few sites only, and a
        # variant that indexed again instead of reusing its index would count that work.
        cache = str(work / f"cache-ledger-{size}-{plugin}")
        without = {**override, "PLUGINS": [p for p in plugins if p != plugin], "CACHE_PATH": cache}
        try:
            run_build(conf, without, work)  # Its own search index made, as a's is (warm).
            jobs[plugin] = (conf, without)
        except BuildError as exc:
            kept[plugin] = str(exc).splitlines()[0][:200]
    run_build(conf, override, work)
    counts = count_instructions({"start-up": (False, {}), **jobs}, work)
    shutil.rmtree(content)
    if not counts:
        return {}
    start_up = counts.pop("start-up")
    a = counts.pop("a") - start_up
    return {"a": a, **{plugin: a - (n - start_up) for plugin, n in counts.items()}, **kept}


def ledger_report(size, costs, counts):
    """The ledger's table: each plugin's instructions as shares of a and of b (from the
    variants' counts at the same size, when there are some)."""
    if not costs:
        return []
    a = costs["a"]
    b = counts.get("b") if counts else None
    plugins = {p: n for p, n in costs.items() if p != "a"}
    measured = sorted(
        ((p, n) for p, n in plugins.items() if isinstance(n, int)), key=lambda x: -x[1]
    )
    lines = [
        "",
        f"## What each plugin costs, at {size:,} articles (callgrind, one build each)",
        "",
        "a's instructions minus those of a without the plugin (a plugin's receivers, the"
        " template work its data brings, the files it adds). They need not add up to a - b:"
        " plugins share work (the link check reads what others write).",
        "",
        "| plugin | instructions (G) | share of a | share of b |",
        "|---|---|---|---|",
    ]
    for plugin, n in measured:
        of_b = f"{n / b:.1%}" if b else ""
        lines.append(f"| {plugin} | {n / 1e9:.3f} | {n / a:.1%} | {of_b} |")
    total = sum(n for _, n in measured)
    lines.append(
        f"| sum | {total / 1e9:.3f} | {total / a:.1%} | {f'{total / b:.1%}' if b else ''} |"
    )
    lines += [
        f"| {p} | needed: {error} | | |" for p, error in plugins.items() if isinstance(error, str)
    ]
    return lines


def our_plugins():
    """PLUGINS as pelicanconf.py sets it (read the way Pelican reads it)."""
    sys.path.insert(0, str(ROOT))
    from pelican.settings import read_settings

    return list(read_settings(str(CONF))["PLUGINS"] or [])


def plugins_theme_needs(work, plugins):
    """The fewest of our plugins without which our theme fails to build a small site.

    Returns {plugin kept: the first error the build gives without it}.
    """
    content = work / "probe"
    generate(content, PROBE_SIZE)
    conf, override = settings_for("a", content, work, None)
    run_build(conf, override, work)  # Fail fast if our site itself does not build.
    kept = dict.fromkeys(plugins, "")
    try:
        run_build(conf, {**override, "PLUGINS": []}, work)
        kept = {}
    except BuildError:
        for plugin in plugins:  # Drop, one by one, those the theme still renders without.
            trial = [p for p in kept if p != plugin]
            try:
                run_build(conf, {**override, "PLUGINS": trial}, work)
                del kept[plugin]
            except BuildError as exc:
                kept[plugin] = str(exc).splitlines()[0][:200]
    shutil.rmtree(content)
    return kept


def warm(settings, work):
    """Untimed builds of the variants that keep something between builds: d's content cache,
    and every variant's search index (each site's pages differ), which a real site's builds
    reuse; the first index is reported on its own (FIRST_CARDS)."""
    for variant in ("b", "d", "e"):
        run_build(*settings[variant], work)


def bench_size(size, repeats, work, plugins_b):
    content = work / f"content-{size}"
    generate(content, size)
    settings = {v: settings_for(v, content, work, plugins_b) for v in VARIANTS}
    log(f"[{size}] a with every social card drawn and the search index made for the first time")
    first = run_build(*settings["a"], work)
    log(f"[{size}] warming the content cache for d and the search index of b, d, e (untimed)")
    warm(settings, work)
    runs = {v: [] for v in VARIANTS}
    order = list(VARIANTS)
    for round_ in range(repeats):
        # Rotate the order each round so no variant always runs first or right after another.
        shift = round_ % len(order)
        for variant in order[shift:] + order[:shift]:
            run = run_build(*settings[variant], work)
            runs[variant].append(run)
            log(f"[{size}] round {round_ + 1}/{repeats} {variant}: {run['cpu']:.2f} s CPU,"
                f" {run['build']:.2f} s wall, {run['rss']:.0f} MiB")  # fmt: skip
    shutil.rmtree(content)
    runs[FIRST_CARDS] = [first]
    return runs


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- Report ---------------------------------------------------------------------------


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine():
    cpu = platform.processor() or "unknown"
    memory = "unknown"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.*)", cpuinfo).group(1).strip()
        kib = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kib / 1024**2:.1f} GiB"
    except (OSError, AttributeError):
        pass
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("pelican", "Markdown", "Jinja2"))
    return [
        f"- Platform: {platform.platform()}",
        f"- CPU: {cpu}, {os.cpu_count()} cores",
        f"- Memory: {memory}",
        f"- Python {platform.python_version()}; {versions}",
    ]


def median(runs, key):
    return statistics.median(run[key] for run in runs)


def check(name, value, wall, target):
    verdict = "PASS" if value <= target else "**MISS**"
    wall = f"{wall:.3f}" if wall else ""
    return f"| {name} | {value:.3f} | {wall} | ≤ {target} | {verdict} |"


def instruction_report(size, counts):
    if not counts:
        return []
    lines = [
        "",
        f"## Instructions at {size:,} articles (callgrind, one build each)",
        "",
        "Repeatable to within 0.01% (one string-hash seed for all), but user space only: the"
        " kernel's work of writing files is not in it.",
        "",
        "| variant | instructions (G) | vs c |",
        "|---|---|---|",
        *(f"| {v} | {n / 1e9:.3f} | {n / counts['c']:.3f} |" for v, n in counts.items()),
        "",
        "| check | value (instructions) | target | result |",
        "|---|---|---|---|",
    ]
    for name, x, y, _ in RATIOS:
        value = counts[x] / counts[y]
        verdict = "PASS" if value <= TARGETS[name] else "**MISS**"
        lines.append(f"| {name} | {value:.3f} | ≤ {TARGETS[name]} | {verdict} |")
    return lines


def report(results, plugins, needed, header, instruction_lines):
    lines = [
        "# Build benchmark results",
        "",
        *header,
        "",
        "Builds alternate round by round, each in a fresh interpreter. *CPU* is the CPU time of"
        " the build alone (from reading the settings to the site in place; interpreter start-up"
        " excluded), *build wall* its elapsed time, *process wall* that of the whole child."
        " Targets are judged on the medians of build CPU time: on this shared 2-core machine"
        " the elapsed time mostly measures what else is running (see the load averages), while"
        " CPU time is what the build itself costs. The wall-time ratios are shown beside them.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Variants",
        "",
        *(f"- **{v}**: {text}" for v, text in VARIANTS.items()),
        f"- Our plugins (a, d): {', '.join(plugins) or 'none'}.",
        "- b keeps only the plugins without which our theme fails to build"
        + (":" if needed else " (none: it renders without any of them).")
        if plugins
        else "",
        *(f"  - {plugin}: without it, `{error}`" for plugin, error in needed.items()),
    ]
    for size, runs in results.items():
        lines += [
            "",
            f"## {size:,} articles ({len(runs['a'])} rounds)",
            "",
            "| variant | CPU median (s) | CPU min to max (s) | CPU per article (ms)"
            " | build wall median (s) | process wall median (s) | peak RSS (MiB) | files written |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for v, vruns in runs.items():
            cpus = [r["cpu"] for r in vruns]
            lines.append(
                f"| {v} | {median(vruns, 'cpu'):.2f} | {min(cpus):.2f} to {max(cpus):.2f}"
                f" | {1000 * median(vruns, 'cpu') / size:.2f} | {median(vruns, 'build'):.2f}"
                f" | {median(vruns, 'process'):.2f} | {max(r['rss'] for r in vruns):.0f}"
                f" | {vruns[0]['files']:,} |"
            )
    lines += [
        "",
        "## Targets",
        "",
        "| check | value (CPU) | value (wall) | target | result |",
        "|---|---|---|---|---|",
    ]
    for size, runs in results.items():
        first = runs[FIRST_CARDS][0]
        searched = [r["search"] for r in runs["a"] if r["search"]]
        reused = statistics.median(r["cpu"] for r in searched) if searched else 0
        cards = first["cpu"] - first["search"].get("cpu", 0) - (median(runs["a"], "cpu") - reused)
        lines.append(
            f"| social cards at {size:,}: first build minus a (cards reused), search left out"
            f" | {cards:.2f} s ({1000 * cards / size:.1f} ms per card) | | reported | - |"
        )
        if first["search"]:
            index, pages = first["search"], first["search"]["pages"]
            lines += [
                f"| search index at {size:,}: made by Pagefind (first build; {pages:,} pages"
                f" read) | {index['cpu']:.2f} s ({1000 * index['cpu'] / pages:.2f} ms per page)"
                f" | {index['wall']:.2f} s | reported | - |",
                f"| search index at {size:,}: reused from the cache (median of a)"
                f" | {reused:.3f} s | {statistics.median(r['wall'] for r in searched):.3f} s"
                f" | reported | - |",
            ]
        cpu = {v: median(runs[v], "cpu") for v in VARIANTS}
        wall = {v: median(runs[v], "build") for v in VARIANTS}
        rss = {v: max(r["rss"] for r in runs[v]) for v in VARIANTS}
        for name, x, y, what in RATIOS:
            lines.append(
                check(f"{name} at {size:,} ({what})", cpu[x] / cpu[y], wall[x] / wall[y],
                      TARGETS[name])
            )  # fmt: skip
        lines.append(
            check(f"peak RSS a/c at {size:,}", rss["a"] / rss["c"], None, TARGETS["memory"])
        )
        share = median([{"share": r["links"] / r["cpu"]} for r in runs["a"]], "share")
        lines.append(
            f"| link check at {size:,}: share of a (content_check, every written link)"
            f" | {share:.1%} ({median(runs['a'], 'links'):.2f} s) | | ≤ {LINK_CHECK:.0%}"
            f" | {'PASS' if share <= LINK_CHECK else '**MISS**'} |"
        )
    if len(results) > 1:
        small, large = min(results), max(results)
        per = {
            key: [median(results[s]["a"], key) / s for s in (small, large)]
            for key in ("cpu", "build")
        }
        lines.append(
            check(f"a per article, {large:,} / {small:,} (linear)", per["cpu"][1] / per["cpu"][0],
                  per["build"][1] / per["build"][0], TARGETS["linear"])
        )  # fmt: skip
    return "\n".join(lines + instruction_lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated article counts (default 1000,5000)")
    parser.add_argument("--repeats", type=int, help="rounds per size (default: see above)")
    parser.add_argument("--quick", action="store_true", help="200 and 1,000 articles, 2 rounds")
    parser.add_argument(
        "--instructions",
        type=int,
        help=f"articles for the callgrind cross-check (default {INSTRUCTION_SIZE}; 0: skip it)",
    )
    parser.add_argument(
        "--ledger",
        type=int,
        default=0,
        help="articles for what each plugin costs (callgrind, a build per plugin; 0: skip)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(json.loads(args.child))
        return 0

    sizes = QUICK_SIZES if args.quick else DEFAULT_SIZES
    if args.sizes:
        sizes = tuple(int(s) for s in args.sizes.split(","))

    counted_size = 0 if args.quick else INSTRUCTION_SIZE
    if args.instructions is not None:
        counted_size = args.instructions

    def repeats(size):
        return args.repeats or (QUICK_REPEATS if args.quick else DEFAULT_REPEATS.get(size, 2))

    started, clock, load_start = datetime.datetime.now(), time.perf_counter(), loadavg()
    # Python saves the bytecode of our modules at a site's first build, as pip did Pelican's
    # at install; a machine that forbids it (PYTHONDONTWRITEBYTECODE) would time compiling
    # them in every build of a, and none of c.
    for folder in ("plugins", "tools"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    with tempfile.TemporaryDirectory(prefix="thriving-bench-") as tmp:
        work = Path(tmp)
        try:
            plugins = our_plugins()
            needed = plugins_theme_needs(work, plugins)
            plugins_b = list(needed)
            log(f"plugins: a={plugins} b={plugins_b}")
            results = {size: bench_size(size, repeats(size), work, plugins_b) for size in sizes}
            counts = {}
            if counted_size and shutil.which("valgrind"):
                log(f"[callgrind] counting instructions at {counted_size} articles")
                counts = instructions(counted_size, work, plugins_b)
            elif counted_size:
                log("valgrind is not installed: no instruction counts")
            costs = {}
            if args.ledger and shutil.which("valgrind"):
                log(f"[callgrind] what each plugin costs at {args.ledger} articles")
                costs = ledger(args.ledger, work, plugins)
        except BuildError as exc:
            log(f"A build failed, so there is nothing to measure:\n{exc}")
            return 1
    argv = sys.argv[1:] if argv is None else argv
    command = " ".join(["bench/bench.py", *argv])
    header = [
        f"Written by `{command}` on {started:%Y-%m-%d %H:%M} in"
        f" {(time.perf_counter() - clock) / 60:.1f} minutes. Load average (1, 5, 15 min)"
        f" at the start: {load_start}; at the end: {loadavg()}.",
    ]
    same_size = counts if args.ledger == counted_size else None
    instruction_lines = instruction_report(counted_size, counts)
    instruction_lines += ledger_report(args.ledger, costs, same_size)
    text = report(results, plugins, needed, header, instruction_lines)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    if "MISS" in text:
        print("MISS: at least one target was missed (see above).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
