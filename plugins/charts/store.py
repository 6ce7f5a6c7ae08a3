"""Every dataset of the site, read once per build (and again only when a file changes)."""

import functools
import os

from bilingual.errors import ContentError
from messages import t

from .schema import parse_codes, parse_dataset


class DataStore:
    def __init__(self, datasets, dimensions):
        self.datasets = datasets  # id → Dataset, sorted by id
        self.dimensions = dimensions  # code → Dimension

    def __contains__(self, dataset_id):
        return dataset_id in self.datasets

    def years(self):
        """{year: [Dataset]}, newest year first, for the dashboard."""
        years = {}
        for dataset in self.datasets.values():
            years.setdefault(dataset.year, []).append(dataset)
        return dict(sorted(years.items(), reverse=True))


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


@functools.lru_cache(maxsize=8)
def _load(content_path, datasets_dir, codes_file, languages, stamps):
    # `stamps` (file names and mtimes) is only the cache key: a changed file reloads everything.
    names = [name for name, _ in stamps if name is not None]
    codes_path = os.path.join(content_path, codes_file)
    if not os.path.exists(codes_path):
        if names:
            raise ContentError(codes_file, t("the dataset codes file is missing"),
                               hint=t("it gives every platform, type and status code its label in each language"))
        return DataStore({}, {})
    dimensions = parse_codes(_read(codes_path), codes_file, languages)
    datasets = {}
    for name in names:
        rel = f"{datasets_dir}/{name}"
        dataset = parse_dataset(_read(os.path.join(content_path, rel)), rel, languages, dimensions)
        datasets[dataset.id] = dataset
    return DataStore(datasets, dimensions)


def load_store(settings):
    """The site's datasets; a mistake in any file stops the build naming its line."""
    content_path, datasets_dir, codes_file = settings["PATH"], settings["DATASETS_PATH"], settings["DATASET_CODES_FILE"]
    folder = os.path.join(content_path, datasets_dir)
    names = sorted(n for n in os.listdir(folder) if n.endswith(".yaml")) if os.path.isdir(folder) else []
    codes_path = os.path.join(content_path, codes_file)
    stamps = tuple((name, os.stat(os.path.join(folder, name)).st_mtime_ns) for name in names)
    stamps += ((None, os.stat(codes_path).st_mtime_ns if os.path.exists(codes_path) else 0),)
    return _load(content_path, datasets_dir, codes_file, tuple(settings["LANGUAGES"]), stamps)
