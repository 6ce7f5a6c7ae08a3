"""Our search next to Pagefind on the same built site: recall@10 on the labelled query set, bytes
before the first results (in Chromium), index build time, query latency after load.

The corpus is `items` generated items per language plus the sample content, so the labelled
queries (tests/search_queries.yaml) still have their answers, now among thousands of items built
from the same sentences. Pagefind (npm `pagefind`, a dev dependency) indexes the same output,
told to read only <main> without the breadcrumbs, which is what our index reads.
"""

import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlparse

import brotli
import yaml

from tooling.siteserver import serve  # what production sends: precompressed twins

from .corpus import make_corpus

ROOT = Path(__file__).resolve().parent.parent
QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
PREFIX = {"ar": "", "en": "en/"}
PAGEFIND = ROOT / "node_modules" / ".bin" / "pagefind"
ITEM_PAGES = "{publications/*,news/*,about,goals,activities,en/publications/*,en/news/*,en/about,en/goals,en/activities}/index.html"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_ours(corpus, output):
    result = subprocess.run([sys.executable, "-m", "benchmarks.search_build", str(corpus), str(output)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def pagefind_binary():
    """Pagefind's own executable, so its time does not include starting Node for the npm wrapper
    (our time does not include starting Python either); the wrapper if the layout is unknown."""
    found = sorted((ROOT / "node_modules" / "@pagefind").glob("*/bin/pagefind*"))
    return next((path for path in found if os.access(path, os.X_OK)), PAGEFIND)


def build_pagefind(site):
    """{'wall', 'cpu', 'pages'}: Pagefind's wall time and CPU time (user + system, every thread: it
    indexes on all cores) to index the built site, and how many pages it indexed."""
    assert PAGEFIND.exists(), "run `npm ci` to install pagefind"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([str(pagefind_binary()), "--site", str(site), "--root-selector", "main",
                             "--exclude-selectors", ".breadcrumbs", "--glob", ITEM_PAGES],
                            check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    pages = re.search(r"Indexed (\d+) pages", result.stdout)
    bench = site / "pagefind-bench"
    bench.mkdir()
    shutil.copy2(ROOT / "benchmarks" / "pagefind" / "bench.js", bench / "bench.js")
    template = (ROOT / "benchmarks" / "pagefind" / "page.html").read_text(encoding="utf-8")
    for lang in PREFIX:
        (bench / f"{lang}.html").write_text(template.replace("{lang}", lang), encoding="utf-8")
    return {"wall": seconds, "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            "pages": int(pages.group(1)) if pages else None}


def compression_seconds(folders):
    """CPU seconds to give our search files .gz and .br twins, as the site-wide precompression step
    does after the build (same levels); Pagefind's own time includes compressing its files."""
    from precompress import BROTLI_QUALITY, GZIP_LEVEL

    files = [path.read_bytes() for folder in folders for path in sorted(Path(folder).rglob("*.json"))]
    started = time.process_time()
    for data in files:
        gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
    gzipped = time.process_time()
    for data in files:
        brotli.compress(data, quality=BROTLI_QUALITY)
    return {"gzip": gzipped - started, "brotli": time.process_time() - gzipped}


def folder_bytes(folder, suffix=""):
    return sum(p.stat().st_size for p in Path(folder).rglob(f"*{suffix}") if p.is_file())


def cold_runs(browser, url, lang, engine):
    """Each query in a fresh browser context: top-10 paths and bytes received until they showed
    (body as sent, compressed, plus headers; requests from workers included)."""
    runs = []
    for query in QUERIES[lang]:
        context = browser.new_context()
        finished = []
        context.on("requestfinished", lambda request: finished.append(request))
        page = context.new_page()
        target = (f"{url}/{PREFIX[lang]}search/?q={quote(query['q'])}" if engine == "ours"
                  else f"{url}/pagefind-bench/{lang}.html?q={quote(query['q'])}")
        page.goto(target)
        page.wait_for_function("q => document.querySelector('[data-search-results]').dataset.searchQuery === q",
                               arg=query["q"].strip(), timeout=60_000)
        hrefs = page.locator("[data-search-results] li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        transfers = []
        for request in list(finished):
            sizes = request.sizes()
            transfers.append((urlparse(request.url).path, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
        search_bytes = sum(size for path, size in transfers
                           if path.startswith(("/theme/js/", f"/{PREFIX[lang]}search/data/", "/pagefind")))
        runs.append({"urls": [h.lstrip("/") for h in hrefs[:10]], "search_bytes": search_bytes,
                     "page_bytes": sum(size for _, size in transfers), "requests": transfers})
        context.close()
    return runs


OURS_LATENCY = """async (queries) => {
  const form = document.querySelector('[data-search-form]');
  const fetchJson = (u) => fetch(u).then(r => r.json());
  const engine = hamlehSearchEngine.create(hamlehSearchAnalyser, form.dataset.searchManifest, fetchJson);
  await engine.run('warm');
  const times = [];
  for (const q of queries) {
    const t0 = performance.now();
    const hits = await engine.run(q);
    const ranked = performance.now();
    await Promise.all(hits.slice(0, 10).map(h => engine.document(h.ref)));
    times.push([ranked - t0, performance.now() - t0]);
  }
  return times;
}"""

PAGEFIND_LATENCY = """async (queries) => {
  const pagefind = await import('/pagefind/pagefind.js');
  await pagefind.init();
  await pagefind.search('warm');
  const times = [];
  for (const q of queries) {
    const t0 = performance.now();
    const search = await pagefind.search(q);
    const ranked = performance.now();
    await Promise.all(search.results.slice(0, 10).map(r => r.data()));
    times.push([ranked - t0, performance.now() - t0]);
  }
  return times;
}"""


def latencies(browser, url, lang, engine, rounds=3):
    """ms per query after the page and the engine have loaded, to the ranking and to the first ten
    results' data: each round a fresh page runs every query once (its index files fetched anew,
    nothing cached); per query, the median of the rounds."""
    queries = [q["q"] for q in QUERIES[lang]]
    runs = []
    for _ in range(rounds):
        page = browser.new_page()
        if engine == "ours":
            page.goto(f"{url}/{PREFIX[lang]}search/")
            page.wait_for_function("() => window.hamlehSearchEngine !== undefined")
            runs.append(page.evaluate(OURS_LATENCY, queries))
        else:
            page.goto(f"{url}/pagefind-bench/{lang}.html?q=warm")
            runs.append(page.evaluate(PAGEFIND_LATENCY, queries))
        page.close()
    per_query = list(zip(*runs))  # [(round 1, round 2, round 3)] of [rank ms, ten results ms]
    return ([statistics.median(r[0] for r in rounds) for rounds in per_query],
            [statistics.median(r[1] for r in rounds) for rounds in per_query])


def quality(runs, lang):
    found = expected = firsts = first_right = 0
    for query, run in zip(QUERIES[lang], runs):
        for path in query["expect"]:
            expected += 1
            found += PREFIX[lang] + path in run["urls"]
        if "first" in query:
            firsts += 1
            first_right += bool(run["urls"]) and run["urls"][0] == PREFIX[lang] + query["first"]
    return found / expected, first_right / firsts


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def bench(items=2000, content=ROOT / "content"):
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        tmp = Path(tmp)
        corpus = make_corpus(content, tmp / "corpus", items, with_sample=True)
        site = tmp / "site"
        ours = build_ours(corpus, site)
        pagefind = build_pagefind(site)
        compression = compression_seconds(site / PREFIX[lang] / "search" / "data" for lang in PREFIX)
        sizes = {
            "ours": {lang: folder_bytes(site / PREFIX[lang] / "search" / "data", ".json") for lang in PREFIX},
            "pagefind": folder_bytes(site / "pagefind"),
        }
        server, url = serve(site, compress_missing=True)  # Pagefind's files have no twins
        rows = {}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
                for engine in ("ours", "pagefind"):
                    for lang in PREFIX:
                        runs = cold_runs(browser, url, lang, engine)
                        ranking, ten = latencies(browser, url, lang, engine)
                        recall, first = quality(runs, lang)
                        rows[engine, lang] = {
                            "recall": recall, "first": first,
                            "bytes_median": statistics.median(r["search_bytes"] for r in runs),
                            "bytes_max": max(r["search_bytes"] for r in runs),
                            "page_median": statistics.median(r["page_bytes"] for r in runs),
                            "rank50": percentile(ranking, 0.5), "rank95": percentile(ranking, 0.95),
                            "p50": percentile(ten, 0.5), "p95": percentile(ten, 0.95),
                        }
                browser.close()
        finally:
            server.shutdown()
    report(items, ours, pagefind, compression, sizes, rows)
    return rows


def report(items, ours, pagefind, compression, sizes, rows):
    search = ours["search"]
    counts = {lang: search[lang]["items"] for lang in search}
    print(f"\nSearch: {items} generated items per language + the sample content "
          f"({counts['ar']} ar, {counts['en']} en items), {len(QUERIES['ar'])} ar + {len(QUERIES['en'])} en "
          "labelled queries, each in a fresh Chromium context\n")
    print("index build, wall / CPU seconds (CPU: user + system, what other processes on a shared machine "
          "inflate least):")
    for lang in search:
        print(f"  ours {lang:<4}{search[lang]['seconds']:6.2f} / {search[lang]['cpu']:5.2f} s  search plugin "
              f"(reading {search[lang]['items']} items' HTML, index, {search[lang]['shards']} shards, cards, "
              "files), one core")
    print(f"  ours sum{sum(lang['seconds'] for lang in search.values()):6.2f} / "
          f"{sum(lang['cpu'] for lang in search.values()):5.2f} s  both languages, one after the other, inside "
          f"a {ours['wall']:.1f} s site build")
    print(f"  Pagefind{pagefind['wall']:6.2f} / {pagefind['cpu']:5.2f} s  its executable on the built site, "
          f"both languages, {pagefind['pages']} pages, every core, its files compressed")
    print(f"  (our search files' .gz / .br twins, made by the site-wide precompression step: "
          f"{compression['gzip']:.2f} / {compression['brotli']:.2f} s CPU)")
    print(f"index on disk (uncompressed JSON): ours ar {sizes['ours']['ar'] / 2**20:.1f} MiB, "
          f"en {sizes['ours']['en'] / 2**20:.1f} MiB · Pagefind bundle {sizes['pagefind'] / 2**20:.1f} MiB\n")
    print(f"{'engine':<10}{'lang':<6}{'recall@10':>10}{'first ok':>10}{'search KB med':>15}{'max':>8}"
          f"{'page KB med':>13}{'rank p50':>10}{'p95':>7}{'top-10 p50':>12}{'p95':>7}")
    for (engine, lang), row in rows.items():
        print(f"{engine:<10}{lang:<6}{row['recall']:>10.1%}{row['first']:>10.1%}{row['bytes_median'] / 1000:>15.1f}"
              f"{row['bytes_max'] / 1000:>8.1f}{row['page_median'] / 1000:>13.1f}{row['rank50']:>10.1f}"
              f"{row['rank95']:>7.1f}{row['p50']:>12.1f}{row['p95']:>7.1f}")
    print("\nrank / top-10 (ms): over the queries, each the median of 3 runs in fresh pages, from the query to its "
          "ranking / to its first 10 results' data (index files fetched from the local server included)")
    print("search KB: bytes received (compressed, headers included) for search code and index until the "
          "first 10 results showed;\npage KB: everything the page received by then (HTML, CSS, fonts too; "
          "Pagefind's page is a bare benchmark page).")
