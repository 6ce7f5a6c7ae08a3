"""Where variants go: their names in the output, and the on-disk cache that makes each
image encoded once — once per build for every language, and not again on a warm rebuild.

An entry is a folder named by the source's digest (bytes + recipe). Encoding holds a lock
on the cache, so languages built in parallel processes never encode the same image twice,
and an entry is written to a scratch folder and renamed into place, so none is ever half there.
"""

import fcntl
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
    """{name: Path} of the encoded files of one source (see raster.encode), encoding on a miss.
    raster.ImageProblem if the image cannot be decoded."""
    root = Path(cache_root)
    entry = root / source.digest
    names = [f"{w}.webp" for w in source.widths(options["widths"])] + ["fallback"]
    files = {name: entry / name for name in names}
    if all(p.is_file() for p in files.values()):
        return files
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not all(p.is_file() for p in files.values()):  # no other process made it meanwhile
            encoded = encode(path, source, options)
            scratch = Path(tempfile.mkdtemp(prefix=".new-", dir=root))
            for name, data in encoded.items():
                (scratch / name).write_bytes(data)
            shutil.rmtree(entry, ignore_errors=True)  # an entry someone emptied by hand
            os.rename(scratch, entry)
    return files
