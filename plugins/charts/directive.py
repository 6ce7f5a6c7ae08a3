"""The one-line chart embed staff write in Markdown, e.g.

    {chart violations-2022 by=platform kind=bar}

parsed into a ChartSpec and checked against the site's datasets.
"""

import re
from dataclasses import dataclass

from bilingual.metadata import suggest
from messages import t

from .schema import PERIOD

KINDS = ("bar", "column", "stacked", "line", "share")
OPTIONS = ("by", "kind", "stack", "share", "where", "time")
# A directive alone on its line in the source, and the paragraph Markdown makes of it.
SOURCE_LINE = re.compile(r"^\s{0,3}\{chart\b[^}]*\}\s*$")
HTML_PARAGRAPH = re.compile(r"<p>\{chart\b([^}<]*)\}</p>")
# What a chart paragraph becomes in the item's HTML until the page is written (SLOT reads it back).
SLOT_HTML = '<div class="chart-slot" data-chart="{n}"></div>'
SLOT = re.compile(r'<div class="chart-slot" data-chart="(\d+)"></div>')


class DirectiveError(ValueError):
    def __init__(self, message, hint=None):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class ChartSpec:
    dataset: str
    kind: str
    by: str
    stack: str = ""
    part: tuple = ()  # (dimension, code) whose share the share chart shows
    where: tuple = ()  # ((dimension, (codes…)), …) rows to keep
    time: str = ""  # "ltr" or "rtl" for a time axis; "" follows the language

    @property
    def slug(self):
        """A stable id for the chart, from what it shows."""
        bits = [self.dataset, self.kind, self.by, self.stack, "-".join(self.part)]
        bits += [f"{dim}-{'-'.join(codes)}" for dim, codes in self.where]
        return "chart-" + "-".join(bit for bit in bits if bit)

    def where_sets(self):
        return {dim: set(codes) for dim, codes in self.where}


def parse_directive(text):
    """'violations-2022 by=platform kind=bar' → ChartSpec (not yet checked against data)."""
    words = text.split()
    if not words or "=" in words[0]:
        raise DirectiveError(t("the chart line does not name a dataset"),
                             hint=t("write {{chart DATASET by=DIMENSION kind=bar}}"))
    options = {}
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if not sep or not value:
            raise DirectiveError(t("'{word}' is not an option=value pair", word=word), hint=t("e.g. by=platform"))
        if key not in OPTIONS:
            raise DirectiveError(t("unknown chart option '{option}'", option=key),
                                 hint=suggest(key, OPTIONS) or t("options: {choices}", choices=list(OPTIONS)))
        options[key] = value
    kind = options.get("kind", "bar")
    if kind not in KINDS:
        raise DirectiveError(t("unknown chart kind '{kind}'", kind=kind),
                             hint=suggest(kind, KINDS) or t("kinds: {choices}", choices=list(KINDS)))
    part = tuple(options["share"].split(":", 1)) if "share" in options else ()
    where = []
    for clause in options.get("where", "").split(","):
        if clause:
            dim, sep, codes = clause.partition(":")
            if not sep or not codes:
                raise DirectiveError(t("'{clause}' is not a filter", clause=clause),
                                     hint=t("write where=DIMENSION:CODE, e.g. where=status:restored"))
            where.append((dim, tuple(codes.split("+"))))
    if options.get("time", "ltr") not in ("ltr", "rtl"):
        raise DirectiveError(t("time={value} is not ltr or rtl", value=options["time"]),
                             hint=t("time=ltr puts the earliest period on the left, time=rtl on the right; "
                                    "leave it out to follow the page's language"))
    by = options.get("by", PERIOD if kind == "line" else "")
    return ChartSpec(words[0], kind, by, options.get("stack", ""), part, tuple(sorted(where)), options.get("time", ""))


def check_spec(spec, store):
    """Raise DirectiveError unless the dataset and every dimension and code it names exist."""
    if spec.dataset not in store:
        known = list(store.datasets)
        raise DirectiveError(t("unknown dataset '{dataset}'", dataset=spec.dataset), hint=suggest(spec.dataset, known) or (
            t("datasets: {choices}", choices=known) if known else t("the site has no datasets yet")))
    dataset = store.datasets[spec.dataset]

    def dimension(dim, option, allow_period=False):
        if allow_period and dim == PERIOD:
            return
        if dim not in dataset.dimensions:
            choices = dataset.dimensions + ([PERIOD] if allow_period else [])
            raise DirectiveError(
                t("the dataset '{dataset}' has no dimension '{dimension}' ({option})",
                  dataset=dataset.id, dimension=dim, option=option),
                hint=suggest(dim, choices) or t("its dimensions: {choices}", choices=choices))

    if not spec.by:
        raise DirectiveError(t("a {kind} chart needs by=DIMENSION", kind=spec.kind),
                             hint=t("e.g. by={dimension}", dimension=dataset.dimensions[0]))
    dimension(spec.by, "by=", allow_period=spec.kind in ("column", "line", "stacked"))
    if spec.kind == "line" and spec.by != PERIOD:
        raise DirectiveError(t("a line chart runs over time: leave out by= (or write by=period)"))
    if spec.kind == "stacked":
        if not spec.stack:
            raise DirectiveError(t("a stacked chart needs stack=DIMENSION"), hint=t("e.g. stack=status"))
        dimension(spec.stack, "stack=")
    if spec.kind == "share":
        if len(spec.part) != 2:
            raise DirectiveError(t("a share chart needs share=DIMENSION:CODE"), hint=t("e.g. share=status:restored"))
        dimension(spec.part[0], "share=")
        _codes(store, spec.part[0], [spec.part[1]])
    for dim, codes in spec.where:
        dimension(dim, "where=")
        _codes(store, dim, codes)


def _codes(store, dim, codes):
    known = list(store.dimensions[dim].codes)
    for code in codes:
        if code not in known:
            raise DirectiveError(t("unknown {dimension} '{code}'", dimension=dim, code=code),
                                 hint=suggest(code, known) or t("{dimension} codes: {choices}", dimension=dim, choices=known))
