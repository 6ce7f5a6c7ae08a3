"""What a visitor gets, in Chromium: language and direction, menu side, switcher, accessibility, privacy."""

import pytest

from conftest import axe_violations, serve

pytestmark = pytest.mark.browser

PAGES = {
    "home": ("", "en/"),
    "listing": ("publications/", "en/publications/"),
    "publication": ("publications/annual-report-2022/", "en/publications/annual-report-2022/"),
    "news item": ("news/7amleh-publishes-annual-report-2022/", "en/news/7amleh-publishes-annual-report-2022/"),
    "page": ("about/", "en/about/"),
    "data dashboard": ("data/", "en/data/"),
}
VISITS = [(what, lang, paths[i]) for what, paths in PAGES.items() for i, lang in enumerate(("ar", "en"))]


@pytest.mark.parametrize("what, lang, path", VISITS, ids=[f"{w}-{lang}" for w, lang, _ in VISITS])
def test_page_in_chromium(visit, served_site, what, lang, path):
    page, requests = visit(path)
    direction = "rtl" if lang == "ar" else "ltr"
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [lang, direction]
    assert page.evaluate("getComputedStyle(document.body).direction") == direction

    # the menu starts on the right in Arabic and on the left in English
    width = page.viewport_size["width"]
    items = page.locator(".main-nav li")
    first, last = items.first.bounding_box(), items.last.bounding_box()
    if lang == "ar":
        assert first["x"] + first["width"] > 0.75 * width
        assert first["x"] > last["x"]
    else:
        assert first["x"] < 0.25 * width
        assert first["x"] < last["x"]

    # no request leaves this machine
    assert requests and all(url.startswith(served_site) for url in requests), requests

    # zero accessibility violations
    assert axe_violations(page) == []


@pytest.mark.parametrize("what", PAGES)
def test_switcher_reaches_the_translation_both_ways(visit, served_site, what):
    ar_path, en_path = PAGES[what]
    page, _ = visit(ar_path)
    page.locator('.lang-switch a[hreflang="en"]').click()
    page.wait_for_load_state()
    assert page.url == f"{served_site}/{en_path}"
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator('.lang-switch a[hreflang="ar"]').click()
    page.wait_for_load_state()
    assert page.url == f"{served_site}/{ar_path}"


# an Arabic-only publication, and a page of the Arabic-only campaign (#5)
@pytest.mark.parametrize("path", ["publications/combating-hate-speech-guide/", "campaigns/my-privacy-my-right/"])
def test_untranslated_item_tells_the_visitor_and_leads_to_the_english_home(visit, served_site, path):
    page, _ = visit(path)
    notice = page.locator("[data-lang-missing='en']")
    assert notice.is_visible()
    assert "غير متوفرة باللغة الإنجليزية" in notice.inner_text()
    notice.locator("a").click()
    page.wait_for_load_state()
    assert page.url == f"{served_site}/en/"


@pytest.mark.parametrize("path", ["", "en/", "publications/annual-report-2022/", "en/publications/", "data/"])
def test_pages_fit_a_320px_phone_without_sideways_scrolling(visit, path):
    page, _ = visit(path, width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_skip_link_appears_on_focus_and_moves_to_main(visit):
    page, _ = visit("en/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_arabic_text_has_no_letter_spacing_or_synthetic_italics(visit):
    page, _ = visit("publications/annual-report-2022/")
    em = page.locator(".prose em").first
    assert em.evaluate("el => getComputedStyle(el).fontStyle") == "normal"
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).letterSpacing") in ("normal", "0px")
    # Latin inside Arabic stays a whole run: the language switch link and isolated names
    assert page.evaluate("getComputedStyle(document.querySelector('bdi')).unicodeBidi") == "isolate"


def test_code_and_latin_runs_inside_arabic_keep_their_direction(browser, tiny):
    tiny.write({"news/code.ar.md": ("Title: مثال\nDate: 2023-02-20\n\n"
                                    "شغّلوا الأمر `make build` ثم افتحوا الموقع.\n\n"
                                    "    make test\n    echo done\n\n"
                                    "This paragraph is in English inside an Arabic page.\n")})
    tiny.build()
    with serve(tiny.output) as url:
        page = browser.new_page()
        page.goto(f"{url}/news/code/")
        assert page.evaluate("getComputedStyle(document.querySelector('pre')).direction") == "ltr"
        assert page.evaluate("getComputedStyle(document.querySelector('p code')).unicodeBidi") == "isolate"
        # an English paragraph in an Arabic page lays out left-to-right (unicode-bidi: plaintext)
        english = page.locator(".prose p", has_text="This paragraph")
        block = english.bounding_box()
        text = english.evaluate("""el => { const r = document.createRange(); r.selectNodeContents(el);
                                         const b = r.getBoundingClientRect(); return {left: b.left, right: b.right}; }""")
        assert abs(text["left"] - block["x"]) < 2  # starts at the left edge…
        assert text["right"] < block["x"] + block["width"] - 50  # …and stops short of the right one
        page.close()


def test_print_stylesheet_keeps_the_report_and_drops_the_chrome(visit):
    page, _ = visit("en/publications/annual-report-2022/")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".lang-switch", ".download"):
        assert page.locator(selector).first.evaluate("el => getComputedStyle(el).display") == "none", selector
    assert page.locator(".prose").is_visible()
