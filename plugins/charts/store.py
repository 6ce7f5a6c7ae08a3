"""Every dataset of the site, read once per build (and again only when a file changes)."""

import functools
import hashlib
import os

from bilingual.errors import ContentError
from incremental.trace import read_file
from messages import t

from .schema import parse_codes, parse_dataset


class DataStore:
    def __init__(self, datasets, dimensions, content_path=""):
        self.datasets = datasets  # id → Dataset, sorted by id
        self.dimensions = dimensions  # code → Dimension
        self.content_path = content_path

    def read(self, dataset_id):
        """The dataset, noted as read by the page being rendered (incremental.trace): the page is rendered
        again when that file's bytes change, and not when another dataset's do."""
        dataset = self.datasets[dataset_id]
        read_file(os.path.abspath(os.path.join(self.content_path, dataset.path)), dataset.digest)
        return dataset

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
        with open(os.path.join(content_path, rel), "rb") as handle:
            data = handle.read()
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as open() in text mode reads it
        dataset = parse_dataset(text, rel, languages, dimensions)
        dataset.digest = hashlib.sha256(data).hexdigest()  # of the bytes, as incremental.renders hashes the file
        datasets[dataset.id] = dataset
    return DataStore(datasets, dimensions, content_path)


def dataset_names(settings):
    """The file names of the datasets, sorted: every .yaml file right in DATASETS_PATH."""
    folder = os.path.join(settings["PATH"], settings["DATASETS_PATH"])
    return sorted(n for n in os.listdir(folder) if n.endswith(".yaml")) if os.path.isdir(folder) else []


def dataset_files(settings):
    """The absolute paths of the datasets' files: what only the pages showing a dataset read (incremental/)."""
    folder = os.path.abspath(os.path.join(settings["PATH"], settings["DATASETS_PATH"]))
    return [os.path.join(folder, name) for name in dataset_names(settings)]


def load_store(settings):
    """The site's datasets; a mistake in any file stops the build naming its line."""
    content_path, datasets_dir, codes_file = settings["PATH"], settings["DATASETS_PATH"], settings["DATASET_CODES_FILE"]
    folder = os.path.join(content_path, datasets_dir)
    names = dataset_names(settings)
    codes_path = os.path.join(content_path, codes_file)
    stamps = tuple((name, os.stat(os.path.join(folder, name)).st_mtime_ns) for name in names)
    stamps += ((None, os.stat(codes_path).st_mtime_ns if os.path.exists(codes_path) else 0),)
    return _load(content_path, datasets_dir, codes_file, tuple(settings["LANGUAGES"]), stamps)
