"""The faces share cards and chart images are drawn with (`invoke vendor`, then committed).

A card's title can be any text staff write — Arabic with English names in it, or English with an
Arabic word — so the web font's Arabic-only subset will not do. Each face here is Debian's
fonts-noto-core Noto Sans Arabic merged with Noto Sans (both 1,000 units per em, SIL OFL 1.1): one
file with every Arabic and Latin glyph and both fonts' OpenType layout, so Pillow's complex-text
layout (raqm: HarfBuzz and FriBidi) shapes a mixed title as one run. The build never reads the
Debian package: the merged files live in themes/base/cardfonts/, outside the theme's static folder,
so they are never published.
"""

from pathlib import Path

from messages import t

DEBIAN = Path("/usr/share/fonts/truetype/noto")  # apt-get install fonts-noto-core
PACKAGE = "fonts-noto-core"
WEIGHTS = {"regular": "Regular", "bold": "Bold"}
TARGET = "card-{weight}.ttf"


def vendor_card_fonts(target_dir, source_dir=DEBIAN):
    """Merge the Arabic and Latin faces of each weight into target_dir; [(name, bytes)]."""
    from fontTools.merge import Merger

    target_dir = Path(target_dir)
    written = []
    for weight, style in WEIGHTS.items():
        sources = [source_dir / f"NotoSansArabic-{style}.ttf", source_dir / f"NotoSans-{style}.ttf"]
        missing = [str(path) for path in sources if not path.exists()]
        if missing:
            raise FileNotFoundError(t("{files}: apt-get install {package}", files=", ".join(missing), package=PACKAGE))
        merged = Merger().merge([str(path) for path in sources])
        merged["head"].created = merged["head"].modified = 0  # the same file from the same sources
        merged.recalcTimestamp = False
        path = target_dir / TARGET.format(weight=weight)
        merged.save(str(path))
        written.append((path.name, path.stat().st_size))
    return written
