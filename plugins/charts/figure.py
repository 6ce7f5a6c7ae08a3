"""From a ChartSpec to everything a chart figure shows, in one language: title, takeaway
sentence, SVG, table and CSV link. Words are English message ids marked with N_ and
translated by the theme's catalog, so `invoke messages` finds them.
"""

import datetime
from dataclasses import dataclass

import babel.dates
import babel.numbers
from markupsafe import Markup

from bilingual.l10n import format_number, month_locale, with_numerals

from . import aggregate, svg
from .schema import PERIOD


def N_(message):
    return message


GRANULARITY_NAMES = {"month": N_("Month"), "quarter": N_("Quarter"), "year": N_("Year")}


@dataclass
class Table:
    headers: list  # column headings; the first heads the row labels
    rows: list  # [label, cell, cell…], cells already formatted
    total: list  # the last row, or [] when a total would not make sense


@dataclass
class Chart:
    id: str
    kind: str
    title: str
    takeaway: str
    svg: Markup
    table: Table
    dataset: object  # schema.Dataset: source, methodology, sample flag
    csv_url: str
    frame: object = None  # svg.Frame: the marks, which raster.py draws again as a picture
    height: float = 0  # the frame's, in SVG units
    image: object = None  # raster.ChartImage, when the maker was given ChartImages


class Words:
    """Numbers, dates and messages in one language, with the site's numerals.

    Babel is slow per call and a dashboard formats the same small numbers thousands of
    times, so formatted numbers and periods are remembered.
    """

    def __init__(self, lang, locale, numerals, translations, months="levantine"):
        self.lang, self.locale, self.numerals = lang, locale, numerals
        self.month_locale = month_locale(locale, months)  # "both" would not fit an axis: the Levantine name
        self.gettext = translations.gettext
        self.memo = {}

    def _(self, message, **params):
        return self.gettext(message) % params if params else self.gettext(message)

    def _remember(self, key, make):
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    def number(self, value):
        return self._remember(("n", value), lambda: format_number(value, self.locale, self.numerals))

    def percent(self, ratio):
        return self._remember(("%", round(ratio, 4)), lambda: with_numerals(
            babel.numbers.format_percent(ratio, locale=self.locale, numbering_system=self.numerals), self.numerals))

    def period(self, text, granularity, with_year=True):
        """'Mar 2022', 'Q1 2022', '2022' — or 'Mar', 'Q1' when every period is in the same year."""
        return self._remember(("p", text, granularity, with_year), lambda: self._period(text, granularity, with_year))

    def _period(self, text, granularity, with_year):
        year = with_numerals(text[:4], self.numerals)  # a year has no thousands separator
        if granularity == "year":
            return year
        if granularity == "quarter":
            quarter = with_numerals(text[-1], self.numerals)
            if not with_year:
                return self._(N_("Q%(quarter)s"), quarter=quarter)
            return self._(N_("Q%(quarter)s %(year)s"), quarter=quarter, year=year)
        month = datetime.date(int(text[:4]), int(text[5:7]), 1)
        pattern = "MMM y" if with_year else "MMM"
        return with_numerals(babel.dates.format_date(month, pattern, locale=self.month_locale), self.numerals)


class ChartMaker:
    """Builds the charts of one language from the site's datasets."""

    def __init__(self, store, words, rtl, lang_prefix, images=None):
        self.store, self.words, self.rtl, self.lang_prefix = store, words, rtl, lang_prefix
        self.images = images  # raster.ChartImages: each chart built also gets its picture for social posts

    def build(self, spec, chart_id=None):
        self.spec, self.dataset = spec, self.store.read(spec.dataset)
        # Filter once; every sum below runs over the kept rows only.
        self.rows = aggregate.select(self.dataset.rows, spec.where_sets())
        self.total = aggregate.total(self.rows)
        make = {"share": self.share, "stacked": self.stacked}.get(spec.kind, self.simple)
        title, takeaway, (frame, height), table = make()
        chart_id = chart_id or spec.slug
        chart = Chart(
            id=chart_id, kind=spec.kind, title=title, takeaway=takeaway,
            svg=Markup(frame.svg(height, chart_id, title, takeaway, self.words.lang, spec.kind)),
            table=table, dataset=self.dataset, csv_url=f"{self.lang_prefix}data/{self.dataset.id}.csv",
            frame=frame, height=height,
        )
        if self.images:
            chart.image = self.images.publish(chart, spec, self.words)
        return chart

    # Labels and orders

    def label(self, dim, code):
        if dim == PERIOD:
            return self.words.period(code, self.dataset.granularity, self.dataset.start[:4] != self.dataset.end[:4])
        return self.store.dimensions[dim].codes[code][self.words.lang]

    def dim_label(self, dim):
        if dim == PERIOD:
            return self.words._(GRANULARITY_NAMES[self.dataset.granularity])
        return self.store.dimensions[dim].labels[self.words.lang]

    def order(self, dim):
        """Every period; or the codes this dataset uses, in the codes file's order."""
        if dim == PERIOD:
            return self.dataset.periods()
        return [code for code in self.store.dimensions[dim].codes if code in self.dataset.used[dim]]

    def title(self, message, **params):
        return self.words._(message, title=self.dataset.title[self.words.lang], **params)

    # One method per kind of chart: (title, takeaway, (frame, height), table)

    def simple(self):
        spec, words, number = self.spec, self.words, self.words.number
        counts = aggregate.group(self.rows, spec.by, self.order(spec.by))
        if spec.kind == "bar":
            counts.sort(key=lambda c: -c[1])  # ranked: the reader compares lengths
        items = [(self.label(spec.by, code), value, number(value)) for code, value in counts]
        time_rtl = self.rtl if not spec.time else spec.time == "rtl"
        if spec.kind == "bar":
            drawing = svg.bars(items, self.rtl)
        elif spec.kind == "column":
            drawing = svg.columns(items, number, time_rtl if spec.by == PERIOD else self.rtl)
        else:
            drawing = svg.lines([i[0] for i in items], [("", [i[1] for i in items], [i[2] for i in items])],
                                number, time_rtl)
        leader = max(counts, key=lambda c: c[1]) if counts else None
        table = Table([self.dim_label(spec.by), words._(N_("Count")), words._(N_("Share"))],
                      [[self.label(spec.by, c), number(v), words.percent(aggregate.ratio(v, self.total))]
                       for c, v in counts],
                      [words._(N_("Total")), number(self.total), words.percent(1 if self.total else 0)])
        title = self.title(N_("%(title)s, by %(dimension)s"), dimension=self.dim_label(spec.by).lower())
        return title, self.leader_sentence(leader), drawing, table

    def stacked(self):
        spec, words, number = self.spec, self.words, self.words.number
        stack_order = self.order(spec.stack)
        stack_labels = [self.label(spec.stack, code) for code in stack_order]
        matrix = aggregate.cross(self.rows, spec.by, self.order(spec.by), spec.stack, stack_order)
        entries = [(code, parts, sum(v for _, v in parts)) for code, parts in matrix.items()]
        if spec.by != PERIOD:
            entries.sort(key=lambda e: -e[2])
        items = [(self.label(spec.by, c), [(v, number(v)) for _, v in parts], number(t)) for c, parts, t in entries]
        sums = aggregate.group(self.rows, spec.stack, stack_order)
        takeaway = self.leader_sentence(max(((c, t) for c, _, t in entries), key=lambda e: e[1], default=None))
        if self.total:
            code, count = max(sums, key=lambda s: s[1])
            takeaway += " " + words._(N_("The largest part overall: %(part)s (%(share)s)."),
                                      part=self.label(spec.stack, code), share=words.percent(count / self.total))
        table = Table([self.dim_label(spec.by), *stack_labels, words._(N_("Total"))],
                      [[self.label(spec.by, c), *(number(v) for _, v in parts), number(t)] for c, parts, t in entries],
                      [words._(N_("Total")), *(number(v) for _, v in sums), number(self.total)])
        title = self.title(N_("%(title)s, by %(dimension)s and %(stack)s"),
                           dimension=self.dim_label(spec.by).lower(), stack=self.dim_label(spec.stack).lower())
        return title, takeaway, svg.stacked_bars(items, stack_labels, self.rtl), table

    def share(self):
        spec, words, number = self.spec, self.words, self.words.number
        dim, code = spec.part
        part = {dim: {code}}
        part_label = self.label(dim, code)
        counts = [c for c in aggregate.share_by(self.rows, spec.by, self.order(spec.by), part) if c[2]]
        counts.sort(key=lambda c: -aggregate.ratio(c[1], c[2]))
        items = [(self.label(spec.by, c), aggregate.ratio(h, w), words.percent(aggregate.ratio(h, w)))
                 for c, h, w in counts]
        hits, whole = aggregate.share(self.rows, part)
        overall = words.percent(aggregate.ratio(hits, whole))
        if items:
            takeaway = words._(N_("%(part)s: highest for %(top)s (%(top_share)s), lowest for %(bottom)s "
                                  "(%(bottom_share)s), %(overall)s overall."),
                               part=part_label, top=items[0][0], top_share=items[0][2],
                               bottom=items[-1][0], bottom_share=items[-1][2], overall=overall)
        else:
            takeaway = words._(N_("No counts were recorded."))
        table = Table([self.dim_label(spec.by), part_label, words._(N_("All")), words._(N_("Share"))],
                      [[self.label(spec.by, c), number(h), number(w), words.percent(aggregate.ratio(h, w))]
                       for c, h, w in counts],
                      [words._(N_("Total")), number(hits), number(whole), overall])
        title = self.title(N_("%(title)s: share %(part)s, by %(dimension)s"),
                           part=part_label.lower(), dimension=self.dim_label(spec.by).lower())
        return title, takeaway, svg.shares(items, self.rtl), table

    def leader_sentence(self, leader):
        """'Facebook led with 412 of 1,119 (37%).' — or the peak period on a time axis."""
        words = self.words
        if not leader or not self.total:
            return words._(N_("No counts were recorded."))
        code, count = leader
        params = dict(top=self.label(self.spec.by, code), count=words.number(count),
                      total=words.number(self.total), share=words.percent(count / self.total))
        if self.spec.by == PERIOD:
            return words._(N_("The peak was %(top)s, with %(count)s of %(total)s (%(share)s)."), **params)
        return words._(N_("%(top)s led with %(count)s of %(total)s (%(share)s)."), **params)
