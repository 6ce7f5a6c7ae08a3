"""Sums over dataset rows: group by any dimension, filter by any, totals, shares, over time."""

from .schema import PERIOD


def matches(row, where):
    """where: {dimension: set of codes}; a row matches when every dimension's code is in its set."""
    return all(row[dim] in codes for dim, codes in (where or {}).items())


def total(rows, where=None):
    return sum(row["count"] for row in rows if matches(row, where))


def group(rows, by, order, where=None):
    """[(code, count)] for every code in `order` (zeros included, so charts keep their categories)."""
    sums = dict.fromkeys(order, 0)
    for row in rows:
        if row[by] in sums and matches(row, where):
            sums[row[by]] += row["count"]
    return list(sums.items())


def cross(rows, by, order, stack, stack_order, where=None):
    """{code of `by`: [(code of `stack`, count)]} for stacked charts."""
    sums = {code: dict.fromkeys(stack_order, 0) for code in order}
    for row in rows:
        if row[by] in sums and row[stack] in stack_order and matches(row, where):
            sums[row[by]][row[stack]] += row["count"]
    return {code: list(parts.items()) for code, parts in sums.items()}


def share(rows, part, where=None):
    """(count matching `part` and `where`, count matching `where`) — e.g. restored among removals."""
    whole = total(rows, where)
    return total(rows, {**(where or {}), **part}), whole


def ratio(numerator, denominator):
    return numerator / denominator if denominator else 0.0


def over_time(rows, periods, where=None):
    """[(period, count)] for every period of the dataset, zeros included."""
    return group(rows, PERIOD, periods, where)
