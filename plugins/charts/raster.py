"""A chart as a picture for social posts: the SVG's own layout replayed with Pillow.

`svg.Frame` keeps every mark it draws as an operation in left-to-right coordinates (`ops`);
`draw()` replays them scaled into a square picture, mirrored by the same rule as the SVG
(`x → WIDTH - x` when the frame is right-to-left), with the site's palette (site.css'
`--chart-*` and `--color-*`, `PALETTE`), under the chart's title and over its source line and,
for a sample dataset, the note that the counts are illustrative. Text is shaped by Pillow's
complex-text layout with the card faces (`drawing`): Arabic joined and ordered as in the page.

Why 1200 × 1200: a square is shown whole, uncropped, in the feeds of every platform 7amleh
posts on (Facebook, Instagram, X, LinkedIn, Telegram, WhatsApp), and it leaves room for a
dozen ranked bars with labels ~36 px high; at 16:9 the same chart would have half the height,
and its labels would be unreadable on a phone. (A link's preview card is 1200 × 630: another
picture, the share card.)

The same scene gives the same bytes: no clock, no metadata; `key()` names a scene by its content
and the recipe (this code, `svg.py`, `drawing`, the fonts, Pillow and zlib), so the image cache
(`ChartImages`) draws a chart again only when what it shows changed.
"""

import functools
import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw

from drawing.fonts import face
from drawing.recipe import recipe as shared_recipe
from drawing import text as text_module
from drawing.text import direction_of, draw_lines, fit
from incremental.trace import side_output

from .figure import N_
from .svg import WIDTH

SIZE = 1200  # a square: see the module's docstring
MARGIN = 64
GAP = 40  # between title, chart and footer
PALETTE = {  # themes/base/static/css/site.css (tests/test_chart_images.py keeps them equal)
    "c1": "#0072b2", "c2": "#d55e00", "c3": "#009e73", "c4": "#cc79a7", "c5": "#b07800", "c6": "#5e5e5e",
    "text": "#1b1f23", "muted": "#4a535c", "grid": "#d0d6db", "track": "#f3f5f6",
    "background": "#ffffff", "primary": "#0b5563",
}
TITLE_SIZES = (56, 50, 46, 42, 38, 34, 30)
FOOTER_SIZES = (26, 24, 22, 20)
CACHE = ".cache/charts"  # beside the settings file, as .cache/images
SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,160}")
LONGEST = 400  # characters of a title or source line kept: more than the picture has room for


def plain(text, limit=None):
    """Whitespace (new lines, tabs) as single spaces, as SVG shows it; at most `limit` characters, so
    that fitting a title of any length (a hostile one: thousands of letters, no space) stays quick."""
    text = " ".join(str(text).split())
    return text if limit is None or len(text) <= limit else text[:limit].rstrip() + "…"


@dataclass(frozen=True)
class Scene:
    """Everything the picture shows, in one language; its repr is its identity (`key`)."""
    lang: str
    rtl: bool  # the frame's direction (a time axis may run left to right in Arabic)
    title: str
    ops: tuple
    height: float  # of the frame, in SVG units
    source: str  # "Source: …", as the figure writes it
    note: str  # the sample-data note, or ""
    site: str  # the organisation's name, at the end of the footer


@dataclass(frozen=True)
class ChartImage:
    url: str  # relative to the site root, like Chart.csv_url
    width: int
    height: int


def scene_of(chart, words):
    """The Scene of a figure.Chart (built with its frame) in the words' language."""
    frame = chart.frame
    dataset = chart.dataset
    note = words._(N_("Illustrative data, not real counts.")) if dataset.sample else ""
    source = words._(N_("Source: %(source)s"), source=dataset.source[words.lang])
    return Scene(lang=words.lang, rtl=frame.rtl, title=plain(chart.title, LONGEST), ops=tuple(frame.ops),
                 height=chart.height, source=plain(source, LONGEST), note=note,
                 site=words._(N_("7amleh")))  # the brand, as the header writes it


def recipe():
    """What else decides the bytes: this code, the SVG layout, the text fitting, the fonts, Pillow, zlib."""
    return shared_recipe(__file__, str(Path(__file__).with_name("svg.py")))


def key(scene):
    return hashlib.sha256(f"{recipe()}\n{scene!r}".encode()).hexdigest()


class Painter:
    """The frame's operations, scaled by `scale` and moved to (left, top), onto a Pillow drawing."""

    def __init__(self, draw, scene, scale, left, top):
        self.draw, self.scene, self.scale, self.left, self.top = draw, scene, scale, left, top
        self.direction = "rtl" if scene.rtl else "ltr"

    def x(self, x):
        return self.left + (WIDTH - x if self.scene.rtl else x) * self.scale

    def y(self, y):
        return self.top + y * self.scale

    def width(self, units):
        return max(1, round(units * self.scale))

    def shape(self, op):
        getattr(self, op[0])(*op[1:])

    def rect(self, x0, x1, y, height, cls):
        if height <= 0 or x0 == x1:
            return
        a, b = sorted((self.x(x0), self.x(x1)))
        names = cls.split()
        box = [round(a), round(self.y(y)), round(b) - 1, round(self.y(y + height)) - 1]
        if box[2] < box[0] or box[3] < box[1]:
            return
        fill = PALETTE["track"] if names[0] == "track" else PALETTE[names[0]]
        outline = PALETTE["background"] if "seg" in names else None  # as .chart__svg .seg: stroke background
        self.draw.rectangle(box, fill=fill, outline=outline, width=self.width(1) if outline else 0)

    def line(self, x0, y0, x1, y1, cls):
        colour = PALETTE["grid"] if cls == "grid" else PALETTE["muted"]
        self.draw.line([(self.x(x0), self.y(y0)), (self.x(x1), self.y(y1))], fill=colour, width=self.width(1))

    def path(self, points, cls):
        colour = PALETTE[cls.split()[-1]]
        self.draw.line([(self.x(x), self.y(y)) for x, y in points], fill=colour, width=self.width(2.5), joint="curve")

    def dot(self, x, y, cls):
        r = 3 * self.scale
        cx, cy = self.x(x), self.y(y)
        self.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=PALETTE[cls])

    def text(self, x, y, lines, anchor, cls, size):
        names = cls.split()
        colour = PALETTE["muted"] if "tick" in names else PALETTE["text"]
        for name in names:  # "label t2": a series' name in its line's colour
            if re.fullmatch(r"t[1-6]", name):
                colour = PALETTE[f"c{name[1]}"]
        font = face("regular", max(8, round(size * self.scale)))
        side = {"start": "r" if self.scene.rtl else "l", "end": "l" if self.scene.rtl else "r", "middle": "m"}[anchor]
        baseline = y - (len(lines) - 1) * size * 0.6  # the SVG's tspans: up by 0.6 em a line, then 1.2 em apart
        for number, line in enumerate(plain(line, LONGEST) for line in lines):
            self.draw.text((self.x(x), self.y(baseline + number * size * 1.2)), line, font=font, fill=colour,
                           anchor=f"{side}s", direction=self.direction, language=self.scene.lang)


@dataclass(frozen=True)
class Layout:
    """Where everything goes: the fitted title, source and note, and the frame's scale and origin."""
    title: object  # drawing.text.Fitted
    source: object
    note: object  # or None
    site_width: int
    footer_top: int
    plot: tuple  # (left, top, right, bottom): the room between title and footer
    scale: float  # pixels per SVG unit
    left: float  # where the frame's (0, 0) goes
    top: float


def layout(scene):
    inner = SIZE - 2 * MARGIN
    title = fit(scene.title, inner, 3 * round(TITLE_SIZES[0] * 1.3), scene.lang, sizes=TITLE_SIZES, spacing=1.3)
    footer_box = 2 * round(FOOTER_SIZES[0] * 1.35)
    site_width = round(face("bold", FOOTER_SIZES[0]).getlength(scene.site, direction=direction_of(scene.lang),
                                                               language=scene.lang)) if scene.site else 0
    source = fit(scene.source, inner - site_width - 32, footer_box, scene.lang, sizes=FOOTER_SIZES, weight="regular")
    footer_top = SIZE - MARGIN - len(source.lines) * source.line_height
    note = None
    if scene.note:
        note = fit(scene.note, inner - 24, footer_box, scene.lang, sizes=FOOTER_SIZES, weight="regular")
        footer_top -= len(note.lines) * note.line_height + 16
    plot = (MARGIN, MARGIN + len(title.lines) * title.line_height + GAP, SIZE - MARGIN, footer_top - GAP)
    # The frame, scaled to the width or to the room left, whichever is smaller, and centred.
    pad = 24  # SVG units around the frame: labels may reach past its box (a value at a bar's end)
    scale = min(inner / WIDTH, (plot[3] - plot[1]) / (scene.height + pad))
    return Layout(title, source, note, site_width, footer_top, plot, scale,
                  left=(SIZE - WIDTH * scale) / 2, top=plot[1] + (plot[3] - plot[1] - scene.height * scale) / 2)


def draw(scene):
    """The picture (RGB, SIZE × SIZE) of a scene."""
    image = Image.new("RGB", (SIZE, SIZE), PALETTE["background"])
    at = layout(scene)
    shapes = [op for op in scene.ops if op[0] != "text"]
    if any(op[0] in ("path", "dot") for op in shapes):
        # slanted lines and dots drawn at twice the size and reduced, for smooth edges; only the
        # chart's room: a quarter of the cost of the whole picture
        box = at.plot
        layer = image.crop(box).resize(((box[2] - box[0]) * 2, (box[3] - box[1]) * 2), Image.Resampling.NEAREST)
        painter = Painter(ImageDraw.Draw(layer), scene, at.scale * 2, (at.left - box[0]) * 2, (at.top - box[1]) * 2)
        for op in shapes:
            painter.shape(op)
        image.paste(layer.reduce(2), box[:2])
    else:
        painter = Painter(ImageDraw.Draw(image), scene, at.scale, at.left, at.top)
        for op in shapes:
            painter.shape(op)
    pen = ImageDraw.Draw(image)
    painter = Painter(pen, scene, at.scale, at.left, at.top)
    for op in scene.ops:  # text last, over the marks, as the SVG lists it after them
        if op[0] == "text":
            painter.shape(op)
    draw_lines(pen, at.title, (MARGIN, MARGIN, SIZE - MARGIN, SIZE), scene.lang, PALETTE["text"])
    _footer(pen, scene, at)
    return image


def _footer(pen, scene, at):
    """The source line (and the site's name, at the end side) at the bottom, the sample note above it."""
    rtl, direction = direction_of(scene.lang) == "rtl", direction_of(scene.lang)
    source, room = at.source, at.site_width + 32
    top = SIZE - MARGIN - len(source.lines) * source.line_height
    draw_lines(pen, source, (MARGIN + (room if rtl else 0), top, SIZE - MARGIN - (0 if rtl else room), SIZE - MARGIN),
               scene.lang, PALETTE["muted"])
    if scene.site:  # on the source's last line
        last = top + (len(source.lines) - 1) * source.line_height
        pen.text((MARGIN if rtl else SIZE - MARGIN, last), scene.site, font=face("bold", FOOTER_SIZES[0]),
                 fill=PALETTE["primary"], anchor="la" if rtl else "ra", direction=direction, language=scene.lang)
    if at.note:
        note, top = at.note, at.footer_top
        height = len(note.lines) * note.line_height
        bar = (SIZE - MARGIN - 6, top, SIZE - MARGIN - 1, top + height) if rtl else (MARGIN, top, MARGIN + 5, top + height)
        pen.rectangle(bar, fill=PALETTE["c5"])  # as .chart__sample: a bar at the start side
        draw_lines(pen, note, (MARGIN + (0 if rtl else 20), top, SIZE - MARGIN - (20 if rtl else 0), SIZE),
                   scene.lang, PALETTE["text"])


def png(scene):
    """The PNG bytes of a scene, as a palette image: a third of the bytes of RGB, and quicker to write."""
    image = draw(scene).quantize(palette=_palette(), dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=6)
    return buffer.getvalue()


@functools.lru_cache(maxsize=1)
def _palette():
    """The site's colours exactly, then each of them blended with the background in sixteenths (the
    anti-aliased edges of text, bars and lines), leaving out blends too close to the background for
    Pillow's colour lookup to tell them from it. A fixed palette costs 2 ms where an adaptive quantiser
    costs 14, and keeps every mark its exact colour."""
    background = ImageColor.getrgb(PALETTE["background"])
    colours = list(dict.fromkeys(ImageColor.getrgb(value) for value in PALETTE.values()))
    for colour in colours[:]:
        for step in range(1, 16):
            blend = tuple(round(b + (c - b) * step / 16) for c, b in zip(colour, background))
            if max(abs(a - b) for a, b in zip(blend, background)) >= 12 and blend not in colours:
                colours.append(blend)
    holder = Image.new("P", (1, 1))
    holder.putpalette([value for colour in colours for value in colour])
    return holder


def image_name(spec):
    """The file name of a chart's image: its slug (what it shows), so an address stays as the data changes."""
    name = spec.slug + (f"-time-{spec.time}" if spec.time else "")
    return f"{name if SAFE_NAME.fullmatch(name) else 'chart-' + hashlib.sha256(name.encode()).hexdigest()[:16]}.png"


class ChartImages:
    """Writes the image of each chart a page of one language shows, into `data/charts/` of that
    language, drawn once per scene: from `.cache/charts/<key>.png` when it was drawn before."""

    def __init__(self, output_path, lang_prefix, cache_root):
        self.output, self.prefix, self.cache = Path(output_path), lang_prefix, Path(cache_root)

    def publish(self, chart, spec, words):
        url = f"{self.prefix}data/charts/{image_name(spec)}"
        target = self.output / url
        if not target.exists():  # a fresh staging folder: another page of this language already wrote it
            data = self.cached(scene_of(chart, words))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        side_output(target)  # this page's picture, even if another page wrote it first (incremental/)
        return ChartImage(url, SIZE, SIZE)

    def cached(self, scene):
        path = self.cache / f"{key(scene)}.png"
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        data = png(scene)
        self.cache.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=".new-", dir=self.cache)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(scratch, path)  # whole or not at all: a killed build leaves no half entry
        return data


def cache_root(settings):
    """CACHE, relative to the folder of the settings file (the project), as the images plugin's."""
    return Path(settings.get("SETTINGS_FILE") or "pelicanconf.py").resolve().parent / CACHE
