"""Raster images: read one (size as displayed, content hash) and encode its variants.

No Pelican here. Every file this module writes is made from the pixels alone: EXIF (with
the GPS position phones record), XMP and comments are dropped, the EXIF orientation is
applied to the pixels, and nothing depends on the clock — same source, same bytes.
"""

import hashlib
import io
import os
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from messages import t

# Bump when the encoding changes: variant names and cache keys change with it.
RECIPE = 1
# File endings this plugin takes over, and the format of the fallback written under the
# same name. GIF is left alone: it may be animated, and it carries no location metadata.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
ORIENTATION = 0x0112  # EXIF tag; values 5–8 turn the picture a quarter
# A source above this many pixels is refused rather than risk exhausting memory (Pillow's own
# bomb limit is 2 × 89 Mpx; a 200 Mpx phone photo is 200 Mpx, so keep some room).
MAX_PIXELS = 250_000_000


class ImageProblem(Exception):
    """The file is not an image we can read; `message` (a messages.Text) says what, for a person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def is_raster(path):
    return os.path.splitext(path)[1].lower() in FORMATS


@dataclass(frozen=True)
class Source:
    digest: str  # sha256 of the bytes and the recipe: names the variants and the cache entry
    width: int  # as displayed, after the EXIF orientation
    height: int
    fallback: str  # "JPEG", "PNG" or "WEBP": the format written under the original name

    def widths(self, wanted):
        """The variant widths for this source: those of `wanted` below its width, then its width
        capped at the largest — never wider than the source."""
        largest = min(self.width, max(wanted))
        return [w for w in wanted if w < largest] + [largest]

    def height_at(self, width):
        return max(1, round(self.height * width / self.width))


def recipe_key(options):
    """What, besides the source bytes, changes the encoded files."""
    return f"r{RECIPE}:{Image.__version__}:{options['widths']}:{options['webp_quality']}:{options['jpeg_quality']}"


def _open(path):
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(path)
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        if isinstance(error, UnidentifiedImageError):
            raise ImageProblem(t("the file is not an image (or not one in JPEG, PNG or WebP)")) from None
        raise ImageProblem(t("the image is too large to process ({reason})", reason=error)) from None


def inspect(path, options, data=None):
    """Source facts without decoding the pixels: size as displayed, hash, fallback format. `data`: the file's
    bytes, if the caller read them already."""
    if data is None:
        with open(path, "rb") as handle:
            data = handle.read()
    digest = hashlib.sha256(data + recipe_key(options).encode()).hexdigest()
    try:
        with _open(io.BytesIO(data)) as image:
            if image.format not in ("JPEG", "PNG", "WEBP"):
                raise ImageProblem(t("the file is a {format} image; use JPEG, PNG or WebP", format=image.format))
            width, height = image.size
            if image.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8):
                width, height = height, width
    except (OSError, SyntaxError) as error:  # Pillow's words for a header cut short or corrupt
        raise ImageProblem(t("the image data is damaged ({reason})", reason=error)) from None
    return Source(digest, width, height, FORMATS[os.path.splitext(path)[1].lower()])


def _pixels(path, source, largest):
    """The decoded, upright pixels in RGB or RGBA, and the source's colour profile."""
    image = _open(path)
    with image:
        if image.format == "JPEG":
            # Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 while it decodes: a 4000 px phone
            # photo costs a quarter of the time. It stays at least `largest` on both sides.
            image.draft("RGB", (largest, largest))
        try:
            image.load()
        except OSError as error:  # truncated or corrupt data
            raise ImageProblem(t("the image data is damaged ({reason})", reason=error)) from None
        icc = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
    alpha = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
    pixels = upright.convert("RGBA" if alpha and source.fallback != "JPEG" else "RGB")
    pixels.info = {}  # nothing from the source's metadata reaches a saved file
    return pixels, icc


def encode(path, source, options):
    """{name: bytes}: "<width>.webp" per variant width and "fallback" (source format, largest width)."""
    widths = source.widths(options["widths"])
    pixels, icc = _pixels(path, source, widths[-1])
    extra = {"icc_profile": icc} if icc else {}
    files = {}
    for width in widths:
        scaled = pixels.resize((width, source.height_at(width)), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        scaled.save(out, "WEBP", quality=options["webp_quality"], method=4, **extra)
        files[f"{width}.webp"] = out.getvalue()
    if source.fallback == "WEBP":
        files["fallback"] = files[f"{widths[-1]}.webp"]
    else:
        scaled = pixels.resize((widths[-1], source.height_at(widths[-1])), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        if source.fallback == "JPEG":
            scaled.save(out, "JPEG", quality=options["jpeg_quality"], optimize=True, progressive=True, **extra)
        else:
            scaled.save(out, "PNG", optimize=True, **extra)
        files["fallback"] = out.getvalue()
    return files
