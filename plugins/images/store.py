"""Where variants go: their names in the output, and the on-disk cache that makes each
image encoded once — once per build for both languages, and not again on a warm rebuild.

Entries are folders named by the source's digest (bytes + recipe), written whole to a
temporary folder and renamed into place, so builds in parallel processes never see half of one.
"""

import os
import posixpath
import shutil
import tempfile
from pathlib import Path

from .raster import encode


def variant_urls(rel, source, widths):
    """{width: path in the output} of the WebP variants of content file `rel` (e.g. images/x.jpg):
    beside it, named images/x-480w.<hash>.webp — a new image is a new address."""
    stem = posixpath.splitext(rel)[0]
    return {w: f"{stem}-{w}w.{source.digest[:10]}.webp" for w in source.widths(widths)}


def cached(cache_root, path, source, options):
    """{name: Path} of the encoded files of one source (see raster.encode), encoding on a miss."""
    entry = Path(cache_root) / source.digest
    names = [f"{w}.webp" for w in source.widths(options["widths"])] + ["fallback"]
    if not all((entry / name).is_file() for name in names):
        files = encode(path, source, options)
        shutil.rmtree(entry, ignore_errors=True)  # an entry someone emptied by hand
        entry.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{source.digest[:10]}-", dir=entry.parent))
        for name, data in files.items():
            (scratch / name).write_bytes(data)
        try:
            os.rename(scratch, entry)
        except OSError:  # another build finished the same entry first: theirs is identical
            shutil.rmtree(scratch, ignore_errors=True)
    return {name: entry / name for name in names}
