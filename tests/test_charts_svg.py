"""Chart SVG output against golden files, and its contrast and determinism rules.

Regenerate the golden files after an intended change with `invoke golden`, then review
the diff (and look at the charts in a browser) before committing.
"""

import os
import re
from pathlib import Path

import pytest

from bilingual.l10n import load_translations
from campaigns.colours import contrast
from charts.directive import parse_directive
from charts.figure import ChartMaker, Words
from conftest import ROOT
from test_charts_data import store

GOLDEN = Path(__file__).parent / "charts" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
CHARTS = {
    "bar": "q1 by=platform",
    "column": "q1 kind=column by=period",
    "column-time-ltr": "q1 kind=column by=period time=ltr",
    "stacked": "q1 kind=stacked by=platform stack=status",
    "line": "q1 kind=line",
    "share": "q1 kind=share by=platform share=status:restored where=type:content-removal",
}


def maker(lang, numerals="latn"):
    words = Words(lang, lang, numerals, load_translations(ROOT / "themes" / "base" / "translations", lang))
    return ChartMaker(store(), words, rtl=lang == "ar", lang_prefix="" if lang == "ar" else "en/")


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("name", CHARTS)
def test_chart_svg_matches_its_golden_file(name, lang):
    chart = maker(lang).build(parse_directive(CHARTS[name]))
    golden = GOLDEN / f"{name}.{lang}.svg"
    if UPDATE:
        golden.write_text(str(chart.svg) + "\n", encoding="utf-8")
    assert golden.exists(), "no golden file yet: run `invoke golden`"
    assert str(chart.svg) + "\n" == golden.read_text(encoding="utf-8"), f"{golden.name} changed: review, then `invoke golden`"


def test_arabic_mirrors_the_category_axis():
    spec = parse_directive(CHARTS["column"])
    first_column_x = {lang: float(re.search(r'<rect class="c1" x="([\d.]+)"', str(maker(lang).build(spec).svg))[1])
                      for lang in ("ar", "en")}
    assert first_column_x["ar"] > 180 > first_column_x["en"]  # January on the right in Arabic, on the left in English


def test_time_direction_is_a_per_chart_option():
    svg = str(maker("ar").build(parse_directive(CHARTS["column-time-ltr"])).svg)
    assert float(re.search(r'<rect class="c1" x="([\d.]+)"', svg)[1]) < 180
    assert 'direction="ltr"' in svg and 'lang="ar"' in svg


def test_arabic_numerals_setting_reaches_the_chart():
    chart = maker("ar", numerals="arab").build(parse_directive(CHARTS["bar"]))
    assert "١٬٠٠٣" in str(chart.svg) and "1003" not in str(chart.svg)
    assert chart.table.total[1] == "١٬٠٦٠"


def test_takeaway_sentence_in_each_language():
    spec = parse_directive(CHARTS["bar"])
    assert maker("en").build(spec).takeaway == "TikTok led with 1,003 of 1,060 (95%)."
    assert maker("ar").build(spec).takeaway.startswith("في المقدّمة تيك توك")


def test_same_chart_same_bytes():
    spec = parse_directive(CHARTS["stacked"])
    assert str(maker("ar").build(spec).svg) == str(maker("ar").build(spec).svg)


def test_palette_marks_have_3_to_1_contrast_on_the_background():
    css = (ROOT / "themes" / "base" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    background = re.search(r"--color-background: (#[0-9a-f]{6})", css)[1]
    palette = re.findall(r"--chart-\d: (#[0-9a-f]{6})", css)
    assert len(palette) == 6
    for colour in palette:
        assert contrast(colour, background) >= 3, colour
