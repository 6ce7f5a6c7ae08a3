"""What datasets and campaigns add to our build, measured in one process, alternating.

The process-per-build table of `invoke bench` is noisy on a shared machine: the search
index alone varies by more than the charts cost. Here every variant is built in the same
Python process, in turn, several rounds; the table gives each variant's best (least
disturbed) CPU and wall time and its ratio to the plain corpus.

    .venv/bin/invoke bench --in-process [--items N] [--rounds R] [--datasets D] [--campaigns C]
"""

import tempfile
import time
from pathlib import Path

from .corpus import make_corpus

ROOT = Path(__file__).resolve().parent.parent


def compare(items=1000, rounds=3, datasets=50, campaigns=10, content=ROOT / "content"):
    from bilingual.build import build_site

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        variants = {"ours": make_corpus(content, tmp / "plain", items)}
        if datasets:
            variants[f"ours + {datasets} datasets"] = make_corpus(content, tmp / "charted", items, datasets)
        if campaigns:
            variants[f"ours + {campaigns} campaigns"] = make_corpus(content, tmp / "campaigns", items,
                                                                    campaigns=campaigns)
        times = {name: [] for name in variants}
        for _ in range(rounds):
            for name, corpus in variants.items():
                cpu, wall = time.process_time(), time.perf_counter()
                build_site(ROOT / "pelicanconf.py", content=corpus, output=tmp / "out" / name)
                times[name].append((time.process_time() - cpu, time.perf_counter() - wall))
    best = {name: (min(c for c, _ in runs), min(w for _, w in runs)) for name, runs in times.items()}
    base_cpu, base_wall = best["ours"]
    print(f"\n{items} items per language, {rounds} alternating rounds in one process, best of each\n")
    print(f"{'build':<24}{'CPU s':>8}{'wall s':>8}{'× ours CPU':>12}{'× ours wall':>13}")
    for name, (cpu, wall) in best.items():
        print(f"{name:<24}{cpu:>8.2f}{wall:>8.2f}{cpu / base_cpu:>12.3f}{wall / base_wall:>13.3f}")
    return best
