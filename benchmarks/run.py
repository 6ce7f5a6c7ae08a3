"""`invoke bench`: our build, cold and rebuilt after each kind of change, against stock Pelican on one
generated corpus.

Everything runs in this one process, in alternating rounds, so every build meets the same
machine: (a) our full build cold — content cache, build record and picture caches emptied, output
folder absent, as on a fresh clone; (b) our rebuilds (rebuilds.py): nothing changed, one item's
body edited, its title edited, one item deleted, one template edited — each on the cache, record and
output the build before left, as `invoke build` and `invoke serve` run while someone writes, with
the files a publish would then send; (c) stock Pelican with its default theme on the same Markdown;
(d) with --compare-hugo, Hugo on the corpus converted to a Hugo site (a child process). The table
gives each build's median over the rounds and the ratios the issue's targets are stated in.
"""

import logging
import shutil
import statistics
import tempfile
from pathlib import Path

from bilingual.build import PRECOMPRESS_CACHE
from incremental.record import record_path
from charts.raster import CACHE as CHART_IMAGES_CACHE
from images.settings import DEFAULTS as IMAGE_DEFAULTS
from sharecards.settings import DEFAULTS as CARD_DEFAULTS

from .corpus import make_corpus
from .measure import measured
from .rebuilds import BODY, DELETE, EDITS, NOTHING, REBUILDS, TEMPLATE, TITLE, publish_counts, snapshot
from .stock import build_stock

ROOT = Path(__file__).resolve().parent.parent
COLD, WARM, STOCK, HUGO = "ours, cold", BODY, "stock Pelican", "Hugo"
# × stock, × our cold build (one item's body edited; nothing changed; a title edited or an item deleted),
# MiB per process at 2,000 items/lang, files a publish sends after one item's body was edited
TARGETS = {"cold": 1.25, "warm": 0.25, "nothing": 0.05, "title": 0.35, "peak": 300, "files": 20, "reload": 1000}
RELOAD_SAVES = 5  # timed saves in `invoke serve` (benchmarks/reload.py), after the rounds


def folder_stats(folder):
    """(HTML pages, bytes of every file, bytes of the search index) of a built site.

    The search index is every file below a search/data/ folder (any language) but the .gz/.br twins.
    """
    files = [p for p in Path(folder).rglob("*") if p.is_file()]
    index = [p for p in files if "search/data" in p.relative_to(folder).parent.as_posix()
             and p.suffix not in (".gz", ".br")]
    return (sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files),
            sum(p.stat().st_size for p in index))


BUILD_CACHES = [ROOT / PRECOMPRESS_CACHE, ROOT / IMAGE_DEFAULTS["cache"],  # the build's own, beside pelicanconf.py
                ROOT / CHART_IMAGES_CACHE, ROOT / CARD_DEFAULTS["cache"]]


class OurBuild:
    def __init__(self, corpus, output, cache, themes):
        self.corpus, self.output, self.cache, self.themes = corpus, output, cache, themes

    def __call__(self):
        from bilingual.build import build_site

        overrides = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(self.cache),
                     "THEME": str(self.themes / "base")}  # a copy: the template rebuild edits it
        return build_site(ROOT / "pelicanconf.py", content=self.corpus, output=self.output, overrides=overrides)

    def forget(self):
        """As on a fresh clone: no content cache, no output, no build record, and none of the caches the
        build keeps beside the settings (twins by content hash, image variants, pictures), which may be
        deleted any time. Not timed: a fresh clone has nothing to delete."""
        for folder in (self.cache, self.output, *BUILD_CACHES):
            shutil.rmtree(folder, ignore_errors=True)
        record_path(ROOT / "pelicanconf.py", self.output).unlink(missing_ok=True)


def run_rounds(corpus, tmp, rounds, hugo_site=None):
    """({build name: [Measurement per round]}, the output folder of each build, stock's warnings,
    {rebuild name: [(files a publish sends, files it deletes) per round]})."""
    themes = tmp / "themes"
    shutil.copytree(ROOT / "themes", themes, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    ours = OurBuild(corpus, tmp / "ours", tmp / "cache", themes)
    outputs = {COLD: ours.output, **{name: ours.output for name in REBUILDS}, STOCK: tmp / "stock"}
    runs = {name: [] for name in outputs}
    published = {name: [] for name in REBUILDS}
    stock_warnings = []
    if hugo_site:
        from .hugo import build_hugo

        outputs[HUGO], runs[HUGO] = tmp / "hugo-public", []
    for number in range(1, rounds + 1):
        ours.forget()
        runs[COLD].append(measured(ours))
        before = snapshot(ours.output)
        for name in REBUILDS:
            EDITS[name](corpus, themes, number)
            runs[name].append(measured(ours))
            after = snapshot(ours.output)
            published[name].append(publish_counts(before, after))
            before = after
        stock_warnings = []
        shutil.rmtree(outputs[STOCK], ignore_errors=True)  # like ours, stock starts from no output, untimed
        runs[STOCK].append(measured(lambda: stock_warnings.extend(build_stock(corpus, outputs[STOCK]))))
        if hugo_site:
            runs[HUGO].append(measured(lambda: build_hugo(hugo_site, outputs[HUGO])))
    # The output measured below is the last rebuild's; an incremental build's output is byte for byte
    # a cold build's (tests/test_incremental.py).
    return runs, outputs, stock_warnings, published


def median_row(measurements):
    return {key: statistics.median(getattr(m, key) for m in measurements) for key in ("wall", "cpu", "peak", "peak_sum")}


def ratio(a, b):
    return a / b if b else float("nan")


def print_table(items, rounds, rows, stats, published):
    stock, cold = rows[STOCK], rows[COLD]
    print(f"\n{items} items per language (ar + en), {rounds} alternating round{'s' * (rounds != 1)} in one process, medians\n")
    head = (f"{'build':<30}{'wall s':>8}{'CPU s':>8}{'peak MiB':>10}{'Σ MiB':>8}{'pages':>8}{'output MiB':>12}"
            f"{'search MiB':>12}{'wall×stock':>12}{'CPU×stock':>11}{'wall×cold':>11}{'CPU×cold':>10}"
            f"{'sent':>7}{'deleted':>9}")
    print(head)
    for name, row in rows.items():
        pages, size, index = stats[name]
        sent, deleted = (statistics.median(n for n, _ in published[name]),
                         statistics.median(d for _, d in published[name])) if name in published else ("-", "-")
        print(f"{name:<30}{row['wall']:>8.2f}{row['cpu']:>8.2f}{row['peak']:>10.0f}{row['peak_sum']:>8.0f}{pages:>8}"
              f"{size / 2**20:>12.1f}{index / 2**20:>12.2f}{ratio(row['wall'], stock['wall']):>12.2f}"
              f"{ratio(row['cpu'], stock['cpu']):>11.2f}{ratio(row['wall'], cold['wall']):>11.2f}"
              f"{ratio(row['cpu'], cold['cpu']):>10.2f}{sent:>7}{deleted:>9}")


def targets(items, rows, published, reload):
    """[(target, measured, met)] for the issue's targets; reload: save_to_reload()'s {"median", "max"} ms."""
    stock, cold = rows[STOCK], rows[COLD]
    peak = max(row["peak"] for name, row in rows.items() if name not in (STOCK, HUGO))
    at = "" if items == 2000 else f" (this run: {items} items/lang)"
    sent = statistics.median(n for n, _ in published[BODY])
    rebuilds = [(f"rebuild, {what} ≤ {TARGETS[key]} × cold build, {unit}", name, key, unit)
                for what, name, key in (("nothing changed", NOTHING, "nothing"), ("a body edited", BODY, "warm"),
                                        ("a title edited", TITLE, "title"), ("an item deleted", DELETE, "title"))
                for unit in ("wall", "CPU")]
    return [
        *((label, f"{ratio(rows[name][unit.lower()], cold[unit.lower()]):.2f} ×",
           ratio(rows[name][unit.lower()], cold[unit.lower()]) <= TARGETS[key]) for label, name, key, unit in rebuilds),
        (f"files a publish sends after a body edit ≤ {TARGETS['files']}", f"{sent:.0f}", sent <= TARGETS["files"]),
        (f"save to reloaded page in invoke serve ≤ {TARGETS['reload']} ms (median)", f"{reload['median']:.0f} ms",
         reload["median"] <= TARGETS["reload"]),
        (f"cold build ≤ {TARGETS['cold']} × stock Pelican, CPU", f"{ratio(cold['cpu'], stock['cpu']):.2f} ×",
         ratio(cold["cpu"], stock["cpu"]) <= TARGETS["cold"]),
        (f"cold build ≤ {TARGETS['cold']} × stock Pelican, wall", f"{ratio(cold['wall'], stock['wall']):.2f} ×",
         ratio(cold["wall"], stock["wall"]) <= TARGETS["cold"]),
        (f"peak ≤ {TARGETS['peak']} MiB per process at 2,000 items/lang{at}", f"{peak:.0f} MiB",
         peak <= TARGETS["peak"]),
    ]


def bench(items=1000, rounds=3, datasets=50, campaigns=10, compare_hugo=False, content=ROOT / "content"):
    """Build the corpus, run the rounds, print the table and the targets; return the median rows."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        corpus = make_corpus(content, tmp / "corpus", items, datasets=datasets, campaigns=campaigns)
        hugo_site = None
        if compare_hugo:
            from .hugo import convert

            hugo_site = convert(corpus, tmp / "hugo")
        runs, outputs, stock_warnings, published = run_rounds(corpus, tmp, rounds, hugo_site)
        stats = {name: folder_stats(folder) for name, folder in outputs.items()}
        record_path(ROOT / "pelicanconf.py", tmp / "ours").unlink(missing_ok=True)  # its output is gone with tmp
    rows = {name: median_row(measurements) for name, measurements in runs.items()}
    from .reload import save_to_reload  # Chromium, on a corpus of its own: after the rounds, not among them

    reload = save_to_reload(items, RELOAD_SAVES, datasets, campaigns)
    starts = [m.start for measurements in runs.values() for m in measurements]
    what = f"{datasets} datasets charted in {datasets} publications, {campaigns} campaigns of 10 pages per language"
    print(f"\nCorpus: publications of every type and news, {what}.")
    print_table(items, rounds, rows, stats, published)
    print("\nsent / deleted: files a publish would send (new name or new bytes) and delete after that rebuild, "
          "twins included.")
    print(f"save to reloaded page in `invoke serve` (Chromium, {RELOAD_SAVES} saves of one item): median "
          f"{reload['median']:.0f} ms, max {reload['max']:.0f} ms")
    print(f"\n{'target':<72}{'measured':>10}  met?")
    for name, value, met in targets(items, rows, published, reload):
        print(f"{name:<72}{value:>10}  {'met' if met else 'NOT met'}")
    print(f"\nPeaks are of processes that had already run earlier builds: this one held {min(starts):.0f}–"
          f"{max(starts):.0f} MiB when a build began (the interpreter, and heap earlier builds left), so a build's "
          "peak in a fresh process, as `invoke build` runs it, can be lower.")
    if stock_warnings:
        print(f"\nStock Pelican logged {len(stock_warnings)} warnings on the corpus (first: {stock_warnings[0]})")
    return rows
