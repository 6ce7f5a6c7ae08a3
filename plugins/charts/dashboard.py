"""What the data dashboard shows for one year: headline figures and charts per dataset.

Which charts appear is a setting (DATA_DASHBOARD_CHARTS, in the chart-line syntax
without the dataset); a chart is left out for a dataset that lacks its dimensions.
"""

from dataclasses import dataclass

from bilingual.errors import ContentError
from bilingual.settingsfile import locate
from messages import t

from . import aggregate
from .directive import DirectiveError, check_spec, parse_directive
from .figure import N_


@dataclass
class Headline:
    figure: str
    label: str


@dataclass
class DatasetView:
    dataset: object
    headlines: list
    charts: list


def check_dashboard_settings(settings):
    """DATA_DASHBOARD_CHARTS and DATA_DASHBOARD_SHARE parse as chart lines (checked even with no data yet)."""
    settings_file = settings.get("SETTINGS_FILE", "pelicanconf.py")
    for name, lines in (("DATA_DASHBOARD_CHARTS", settings["DATA_DASHBOARD_CHARTS"]),
                        ("DATA_DASHBOARD_SHARE", [settings["DATA_DASHBOARD_SHARE"]] if settings["DATA_DASHBOARD_SHARE"] else [])):
        for text in lines:
            try:
                spec = parse_directive(f"any-dataset {text}")
            except DirectiveError as error:
                path, line = locate(settings_file, name)
                raise ContentError(path, t("{setting}: '{chart_line}': {problem}", setting=name, chart_line=text,
                                           problem=error.message), line=line, hint=error.hint) from None
            if name == "DATA_DASHBOARD_SHARE" and not spec.part:
                path, line = locate(settings_file, name)
                raise ContentError(path, t("{setting} needs share=DIMENSION:CODE", setting=name), line=line,
                                   hint=t("e.g. '{example}'",
                                          example="kind=share by=platform share=status:restored where=type:content-removal"))


def dashboard_specs(lines, dataset, store):
    """The dashboard's ChartSpecs that this dataset can draw (lines already checked)."""
    specs = []
    for text in lines:
        spec = parse_directive(f"{dataset.id} {text}")
        try:
            check_spec(spec, store)
        except DirectiveError:
            continue  # this dataset does not have what the chart needs
        specs.append(spec)
    return specs


def headlines(dataset, store, words, share_line):
    """The total, and the share the settings name (e.g. restored among removals), if it applies."""
    total = aggregate.total(dataset.rows)
    figures = [Headline(words.number(total), f"{dataset.unit[words.lang]}")]
    specs = dashboard_specs([share_line], dataset, store) if share_line else []
    if specs:
        spec = specs[0]
        dim, code = spec.part
        hits, whole = aggregate.share(dataset.rows, {dim: {code}}, spec.where_sets())
        context = ", ".join(store.dimensions[d].codes[c][words.lang] for d, codes in spec.where for c in codes)
        part = store.dimensions[dim].codes[code][words.lang]
        label = words._(N_("%(whole)s: share %(part)s"), part=part.lower(), whole=context) if context else part
        figures.append(Headline(words.percent(aggregate.ratio(hits, whole)), label))
    return figures


class LazyViews:
    """A year's DatasetViews, built when a template first reads them. An incremental build keys the
    dashboard's pages without building every chart (incremental.digest): the views are made from the
    year's datasets, the codes file and the settings alone — the last two in the hash of the environment
    pages are rendered in —, so the year and its datasets' bytes are the key. (The views are built once
    and shown by two pages, /data/ and the latest year's: only the first would note the datasets as read.)"""

    def __init__(self, year, build, datasets):
        self.year, self._build, self._views = year, build, None
        self.datasets = datasets

    def incremental_key(self):
        return f"dashboard views of {self.year}: " + " ".join(f"{d.path}={d.digest}" for d in self.datasets)

    def _all(self):
        if self._views is None:
            self._views = self._build()
        return self._views

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return len(self._all())

    def __getitem__(self, index):
        return self._all()[index]


def year_views(datasets, store, maker, settings):
    views = []
    for dataset in datasets:
        specs = dashboard_specs(settings["DATA_DASHBOARD_CHARTS"], dataset, store)
        views.append(DatasetView(dataset, headlines(dataset, store, maker.words, settings["DATA_DASHBOARD_SHARE"]),
                                 [maker.build(spec) for spec in specs]))
    return views
