"""From a link or a content path to the facts of an image, for one language's settings.

No Pelican import: takes the settings dict. The inspection of a file is kept by path, mtime
and recipe (as the vocabulary loader does), so both languages and every page that shows
an image read its header once per process.
"""

import hashlib
import html
import os
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlparse

from bilingual.errors import ContentError
from incremental.trace import ABSENT, read_file
from messages import t

from .raster import ImageProblem, inspect, is_raster, recipe_key
from .settings import image_settings
from .store import cached

_INSPECTED = {}
HINT = t("export it again as JPEG, PNG or WebP (a photo: JPEG) and replace the file; or correct the path")


def inspected(full, options):
    """(raster.inspect(full), the SHA-256 of the file's bytes), once per version of the file."""
    stat = os.stat(full)
    key = (str(full), stat.st_mtime_ns, stat.st_size, recipe_key(options))
    if key not in _INSPECTED:
        data = Path(full).read_bytes()  # once: the facts and the hash are of the same bytes
        _INSPECTED[key] = (inspect(full, options, data), hashlib.sha256(data).hexdigest())
    return _INSPECTED[key]


def linked_path(src, relative_dir):
    """The content path a {static}/{filename} link points at, as Pelican resolves it."""
    value = unquote(html.unescape(urlparse(src.split("}", 1)[1]).path))
    if value.startswith("/"):
        return value[1:]
    return posixpath.normpath(posixpath.join(relative_dir, value))


def in_static_paths(rel, settings):
    return any(rel == p or rel.startswith(p.rstrip("/") + "/") for p in settings["STATIC_PATHS"])


def raster_source(rel, settings, where=None, line=None, static_only=True):
    """The Source of content file `rel` if it is a raster image this plugin serves, else None.

    The first use of an image encodes it into the cache (store.cached), so damaged image data
    is found here, where the file and line that use it are known: ContentError names `where`
    (the file that uses it) and `line`, or the image itself when no file uses it.
    `static_only`: only files in STATIC_PATHS (what {static} links and `Cover:` may name);
    campaign logos and heroes live in their campaign's folder.
    """
    full = Path(settings["PATH"]).absolute() / rel
    if not is_raster(rel) or (static_only and not in_static_paths(rel, settings)):
        return None  # not ours (SVG, GIF…): its bytes change nothing a page shows
    if not full.is_file():
        read_file(full, ABSENT)  # a page rendered meanwhile shows a plain <img>; the file's arrival changes it
        return None  # a missing file Pelican's link check reports
    options = image_settings(settings)
    try:
        source, digest = inspected(full, options)
        cached(cache_root(settings), full, source, options)
        read_file(full, digest)  # a page that shows it (a cover, a hero) is rendered again when its bytes change
        return source
    except ImageProblem as problem:
        if where is None:
            raise ContentError(rel, problem.message, hint=HINT) from None
        raise ContentError(where, t("the image {file}: {problem}", file=rel, problem=problem.message), line=line,
                           hint=HINT) from None


def cache_root(settings):
    """IMAGES['cache'], relative to the folder of the settings file (the project)."""
    base = Path(settings.get("SETTINGS_FILE") or "pelicanconf.py").resolve().parent
    return base / image_settings(settings)["cache"]
