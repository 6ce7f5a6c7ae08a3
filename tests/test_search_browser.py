"""The search page as a visitor gets it, in Chromium: contract, typing, odd input, no scripts,
screen readers, keyboard, accessibility, privacy."""

from urllib.parse import quote

import pytest

from conftest import axe_violations, serve

pytestmark = pytest.mark.browser

ODD_INPUT = ["* ~ ^ : + -", '"annual report"', "'", "title:report^10 +privacy -data~2", "report*", "😀👍🏽",
             "x" * 500, "تقرير " * 100, "constructor", "__proto__ toString", "\\", "<script>alert(1)</script>",
             "الـ", "ـــ", "   ", "١٢٣٬٤٥٦", "a" * 60]


@pytest.fixture
def open_page(browser, served_site):
    """Open a page; returns (page, every URL it requested, every script error)."""
    contexts = []

    def opener(path, javascript=True, width=1280):
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        requests, errors = [], []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{served_site}/{path}")
        return page, requests, errors

    yield opener
    for context in contexts:
        context.close()


def wait_for(page, query):
    page.wait_for_function("q => document.querySelector('[data-search-results]').dataset.searchQuery === q",
                           arg=query.strip())


@pytest.mark.parametrize("path, query, first", [
    ("search/", "التقرير السنوي", "/publications/annual-report-2022/"),
    ("en/search/", "survey", "/en/publications/privacy-data-protection-survey/"),
])
def test_a_query_in_the_address_runs_on_load_and_lists_links(open_page, served_site, path, query, first):
    page, requests, errors = open_page(f"{path}?q={query}")
    wait_for(page, query)
    links = page.locator("[data-search-results] a")
    assert links.first.get_attribute("href") == first
    assert page.locator("#search-q").input_value() == query
    result = page.locator(".search-result").first
    assert result.locator("mark").count() >= 1  # the matched words are highlighted
    assert result.locator("time").get_attribute("datetime")
    assert result.locator(".badge").inner_text()
    status = page.locator("[data-search-status]")
    assert status.get_attribute("role") == "status"  # a live region: the count is announced
    assert query in status.inner_text()
    assert errors == []
    assert all(url.startswith(served_site) for url in requests), requests


def test_results_appear_while_typing_and_the_address_follows(open_page):
    page, _, _ = open_page("search/")
    page.locator("#search-q").press_sequentially("استطل", delay=30)  # half a word, no Enter
    wait_for(page, "استطل")
    assert page.locator("[data-search-results] a").first.get_attribute("href") == \
        "/publications/privacy-data-protection-survey/"
    assert "q=" + quote("استطل") in page.url
    # the language switch keeps the query
    assert "q=" in page.locator('.lang-switch a[hreflang="en"]').get_attribute("href")


def test_the_header_box_of_any_page_leads_to_the_results_without_scripts_on_that_page(open_page, served_site):
    page, requests, _ = open_page("en/about/")
    assert not any(url.endswith(".js") for url in requests)
    page.locator("#site-search-q").fill("annual report")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/en/search/?q=annual+report")
    wait_for(page, "annual report")
    assert page.locator("[data-search-results] a").first.get_attribute("href") == "/en/publications/annual-report-2022/"


def test_odd_input_never_throws(open_page):
    page, _, errors = open_page("en/search/")
    box = page.locator("#search-q")
    for text in ODD_INPUT:
        box.fill(text)
        box.press("Enter")
        wait_for(page, text)
        assert page.locator("[data-search-status]").inner_text().strip() or not text.strip()
    assert errors == []


def test_nothing_found_says_so_and_offers_help(open_page):
    page, _, _ = open_page("search/?q=زززززز")
    wait_for(page, "زززززز")
    assert "زززززز" in page.locator("[data-search-status]").inner_text()
    help_box = page.locator("[data-search-help]")
    assert help_box.is_visible()
    assert help_box.locator("[data-search-other]").get_attribute("href") == "/en/search/?q=%D8%B2%D8%B2%D8%B2%D8%B2%D8%B2%D8%B2"
    assert page.locator("[data-search-more]").is_hidden()


def test_without_scripts_the_form_still_searches_by_get_and_the_page_says_why_nothing_shows(open_page):
    page, _, _ = open_page("search/", javascript=False)
    notice = page.locator(".search-noscript")
    assert notice.is_visible() and "جافاسكربت" in notice.inner_text()
    page.locator("#search-q").fill("تقرير")
    page.locator("#search-q").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert "q=%D8%AA" in page.url


@pytest.mark.parametrize("path", ["search/?q=تقرير", "en/search/?q=report", "en/search/?q=zzzz", "search/"])
def test_no_accessibility_violations(open_page, path):
    page, _, _ = open_page(path)
    if "q=" in path:
        wait_for(page, path.split("q=")[1])
    assert axe_violations(page) == []


def test_the_search_page_fits_a_320px_phone(open_page):
    page, _, _ = open_page("search/?q=تقرير", width=320)
    wait_for(page, "تقرير")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_more_results_come_ten_at_a_time_and_the_keyboard_lands_on_the_first_new_one(browser, tiny):
    for n in range(1, 14):
        tiny.write({f"news/item-{n}.en.md": f"Title: Campaign news {n}\nDate: 2023-01-{n:02d}\n\nA campaign update.\n"})
    tiny.build()
    with serve(tiny.output) as url:
        page = browser.new_page()
        page.goto(f"{url}/en/search/?q=campaign")
        wait_for(page, "campaign")
        assert page.locator(".search-result").count() == 10
        assert "13 results" in page.locator("[data-search-status]").inner_text()
        more = page.locator("[data-search-more]")
        more.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelectorAll('.search-result').length === 13")  # a function: the page's CSP refuses eval
        assert more.is_hidden()
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused == page.locator(".search-result a").nth(10).get_attribute("href")
        # equal scores: newest first
        assert page.locator(".search-result a").first.get_attribute("href") == "/en/news/item-13/"
        page.close()


CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; font-src 'self'"


def test_search_works_under_a_strict_content_security_policy(browser, sample_site):
    """No inline script or style, no eval: the policy the site is to ship blocks nothing here."""
    import functools
    import http.server
    import threading

    class StrictHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            self.send_header("Content-Security-Policy", CSP)
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StrictHandler, directory=str(sample_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        blocked = []
        page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q=استطلاع")
        wait_for(page, "استطلاع")
        assert page.locator("[data-search-results] a").first.get_attribute("href") == \
            "/publications/privacy-data-protection-survey/"
        assert blocked == []
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_when_the_index_cannot_be_fetched_the_page_says_so(browser, served_site):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/search/data/**", lambda route: route.fulfill(status=503, body="offline"))
    page.goto(f"{served_site}/en/search/?q=report")
    wait_for(page, "report")
    assert page.locator("[data-search-status]").inner_text() == \
        "Search is not available right now. Please try again later."
    assert page.locator("[data-search-results] li").count() == 0
    assert errors == []
    page.close()
