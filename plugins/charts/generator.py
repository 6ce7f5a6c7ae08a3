"""The data dashboard (/data/, /data/<year>/) and one CSV per dataset, in each language."""

import os

from pelican.generators import Generator

from .csvfile import dataset_csv
from .dashboard import LazyViews, check_dashboard_settings, year_views
from .figure import GRANULARITY_NAMES, N_
from .schema import PERIOD
from .templating import chart_maker


class DataGenerator(Generator):
    def generate_context(self):
        check_dashboard_settings(self.settings)
        self.maker = chart_maker(self.settings)
        self.store = self.maker.store
        self.years = self.store.years()
        self.context["DATA_MENU"] = bool(self.years)  # the menu links to /data/ once there is data

    def url_for(self, year=None):
        return f"{self.settings['LANG_PREFIX']}data/" + (f"{year}/" if year else "")

    def listing_urls(self):
        if not self.years:
            return []
        return [self.url_for(), *(self.url_for(year) for year in self.years)]

    def generate_output(self, writer):
        if not self.years:
            return
        template = self.get_template("data")
        years = {year: LazyViews(year, lambda datasets=datasets: year_views(datasets, self.store, self.maker,
                                                                             self.settings), datasets)
                 for year, datasets in self.years.items()}
        latest = next(iter(years))
        for year in [None, *years]:
            url = self.url_for(year)
            writer.write_file(
                url + "index.html", template, self.context, relative_urls=self.settings["RELATIVE_URLS"],
                template_name="data", listing_url=url, page_name=url + "index",
                year=year or latest, views=years[year or latest], years=list(years),
                datasets=list(self.store.datasets.values()), year_url=self.url_for,
            )
        self.write_csvs()

    def write_csvs(self):
        words = self.maker.words
        folder = os.path.join(self.output_path, self.settings["LANG_PREFIX"], "data")
        os.makedirs(folder, exist_ok=True)
        for dataset in self.store.datasets.values():
            headings = {PERIOD: words._(GRANULARITY_NAMES[dataset.granularity]), "count": words._(N_("Count"))}
            text = dataset_csv(dataset, self.store.dimensions, words.lang, headings)
            with open(os.path.join(folder, f"{dataset.id}.csv"), "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
