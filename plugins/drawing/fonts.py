"""The faces pictures are drawn with: Noto Sans Arabic merged with Noto Sans (tooling/cardfonts.py)."""

import functools
from pathlib import Path

from messages import t
from PIL import ImageFont, features

from messages import t

FACES = Path(__file__).resolve().parents[2] / "themes" / "base" / "cardfonts"
WEIGHTS = ("regular", "bold")


def complex_layout():
    """Pillow's raqm layout (HarfBuzz shaping, FriBidi order): without it Arabic is drawn as separate,
    reversed letters, so no picture is drawn rather than a wrong one."""
    if not features.check("raqm"):
        raise RuntimeError(t("Pillow was built without raqm (libraqm): Arabic cannot be shaped; reinstall it with "
                             "`make build` (its wheels include raqm) or install libraqm"))
    return ImageFont.Layout.RAQM


@functools.lru_cache(maxsize=64)
def face(weight, size):
    """The card face of `weight` ("regular" or "bold") at `size` pixels, laid out with raqm."""
    return ImageFont.truetype(str(FACES / f"card-{weight}.ttf"), size, layout_engine=complex_layout())
