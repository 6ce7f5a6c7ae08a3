"""Page weight (issue #8): budgets measured in Chromium, the subset font, the production-like server."""

import gzip
import re
import urllib.error
import urllib.request

import brotli
import pytest
from fontTools.ttLib import TTFont

from conftest import ROOT
from tooling.fonts import ARABIC, SOURCE, TARGET, WEIGHTS, code_points, subset_font, unicode_range
from tooling.siteserver import serving
from tooling.weight import FONT_BUDGET, PAGE_BUDGET, fonts_downloaded, fonts_shipped, measure_site, page_weight, report

FONTS = ROOT / "themes/base/static/fonts"
KINDS = {"home", "listing", "publication", "news item", "page", "search", "data", "campaign", "404"}


@pytest.fixture(scope="module")
def weights(sample_site, browser):
    return measure_site(sample_site, browser)


def test_every_kind_of_page_in_both_languages_is_measured(weights):
    assert {(row["kind"], row["lang"]) for row in weights} == {(k, lang) for k in KINDS for lang in ("ar", "en")}
    search = next(row for row in weights if row["kind"] == "search" and row["lang"] == "ar")
    assert any("/search/data/" in url for url, _, _ in search["resources"]), "the search ran no query"


def test_html_css_and_js_of_every_page_stay_within_60_kb_compressed(weights):
    over = {row["path"]: page_weight(row["totals"]) for row in weights if page_weight(row["totals"]) > PAGE_BUDGET}
    assert over == {}


def test_fonts_stay_within_100_kb_and_only_arabic_pages_download_one(weights, sample_site):
    assert sum(fonts_downloaded(weights).values()) <= FONT_BUDGET
    assert sum(fonts_shipped(sample_site).values()) <= FONT_BUDGET
    for row in weights:
        fonts = [url for url, category, _ in row["resources"] if category == "fonts"]
        if row["lang"] == "en":
            assert fonts == [], row["path"]
        else:
            assert any(url.endswith("/theme/fonts/noto-sans-arabic-400-subset.woff2") for url in fonts), row["path"]
    table, ok = report(weights, sample_site)
    assert ok and "OVER" not in table


def test_pages_styles_and_scripts_arrive_as_their_brotli_twins(weights, sample_site):
    home = next(row for row in weights if row["kind"] == "home" and row["lang"] == "ar")
    sizes = {re.sub(r"^http://[^/]+/|\?.*$", "", url): size for url, _, size in home["resources"]}
    assert sizes[""] == (sample_site / "index.html.br").stat().st_size
    assert sizes["theme/css/site.css"] == (sample_site / "theme/css/site.css.br").stat().st_size


def test_the_server_sends_twins_as_the_browser_accepts_and_the_nearest_404(sample_site):
    def get(path, encoding):
        request = urllib.request.Request(f"{url}/{path}", headers={"Accept-Encoding": encoding} if encoding else {})
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, response.headers.get("Content-Encoding"), response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Encoding"), error.read()

    page = (sample_site / "en/index.html").read_bytes()
    with serving(sample_site) as url:
        status, encoding, body = get("en/", "gzip, deflate, br")
        assert (status, encoding, brotli.decompress(body)) == (200, "br", page)
        status, encoding, body = get("en/", "gzip")
        assert (status, encoding, gzip.decompress(body)) == (200, "gzip", page)
        assert get("en/", None) == (200, None, page)
        assert get("en/no/such/page/", None) == (404, None, (sample_site / "en/404.html").read_bytes())
        assert get("no-such-page/", None) == (404, None, (sample_site / "404.html").read_bytes())


def test_the_committed_faces_are_what_invoke_vendor_makes_and_keep_arabic_shaping():
    package = ROOT / "node_modules/@fontsource/noto-sans-arabic"
    for weight in WEIGHTS:
        face = FONTS / TARGET.format(weight=weight)
        assert face.read_bytes() == subset_font((package / SOURCE.format(weight=weight)).read_bytes()), \
            "run `invoke vendor` and commit the fonts"
        font = TTFont(face)
        assert set(code_points(ARABIC)) <= set(font.getBestCmap())
        assert not set(range(0x41, 0x5B)) & set(font.getBestCmap()), "Latin letters belong to the system font"
        gsub = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
        gpos = {record.FeatureTag for record in font["GPOS"].table.FeatureList.FeatureRecord}
        assert {"init", "medi", "fina", "liga", "rlig", "ccmp"} <= gsub and {"mark", "mkmk", "kern"} <= gpos
    assert (FONTS / "LICENSE-noto-sans-arabic.txt").is_file()
    css = (ROOT / "themes/base/static/css/site.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face \{.*?\}", css, flags=re.S)
    assert len(faces) == len(WEIGHTS)
    for face in faces:
        assert "font-display: swap;" in face and f"unicode-range: {unicode_range()};" in face


SHAPING = """async () => {
  await document.fonts.ready;
  const make = (text, weight) => {
    const span = document.createElement('span');
    span.lang = 'ar'; span.textContent = text; span.style.fontWeight = weight; span.style.whiteSpace = 'pre';
    document.querySelector('main').append(span);
    return span;
  };
  const joined = make('\u0628\u0628\u0628', 400), apart = make('\u0628\u200c\u0628\u200c\u0628', 400);
  const marked = make('\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f\u064c', 700);  // one word: a space is the system font's
  await document.fonts.load('400 16px "Noto Sans Arabic"', '\u0628');
  await document.fonts.load('700 16px "Noto Sans Arabic"', '\u0628');
  const faces = [...document.fonts].filter(f => f.family.includes('Noto Sans Arabic'))
    .map(f => [f.weight, f.status]);
  joined.id = 'joined'; apart.id = 'apart'; marked.id = 'marked';
  return {joined: joined.getBoundingClientRect().width, apart: apart.getBoundingClientRect().width, faces};
}"""


def test_arabic_text_shapes_in_the_subset_face(browser, served_site):
    """Beh's initial and medial forms are a fraction of its isolated one's width, so three joined
    behs are narrower than three kept apart by ZWNJ (without the font's init/medi/fina, both would
    be three isolated behs, the same width); every
    glyph of a word with harakat comes from the subset face, none from a fallback font."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{served_site}/", wait_until="networkidle")
        result = page.evaluate(SHAPING)
        assert sorted(result["faces"]) == [["400", "loaded"], ["700", "loaded"]]
        assert result["joined"] < result["apart"] * 0.9, result
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        for selector in ("#joined", "#marked"):
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
            assert [(f["familyName"], f["isCustomFont"]) for f in fonts] == [("Noto Sans Arabic", True)], fonts
    finally:
        context.close()


@pytest.mark.parametrize("weight", ["400", "700"])
def test_every_arabic_page_and_no_other_preloads_the_arabic_faces(sample_site, weight):
    preload = (f'<link rel="preload" href="/theme/fonts/noto-sans-arabic-{weight}-subset.woff2" as="font" '
               'type="font/woff2" crossorigin>')
    counted = {"ar": 0, "en": 0}
    for path in sample_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="(\w+)"', page)
        if not lang or path.relative_to(sample_site).parts[0] == "_reports":
            continue
        counted[lang.group(1)] += 1
        assert (preload in page) == (lang.group(1) == "ar"), path
    assert counted["ar"] > 20 and counted["en"] > 20
