"""Writing search files with their precompressed twins, byte for byte the same every build."""

import gzip
from pathlib import Path

import brotli


def write_with_twins(path, data, brotli_quality):
    """path, path.gz and path.br: gzip without name or time, brotli at a fixed quality."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=brotli_quality))
