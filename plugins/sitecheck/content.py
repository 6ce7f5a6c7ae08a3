"""Checks on what staff wrote: summaries, image descriptions, file sizes.

These are warnings: the page works, but a visitor is served less well. `--strict` makes
them errors.
"""

import os
import re
from pathlib import Path

from bilingual.errors import ContentError

IMG = re.compile(r"<img\b[^>]*>")
ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)')""")
SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def line_of(text, needle):
    """The first line of `text` containing `needle`, or None."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle and needle in line:
            return number
    return None


def item_warnings(path, source_file, header, html):
    """[ContentError] for one item: no summary, images without a description."""
    found = []
    if "summary" not in header:
        found.append(ContentError(path, "the item has no summary", line=1,
                                  hint="add 'Summary: …' (one or two sentences): listings, search results and "
                                       "link previews show it"))
    for tag in IMG.findall(html):
        alt = ALT.search(tag)
        if alt and (alt.group(1) or alt.group(2) or "").strip():
            continue
        src = SRC.search(tag)
        name = os.path.basename((src.group(1) or src.group(2)) if src else "")
        source_text = Path(source_file).read_text(encoding="utf-8")  # only to find the line
        found.append(ContentError(path, f"the image {name or '(no src)'} has no description",
                                  line=line_of(source_text, name),
                                  hint="describe it between the brackets: ![what the image shows](…); "
                                       "screen readers read that text aloud"))
    return found


def size_warnings(content_path, static_paths, limits):
    """[ContentError] for images and PDFs larger than the limits (bytes by extension)."""
    found = []
    for folder in static_paths:
        for directory, _, files in sorted(os.walk(os.path.join(content_path, folder))):
            for name in sorted(files):
                limit = limits.get(os.path.splitext(name)[1].lower())
                path = os.path.join(directory, name)
                if limit and os.path.getsize(path) > limit:
                    size, rel = os.path.getsize(path), os.path.relpath(path, content_path).replace(os.sep, "/")
                    found.append(ContentError(rel, f"the file is {size / 1e6:.1f} MB; files of this kind should stay "
                                                   f"under {limit / 1e6:.1f} MB",
                                              hint="visitors on mobile data pay for every megabyte: compress it "
                                                   "(images: resize to 1600 px wide, WebP or JPEG; PDFs: export for screen)"))
    return found
