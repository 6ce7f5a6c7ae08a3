"""precompress: `name.gz` and `name.br` beside every text file of the finished site, so the web
server sends them as they are (nginx `gzip_static`/`brotli_static`) instead of compressing
each response, or sending it uncompressed.

Not a Pelican plugin: the bilingual build driver calls precompress_site() on the staging
folder after the build checks (which never see the twins) and before the swap.
"""

from .compress import BROTLI_QUALITY, BROTLI_QUALITY_SHARED, GZIP_LEVEL, KINDS, precompress_site, recipe, twins

__all__ = ["BROTLI_QUALITY", "BROTLI_QUALITY_SHARED", "GZIP_LEVEL", "KINDS", "precompress_site", "recipe", "twins"]
