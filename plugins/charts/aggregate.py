"""Sums over dataset rows: group by any dimension, filter by any, totals, shares, over time.

A dashboard draws hundreds of charts, so each function makes one pass, and filtering is
done once (`select`) rather than tested inside every sum.
"""

from .schema import PERIOD


def matches(row, where):
    """where: {dimension: set of codes}; a row matches when every dimension's code is in its set."""
    for dim, codes in where.items():
        if row[dim] not in codes:
            return False
    return True


def select(rows, where):
    """The rows that match `where` (all of them when there is no filter)."""
    return [row for row in rows if matches(row, where)] if where else rows


def total(rows, where=None):
    return sum(row["count"] for row in select(rows, where))


def group(rows, by, order, where=None):
    """[(code, count)] for every code in `order` (zeros included, so charts keep their categories)."""
    sums = dict.fromkeys(order, 0)
    for row in select(rows, where):
        if row[by] in sums:
            sums[row[by]] += row["count"]
    return list(sums.items())


def cross(rows, by, order, stack, stack_order, where=None):
    """{code of `by`: [(code of `stack`, count)]} for stacked charts."""
    sums = {code: dict.fromkeys(stack_order, 0) for code in order}
    for row in select(rows, where):
        parts = sums.get(row[by])
        if parts is not None and row[stack] in parts:
            parts[row[stack]] += row["count"]
    return {code: list(parts.items()) for code, parts in sums.items()}


def share(rows, part, where=None):
    """(count matching `part` and `where`, count matching `where`) — e.g. restored among removals."""
    kept = select(rows, where)
    return total(kept, part), total(kept)


def share_by(rows, by, order, part, where=None):
    """[(code, hits, whole)] per code of `by`: share() for every category in one pass."""
    sums = {code: [0, 0] for code in order}
    for row in select(rows, where):
        pair = sums.get(row[by])
        if pair is not None:
            pair[1] += row["count"]
            if matches(row, part):
                pair[0] += row["count"]
    return [(code, hits, whole) for code, (hits, whole) in sums.items()]


def ratio(numerator, denominator):
    return numerator / denominator if denominator else 0.0


def over_time(rows, periods, where=None):
    """[(period, count)] for every period of the dataset, zeros included."""
    return group(rows, PERIOD, periods, where)
