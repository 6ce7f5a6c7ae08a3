"""Time our full build against stock Pelican (default theme, no plugins) on the same corpus.

Each build runs in its own process, alternating ours and stock, so both pay the same start-up
and neither inherits the other's caches; the table reports medians and the ratio to stock.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import make_corpus

ROOT = Path(__file__).resolve().parent.parent

STOCK_SETTINGS = """
PATH = {content!r}
OUTPUT_PATH = {output!r}
SITENAME = "7amleh"
DEFAULT_LANG = "ar"
TIMEZONE = "Asia/Jerusalem"
SITEURL = ""
FEED_DOMAIN = "https://7amleh.org"
PLUGINS = []
STATIC_PATHS = []
"""


def timed(command):
    """(wall seconds, CPU seconds, peak RSS MiB) of one child process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a full pipe would block the build
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{command[2:4]} failed:\n{errors.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def folder_stats(folder):
    files = [p for p in Path(folder).rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files)


def bench(items=1000, rounds=3, datasets=50, content=ROOT / "content", campaigns=10):
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        corpus = make_corpus(content, tmp / "corpus", items)
        (tmp / "stock.py").write_text(STOCK_SETTINGS.format(content=str(corpus), output=str(tmp / "stock")))
        runs = {
            "ours": [sys.executable, "-m", "invoke", "build", "--content", str(corpus), "--output", str(tmp / "ours")],
            "stock Pelican": [sys.executable, "-m", "pelican", str(corpus), "-s", str(tmp / "stock.py"),
                              "-o", str(tmp / "stock"), "-q", "--delete-output-directory"],
        }
        if datasets:
            # The same corpus plus datasets, each drawn as four charts in one publication
            # and five on the dashboard: what the charts add to a build.
            charted = make_corpus(content, tmp / "charted", items, datasets)
            runs[f"ours + {datasets} datasets"] = [sys.executable, "-m", "invoke", "build", "--content", str(charted),
                                                   "--output", str(tmp / "ours-charted")]
        campaigns_name = f"ours + {campaigns} campaigns"
        if campaigns:
            # The same corpus plus campaigns of ten pages per language, through every overlay:
            # what the campaign subsites add to a build.
            with_campaigns = make_corpus(content, tmp / "campaigns", items, campaigns=campaigns)
            runs[campaigns_name] = [sys.executable, "-m", "invoke", "build", "--content", str(with_campaigns),
                                    "--output", str(tmp / "ours-campaigns")]
        results = {name: [] for name in runs}
        for _ in range(rounds):
            for name, command in runs.items():
                results[name].append(timed(command))
        rows = []
        folders = {"ours": tmp / "ours", "stock Pelican": tmp / "stock", f"ours + {datasets} datasets": tmp / "ours-charted",
                   campaigns_name: tmp / "ours-campaigns"}
        for name in runs:
            folder = folders[name]
            wall, cpu, peak = (statistics.median(r[i] for r in results[name]) for i in range(3))
            pages, size = folder_stats(folder)
            rows.append((name, wall, cpu, peak, pages, size))
    baseline, ours = rows[1][1], rows[0][1]
    print(f"\n{items} items per language (ar + en), {rounds} alternating rounds, medians\n")
    print(f"{'build':<24}{'wall s':>8}{'CPU s':>8}{'peak MiB':>10}{'pages':>8}{'output MiB':>12}{'× stock':>9}{'× ours':>8}")
    for name, wall, cpu, peak, pages, size in rows:
        print(f"{name:<24}{wall:>8.2f}{cpu:>8.2f}{peak:>10.0f}{pages:>8}{size / 2**20:>12.1f}"
              f"{wall / baseline:>9.2f}{wall / ours:>8.2f}")
    ours_cpu = rows[0][2]
    for name, wall, cpu, *_ in rows[2:]:
        # CPU time too: on a shared machine it is steadier than wall time
        print(f"\n{name}: {100 * (wall / ours - 1):+.1f}% wall time, {100 * (cpu / ours_cpu - 1):+.1f}% CPU time over ours")
    return rows
