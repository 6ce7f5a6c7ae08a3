"""A title of any length, wrapped and fitted into a box, drawn in its language's direction.

Widths are measured as Pillow will draw them (raqm: shaped, in logical order, with the direction
and language given), so a line never overflows. A title that does not fit at the smallest size is
cut at a word, with an ellipsis: a card is a preview, the page has the whole title.
"""

import re
from dataclasses import dataclass

from .fonts import face

ELLIPSIS = "…"


@dataclass(frozen=True)
class Fitted:
    lines: tuple
    size: int
    line_height: int
    weight: str


def direction_of(lang):
    return "rtl" if lang in ("ar", "fa", "he", "ur") else "ltr"


def width(text, font, lang):
    return font.getlength(text, direction=direction_of(lang), language=lang)


def wrap(text, font, max_width, lang):
    """Lines of at most max_width pixels, broken between words (a word longer than a line: between letters)."""
    lines, line = [], ""
    for word in re.split(r"\s+", text.strip()):
        candidate = f"{line} {word}" if line else word
        if width(candidate, font, lang) <= max_width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while len(word) > 1 and width(word, font, lang) > max_width:  # a URL or a long code: no space to break at
            cut = len(word) - 1
            while cut > 1 and width(word[:cut], font, lang) > max_width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def shorten(lines, font, max_width, lang, count):
    """The first `count` lines, the last one ending in an ellipsis that fits."""
    kept = list(lines[:count])
    last = kept[-1]
    while last and width(f"{last}{ELLIPSIS}", font, lang) > max_width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = f"{last}{ELLIPSIS}"
    return kept


def fit(text, box_width, box_height, lang, sizes=(64, 56, 50, 44, 40, 36, 32), weight="bold", spacing=1.35):
    """The largest size at which the whole text fits the box; at the smallest, as many lines as fit, cut."""
    for size in sizes:
        font = face(weight, size)
        line_height = round(size * spacing)
        lines = wrap(text, font, box_width, lang)
        if len(lines) * line_height <= box_height:
            return Fitted(tuple(lines), size, line_height, weight)
    count = max(1, box_height // line_height)
    return Fitted(tuple(shorten(lines, font, box_width, lang, count)), size, line_height, weight)


def draw_lines(draw, fitted, box, lang, fill, at_end=False):
    """Draw fitted lines into box (left, top, right, bottom), aligned to the start of the language's direction
    (at_end: to its end, as a date across the row from a label)."""
    left, top, right, _ = box
    font = face(fitted.weight, fitted.size)
    rtl = direction_of(lang) == "rtl"
    on_right = rtl != at_end
    for number, line in enumerate(fitted.lines):
        y = top + number * fitted.line_height
        draw.text((right if on_right else left, y), line, font=font, fill=fill, anchor="ra" if on_right else "la",
                  direction=direction_of(lang), language=lang)
