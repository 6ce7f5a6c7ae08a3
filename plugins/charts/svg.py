"""Charts as inline SVG strings, built by hand: no plotting library, no script.

Coordinates are computed for a left-to-right chart and mirrored for right-to-left
languages (`Frame.x`), and the root carries `direction` so that text-anchor "start"
and "end" follow the language: one layout serves both directions.

Colours are classes (`c1`…`c6`, `track`, `axis`) filled from CSS variables, so a
campaign theme restyles every chart without touching this module.

A Frame also keeps what it drew as plain operations in left-to-right coordinates (`ops`), which
`raster.py` replays with Pillow for the chart's image: one layout, two renderings.
"""

import hashlib

from html import escape

WIDTH = 360  # viewBox width; the SVG scales to its container (320 px phones and up)
FONT = 12
SMALL = 10
ROW = 26  # height of one horizontal bar and its gap
PLOT_HEIGHT = 150  # plot area of column and line charts
PALETTE_SIZE = 6


def num(value):
    """Coordinates with one decimal at most, so output is identical on every build."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text, size=FONT):
    # An estimate (no font metrics at build time): Arabic and Latin glyphs of Noto Sans
    # average a little over half the font size.
    return len(text) * size * 0.56


def wrap(text, width, size=FONT, lines=2):
    """Break a label into at most `lines` lines of about `width` units, by words."""
    words, out = text.split(), [""]
    for word in words:
        candidate = f"{out[-1]} {word}".strip()
        if text_width(candidate, size) <= width or not out[-1]:
            out[-1] = candidate
        elif len(out) < lines:
            out.append(word)
        else:
            out[-1] = candidate  # the last line takes the rest rather than losing words
    return out


class Frame:
    """The drawing: a list of SVG elements and the mirroring rule for the language."""

    def __init__(self, rtl):
        self.rtl = rtl
        self.parts = []
        self.ops = []  # (kind, …) in left-to-right coordinates, for raster.py

    def incremental_key(self):
        """What a rebuild compares (incremental.digest): the whole drawing."""
        return hashlib.sha256(repr((self.rtl, self.parts, self.ops)).encode()).hexdigest()

    def x(self, x):
        return WIDTH - x if self.rtl else x

    def span(self, x0, x1):
        """(left, width) of a horizontal span given in left-to-right coordinates."""
        a, b = sorted((self.x(x0), self.x(x1)))
        return a, b - a

    def rect(self, x0, x1, y, height, cls, tip=""):
        self.ops.append(("rect", x0, x1, y, height, cls))
        left, width = self.span(x0, x1)
        tooltip = f"<title>{escape(tip)}</title>" if tip else ""
        end = f">{tooltip}</rect>" if tooltip else "/>"
        self.parts.append(f'<rect class="{cls}" x="{num(left)}" y="{num(y)}" '
                          f'width="{num(max(width, 0))}" height="{num(height)}"{end}')

    def text(self, x, y, lines, anchor="start", cls="label", size=FONT):
        """Text at a logical anchor ("start"/"middle"/"end"): the language's start side."""
        if isinstance(lines, str):
            lines = [lines]
        self.ops.append(("text", x, y, tuple(lines), anchor, cls, size))
        size_attr = f' font-size="{size}"' if size != FONT else ""
        if len(lines) == 1:
            body = escape(lines[0])
        else:
            top = -(len(lines) - 1) * size * 0.6
            body = "".join(f'<tspan x="{num(self.x(x))}" dy="{num(top if i == 0 else size * 1.2)}">{escape(line)}</tspan>'
                           for i, line in enumerate(lines))
        self.parts.append(f'<text class="{cls}" x="{num(self.x(x))}" y="{num(y)}" '
                          f'text-anchor="{anchor}"{size_attr}>{body}</text>')

    def line(self, x0, y0, x1, y1, cls="axis"):
        self.ops.append(("line", x0, y0, x1, y1, cls))
        self.parts.append(f'<line class="{cls}" x1="{num(self.x(x0))}" y1="{num(y0)}" '
                          f'x2="{num(self.x(x1))}" y2="{num(y1)}"/>')

    def path(self, points, cls):
        self.ops.append(("path", tuple(points), cls))
        d = " ".join(f"{'M' if i == 0 else 'L'}{num(self.x(x))} {num(y)}" for i, (x, y) in enumerate(points))
        self.parts.append(f'<path class="{cls}" d="{d}"/>')

    def dot(self, x, y, cls, tip=""):
        self.ops.append(("dot", x, y, cls))
        self.parts.append(f'<circle class="{cls}" cx="{num(self.x(x))}" cy="{num(y)}" r="3">'
                          f'<title>{escape(tip)}</title></circle>')

    def svg(self, height, chart_id, title, desc, lang, kind):
        direction = "rtl" if self.rtl else "ltr"
        return (f'<svg class="chart__svg chart--{kind}" role="img" viewBox="0 0 {WIDTH} {num(height)}" '
                f'lang="{lang}" direction="{direction}" font-size="{FONT}" '
                f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">'
                f'<title id="{chart_id}-title">{escape(title)}</title>'
                f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
                + "".join(self.parts) + "</svg>")


def colour(index):
    return f"c{index % PALETTE_SIZE + 1}"


def nice_ticks(maximum, count=4):
    """0 and a few round steps (1, 2, 2.5 or 5 × 10ⁿ) up to at least `maximum`."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step)) if step >= 1 else 1
    ticks = [0]
    while ticks[-1] < maximum:
        ticks.append(ticks[-1] + step)
    return ticks


def label_column(labels, limit):
    """Width for a column of labels: the widest one, at most `limit`."""
    return min(max((text_width(label) for label in labels), default=0) + 8, limit)


def bars(items, rtl):
    """Horizontal bars, one per (label, value, value text); the value written at the bar's end."""
    frame = Frame(rtl)
    label_w = label_column([label for label, _, _ in items], WIDTH * 0.4)
    value_w = max((text_width(text, SMALL) for _, _, text in items), default=0) + 8
    plot_w = WIDTH - label_w - value_w
    top = max((value for _, value, _ in items), default=0) or 1
    for i, (label, value, text) in enumerate(items):
        y = i * ROW
        frame.text(label_w - 6, y + ROW / 2 + 4, wrap(label, label_w - 8), anchor="end")
        end = label_w + plot_w * value / top
        frame.rect(label_w, end, y + 4, ROW - 8, "c1", tip=f"{label}: {text}")
        frame.text(end + 4, y + ROW / 2 + 4, text, cls="value", size=SMALL)
    return frame, len(items) * ROW


def stacked_bars(items, parts, rtl):
    """Horizontal bars split into parts: items = [(label, [(value, text)…], total text)]; parts = labels."""
    frame = Frame(rtl)
    legend_h = _legend(frame, parts, 0)
    label_w = label_column([label for label, _, _ in items], WIDTH * 0.4)
    value_w = max((text_width(text, SMALL) for _, _, text in items), default=0) + 8
    plot_w = WIDTH - label_w - value_w
    top = max((sum(v for v, _ in values) for _, values, _ in items), default=0) or 1
    for i, (label, values, total_text) in enumerate(items):
        y = legend_h + i * ROW
        frame.text(label_w - 6, y + ROW / 2 + 4, wrap(label, label_w - 8), anchor="end")
        x = label_w
        for j, (value, text) in enumerate(values):
            width = plot_w * value / top
            if width > 0:
                frame.rect(x, x + width, y + 4, ROW - 8, f"{colour(j)} seg", tip=f"{label}, {parts[j]}: {text}")
            x += width
        frame.text(x + 4, y + ROW / 2 + 4, total_text, cls="value", size=SMALL)
    return frame, legend_h + len(items) * ROW


def _legend(frame, labels, y):
    """Swatches with their names, flowing onto new lines; returns the height used."""
    x, line_h = 0, 18
    for i, label in enumerate(labels):
        width = 14 + text_width(label, SMALL) + 12
        if x and x + width > WIDTH:
            x, y = 0, y + line_h
        frame.rect(x, x + 10, y + 4, 10, colour(i))
        frame.text(x + 14, y + 13, label, size=SMALL)
        x += width
    return y + line_h + 6


def _value_axis(frame, ticks, fmt, left, right, plot_top, plot_h):
    for tick in ticks:
        y = plot_top + plot_h - plot_h * tick / ticks[-1]
        frame.line(left, y, right, y, cls="grid" if tick else "axis")
        frame.text(left - 4, y + 4, fmt(tick), anchor="end", cls="tick", size=SMALL)


def _category_axis(frame, labels, left, band, y):
    """Labels under the bands; staggered on two rows when neighbours would touch."""
    stagger = any(text_width(label, SMALL) > band * 0.95 for label in labels)
    for i, label in enumerate(labels):
        row = (i % 2) if stagger else 0
        frame.text(left + band * (i + 0.5), y + 12 + row * 12, label, anchor="middle", cls="tick", size=SMALL)
    return 30 if stagger else 18


def columns(items, fmt, rtl):
    """Vertical columns along a category or time axis: items = [(label, value, value text)]."""
    frame = Frame(rtl)
    ticks = nice_ticks(max((value for _, value, _ in items), default=0))
    left = max(text_width(fmt(ticks[-1]), SMALL) + 8, 24)
    band = (WIDTH - left - 4) / max(len(items), 1)
    plot_top = 14
    _value_axis(frame, ticks, fmt, left, WIDTH - 4, plot_top, PLOT_HEIGHT)
    show_values = all(text_width(text, SMALL) < band for _, _, text in items)
    for i, (label, value, text) in enumerate(items):
        height = PLOT_HEIGHT * value / ticks[-1]
        x0 = left + band * i + band * 0.15
        y = plot_top + PLOT_HEIGHT - height
        frame.rect(x0, x0 + band * 0.7, y, height, "c1", tip=f"{label}: {text}")
        if show_values:
            frame.text(x0 + band * 0.35, y - 3, text, anchor="middle", cls="value", size=SMALL)
    axis_h = _category_axis(frame, [label for label, _, _ in items], left, band, plot_top + PLOT_HEIGHT)
    return frame, plot_top + PLOT_HEIGHT + axis_h


def lines(periods, series, fmt, rtl):
    """Time series: periods = labels; series = [(name, [values], [value texts])], named at their ends."""
    frame = Frame(rtl)
    ticks = nice_ticks(max((max(values, default=0) for _, values, _ in series), default=0))
    left = max(text_width(fmt(ticks[-1]), SMALL) + 8, 24)
    named = len(series) > 1
    right = WIDTH - (label_column([name for name, _, _ in series], WIDTH * 0.3) if named else 8)
    band = (right - left) / max(len(periods), 1)
    plot_top = 14
    _value_axis(frame, ticks, fmt, left, right, plot_top, PLOT_HEIGHT)
    ends = []
    for j, (name, values, texts) in enumerate(series):
        points = [(left + band * (i + 0.5), plot_top + PLOT_HEIGHT - PLOT_HEIGHT * v / ticks[-1])
                  for i, v in enumerate(values)]
        frame.path(points, f"line {colour(j)}")
        for (x, y), period, text in zip(points, periods, texts):
            frame.dot(x, y, colour(j), tip=f"{name + ', ' if named else ''}{period}: {text}")
        if named and points:
            ends.append((points[-1][1], name, j))
    placed = []
    for y, name, j in sorted(ends):  # keep end labels at least a line apart
        y = max(y, placed[-1] + FONT) if placed else y
        placed.append(y)
        frame.text(right + 6, y + 4, name, cls=f"label t{j % PALETTE_SIZE + 1}", size=SMALL)
    axis_h = _category_axis(frame, periods, left, band, plot_top + PLOT_HEIGHT)
    return frame, plot_top + PLOT_HEIGHT + axis_h


def shares(items, rtl):
    """Small multiples: one track per category, filled to its share: items = [(label, ratio, text)]."""
    frame = Frame(rtl)
    label_w = label_column([label for label, _, _ in items], WIDTH * 0.4)
    value_w = max((text_width(text, SMALL) for _, _, text in items), default=0) + 8
    plot_w = WIDTH - label_w - value_w
    for i, (label, ratio, text) in enumerate(items):
        y = i * ROW
        frame.text(label_w - 6, y + ROW / 2 + 4, wrap(label, label_w - 8), anchor="end")
        frame.rect(label_w, label_w + plot_w, y + 6, ROW - 12, "track")
        frame.rect(label_w, label_w + plot_w * ratio, y + 6, ROW - 12, "c1", tip=f"{label}: {text}")
        frame.text(label_w + plot_w + 4, y + ROW / 2 + 4, text, cls="value", size=SMALL)
    return frame, len(items) * ROW
