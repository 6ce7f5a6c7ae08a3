"""The site's one web font, cut down to what Arabic pages show (`invoke vendor`).

Noto Sans Arabic from @fontsource/noto-sans-arabic (its Arabic file, SIL OFL 1.1) is subset
with fontTools to the code points below, keeping every OpenType layout feature the font has
(init/medi/fina, ccmp, locl, liga, rlig, mark/mkmk, kern…) and every glyph those features reach,
so letters still join and marks still sit on them. Only Arabic pages use it (site.css gives it
to :lang(ar) text through its unicode-range); English pages, and the Latin digits and words on
Arabic pages, use the visitor's system font — no download at all for them.
"""

import io
from pathlib import Path

# The Arabic language as 7amleh writes it, and what Arabic text carries with it:
ARABIC = [
    (0x060C, 0x060D),  # ، comma, date separator
    (0x061B, 0x061C),  # ؛ semicolon, ARABIC LETTER MARK
    (0x061E, 0x061F),  # ؞ ؟
    (0x0621, 0x063A),  # ء … غ
    (0x0640, 0x0655),  # tatweel, ف … ي, harakat (fathatan … sukun), maddah, hamza above/below
    (0x0660, 0x066D),  # Arabic-Indic digits ٠-٩ (NUMERALS = "arab"), ٪ ٫ ٬ ٭
    (0x0670, 0x0671),  # superscript alef, alef wasla
    (0x067E, 0x067E),  # پ  ─┐
    (0x0686, 0x0686),  # چ   │
    (0x0698, 0x0698),  # ژ   │ letters Arabic borrows for foreign names and dialect
    (0x06A4, 0x06A4),  # ڤ   │ (ڤ for "v" is common in Palestinian writing)
    (0x06A9, 0x06A9),  # ک   │
    (0x06AF, 0x06AF),  # گ   │
    (0x06CC, 0x06CC),  # ی  ─┘
    (0x200C, 0x200D),  # ZWNJ, ZWJ: they steer joining inside a word
]
# Kept in the file but not in the unicode-range: with U+0020 (or a direction mark) in the range,
# every English page would download the face for its spaces.
OUTSIDE_RANGE = [(0x0020, 0x0020), (0x00A0, 0x00A0), (0x200E, 0x200F)]
WEIGHTS = (400, 700)
SOURCE = "files/noto-sans-arabic-arabic-{weight}-normal.woff2"  # in node_modules/@fontsource/noto-sans-arabic/
TARGET = "noto-sans-arabic-{weight}-subset.woff2"  # in themes/base/static/fonts/


def code_points(ranges):
    return [cp for first, last in ranges for cp in range(first, last + 1)]


def unicode_range(ranges=ARABIC):
    """The CSS unicode-range of the subset: `U+60C-60D, U+61B-61C, …`."""
    return ", ".join(f"U+{first:X}" if first == last else f"U+{first:X}-{last:X}" for first, last in ranges)


def subset_font(data):
    """The woff2 bytes of the subset of the woff2 font `data`; the same input gives the same bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # every feature the font has: Arabic shaping needs them all
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # names plus copyright and licence
    options.notdef_outline = True
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # no build-time clock in head.modified
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points(ARABIC + OUTSIDE_RANGE))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def vendor_fonts(package_folder, fonts_folder):
    """Write the subset faces into fonts_folder; [(name, bytes before, bytes after)]."""
    written = []
    for weight in WEIGHTS:
        data = (Path(package_folder) / SOURCE.format(weight=weight)).read_bytes()
        subset = subset_font(data)
        (Path(fonts_folder) / TARGET.format(weight=weight)).write_bytes(subset)
        written.append((TARGET.format(weight=weight), len(data), len(subset)))
    return written
