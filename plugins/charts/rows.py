"""A dataset's rows, checked one by one with the line each is on.

Rows are most of a dataset and PyYAML builds a Python node for every scalar, which costs
about 20 ms per 500 rows even with libyaml. Rows written the usual way, one flow mapping
per line (`  - {period: '2022-01', platform: facebook, …, count: 8}`), are therefore read
with a strict line pattern; a file with any other row layout, or any value whose YAML type
would not be a plain string or a whole number, goes through PyYAML instead. Both paths give
each row to the same `check_row`, so their results and messages are the same (tested).
"""

import re

import yaml

from bilingual.errors import ContentError
from bilingual.metadata import suggest
from messages import t

PERIOD = "period"
ROW_LINE = re.compile(r"^  - \{(.*)\}\s*$")
PAIR = re.compile(r"^\s*([a-z][a-z0-9_-]*): (?:'([^']*)'|([A-Za-z0-9_.+-]+))\s*$")
RESOLVER = yaml.resolver.Resolver()
STR_TAG = "tag:yaml.org,2002:str"


def not_a_period(value, granularity):
    """'2023-13' is not a month: one whole sentence per granularity, so each translates as a sentence."""
    return {"month": t("'{value}' is not a month", value=value),
            "quarter": t("'{value}' is not a quarter", value=value),
            "year": t("'{value}' is not a year", value=value)}[granularity]


def not_a_period_at_all(value, granularity):
    """A day (2023-01-01) or a value of another kind (1.5, true) where a period belongs."""
    return {"month": t("'{value}' is a day or another kind of value, not a month", value=value),
            "quarter": t("'{value}' is a day or another kind of value, not a quarter", value=value),
            "year": t("'{value}' is a day or another kind of value, not a year", value=value)}[granularity]


def split_rows(text):
    """(header text, [(line, {key: value})]) when every row is one plain line; else None."""
    lines = text.split("\n")
    try:
        start = lines.index("rows:")
    except ValueError:
        return None
    rows, plain = [], {}  # plain: bare token → is it a YAML string? (codes repeat on every row)
    for number, line in enumerate(lines[start + 1:], start=start + 2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = ROW_LINE.match(line)
        if not match:
            return None
        fields = {}
        for pair in match.group(1).split(","):
            found = PAIR.match(pair)
            if not found or found.group(1) in fields:
                return None
            key, quoted, bare = found.groups()
            if bare is not None and bare not in plain:
                plain[bare] = RESOLVER.resolve(yaml.ScalarNode, bare, (True, False)) == STR_TAG
            if quoted is not None:
                fields[key] = quoted
            elif plain[bare]:
                fields[key] = bare
            elif bare.isdigit() and (bare == "0" or bare[0] != "0"):  # a whole number (YAML reads 010 as octal)
                fields[key] = int(bare)
            else:
                return None  # a YAML type of its own (true, 1.5, -3, null…): let PyYAML read it
        rows.append((number, fields))
    header = "\n".join(lines[:start] + ["rows: []"]) + "\n"
    return header, rows


def node_rows(node):
    """[(line, {key: (value, line)})] from PyYAML nodes: the general path."""
    rows = []
    for row_node in node.list():
        rows.append((row_node.line, {key: (value.value(), value.line) for key, _, value in row_node.items()}))
    return rows


class RowChecker:
    def __init__(self, path, dataset, dimensions, period_key, period_help):
        self.path, self.dataset, self.dimensions = path, dataset, dimensions
        self.period_help = period_help
        self.expected = [PERIOD, *dataset.dimensions, "count"]
        self.period_key = period_key
        self.first, self.last = period_key(dataset.start), period_key(dataset.end)
        self.seen = {}
        self.good_periods = set()

    def error(self, line, message, hint=None):
        return ContentError(self.path, message, line=line, hint=hint)

    def check_row(self, row_line, fields):
        """fields: {key: (value, line)} → the row dict; a mistake names its line."""
        expected, dataset = self.expected, self.dataset
        for key, (_, line) in fields.items():
            if key not in expected:
                raise self.error(line, t("unknown field '{field}' in a row", field=key),
                                 hint=suggest(key, expected) or t("a row has {fields}", fields=expected))
        missing = [key for key in expected if key not in fields]
        if missing:
            raise self.error(row_line, t("the row has no {fields}", fields=missing),
                             hint=t("a row has {fields}", fields=expected))
        row = {PERIOD: self.period(*fields[PERIOD])}
        for dim in dataset.dimensions:
            code, line = fields[dim]
            if code not in self.dimensions[dim].codes:
                hint = suggest(str(code), self.dimensions[dim].codes)
                raise self.error(line, t("unknown {dimension} '{code}'", dimension=dim, code=code),
                                 hint=hint or t("the {dimension} codes are listed in the codes file", dimension=dim))
            row[dim] = code
        row["count"] = self.count(*fields["count"])
        key = tuple(row[k] for k in expected[:-1])
        if key in self.seen:
            raise self.error(row_line, t("this row repeats the one on line {line}", line=self.seen[key]),
                             hint=t("add the counts together into one row"))
        self.seen[key] = row_line
        return row

    def period(self, raw, line):
        if raw in self.good_periods:
            return raw
        granularity, how = self.dataset.granularity, t("write {format}", format=self.period_help)
        if not isinstance(raw, (str, int)) or isinstance(raw, bool):
            raise self.error(line, not_a_period_at_all(raw, granularity), hint=how)
        text = str(raw).strip()
        key = self.period_key(text)
        if key is None:
            raise self.error(line, not_a_period(text, granularity), hint=how)
        if not self.first <= key <= self.last:
            raise self.error(line, t("{period} is outside the dataset's period ({start} to {end})",
                                     period=text, start=self.dataset.start, end=self.dataset.end),
                             hint=t("correct the row's period, or widen 'period:' at the top of the file"))
        if text == raw:
            self.good_periods.add(text)
        return text

    def count(self, raw, line):
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise self.error(line, t("the count '{value}' is not a whole number", value=raw),
                             hint=t("write digits only, e.g. count: 12"))
        if raw < 0:
            raise self.error(line, t("the count {value} is negative", value=raw), hint=t("counts are zero or more"))
        return raw
