"""`invoke bench --reload`: how long, in `invoke serve`, from saving a Markdown file to seeing the edit in the
open page, in Chromium.

One generated corpus is built once; then the preview server, its previewer (tooling/previewer.py) and
`invoke serve`'s own rebuild loop (tooling.saveloop.watch_and_rebuild) run here, and Chromium opens one
item's English page. Each save appends a sentence to the item's Markdown file: the clock starts just before
the write and stops when the page shows the sentence — the watch noticing the save, the first look (the
previewer renders the saved page), the reload script's event, the reload. The builds follow (the pages, then
the search index); how long until the index is in place is reported too, and the next save waits for it, so
no save waits behind the last one's builds. The first save is not timed: it only proves the watch is in place.

`bench()` alternates those saves with saves as `invoke serve` did before the first look: two builds per save,
the page shown once the first is in place — so both meet the same machine.
"""

import contextlib
import io
import logging
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from .corpus import make_corpus
from .rebuilds import EDITED
from .run import ROOT

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PAGE = "en/publications/item-00001/"  # EDITED's page
TIMEOUT = 120  # seconds a save may take to show before the benchmark gives up
FIRST_LOOK, TWO = "first look, then two builds", "two builds per save (before)"
RAPID = "first look, a save a second"  # the next save while the last one's builds still run
RAPID_GAP = 1.0  # seconds between a save shown and the next save


class Loop:
    """`invoke serve` on a corpus, in threads: the rebuild loop and the preview server; and the previewer."""

    def __init__(self, corpus, output, cache):
        from tasks import cache_overrides, run_build
        from tooling.devserver import Builds, built, make_server
        from tooling.previewer import Previewer

        self.builds, self.indexed = Builds(), threading.Event()  # indexed: a save's second build is over
        self.stop = threading.Event()
        self.mode = FIRST_LOOK

        def build(search_later=False):
            try:
                return run_build(corpus, output, cache=cache, search_later=search_later)
            finally:
                if not search_later:
                    self.indexed.set()

        self.build, self.corpus = build, corpus
        if built(build, self.builds) is None:
            raise RuntimeError("the corpus did not build (see above)")
        self.builds.finished()
        self.previewer = Previewer(ROOT / "pelicanconf.py", corpus, cache_overrides(cache))
        self.previewer.start()
        deadline = time.monotonic() + TIMEOUT
        while not self.previewer.is_ready():  # as when staff save a while after `invoke serve` started
            if self.previewer.process is None or time.monotonic() > deadline:
                raise RuntimeError(f"the previewer did not read the corpus (within {TIMEOUT} s)")
            time.sleep(0.1)
        self.server = make_server("127.0.0.1", 0, output, self.builds)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self):
        from tooling.saveloop import watch_and_rebuild

        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.thread = threading.Thread(target=watch_and_rebuild, args=([self.corpus], self.build, self.builds, self.stop),
                                       kwargs={"previewer": Switched(self)}, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(timeout=TIMEOUT)
        self.server.shutdown()
        self.server.server_close()
        self.previewer.close()


class Switched:
    """The loop's previewer in FIRST_LOOK mode; in the other, none (it shows nothing, and is not started again:
    the next first look reads the saved file again anyway)."""

    def __init__(self, loop):
        self.loop = loop
        self.used = True  # in the save being built: the mode may change before its builds are over

    def render(self, paths):
        self.used = self.loop.mode == FIRST_LOOK
        return self.loop.previewer.render(paths) if self.used else None

    def start(self):
        if self.used:
            self.loop.previewer.start()


def save_and_wait(page, source, loop, n, index=True):
    """Append sentence n to the source; (ms until the page shows it, ms until the search index is in place —
    or None, not waited for with `index=False`)."""
    sentence = f"Saved sentence {n} for the reload benchmark."
    text = source.read_text(encoding="utf-8")
    loop.indexed.clear()
    started = time.perf_counter()
    source.write_text(f"{text.rstrip()}\n\n{sentence}\n", encoding="utf-8")
    page.get_by_text(sentence).wait_for(timeout=TIMEOUT * 1000)
    shown = time.perf_counter()
    if not index:
        return (shown - started) * 1000, None
    if not loop.indexed.wait(TIMEOUT):
        raise RuntimeError(f"save {n}: no search-index build within {TIMEOUT} s")
    return (shown - started) * 1000, (time.perf_counter() - started) * 1000


def measure(items=1000, saves=10, modes=(FIRST_LOOK,), content=ROOT / "content", datasets=0, campaigns=0,
            rapid=0):
    """{mode: {"page": [ms per save], "index": [ms per save]}} on a corpus of `items` items per language,
    `saves` saves per mode, the modes taking turns; then `rapid` saves RAPID_GAP apart, with the first look
    (RAPID: {"page": […]}), the builds of the earlier ones still running."""
    from playwright.sync_api import sync_playwright

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        tmp = Path(tmp)
        corpus = make_corpus(content, tmp / "corpus", items, datasets=datasets, campaigns=campaigns)
        source = corpus / EDITED
        found = {mode: {"page": [], "index": []} for mode in modes}
        # run_build's "Built … pages" lines, twice per save, would bury the table
        with contextlib.redirect_stdout(io.StringIO()), Loop(corpus, tmp / "output", tmp / "cache") as loop:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page()
                    page.goto(loop.url + PAGE)
                    page.wait_for_timeout(500)  # the reload script connects to the event stream
                    save_and_wait(page, source, loop, 0)  # the watch is in place
                    for n in range(saves * len(modes)):
                        loop.mode = modes[n % len(modes)]
                        shown, indexed = save_and_wait(page, source, loop, n + 1)
                        found[loop.mode]["page"].append(shown)
                        found[loop.mode]["index"].append(indexed)
                    loop.mode = FIRST_LOOK
                    for n in range(rapid):
                        found.setdefault(RAPID, {"page": []})["page"].append(
                            save_and_wait(page, source, loop, saves * len(modes) + n + 1, index=False)[0])
                        time.sleep(RAPID_GAP)
                    if rapid and not loop.indexed.wait(TIMEOUT):  # (the builds end before the corpus goes)
                        raise RuntimeError(f"no search-index build within {TIMEOUT} s of the last save")
                finally:
                    browser.close()
    return found


def summary(values):
    return {"median": statistics.median(values), "max": max(values)}


def save_to_reload(items=1000, saves=10, datasets=0, campaigns=0):
    """{"median": ms, "max": ms} from a save to the reloaded page: the main bench's "save to reloaded page (ms)"
    (on the main bench's corpus: the same items, datasets and campaigns)."""
    return summary(measure(items, saves, datasets=datasets, campaigns=campaigns)[FIRST_LOOK]["page"])


def bench(items=1000, saves=10):
    """Measure both ways, taking turns, and print the table; return the summaries."""
    found = measure(items, saves, (FIRST_LOOK, TWO), rapid=saves)
    rows = {(mode, what): summary(found[mode][key]) for mode in found
            for what, key in (("save to reloaded page (ms)", "page"), ("save to search index in place (ms)", "index"))
            if key in found[mode]}
    print(f"\n`invoke serve`, {items} items per language (ar + en): {saves} saves of one English item each way, "
          f"taking turns, each appending a sentence, each after the last one's builds; then {saves} saves "
          f"{RAPID_GAP:.0f} s apart, the builds of the earlier ones still running; Chromium shows the page\n")
    print(f"{'':<30}{'':<36}{'median':>8}{'max':>8}")
    for (mode, what), row in rows.items():
        print(f"{mode:<30}{what:<36}{row['median']:>8.0f}{row['max']:>8.0f}")
    print("\nWall time on this machine as it is: other processes sharing it make these longer.")
    return rows
