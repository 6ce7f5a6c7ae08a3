"""What decides a picture's bytes besides what it shows: a cache of drawn pictures keys on this.

The drawing code that asked (its own files), the shared text fitting and faces, and the libraries that
encode: change any of them and every cached picture of that kind is drawn again. Computed once per
process: pictures are drawn per page, the recipe is the same for all of them.
"""

import functools
import hashlib
import zlib
from pathlib import Path

import PIL

from .fonts import FACES

HERE = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=None)
def recipe(*code_files, extra=""):
    """SHA-256 of `code_files`, drawing/text.py and fonts.py, the faces, Pillow's and zlib's versions, `extra`."""
    digest = hashlib.sha256()
    for path in [*map(Path, code_files), HERE / "text.py", HERE / "fonts.py", *sorted(FACES.glob("*.ttf"))]:
        digest.update(path.read_bytes())
    digest.update(f"{PIL.__version__} {zlib.ZLIB_RUNTIME_VERSION} {extra}".encode())
    return digest.hexdigest()
