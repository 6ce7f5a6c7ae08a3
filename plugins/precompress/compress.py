"""Compress every text file of a built site into byte-for-byte reproducible twins.

The levels are measured, not guessed (`python -m benchmarks.precompress` on a generated corpus
of 1,000 items per language; figures in plugins/ARCHITECTURE.md): see BROTLI_QUALITY.
"""

import gzip
import hashlib
import os
import tempfile
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

# What browsers fetch and what compresses: pages, styles, scripts, search and data indexes,
# SVG (covers, charts, logos); also feeds and the sitemap (.xml: feed readers and crawlers send
# Accept-Encoding), the charts' CSV downloads (a browser downloading one accepts gzip like any
# response) and .txt (licences, robots.txt). Fonts (woff2), images and PDFs are compressed already.
KINDS = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt")
# gzip's best: about 1 s of CPU for the whole 1,000-item site, and the twin old browsers and proxies get.
GZIP_LEVEL = 9
# Brotli by what a file is. Pages, data and the search index — thousands of files — at 8: about
# 1.9 s of CPU for the 1,000-item site, where 10 costs 21 s (and 11, 54 s) for files 11–15 %
# smaller, about 1 kB of a 7–9 kB page. A cold build (CI publishes from a clean clone) would pay
# that every time. The theme's stylesheet and scripts, which every visitor fetches, are a handful
# of files: they get 11, the smallest, at no noticeable cost.
BROTLI_QUALITY = 8
BROTLI_QUALITY_SHARED = 11
SHARED = "theme/"  # below the site's root: the files every page links to


def brotli_quality_for(relative_path):
    return BROTLI_QUALITY_SHARED if relative_path.startswith(SHARED) else BROTLI_QUALITY


def codecs(brotli_quality):
    """Compressed bytes depend on the input, the level and the library: all three name a cache entry."""
    return {".gz": f"gzip{GZIP_LEVEL}-zlib{zlib.ZLIB_RUNTIME_VERSION}",
            ".br": f"br{brotli_quality}-brotli{brotli.__version__}"}
CACHE_DAYS = 30  # entries no build used for this long are removed


@dataclass
class Totals:
    files: int = 0  # text files seen
    original: int = 0  # their bytes
    gz: int = 0  # twins written and their bytes
    gz_bytes: int = 0
    br: int = 0
    br_bytes: int = 0
    compressed: int = 0  # files compressed now (not found in the cache)


def recipe():
    """Everything twins depend on but the bytes: levels, libraries, this module. An incremental build
    links the last build's twins only if the last build used the same recipe."""
    with open(__file__, "rb") as source:
        code = hashlib.sha256(source.read()).hexdigest()
    return f"{codecs(BROTLI_QUALITY)}|{codecs(BROTLI_QUALITY_SHARED)}|{KINDS}|{SHARED}|{code}"


def twins(data, gzip_level=GZIP_LEVEL, brotli_quality=BROTLI_QUALITY):
    """{".gz": bytes, ".br": bytes} for data, leaving out any twin that is not smaller.

    gzip.compress with mtime=0 writes no name and no time, so the bytes depend on the content alone.
    """
    made = {".gz": gzip.compress(data, compresslevel=gzip_level, mtime=0),
            ".br": brotli.compress(data, quality=brotli_quality)}
    return {suffix: body for suffix, body in made.items() if len(body) < len(data)}


def text_files(folder):
    """Every file of a kind in KINDS below folder, sorted (os.walk: pathlib's rglob costs a second on a large site)."""
    found = []
    for parent, _dirs, names in os.walk(folder):
        found += [Path(parent, name) for name in names if os.path.splitext(name)[1] in KINDS]
    return sorted(path for path in found if path.is_file())


class Cache:
    """Twins by content: `<sha256 of the file>.<codec>`, written atomically, so a rebuild reuses
    them for unchanged files. Compression is a pure function of (bytes, level, library version),
    so a cached twin is the twin the build would make — tests/test_precompress.py checks it."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def entry(self, digest, suffix, quality):
        return self.folder / f"{digest}.{codecs(quality)[suffix]}{suffix}"

    def marker(self, digest, quality):
        names = codecs(quality)
        return self.folder / f"{digest}.{names['.gz']}.{names['.br']}.done"

    def get(self, digest, quality):
        """The twins of the file whose SHA-256 is digest ({} for a known file that gets none), or None."""
        marker = self.marker(digest, quality)
        if not marker.exists():
            return None
        os.utime(marker)  # in use: keep it past the next pruning
        made = {}
        for suffix in (".gz", ".br"):
            entry = self.entry(digest, suffix, quality)
            if entry.exists():
                made[suffix] = entry.read_bytes()
        return made

    def put(self, digest, made, quality):
        for suffix, body in made.items():
            self._write(self.entry(digest, suffix, quality), body)
        # written last: an entry with its marker is complete even if a build was killed half-way
        self._write(self.marker(digest, quality), b"")

    def _write(self, path, body):
        with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".tmp-", delete=False) as handle:
            handle.write(body)
        os.replace(handle.name, path)  # two builds writing the same entry both write whole files

    def prune(self, days=CACHE_DAYS):
        """Remove entries whose marker no build touched for `days`, and their twins."""
        cutoff = time.time() - days * 86400
        for marker in self.folder.glob("*.done"):
            if marker.stat().st_mtime < cutoff:
                digest = marker.name.split(".", 1)[0]
                for stale in self.folder.glob(f"{digest}.*"):
                    stale.unlink(missing_ok=True)


def _carried(path, old):
    """{suffix: size} of the twins of `old` linked beside `path`, if path holds old's bytes — the same file
    (a page an incremental build did not render again) or a file written again with the same bytes (a
    CSV, a theme file, a search card) — else None. Twins depend on the bytes alone."""
    if old is None:
        return None
    try:
        new_stat, old_stat = os.stat(path), os.stat(old)
    except FileNotFoundError:
        return None
    if new_stat.st_ino != old_stat.st_ino and (new_stat.st_size != old_stat.st_size
                                               or path.read_bytes() != old.read_bytes()):
        return None
    sizes = {}
    for suffix in (".gz", ".br"):
        twin, old_twin = f"{path}{suffix}", f"{old}{suffix}"
        try:
            os.link(old_twin, twin)
        except FileNotFoundError:
            continue  # the last build made none (not smaller)
        except FileExistsError:  # left by an earlier step: replaced, never written into
            os.unlink(twin)
            os.link(old_twin, twin)
        sizes[suffix] = os.stat(twin).st_size
    return sizes


def _write(path, quality, cache):
    """(size, {suffix: twin size}, compressed now?) for one text file, its twins written beside it."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest() if cache else None  # once: for the lookup and the entry
    made = cache.get(digest, quality) if cache else None
    fresh = made is None
    if fresh:
        made = twins(data, brotli_quality=quality)
        if cache:
            cache.put(digest, made, quality)
    for suffix in (".gz", ".br"):
        twin = path.with_name(path.name + suffix)
        # a new file each time, never a write into one: a twin here may be a link to the live output's
        twin.unlink(missing_ok=True)
        if suffix in made:  # (a twin left by an earlier step must not outlive a file that no longer shrinks)
            twin.write_bytes(made[suffix])
    return len(data), {suffix: len(body) for suffix, body in made.items()}, fresh


def precompress_site(folder, cache=None, workers=None, previous=None):
    """Write the .gz and .br twins of every text file below folder; return the Totals.

    cache: a folder of twins by content (None: compress everything). zlib and brotli release the
    GIL while they compress, so threads use every core; each twin depends only on its file's
    bytes, so the order they finish in changes nothing. previous: the last build's output, made with the
    same recipe(), whose twins are linked beside the files that hold the same bytes as there."""
    folder = Path(folder)
    totals = Totals()
    store = Cache(cache) if cache else None
    results, jobs = [], []
    for path in text_files(folder):
        rel = path.relative_to(folder).as_posix()
        carried = _carried(path, Path(previous) / rel) if previous else None  # links: no thread needed
        if carried is not None:
            results.append((os.stat(path).st_size, carried, False))
        else:
            jobs.append((path, brotli_quality_for(rel)))
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        results += pool.map(lambda job: _write(job[0], job[1], store), jobs)
        for size, made, fresh in results:
            totals.files += 1
            totals.original += size
            totals.compressed += fresh
            if ".gz" in made:
                totals.gz, totals.gz_bytes = totals.gz + 1, totals.gz_bytes + made[".gz"]
            if ".br" in made:
                totals.br, totals.br_bytes = totals.br + 1, totals.br_bytes + made[".br"]
    if store:
        store.prune()
    return totals
