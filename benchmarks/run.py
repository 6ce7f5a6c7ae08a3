"""`invoke bench`: our build, cold and warm, against stock Pelican on one generated corpus.

Everything runs in this one process, in alternating rounds, so every build meets the same
machine: (a) our full build cold — content cache emptied, output folder absent, as on a fresh
clone; (b) our warm rebuild after one item's text changed — the cache the cold build wrote,
the output it left, as `invoke build` and `invoke serve` run while someone writes; (c) stock
Pelican with its default theme on the same Markdown; (d) with --compare-hugo, Hugo on the
corpus converted to a Hugo site (a child process). The table gives each build's median over
the rounds and the ratios the issue's targets are stated in.
"""

import logging
import shutil
import statistics
import tempfile
from pathlib import Path

from bilingual.build import PRECOMPRESS_CACHE
from charts.raster import CACHE as CHART_IMAGES_CACHE
from images.settings import DEFAULTS as IMAGE_DEFAULTS
from sharecards.settings import DEFAULTS as CARD_DEFAULTS

from .corpus import make_corpus
from .measure import measured
from .stock import build_stock

ROOT = Path(__file__).resolve().parent.parent
EDITED = "publications/item-00001.en.md"  # the item the warm rebuild finds changed
COLD, WARM, STOCK, HUGO = "ours, cold", "ours, warm (1 item changed)", "stock Pelican", "Hugo"
TARGETS = {"cold": 1.25, "warm": 0.5, "peak": 300}  # × stock, × our cold build, MiB at 2,000 items/lang


def folder_stats(folder):
    """(HTML pages, bytes of every file, bytes of the search index) of a built site.

    The search index is every file below a search/data/ folder (any language) but the .gz/.br twins.
    """
    files = [p for p in Path(folder).rglob("*") if p.is_file()]
    index = [p for p in files if "search/data" in p.relative_to(folder).parent.as_posix()
             and p.suffix not in (".gz", ".br")]
    return (sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files),
            sum(p.stat().st_size for p in index))


def edit_one_item(corpus, round_number):
    """Change the text of one item, differently each round, as a writer saving a file does."""
    path = Path(corpus) / EDITED
    text = path.read_text(encoding="utf-8").split("\n\nEdited for the warm build")[0].rstrip("\n")
    path.write_text(f"{text}\n\nEdited for the warm build, round {round_number}.\n", encoding="utf-8")


BUILD_CACHES = [ROOT / PRECOMPRESS_CACHE, ROOT / IMAGE_DEFAULTS["cache"],  # the build's own, beside pelicanconf.py
                ROOT / CHART_IMAGES_CACHE, ROOT / CARD_DEFAULTS["cache"]]


class OurBuild:
    def __init__(self, corpus, output, cache):
        self.corpus, self.output, self.cache = corpus, output, cache

    def __call__(self):
        from bilingual.build import build_site

        overrides = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CACHE_PATH": str(self.cache)}
        return build_site(ROOT / "pelicanconf.py", content=self.corpus, output=self.output, overrides=overrides)

    def forget(self):
        """As on a fresh clone: no content cache, no output, and none of the caches the build keeps
        beside the settings (twins by content hash, image variants), which may be deleted any time.
        Not timed: a fresh clone has nothing to delete."""
        for folder in (self.cache, self.output, *BUILD_CACHES):
            shutil.rmtree(folder, ignore_errors=True)


def run_rounds(corpus, tmp, rounds, hugo_site=None):
    """{build name: [Measurement per round]}, and the output folder of each build."""
    ours = OurBuild(corpus, tmp / "ours", tmp / "cache")
    outputs = {COLD: ours.output, WARM: ours.output, STOCK: tmp / "stock"}
    runs = {name: [] for name in outputs}
    stock_warnings = []
    if hugo_site:
        from .hugo import build_hugo

        outputs[HUGO], runs[HUGO] = tmp / "hugo-public", []
    for number in range(1, rounds + 1):
        ours.forget()
        runs[COLD].append(measured(ours))
        edit_one_item(corpus, number)
        runs[WARM].append(measured(ours))
        stock_warnings = []
        shutil.rmtree(outputs[STOCK], ignore_errors=True)  # like ours, stock starts from no output, untimed
        runs[STOCK].append(measured(lambda: stock_warnings.extend(build_stock(corpus, outputs[STOCK]))))
        if hugo_site:
            runs[HUGO].append(measured(lambda: build_hugo(hugo_site, outputs[HUGO])))
    # Our warm output is measured below; the cold output is the same bytes (tests/test_content_cache.py).
    return runs, outputs, stock_warnings


def median_row(measurements):
    return {key: statistics.median(getattr(m, key) for m in measurements) for key in ("wall", "cpu", "peak", "peak_sum")}


def ratio(a, b):
    return a / b if b else float("nan")


def print_table(items, rounds, rows, stats):
    stock, cold = rows[STOCK], rows[COLD]
    print(f"\n{items} items per language (ar + en), {rounds} alternating round{'s' * (rounds != 1)} in one process, medians\n")
    head = (f"{'build':<30}{'wall s':>8}{'CPU s':>8}{'peak MiB':>10}{'Σ MiB':>8}{'pages':>8}{'output MiB':>12}"
            f"{'search MiB':>12}{'wall×stock':>12}{'CPU×stock':>11}{'wall×cold':>11}{'CPU×cold':>10}")
    print(head)
    for name, row in rows.items():
        pages, size, index = stats[name]
        print(f"{name:<30}{row['wall']:>8.2f}{row['cpu']:>8.2f}{row['peak']:>10.0f}{row['peak_sum']:>8.0f}{pages:>8}"
              f"{size / 2**20:>12.1f}{index / 2**20:>12.2f}{ratio(row['wall'], stock['wall']):>12.2f}"
              f"{ratio(row['cpu'], stock['cpu']):>11.2f}{ratio(row['wall'], cold['wall']):>11.2f}"
              f"{ratio(row['cpu'], cold['cpu']):>10.2f}")


def targets(items, rows):
    """[(target, measured, met)] for the issue's three targets."""
    stock, cold, warm = rows[STOCK], rows[COLD], rows[WARM]
    peak = max(cold["peak"], warm["peak"])
    at = "" if items == 2000 else f" (this run: {items} items/lang)"
    return [
        (f"cold build ≤ {TARGETS['cold']} × stock Pelican, CPU", f"{ratio(cold['cpu'], stock['cpu']):.2f} ×",
         ratio(cold["cpu"], stock["cpu"]) <= TARGETS["cold"]),
        (f"cold build ≤ {TARGETS['cold']} × stock Pelican, wall", f"{ratio(cold['wall'], stock['wall']):.2f} ×",
         ratio(cold["wall"], stock["wall"]) <= TARGETS["cold"]),
        (f"warm rebuild ≤ {TARGETS['warm']} × cold build, CPU", f"{ratio(warm['cpu'], cold['cpu']):.2f} ×",
         ratio(warm["cpu"], cold["cpu"]) <= TARGETS["warm"]),
        (f"warm rebuild ≤ {TARGETS['warm']} × cold build, wall", f"{ratio(warm['wall'], cold['wall']):.2f} ×",
         ratio(warm["wall"], cold["wall"]) <= TARGETS["warm"]),
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
        runs, outputs, stock_warnings = run_rounds(corpus, tmp, rounds, hugo_site)
        stats = {name: folder_stats(folder) for name, folder in outputs.items()}
    rows = {name: median_row(measurements) for name, measurements in runs.items()}
    starts = [m.start for name in (COLD, WARM, STOCK) for m in runs[name]]
    what = f"{datasets} datasets charted in {datasets} publications, {campaigns} campaigns of 10 pages per language"
    print(f"\nCorpus: publications of every type and news, {what}.")
    print_table(items, rounds, rows, stats)
    print(f"\n{'target':<72}{'measured':>10}  met?")
    for name, value, met in targets(items, rows):
        print(f"{name:<72}{value:>10}  {'met' if met else 'NOT met'}")
    print(f"\nPeaks are of processes that had already run earlier builds: this one held {min(starts):.0f}–"
          f"{max(starts):.0f} MiB when a build began (the interpreter, and heap earlier builds left), so a build's "
          "peak in a fresh process, as `invoke build` runs it, can be lower.")
    if stock_warnings:
        print(f"\nStock Pelican logged {len(stock_warnings)} warnings on the corpus (first: {stock_warnings[0]})")
    return rows
