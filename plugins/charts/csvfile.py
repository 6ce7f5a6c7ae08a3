"""A dataset as CSV, in one language: UTF-8 with a byte-order mark, so spreadsheet
programs open the Arabic labels correctly; digits are always 0-9, periods ISO."""

import csv
import io

from .schema import PERIOD

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list for CSV injection


def _cell(text):
    # A label starting like a formula would run as one in a spreadsheet; a leading
    # apostrophe keeps it text.
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def dataset_csv(dataset, dimensions, lang, headings):
    """headings: {PERIOD: …, "count": …} in the language; dimensions give the other columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_cell(headings[PERIOD]), *(_cell(dimensions[d].labels[lang]) for d in dataset.dimensions),
                     _cell(headings["count"])])
    for row in dataset.rows:
        writer.writerow([row[PERIOD], *(_cell(dimensions[d].codes[row[d]][lang]) for d in dataset.dimensions),
                         row["count"]])
    return "\ufeff" + buffer.getvalue()
