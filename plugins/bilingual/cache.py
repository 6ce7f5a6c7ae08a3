"""Where each language's Pelican keeps its content cache, keyed on everything the cache depends on.

Pelican's content cache (CACHE_CONTENT/LOAD_CONTENT_CACHE) re-reads a Markdown file only when
the file itself changed (its stamp, CHECK_MODIFIED_METHOD); it never notices that the settings,
our reader's code or the installed Markdown changed. So the cache lives in a folder named after
a fingerprint of all of those: when any of them changes, the build finds an empty folder and
reads everything afresh. Nothing is ever compared or patched — a fingerprint either matches
exactly or the cache is not used.

What is cached, and why that is safe: we pin the *reader* layer, which stores, per Markdown
file, the HTML and metadata our CheckedMarkdownReader returned. Everything else still runs on
every build: the `content_object_init` checks (types, topics, authors, inline code), the chart
lines (drawn against the current datasets), links, templates, search, sitecheck. Pelican's
other layer ("generator") would pickle whole items and skip those checks, hiding errors.

The reader's output depends only on the file, the settings, our plugins' code and the
installed Pelican/Markdown — all in the fingerprint. The YAML files (codes, topics, authors)
are in it too, though the reader does not read them: one more reason to read afresh costs one
cold build after such a change, and spares anyone from having to prove, for every future
plugin, that it does not read them while reading Markdown. The datasets and the campaigns'
campaign.yaml are the exception, because they are edited most: the reader reads neither (the
chart lines are checked in `content_object_init` and drawn by templates, on every build, and
the reader's Markdown extension only puts empty lines around them; a campaign's file is read by
its generator, which then reads its pages), and such an edit must not cost reading every item
again (tests/test_content_cache.py holds both).

One limit: Pelican writes its cache file in place. Builds into the same output folder never
overlap (build.exclusive), but two builds at once into *different* output folders from the
same content and settings share a cache folder, and one could read the other's half-written
file (Pelican then warns and reads everything, or stops on a truncated file; the next build
is fine). `invoke build` and `invoke serve` both build into output/, so they never race.
"""

import hashlib
import json
import shutil
import sys
from importlib.metadata import version
from pathlib import Path

from campaigns.folders import campaign_files
from charts.store import dataset_files

KEEP = 3  # fingerprint folders kept (the newest): switching branches back and forth stays warm
# How to cache, not what is read; SEARCH_LATER says only when the search index is made (its record keeps
# the old key, so the next build makes it): in the fingerprint, `invoke serve`'s two builds per save would
# each find a cold cache and render every page.
IRRELEVANT = ("CACHE_CONTENT", "LOAD_CONTENT_CACHE", "CACHE_PATH", "SEARCH_LATER")


def settings_text(settings):
    """The settings as stable text: sorted keys; sets sorted (their order changes per process)."""
    def plain(value):
        if isinstance(value, (set, frozenset)):
            return sorted(map(repr, value))
        return repr(value)

    kept = {key: value for key, value in settings.items() if key not in IRRELEVANT}
    return json.dumps(kept, sort_keys=True, default=plain)


def _files(settings):
    """Every file whose bytes go into the fingerprint, in a fixed order."""
    plugins = [path for folder in settings.get("PLUGIN_PATHS", []) for path in Path(folder).rglob("*.py")]
    content = Path(settings["PATH"])
    read_later = {Path(path) for path in (*dataset_files(settings), *campaign_files(settings))}
    data = [path for pattern in ("*.yaml", "*.yml") for path in content.rglob(pattern)
            if path.absolute() not in read_later]
    return sorted(set(plugins)) + sorted(set(data))


def fingerprint(settings):
    """A short hash of the settings, our plugins' code, the content's YAML and the installed versions."""
    digest = hashlib.sha256()
    digest.update(settings_text(settings).encode())
    # nh3 too: the reader's output is what the sanitiser kept (plugins/safety/html.py)
    digest.update(f"{sys.version}|{version('pelican')}|{version('markdown')}|{version('nh3')}".encode())
    for path in _files(settings):
        digest.update(f"\0{path}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def _prune(root, current):
    """Keep the KEEP most recently used fingerprint folders (current included)."""
    folders = sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in folders if p != current][KEEP - 1:]:
        shutil.rmtree(old, ignore_errors=True)  # another build may be pruning too


def cache_settings(settings, lang):
    """The per-language cache settings, or {} when the settings ask for no content cache.

    Each language gets its own folder: both run the same generator classes, whose cache
    files have the same names.
    """
    if not (settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")):
        return {}
    root = Path(settings["CACHE_PATH"])
    folder = root / fingerprint(settings)
    (folder / lang).mkdir(parents=True, exist_ok=True)
    folder.touch()  # its mtime says when it was last used
    _prune(root, folder)
    return {
        "CACHE_PATH": str(folder / lang),
        "CONTENT_CACHING_LAYER": "reader",  # see the module's docstring
        "CHECK_MODIFIED_METHOD": "sha256",  # the file's bytes, not its mtime: restored or copied files too
        "GZIP_CACHE": False,  # gzip made saving + loading 8× slower (600 items: 0.08 s, not 0.01) for ~2 MB of disk
    }
