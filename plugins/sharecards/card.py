"""What a share card shows, and how it is drawn: 1200 × 630, the size Facebook, X, WhatsApp and
Telegram all show as a large picture (1.91:1).

A card is drawn as one 8-bit picture of palette indices: the text is drawn (anti-aliased, shaped by
raqm: drawing.text) in grey levels 0–191, which the palette maps onto a ramp from the background
colour to white; the logo's own colours take indices 192–254 and the accent bar 255. One channel
instead of three makes drawing and PNG encoding about three times cheaper, and a card of flat colour
and text about 40 kB. A card with a publication's cover is a photograph: it is made RGB and written as
JPEG (platforms, WhatsApp first, drop a preview picture of several hundred kB).

Same Card → same bytes: no time or text chunk in the PNG, no EXIF in the JPEG; this code, the fonts,
Pillow and resvg are part of the cache key (`drawing.recipe`, store.py).
"""

import functools
import hashlib
import io
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from drawing.fonts import FACES, face
from drawing.recipe import recipe
from drawing.text import direction_of, draw_lines, fit, width

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
RAMP = 192  # palette indices 0..191: background → white; 192..254 the logo's colours; 255 the accent
LOGO_COLOURS = 63
ACCENT = 255
WHITE = RAMP - 1
MUTED = 150  # the kind and the date: white at about 80 % over the background
LOGO = 88  # the logo's box, pixels
COVER = 440  # the cover's panel at the end side, pixels wide
MAX_TITLE = 400  # characters drawn at most: a card shows about 300 at its smallest size
MAX_LINE = 120  # the kind, the date, the organisation's name: one line each

# The site's palette: themes/base/static/css/site.css, :root (tests/test_sharecards.py keeps them equal).
PRIMARY = "#0b5563"  # --color-primary: the card's background
ACCENT_COLOUR = "#a4262c"  # --color-accent: the bar along the bottom
PRIMARY_CONTRAST = "#ffffff"  # --color-primary-contrast: the text


@dataclass(frozen=True)
class Card:
    lang: str
    title: str
    kind: str = ""  # the type of publication, the section, or the campaign's name
    date: str = ""  # as the page writes it (bilingual.l10n.format_date)
    org: str = ""  # the organisation's name, in the page's language
    background: str = PRIMARY
    accent: str = ACCENT_COLOUR
    logo: str = ""  # a file: SVG (drawn with resvg) or raster
    cover: str = ""  # a raster file: the card is a JPEG with the cover beside the text

    @property
    def extension(self):
        return "jpg" if self.cover else "png"

    @property
    def media_type(self):
        return "image/jpeg" if self.cover else "image/png"


@functools.lru_cache(maxsize=None)
def _file_digest(path, mtime_ns, size):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_digest(path):
    stat = Path(path).stat()
    return _file_digest(str(path), stat.st_mtime_ns, stat.st_size)


def key(card):
    """The SHA-256 of everything the card's bytes depend on."""
    parts = {**asdict(card), "recipe": recipe(__file__, extra=f"resvg {resvg_version()}")}
    for name in ("logo", "cover"):
        if parts[name]:
            parts[name] = file_digest(parts[name])
    return hashlib.sha256(repr(sorted(parts.items())).encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=1)
def resvg_version():
    try:
        from importlib.metadata import version

        return version("resvg-py")
    except Exception:  # not installed: SVG logos are left out (docs/maintainers.*.md)
        return ""


def rgb(colour):
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def ramp(background, foreground=PRIMARY_CONTRAST):
    """RAMP colours from the background to the foreground."""
    bg, fg = rgb(background), rgb(foreground)
    return [tuple(round(b + (f - b) * i / (RAMP - 1)) for b, f in zip(bg, fg)) for i in range(RAMP)]


def mirror(box, rtl):
    left, top, right, bottom = box
    return (WIDTH - right, top, WIDTH - left, bottom) if rtl else box


def one_line(text, box_width, height, lang, sizes, weight):
    return fit(" ".join(text.split())[:MAX_LINE] or " ", box_width, height, lang, sizes=sizes, weight=weight,
               spacing=1.5)


def draw(card):
    """The card's file, as bytes."""
    lang, rtl = card.lang, direction_of(card.lang) == "rtl"
    text_right = WIDTH - MARGIN - (COVER if card.cover else 0)
    canvas = Image.new("L", (WIDTH, HEIGHT), 0)
    pen = ImageDraw.Draw(canvas)
    palette = ramp(card.background) + [rgb(card.background)] * LOGO_COLOURS + [rgb(card.accent)]

    # Top row: the logo (a campaign), the kind, and the date at the far end.
    start, row_top = MARGIN, 56
    logo = logo_indices(card.logo) if card.logo else None
    if logo is not None:
        picture, colours = logo
        palette[RAMP:RAMP + len(colours)] = colours
        x = WIDTH - MARGIN - picture.width if rtl else MARGIN
        canvas.paste(picture, (x, row_top + (LOGO - picture.height) // 2))
        start = MARGIN + LOGO + 24
    date_width = 0
    if card.date.strip():
        date = one_line(card.date, (text_right - start) // 2, 48, lang, (30, 26), "regular")  # half the row at most
        date_width = width(date.lines[0], face(date.weight, date.size), lang) + 32
        box = mirror((start, row_top + (LOGO - date.line_height) // 2, text_right, HEIGHT), rtl)
        draw_lines(pen, date, box, lang, MUTED, at_end=True)
    if card.kind.strip():
        kind = one_line(card.kind, text_right - start - date_width, 52, lang, (34, 30, 26), "bold")
        box = mirror((start, row_top + (LOGO - kind.line_height) // 2, text_right, HEIGHT), rtl)
        draw_lines(pen, kind, box, lang, MUTED)

    # The title: as large as it fits, centred in its band.
    top, bottom = 176, 500
    title = " ".join(card.title.split())[:MAX_TITLE] or " "
    fitted = fit(title, text_right - MARGIN, bottom - top, lang)
    block = len(fitted.lines) * fitted.line_height
    draw_lines(pen, fitted, mirror((MARGIN, top + (bottom - top - block) // 2, text_right, bottom), rtl), lang, WHITE)

    # The organisation's name, and the accent bar.
    if card.org.strip():
        org = one_line(card.org, text_right - MARGIN, 48, lang, (28, 24, 22), "regular")
        draw_lines(pen, org, mirror((MARGIN, 528, text_right, 580), rtl), lang, WHITE)
    pen.rectangle(mirror((0, HEIGHT - 24, WIDTH, HEIGHT), rtl), fill=ACCENT)

    canvas.putpalette([channel for colour in palette for channel in colour])  # L → P
    if card.cover:
        return with_cover(canvas, card.cover, rtl)
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG", compress_level=3)  # 6 costs twice the time (5 ms of 12) for 15 % fewer bytes
    return buffer.getvalue()


def with_cover(canvas, cover, rtl):
    picture = canvas.convert("RGB")
    with Image.open(cover) as source:
        source.draft("RGB", (COVER * 2, HEIGHT * 2))  # a JPEG decoded at a fraction of its size: much faster
        source = ImageOps.exif_transpose(source).convert("RGB")
        panel = ImageOps.fit(source, (COVER, HEIGHT), Image.Resampling.LANCZOS)
    picture.paste(panel, (0 if rtl else WIDTH - COVER, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def logo_indices(path):
    """The logo as palette indices (RAMP…) within LOGO × LOGO, and its colours; None if it cannot be drawn
    (an SVG logo without resvg: the kind line, the campaign's name, stands for it). Once per file version
    and process: every page of a campaign has the logo."""
    return _logo_indices(str(path), file_digest(path))


@functools.lru_cache(maxsize=32)
def _logo_indices(path, digest):
    picture = logo_picture(path)
    if picture is None:
        return None
    picture = ImageOps.contain(picture, (LOGO, LOGO), Image.Resampling.LANCZOS)
    flat = Image.new("RGBA", (LOGO, LOGO), (255, 255, 255, 255))  # a white tile: a logo in the campaign's own
    flat.alpha_composite(picture, ((LOGO - picture.width) // 2, (LOGO - picture.height) // 2))  # colour shows
    quantised = flat.convert("RGB").quantize(LOGO_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    colours = quantised.getpalette()[:3 * LOGO_COLOURS]
    colours = [tuple(colours[i:i + 3]) for i in range(0, len(colours) - 2, 3)]
    shift = bytes(RAMP + i if i < len(colours) else RAMP for i in range(256))
    return Image.frombytes("L", quantised.size, quantised.tobytes().translate(shift)), colours


def logo_picture(path):
    if str(path).lower().endswith(".svg"):
        try:
            import resvg_py
        except ImportError:
            return None
        png = resvg_py.svg_to_bytes(svg_path=str(path), width=LOGO * 2, skip_system_fonts=True,
                                    font_files=[str(p) for p in sorted(FACES.glob("*.ttf"))])
        return Image.open(io.BytesIO(bytes(png))).convert("RGBA")
    with Image.open(path) as source:
        return ImageOps.exif_transpose(source).convert("RGBA")
