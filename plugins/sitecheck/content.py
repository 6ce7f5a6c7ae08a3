"""Checks on what staff wrote: summaries, image descriptions, file sizes.

These are warnings: the page works, but a visitor is served less well. `--strict` makes
them errors.
"""

import os
import re
from pathlib import Path

from bilingual.errors import ContentError
from messages import t

IMG = re.compile(r"<img\b[^>]*>")
ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)')""")
SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def line_of(text, needle):
    """The first line of `text` containing `needle`, or None."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle and needle in line:
            return number
    return None


def item_warnings(path, source_file, header, html, needs_summary=True):
    """[ContentError] for one item: no summary, images without a description.

    needs_summary: False for a campaign page, whose description falls back to its campaign's.
    """
    found = []
    if needs_summary and "summary" not in header:
        found.append(ContentError(path, t("the item has no summary"), line=1,
                                  hint=t("add 'Summary: …' (one or two sentences): listings, search results and "
                                         "link previews show it")))
    for tag in IMG.findall(html):
        alt = ALT.search(tag)
        if alt and (alt.group(1) or alt.group(2) or "").strip():
            continue
        src = SRC.search(tag)
        name = os.path.basename((src.group(1) or src.group(2)) if src else "")
        source_text = Path(source_file).read_text(encoding="utf-8")  # only to find the line
        message = (t("the image {image} has no description", image=name) if name
                   else t("an image without an address (src) has no description"))
        found.append(ContentError(path, message, line=line_of(source_text, name),
                                  hint=t("describe it between the brackets: ![what the image shows](…); "
                                         "screen readers read that text aloud")))
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
                    too_big = t("the file is {size} MB; files of this kind should stay under {limit} MB",
                                size=f"{size / 1e6:.1f}", limit=f"{limit / 1e6:.1f}")
                    found.append(ContentError(rel, too_big,
                                              hint=t("visitors on mobile data pay for every megabyte: compress it "
                                                     "(images: resize to 1600 px wide, WebP or JPEG; PDFs: export "
                                                     "for screen)")))
    return found
