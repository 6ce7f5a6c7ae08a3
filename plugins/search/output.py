"""Writing search files with their precompressed twins, byte for byte the same every build."""

import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli


def write_one(path, data, brotli_quality):
    """path, path.gz and path.br: gzip without name or time, brotli at a fixed quality."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=brotli_quality))


def write_with_twins(folder, files, brotli_quality):
    """Every {relative name: bytes} into folder, each with its .gz and .br.

    Brotli at quality 11 is most of the search build's time and lets go of the GIL, so files are
    compressed on every core; each file's bytes depend on nothing but its content."""
    folder = Path(folder)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for done in pool.map(lambda item: write_one(folder / item[0], item[1], brotli_quality), sorted(files.items())):
            pass
