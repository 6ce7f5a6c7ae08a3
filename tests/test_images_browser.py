"""Responsive images in Chromium: the variant a phone downloads, and room kept before it arrives."""

import re
from urllib.parse import urlsplit

import pytest

NEWS = "en/news/7amleh-publishes-annual-report-2022/"
REPORT = "publications/annual-report-2022/"  # Arabic, with the sample cover at the top


def image_requests(requests):
    """The content images fetched (under /images/; the theme's favicon is not one)."""
    return sorted({url.rsplit("/", 1)[1] for url in requests if urlsplit(url).path.startswith("/images/")})


def loaded(page, selector):
    """Scroll the image into view and wait until it has been decoded; returns its current source."""
    page.locator(selector).scroll_into_view_if_needed()
    page.wait_for_function("(s) => { const i = document.querySelector(s); return i.complete && i.naturalWidth > 0; }",
                           arg=selector)
    return page.eval_on_selector(selector, "i => i.currentSrc")


@pytest.mark.parametrize("width, variant", [(360, 480), (1280, 960)])
def test_the_browser_downloads_the_variant_its_width_needs(visit, width, variant):
    page, requests = visit(NEWS, width=width)
    current = loaded(page, ".prose picture img")
    assert re.search(rf"/images/sample-cover-{variant}w\.[0-9a-f]{{10}}\.webp$", current)
    assert image_requests(requests) == [current.rsplit("/", 1)[1]], "one variant, never the JPEG original"


def test_the_cover_is_fetched_at_once_at_phone_size(visit):
    page, requests = visit(REPORT, width=360)
    assert page.eval_on_selector(".item__cover", "i => i.complete && i.naturalWidth > 0")
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", name) for name in image_requests(requests)] == ["sample-cover-480w.webp"]


@pytest.mark.parametrize("path, selector", [(NEWS, ".prose picture img"), (REPORT, ".item__cover")])
def test_the_image_box_is_reserved_before_any_image_byte(browser, served_site, path, selector):
    """With every image request held back, the box already has the image's shape: nothing moves when it arrives."""
    context = browser.new_context(viewport={"width": 360, "height": 640})
    try:
        held = []
        page = context.new_page()
        page.route("**/images/**", lambda route: held.append(route))  # never answered while we measure
        page.goto(f"{served_site}/{path}", wait_until="domcontentloaded")
        page.locator(selector).scroll_into_view_if_needed()
        before = page.eval_on_selector(selector, "i => [i.complete && i.naturalWidth, i.getBoundingClientRect().width,"
                                                 " i.getBoundingClientRect().height]")
        assert before[0] is False or before[0] == 0, "the image must not have loaded yet"
        assert held, "the page asked for its image"
        assert before[1] == 328  # 360 px less the page's 1rem padding on each side
        assert abs(before[2] - 328 * 810 / 1440) < 1
        for route in held:
            route.continue_()
        page.unroute("**/images/**")
        loaded(page, selector)
        after = page.eval_on_selector(selector, "i => [i.getBoundingClientRect().width, i.getBoundingClientRect().height]")
        assert after == before[1:]
    finally:
        context.close()
