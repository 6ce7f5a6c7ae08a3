"""Chart lines wherever they sit in the text: each one renders, or stops the build with its file and line.

A chart line alone on its line renders, with or without empty lines around it; `{chart …}`
inside a sentence, a list item or a quote stops the build. Either way, no `{chart` is ever
published as text.
"""

import re

import pytest
from test_charts_site import ABOUT, CODES, DATASET

from bilingual.errors import BuildError
from charts.embed import room_around_charts, scan_source
from conftest import TinySite

HEADER = "Title: First quarter\nDate: 2023-04-01\nType: report\nSummary: Counts.\n\n"  # the body starts on line 6
CHART = "{chart q1 by=platform}"
FILE = "publications/q1-report.en.md"

# name: (the English report's body, the line the build stops on — or None: the chart renders)
PLACEMENTS = {
    "empty lines around": (f"Counts by platform:\n\n{CHART}\n\nMore text.\n", None),
    "no empty line before": (f"Counts by platform:\n{CHART}\n\nMore text.\n", None),
    "no empty line after": (f"Counts by platform:\n\n{CHART}\nMore text.\n", None),
    "no empty line either side": (f"Counts by platform:\n{CHART}\nMore text.\n", None),
    "first line of the body": (f"{CHART}\n\nMore text.\n", None),
    "last line, no newline": (f"Counts by platform:\n\n{CHART}", None),
    "right under a heading": (f"## Counts\n{CHART}\n", None),
    "inside a sentence": (f"Counts by platform {CHART} and more text.\n", 6),
    "at the end of a sentence": (f"Counts by platform:\nhere they are {CHART}\n", 7),
    "in a heading": (f"## Counts {CHART}\n\nText.\n", 6),
    "inside a list item": (f"Counts:\n\n- one\n- {CHART}\n", 9),
    "in a list item's own paragraph": (f"Counts:\n\n- one\n\n    {CHART}\n", 10),
    "inside a quote": (f"Counts:\n\n> {CHART}\n", 8),
    "in a quote, under its text": (f"Counts:\n\n> Quoted.\n> {CHART}\n", 9),
}


def report_site(tmp_path, body):
    return TinySite(tmp_path).write({
        "data/violation-codes.yaml": CODES, "data/violations/q1.yaml": DATASET, **ABOUT,
        FILE: HEADER + body,
        "publications/q1-report.ar.md": ("Title: الربع الأول\nDate: 2023-04-01\nType: report\n"
                                         "Summary: أعداد.\n\nنص.\n"),
    })


def published_text(output):
    """Every text file the build wrote (pages, feeds, sitemaps, search index), as one string."""
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(output.rglob("*"))
                     if path.suffix in (".html", ".xml", ".json", ".txt", ".js") and path.is_file())


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_a_chart_line_renders_or_stops_the_build_naming_its_line(tmp_path, placement):
    body, line = PLACEMENTS[placement]
    site = report_site(tmp_path, body)
    if line is None:
        site.build()
        page = site.read("en/publications/q1-report/index.html")
        assert page.count('<figure class="chart"') == 1
        assert "More text." not in body or re.search(r"<p>More text.</p>", page)
        assert "<p>Counts by platform:</p>" in page or "Counts by platform" not in body  # no attributes, not eaten
    else:
        with pytest.raises(BuildError) as caught:
            site.build()
        problem = caught.value.problems[0]
        assert (problem.path, problem.line) == (FILE, line), str(caught.value)
        assert "put the chart line on a line of its own" in str(caught.value)
    if site.output.exists():
        assert "{chart" not in published_text(site.output)


def test_chart_lines_in_code_stay_code(tmp_path):
    body = (f"Write `{CHART}` on a line of its own:\n\n```\n{CHART}\n```\n\nOr indented:\n\n    {CHART}\n\n"
            f"{CHART}\n")
    site = report_site(tmp_path, body)
    site.build()
    page = site.read("en/publications/q1-report/index.html")
    assert page.count('<figure class="chart"') == 1
    assert page.count("{chart q1 by=platform}") == 3  # shown as code, three times


def test_scan_finds_chart_lines_and_misplaced_ones_with_their_lines():
    text = f"Title: T\n\nText.\n{CHART}\nA sentence {CHART}.\n\n```\n{CHART}\n```\n- {CHART}\n"
    charts, misplaced = scan_source(text)
    assert charts == [(4, CHART)]
    assert [line for line, _ in misplaced] == [5, 10]


def test_each_chart_line_gets_an_empty_line_before_and_after():
    lines = ["Text.", CHART, "More."]
    assert room_around_charts(lines) == ["Text.", "", CHART, "", "More."]
