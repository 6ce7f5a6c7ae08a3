"""What precompressing a built site costs, and what each brotli quality buys.

    .venv/bin/python -m benchmarks.precompress [--items N] [--output DIR]

Builds a generated corpus (N items per language, default 1,000) unless --output names a built
site, then, on its text files (precompress.KINDS), times gzip 9 and each brotli quality on one
thread (CPU seconds, bytes); whether zlib and brotli release the GIL (a Python thread counting
while they compress: if they held it, it would count nothing); and the whole step with 1 and 2
threads, without and with the cache (on a busy shared machine trust CPU seconds, not wall).
"""

import argparse
import gzip
import sys
import tempfile
import threading
import time
from pathlib import Path

import brotli

from .corpus import make_corpus

ROOT = Path(__file__).resolve().parent.parent


def timed(function, *args):
    cpu, wall = time.process_time(), time.perf_counter()
    result = function(*args)
    return result, time.process_time() - cpu, time.perf_counter() - wall


def counts_during(work):
    """How fast another Python thread counts while work() runs, per second."""
    stop, count = [], [0]

    def counter():
        while not stop:
            count[0] += 1

    thread = threading.Thread(target=counter)
    thread.start()
    time.sleep(0.05)
    before, started = count[0], time.perf_counter()
    work()
    rate = (count[0] - before) / (time.perf_counter() - started)
    stop.append(True)
    thread.join()
    return rate


def measure(site, qualities=range(4, 12)):
    from precompress.compress import precompress_site, text_files

    files = [p.read_bytes() for p in text_files(site)]
    total = sum(map(len, files))
    print(f"{len(files)} text files, {total / 1e6:.1f} MB uncompressed\n")
    print(f"{'codec':<12}{'CPU s':>8}{'MB':>8}{'% of raw':>10}")
    size, cpu, _ = timed(lambda: sum(len(gzip.compress(d, compresslevel=9, mtime=0)) for d in files))
    print(f"{'gzip 9':<12}{cpu:>8.2f}{size / 1e6:>8.2f}{100 * size / total:>10.1f}")
    for quality in qualities:
        size, cpu, _ = timed(lambda: sum(len(brotli.compress(d, quality=quality)) for d in files))
        print(f"{f'brotli {quality}':<12}{cpu:>8.2f}{size / 1e6:>8.2f}{100 * size / total:>10.1f}")
    sample = b"".join(files)[:4_000_000]
    print(f"\nanother thread counts {counts_during(lambda: time.sleep(1)):,.0f}/s while this one sleeps, "
          f"{counts_during(lambda: gzip.compress(sample, 9, mtime=0)):,.0f}/s during gzip, "
          f"{counts_during(lambda: brotli.compress(sample, quality=10)):,.0f}/s during brotli")
    print(f"\n{'the step':<22}{'CPU s':>8}{'wall s':>8}")
    for workers in (1, 2):
        _, cpu, wall = timed(precompress_site, site, None, workers)
        print(f"{f'{workers} thread(s), no cache':<22}{cpu:>8.2f}{wall:>8.2f}")
    with tempfile.TemporaryDirectory(prefix="bench-precompress-cache-") as cache:
        for run in ("cold cache", "warm cache"):
            totals, cpu, wall = timed(precompress_site, site, cache)
            print(f"{f'2 threads, {run}':<22}{cpu:>8.2f}{wall:>8.2f}   ({totals.compressed} files compressed)")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--output", type=Path, help="a built site (default: build a generated corpus)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "plugins"))
    if args.output:
        return measure(args.output)
    from bilingual.build import build_site

    with tempfile.TemporaryDirectory(prefix="bench-precompress-") as tmp:
        corpus = make_corpus(ROOT / "content", Path(tmp) / "content", args.items)
        build_site(ROOT / "pelicanconf.py", content=corpus, output=Path(tmp) / "output")
        measure(Path(tmp) / "output")


if __name__ == "__main__":
    main()
