"""Which file goes in which upload pass, with which Cache-Control and Content-Type.

Patterns are globs on the path from the site root (`theme/css/*`, `*.html`); `*` also crosses
folders, as in fnmatch. The same rules become nginx `location` blocks for the own server.
"""

import re
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from precompress import KINDS


def site_files(folder):
    """Every file below folder, as sorted POSIX paths relative to it."""
    folder = Path(folder)
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# The build's precompressed twins (plugins/precompress): `x.html.gz` is `x.html`, gzip-encoded.
TWINS = {".gz": "gzip", ".br": "br"}


def original(path):
    """The file a twin stands for (`a/index.html.br` → `a/index.html`); any other path itself
    (`report.tar.gz` is a download, not a twin: only the kinds the build compresses have twins)."""
    stem, dot, ending = path.rpartition(".")
    return stem if dot and f".{ending}" in TWINS and PurePosixPath(stem).suffix in KINDS else path


def content_encoding(path):
    """gzip or br for a twin, else None."""
    return TWINS[path[len(original(path)):]] if original(path) != path else None


def matches(path, patterns):
    """Twins match as their original does: they travel, and are cached, with it."""
    return any(fnmatchcase(original(path), pattern) for pattern in patterns)


def cache_control(path, cache):
    return next(value for patterns, value in cache if matches(path, patterns))


def content_type(path, types):
    """The Content-Type of the longest matching ending (a twin's: its original's), or None (let the uploader guess)."""
    endings = [ending for ending in types if original(path).endswith(ending)]
    return types[max(endings, key=len)] if endings else None


def passes(paths, last):
    """[("assets", [...]), ("pages", [...])]: what pages point at goes first, pages go last."""
    pages = [p for p in paths if matches(p, last)]
    return [("assets", [p for p in paths if not matches(p, last)]), ("pages", pages)]


def header_groups(paths, publish):
    """{(Cache-Control, Content-Type or None, Content-Encoding or None): [paths]} — one upload per group carries its headers."""
    groups = {}
    for path in paths:
        key = (cache_control(path, publish.cache), content_type(path, publish.types), content_encoding(path))
        groups.setdefault(key, []).append(path)
    return groups


def nginx_regex(pattern):
    """A glob as an anchored nginx regex: `theme/css/*` → `^/theme/css/.*$`."""
    return "^/" + "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern) + "$"


def render_nginx_cache(publish, source, security_include):
    """An nginx snippet: Cache-Control per file class (first match wins, as in PUBLISH['cache']) and charsets."""
    charset_types = sorted({t.split(";")[0] for t in publish.types.values() if "charset=" in t} - {"text/html"})
    lines = [
        f"# Cache-Control and charsets for the 7amleh site, generated from {source} by `invoke headers`.",
        "# Do not edit: change PUBLISH['cache'] / PUBLISH['types'] and run `invoke headers`.",
        "# Include it in the server { } block instead of a `location /`. Each location includes the",
        "# security headers again: nginx drops inherited add_header lines in a block that has its own.",
        "charset utf-8;",
        f"charset_types {' '.join(charset_types)};",
        "# The build writes x.gz beside every text file x: sent as they are to browsers that accept gzip.",
        "# With Debian's libnginx-mod-http-brotli-static, add `brotli_static on;` for the x.br twins.",
        "gzip_static on;",
        "gzip_vary on;",
    ]
    for patterns, value in publish.cache:
        if "*" in patterns:  # the last rule, checked to match everything
            head = "location / {"
        else:
            head = f"location ~ \"{'|'.join(nginx_regex(p) for p in patterns)}\" {{"
        lines += [head, f"    include {security_include};", f'    add_header Cache-Control "{value}" always;', "}"]
    return "\n".join(lines) + "\n"
