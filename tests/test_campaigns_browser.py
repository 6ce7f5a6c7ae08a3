"""Campaign subsites in Chromium: their own colours, the way back, the switcher, accessibility.

The Arabic-only campaign's switcher is tested with the other untranslated pages in test_browser.py."""

import pytest

from conftest import axe_violations

pytestmark = pytest.mark.browser

REPORT, PLATFORMS, PRIVACY = "annual-report-2022", "stop-digital-discrimination", "my-privacy-my-right"
# (campaign, language prefix): the Arabic-only campaign has no English pages
HOMES = [(REPORT, ""), (REPORT, "en/"), (PLATFORMS, ""), (PLATFORMS, "en/"), (PRIVACY, "")]
PAGES = [f"{prefix}campaigns/{slug}/" for slug, prefix in HOMES] + [
    f"{prefix}campaigns/{slug}/{page}/" for slug, page in ((REPORT, "violations"), (PLATFORMS, "demands"))
    for prefix in ("", "en/")] + [f"campaigns/{PRIVACY}/protect-yourself/", "campaigns/", "en/campaigns/"]
BRAND = "el => getComputedStyle(el).color"


@pytest.mark.parametrize("path", PAGES)
def test_campaign_page_is_accessible_and_stays_on_this_host(visit, served_site, path):
    page, requests = visit(path)
    lang = "en" if path.startswith("en/") else "ar"
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        lang, "ltr" if lang == "en" else "rtl"]
    assert requests and all(url.startswith(served_site) for url in requests), requests
    assert axe_violations(page) == []


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_campaign_has_its_own_accent_colour(visit, prefix):
    main, _ = visit(f"{prefix}about/")
    colours = {"main site": main.locator(".brand__name").evaluate(BRAND)}
    for slug, campaign_prefix in HOMES:
        if campaign_prefix != prefix:
            continue
        page, _ = visit(f"{prefix}campaigns/{slug}/")
        colours[slug] = page.locator(".campaign-brand__name").evaluate(BRAND)
        # the same colour reaches the header's rule and the links
        header = page.locator(".campaign-header")
        assert header.evaluate("el => getComputedStyle(el).borderBlockEndColor") == colours[slug]
        assert page.locator(".campaign-nav a").first.evaluate(BRAND) == colours[slug]
    assert len(set(colours.values())) == len(colours), colours


def test_an_overlay_restyles_charts_through_the_css_variables(visit):
    fills = {}
    for path in ("en/publications/annual-report-2022/", f"en/campaigns/{REPORT}/violations/"):
        page, _ = visit(path)
        fills[path] = page.locator(".chart__svg .c1").first.evaluate("el => getComputedStyle(el).fill")
    assert fills["en/publications/annual-report-2022/"] == "rgb(0, 114, 178)"  # the base palette
    assert fills[f"en/campaigns/{REPORT}/violations/"] == "rgb(51, 48, 122)"  # the report overlay's


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("link", [".campaign-header__back", ".campaign-footer__back a >> nth=0"])
def test_links_lead_back_to_the_main_site(visit, served_site, prefix, link):
    page, _ = visit(f"{prefix}campaigns/{PLATFORMS}/demands/")
    page.locator(link).click()
    page.wait_for_load_state()
    assert page.url == f"{served_site}/{prefix}"
    assert page.locator(".main-nav").is_visible()


def test_switcher_of_a_bilingual_campaign_reaches_the_same_page(visit, served_site):
    page, _ = visit(f"campaigns/{PLATFORMS}/demands/")
    page.locator('.lang-switch a[hreflang="en"]').click()
    page.wait_for_load_state()
    assert page.url == f"{served_site}/en/campaigns/{PLATFORMS}/demands/"


@pytest.mark.parametrize("path", [f"campaigns/{PLATFORMS}/", f"en/campaigns/{REPORT}/", f"campaigns/{PRIVACY}/"])
def test_campaign_pages_fit_a_320px_phone(visit, path):
    page, _ = visit(path, width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
