"""Charts as a visitor sees them in Chromium: visible, mirrored in Arabic, table and CSV agree.

Accessibility (axe), 320 px and the language switch of /data/ are in test_browser.py's PAGES.
"""

import csv
import io
import re

import pytest

pytestmark = pytest.mark.browser

MONTHS = "#chart-violations-2022-column-period"
PLATFORMS = "#chart-violations-2022-bar-platform"


@pytest.mark.parametrize("path", ["data/", "en/data/", "publications/annual-report-2022/",
                                  "en/publications/annual-report-2022/"])
def test_charts_are_drawn_without_scripts(browser, served_site, path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{served_site}/{path}")
    charts = page.locator("figure.chart svg[role=img]")
    assert charts.count() >= 2
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box["width"] > 250 and box["height"] > 60
        assert charts.nth(i).locator("rect, path").count() > 2  # marks were drawn
    context.close()


@pytest.mark.parametrize("lang, path", [("ar", "data/"), ("en", "en/data/")])
def test_category_axis_runs_with_the_language(visit, lang, path):
    page, _ = visit(path)
    months = page.locator(f"{MONTHS} svg rect.c1")
    assert months.count() == 12
    january, december = months.first.bounding_box(), months.last.bounding_box()
    svg = page.locator(f"{MONTHS} svg").bounding_box()
    middle = svg["x"] + svg["width"] / 2
    if lang == "ar":
        assert january["x"] > middle > december["x"]  # the first category's bar is at the right
    else:
        assert january["x"] < middle < december["x"]
    # horizontal bars grow from the language's start side
    bar = page.locator(f"{PLATFORMS} svg rect.c1").first.bounding_box()
    if lang == "ar":
        assert bar["x"] + bar["width"] > middle
    else:
        assert bar["x"] < middle


def _table_numbers(page, chart):
    rows = page.locator(f"{chart} tbody tr")
    return {rows.nth(i).locator("th").inner_text(): int(re.sub(r"\D", "", rows.nth(i).locator("td").first.inner_text()))
            for i in range(rows.count())}


@pytest.mark.parametrize("path", ["data/", "en/data/"])
def test_table_opens_and_the_csv_has_the_same_numbers(visit, served_site, path):
    page, _ = visit(path)
    table = page.locator(f"{PLATFORMS} table")
    assert not table.is_visible()
    page.locator(f"{PLATFORMS} summary").click()
    assert table.is_visible()
    shown = _table_numbers(page, PLATFORMS)
    assert sum(shown.values()) == 1119  # the sample year's total, as the annual report states

    link = page.locator(f"{PLATFORMS} a[type='text/csv']")
    response = page.request.get(f"{served_site}{link.get_attribute('href')}")
    assert response.ok and response.body().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.body().decode("utf-8-sig"))))
    platform, count = list(rows[0])[1], list(rows[0])[-1]
    from_csv = {}
    for row in rows:
        from_csv[row[platform]] = from_csv.get(row[platform], 0) + int(row[count])
    assert from_csv == shown


def test_the_svg_has_an_accessible_name_and_description(visit):
    page, _ = visit("en/data/")
    svg = page.locator(f"{PLATFORMS} svg")
    name = page.evaluate("id => document.getElementById(id).textContent", svg.get_attribute("aria-labelledby"))
    desc = page.evaluate("id => document.getElementById(id).textContent", svg.get_attribute("aria-describedby"))
    assert name.endswith(", by platform")
    assert re.fullmatch(r"Facebook led with \d+ of 1,119 \(\d+%\)\.", desc)
    assert page.locator(f"{PLATFORMS} figcaption").inner_text().count(desc) == 1
