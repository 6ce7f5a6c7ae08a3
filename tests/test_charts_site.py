"""Charts in built pages: the figure contract, escaping, the dashboard and the CSV files."""

import csv
import io
import re
from pathlib import Path

from conftest import TinySite

HERE = Path(__file__).parent / "charts"
CODES = (HERE / "codes.yaml").read_text(encoding="utf-8")
DATASET = (HERE / "q1.yaml").read_text(encoding="utf-8")
REPORT = {
    "publications/q1-report.en.md": ("Title: First quarter\nDate: 2023-04-01\nType: report\nSummary: Counts.\n\n"
                                     "Counts by platform:\n\n{chart q1 by=platform}\n\nAnd again:\n\n{chart q1 by=platform}\n"),
    "publications/q1-report.ar.md": ("Title: الربع الأول\nDate: 2023-04-01\nType: report\nSummary: أعداد.\n\n"
                                     "{chart q1 kind=column by=period}\n"),
}


ABOUT = {"pages/about.ar.md": "Title: عن حملة\nSummary: عن.\n\nنص.\n",  # the datasets' methodology link
         "pages/about.en.md": "Title: About\nSummary: About.\n\nText.\n"}


def chart_site(tmp_path, codes=CODES):
    return TinySite(tmp_path).write({"data/violation-codes.yaml": codes, "data/violations/q1.yaml": DATASET,
                                     **REPORT, **ABOUT})


def test_a_chart_line_becomes_the_accessible_figure(tmp_path):
    site = chart_site(tmp_path)
    site.build()
    html = site.read("en/publications/q1-report/index.html")
    assert "{chart" not in html
    figures = re.findall(r'<figure class="chart" id="([^"]+)">(.*?)</figure>', html, re.S)
    assert [f[0] for f in figures] == ["chart-q1-bar-platform", "chart-q1-bar-platform-2"]  # unique ids
    body = figures[0][1]
    assert re.search(r'<svg class="chart__svg chart--bar" role="img" viewBox="0 0 360 [\d.]+" lang="en" direction="ltr"', body)
    assert 'aria-labelledby="chart-q1-bar-platform-title"' in body
    assert '<title id="chart-q1-bar-platform-title">Violations in the first quarter, by platform</title>' in body
    assert '<desc id="chart-q1-bar-platform-desc">TikTok led with 1,003 of 1,060 (95%).</desc>' in body
    assert "<figcaption" in body and "Illustrative data, not real counts." in body
    assert '<th scope="row">TikTok</th><td>1,003</td><td>95%</td>' in body
    assert '<a href="/en/data/q1.csv" type="text/csv" download>' in body
    assert '<a href="/en/about/">Methodology</a>' in body


def test_labels_are_escaped_in_svg_table_and_csv(tmp_path):
    hostile = 'Face<script>alert(1)</script>"book'
    site = chart_site(tmp_path, codes=CODES.replace("{ar: فيسبوك, en: Facebook}", f"{{ar: فيسبوك, en: '{hostile}'}}"))
    site.build()
    html = site.read("en/publications/q1-report/index.html")
    assert "<script>alert(1)" not in html
    escaped = "Face&lt;script&gt;alert(1)&lt;/script&gt;&#34;book"
    svg = html[html.index("<svg"):html.index("</svg>")]
    table = html[html.index("<table>"):html.index("</table>")]
    assert escaped in svg.replace("&quot;", "&#34;")
    assert escaped in table.replace("&quot;", "&#34;")
    text = site.read("en/data/q1.csv")
    assert '"Face<script>alert(1)</script>""book"' in text  # CSV quoting doubles the quote
    assert hostile in {row[1] for row in csv.reader(io.StringIO(text.lstrip("\ufeff")))}


def test_dashboard_and_csv_in_both_languages(tmp_path):
    site = chart_site(tmp_path)
    site.build()
    for prefix, lang in (("", "ar"), ("en/", "en")):
        dashboard = site.read(f"{prefix}data/index.html")
        assert dashboard.count('<figure class="chart"') == 5  # the DATA_DASHBOARD_CHARTS this dataset can draw
        assert site.read(f"{prefix}data/2023/index.html").count('<figure class="chart"') == 5
        assert f'href="/{prefix}data/q1.csv"' in dashboard
        assert f'href="/{prefix}data/"' in site.read(f"{prefix}index.html")  # the menu links to the data
        raw = (site.output / prefix / "data" / "q1.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for spreadsheet programs
    header = site.read("data/q1.csv").lstrip("\ufeff").splitlines()[0]
    assert header == "الشهر,المنصة,نوع الانتهاك,حالة المتابعة,العدد"
    english = list(csv.reader(io.StringIO(site.read("en/data/q1.csv").lstrip("\ufeff"))))
    assert english[1] == ["2023-01", "Facebook", "Content removal", "Restored", "10"]
    # the headline share: restored among content removals
    assert "98%" in site.read("en/data/index.html") and "Content removal: share restored" in site.read("en/data/index.html")


def test_no_data_no_dashboard_and_no_menu_link(tmp_path):
    site = TinySite(tmp_path).write({"pages/about.en.md": "Title: About\n\nAbout us.\n"})
    site.build()
    assert not (site.output / "data").exists()
    assert "data/" not in site.read("en/index.html").split("<main", 1)[0]
