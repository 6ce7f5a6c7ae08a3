"""Datasets of aggregated violation counts, and the codes they use, checked line by line.

The format is documented in docs/data-schema.md. Only aggregated counts are accepted:
a row is a period, one code per dimension and a count; there is no field for a person.
"""

import datetime
import re
from dataclasses import dataclass, field

from bilingual.errors import ContentError
from bilingual.metadata import SLUG, suggest
from messages import t

from .rows import PERIOD, RowChecker, node_rows, not_a_period, not_a_period_at_all, split_rows
from .yamlfile import load_nodes

GRANULARITIES = {
    "month": (re.compile(r"^(\d{4})-(\d{2})$"), t("YYYY-MM, e.g. 2022-03")),
    "quarter": (re.compile(r"^(\d{4})-Q([1-4])$"), t("YYYY-Qn, e.g. 2022-Q1")),
    "year": (re.compile(r"^(\d{4})$"), t("YYYY, e.g. 2022")),
}
DATASET_KEYS = {"id", "title", "description", "period", "granularity", "unit", "source",
                "methodology", "sample", "dimensions", "rows"}
MAX_ROWS = 100_000  # aggregated counts: ten years of months × platforms × types × statuses stays far below
REQUIRED_KEYS = ("id", "title", "period", "granularity", "unit", "source", "dimensions", "rows")


@dataclass(frozen=True)
class Dimension:
    code: str
    labels: dict  # lang → label
    codes: dict  # code → {lang: label}, in the file's order (the order charts use)


@dataclass
class Dataset:
    id: str
    path: str
    title: dict
    granularity: str
    start: str
    end: str
    unit: dict
    source: dict
    dimensions: list  # dimension codes, in the file's order
    rows: list  # dicts: period, one code per dimension, count
    description: dict = field(default_factory=dict)
    methodology: str = ""
    sample: bool = False
    used: dict = field(default_factory=dict)  # dimension → set of the codes its rows use
    digest: str = ""  # SHA-256 of the file's bytes, as read (store.py): what a rebuild compares

    def incremental_key(self):
        """How a rebuild tells this dataset (incremental.digest): its file and the SHA-256 of the bytes read
        from it (the codes file, the other input, is in the hash of the environment every page is rendered in)."""
        return f"{self.path}:{self.id}:{self.digest}"

    @property
    def year(self):
        return int(self.start[:4])

    def periods(self):
        """Every period from start to end, so months without counts show as zero."""
        return list(_period_range(self.start, self.end, self.granularity))


def labels_of(node, languages, what):
    """{lang: text} with a non-empty label for every language; `what` (a Text) names the labelled thing."""
    labels = {}
    for key, line, value in node.items():
        if key not in languages:
            raise node.error(t("'{language}' is not a language of the site", language=key),
                             hint=t("languages: {choices}", choices=list(languages)))
        labels[key] = value.value()
    missing = [lang for lang in languages if not str(labels.get(lang) or "").strip()]
    if missing:
        raise node.error(t("{what} has no label in {languages}", what=what, languages=missing),
                         hint=t("write it as  {example}", example=", ".join(f"{lang}: …" for lang in languages)))
    return {lang: str(text).strip() for lang, text in labels.items()}


def parse_codes(text, path, languages):
    """The codes file: {dimension: Dimension}; every code has a label in every language."""
    root = load_nodes(text, path)
    if root is None:
        return {}
    dimensions = {}
    for dim, line, node in root.items():
        if not SLUG.match(dim) or dim == PERIOD:
            raise node.error(t("'{dimension}' cannot name a dimension", dimension=dim),
                             hint=t("use lower-case latin letters, digits and hyphens; 'period' is reserved"))
        parts = node.mapping()
        unknown = set(parts) - {"label", "codes"}
        if unknown or "label" not in parts or "codes" not in parts:
            raise node.error(t("dimension '{dimension}' needs exactly 'label:' and 'codes:'", dimension=dim))
        codes = {}
        for code, _, labels in parts["codes"].items():
            if not SLUG.match(code):
                raise labels.error(t("'{code}' is not a valid code", code=code),
                                   hint=t("use lower-case latin letters, digits and hyphens"))
            codes[code] = labels_of(labels, languages, t("the code '{code}'", code=code))
        dimensions[dim] = Dimension(dim, labels_of(parts["label"], languages, t("the dimension '{dimension}'", dimension=dim)),
                                    codes)
    return dimensions


def _period_key(text, granularity):
    pattern, _ = GRANULARITIES[granularity]
    match = pattern.match(text)
    if not match:
        return None
    numbers = tuple(int(group) for group in match.groups())
    if granularity == "month" and not 1 <= numbers[1] <= 12:
        return None
    return numbers


def _period_range(start, end, granularity):
    year, step = _period_key(start, granularity)[0], _period_key(start, granularity)[1:]
    last = _period_key(end, granularity)
    per_year = {"month": 12, "quarter": 4, "year": 1}[granularity]
    sub = step[0] if step else 1
    while (year, sub) <= (last[0], last[1] if len(last) > 1 else 1):
        yield {"month": f"{year}-{sub:02d}", "quarter": f"{year}-Q{sub}", "year": f"{year}"}[granularity]
        sub += 1
        if sub > per_year:
            year, sub = year + 1, 1


def _period(node, granularity):
    raw = node.value()
    how = t("write {format}", format=GRANULARITIES[granularity][1])
    if isinstance(raw, (datetime.date, datetime.datetime)):
        raise node.error(not_a_period_at_all(raw, granularity), hint=how)
    text = str(raw).strip()
    if _period_key(text, granularity) is None:
        raise node.error(not_a_period(text, granularity), hint=how)
    return text


def parse_dataset(text, path, languages, dimensions):
    """One dataset file → Dataset, or a ContentError naming the line."""
    fast = split_rows(text)  # rows on plain lines skip PyYAML's per-scalar nodes (see rows.py)
    root = load_nodes(fast[0] if fast else text, path)
    if root is None:
        raise ContentError(path, t("the dataset file is empty"), hint=t("see docs/data-schema.md for the fields it needs"))
    parts = root.mapping()
    for key, line, node in root.items():
        if key not in DATASET_KEYS:
            hint = suggest(key, DATASET_KEYS)
            raise node.error(t("unknown field '{field}'", field=key),
                             hint=hint or t("fields: {choices}", choices=sorted(DATASET_KEYS)))
    for key in REQUIRED_KEYS:
        if key not in parts:
            raise root.error(t("the dataset has no '{field}:'", field=key), hint=t("see docs/data-schema.md"))

    dataset_id = str(parts["id"].value())
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if dataset_id != stem:
        raise parts["id"].error(t("the id '{id}' differs from the file name '{name}'", id=dataset_id, name=stem),
                                hint=t("the id is the file name without .yaml; rename one of them"))
    granularity = str(parts["granularity"].value())
    if granularity not in GRANULARITIES:
        raise parts["granularity"].error(t("unknown granularity '{value}'", value=granularity),
                                         hint=suggest(granularity, GRANULARITIES) or t("write month, quarter or year"))
    span = parts["period"].mapping()
    if set(span) != {"start", "end"}:
        raise parts["period"].error(t("period needs exactly 'start:' and 'end:'"))
    start, end = _period(span["start"], granularity), _period(span["end"], granularity)
    if _period_key(end, granularity) < _period_key(start, granularity):
        raise span["end"].error(t("the period ends ({end}) before it starts ({start})", end=end, start=start))

    dims = [str(node.value()) for node in parts["dimensions"].list()]
    for node, dim in zip(parts["dimensions"].list(), dims):
        if dim not in dimensions:
            raise node.error(t("unknown dimension '{dimension}'", dimension=dim),
                             hint=suggest(dim, dimensions) or t("dimensions: {choices}", choices=list(dimensions)))
    if len(set(dims)) != len(dims):
        raise parts["dimensions"].error(t("a dimension is listed twice"))

    sample = parts["sample"].value() if "sample" in parts else False
    if not isinstance(sample, bool):
        raise parts["sample"].error(t("sample is true or false"))
    methodology = str(parts["methodology"].value()).strip() if "methodology" in parts else ""
    if methodology and (not methodology.startswith(("https://", "/")) or methodology.startswith(("//", "/\\"))):
        raise parts["methodology"].error(t("'{value}' is not a link", value=methodology),
                                         hint=t("a full https:// address, or a path on this site starting with /"))

    dataset = Dataset(
        id=dataset_id, path=path,
        title=labels_of(parts["title"], languages, t("the title")),
        description=labels_of(parts["description"], languages, t("the description")) if "description" in parts else {},
        granularity=granularity, start=start, end=end,
        unit=labels_of(parts["unit"], languages, t("the unit")),
        source=labels_of(parts["source"], languages, t("the source")),
        methodology=methodology, sample=sample, dimensions=dims, rows=[],
    )
    checker = RowChecker(path, dataset, dimensions, lambda text: _period_key(text, granularity),
                         GRANULARITIES[granularity][1])
    if fast:
        found = [(line, {key: (value, line) for key, value in fields.items()}) for line, fields in fast[1]]
    else:
        found = node_rows(parts["rows"])
    if len(found) > MAX_ROWS:
        raise ContentError(path, t("the dataset has {rows} rows; a dataset may have at most {limit}",
                                   rows=f"{len(found):,}", limit=f"{MAX_ROWS:,}"),
                           line=found[MAX_ROWS][0], hint=t("counts are aggregated: group the rows by period, or "
                                                           "split the dataset, e.g. one file per year"))
    dataset.rows = [checker.check_row(line, fields) for line, fields in found]
    dataset.used = {dim: {row[dim] for row in dataset.rows} for dim in dims}
    return dataset
