"""Campaign subsites: folders become themed pages in each of their languages, through overlays."""

import datetime
import html
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from pelican import signals

from bilingual.errors import BuildError
from campaigns.colours import contrast
from campaigns.generator import page_lastmod
from campaigns.share import share_links
from conftest import ROOT, TinySite

CHARTS = Path(__file__).parent / "charts"
PLATFORMS_LIST = "c3f9e2b1-6d4a-4b8e-9f2c-7a1d5e8b3c03"  # MAILING_LIST's campaign-platforms in pelicanconf.py

BILINGUAL = """\
title: {ar: حملة أولى, en: First campaign}
description: {ar: وصف الحملة الأولى., en: What the first campaign is about.}
status: active
start: 2023-03-01
theme: one
colours: {primary: "#8c1d40", accent: "#5c1129"}
logo: logo.svg
call_to_action:
  petition: https://petitions.example.org/fair-platforms
partners:
  - name: {ar: شريك, en: A partner}
    url: https://partner.example.org/
figures:
  - {value: 1119, label: {ar: انتهاكًا, en: violations}}
  - {value: 3000, more: true, label: {ar: متدرّب, en: trainees}}
menu: [demands]
"""
ARABIC_ONLY = """\
title: {ar: حملة بالعربية}
description: {ar: حملة بالعربية فقط.}
languages: [ar]
status: past
start: 2022-01-01
end: 2022-06-30
theme: two
colours: {primary: "#1f5a3d"}
call_to_action:
  mailing_list: campaign-platforms
"""
FILES = {
    "campaigns/first/campaign.yaml": BILINGUAL,
    "campaigns/first/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>\n',
    "campaigns/first/index.ar.md": "Title: الصفحة الأولى\n\nنص الحملة.\n",
    "campaigns/first/index.en.md": "Title: First page\n\nThe campaign's text.\n",
    "campaigns/first/demands.en.md": "Title: Demands\nMenu_title: Our demands\n\n1. Fairness.\n",
    "campaigns/first/demands.ar.md": "Title: المطالب\n\n1. العدل.\n",
    "campaigns/first/extra.en.md": "Title: Not in the menu\n\nText.\n",
    "campaigns/first/later.en.md": "Title: Not yet\nStatus: draft\n\nText.\n",
    "campaigns/arabic/campaign.yaml": ARABIC_ONLY,
    "campaigns/arabic/index.ar.md": "Title: عن الحملة\n\nنص.\n",
    "pages/about.en.md": "Title: About\n\nAbout us.\n",
}
# Two overlays of the base theme: each replaces one partial, and one adds CSS.
OVERLAYS = {
    "one/templates/partials/campaign_hero.html": '<header class="hero-from-one"><h1>{{ page.title }}</h1></header>\n',
    "one/static/overlay.css": ":root { --chart-1: #33307a; }\n",
    "two/templates/partials/campaign_share.html": '<p class="share-from-two">{{ _("Share this page") }}</p>\n',
}


def between(text, start, end):
    """The part of `text` from `start` up to the next `end`."""
    at = text.index(start)
    return text[at:text.index(end, at)]


def overlays(root):
    for rel, text in OVERLAYS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("campaigns")
    tiny = TinySite(root).write(FILES)
    found = []

    def keep(generators):  # what a search plugin would read: the campaign pages of each language
        found.extend(g.context["campaign_pages"] for g in generators if "campaign_pages" in g.context)

    signals.all_generators_finalized.connect(keep)
    serial = pytest.MonkeyPatch()
    serial.setenv("SITE_BUILD_SERIAL", "1")  # every language in this process, where `keep` records
    try:
        tiny.build(CAMPAIGN_THEMES_PATH=str(overlays(root / "themes")))
    finally:
        signals.all_generators_finalized.disconnect(keep)
        serial.undo()
    tiny.campaign_pages = found
    return tiny


def test_overlay_wins_where_it_overrides_and_the_base_serves_the_rest(site):
    first = site.read("en/campaigns/first/index.html")
    arabic = site.read("campaigns/arabic/index.html")
    # overlay "one" replaces the hero; the base theme still draws header, share links, footer
    assert '<header class="hero-from-one"><h1>First page</h1></header>' in first
    assert 'class="campaign-hero' not in first
    assert '<section class="campaign-share"' in first and 'class="share-from-two"' not in first
    assert '<header class="campaign-header">' in first
    # overlay "two" replaces the share links only; the base hero is back
    assert '<p class="share-from-two">شاركوا هذه الصفحة</p>' in arabic
    assert '<header class="campaign-hero">' in arabic and "hero-from-one" not in arabic
    # each overlay's stylesheet is linked from its campaigns only, after the site's and before the campaign's
    sheets = r'<link rel="stylesheet" href="([^"?]+)(?:\?v=[0-9a-f]+)?">'  # site.css is versioned (theme_asset)
    assert re.findall(sheets, first) == ["/theme/css/site.css", "/theme/overlays/one/overlay.css",
                                         "/campaigns/first/campaign.css"]
    assert re.findall(sheets, arabic) == ["/theme/css/site.css", "/campaigns/arabic/campaign.css"]
    assert (site.output / "theme/overlays/one/overlay.css").is_file()
    assert not (site.output / "theme/overlays/two").exists()  # no static folder, nothing copied
    assert "--color-primary: #8c1d40;" in site.read("campaigns/first/campaign.css")


def test_pages_live_under_campaigns_in_their_languages_only(site):
    for rel in ("campaigns/first/index.html", "en/campaigns/first/index.html", "campaigns/first/demands/index.html",
                "en/campaigns/first/demands/index.html", "en/campaigns/first/extra/index.html",
                "campaigns/arabic/index.html", "campaigns/first/logo.svg"):
        assert (site.output / rel).is_file(), rel
    assert not (site.output / "en/campaigns/arabic").exists()
    assert not (site.output / "campaigns/first/extra").exists()  # no Arabic file, no Arabic page
    assert not (site.output / "en/campaigns/first/later").exists()  # a draft
    page = site.read("campaigns/first/demands/index.html")
    assert '<html lang="ar" dir="rtl">' in page
    assert '<link rel="alternate" hreflang="en" href="https://7amleh.org/en/campaigns/first/demands/">' in page
    assert '<a href="/en/campaigns/first/demands/" hreflang="en" lang="en" rel="alternate">English</a>' in page


def test_arabic_only_campaign_says_there_is_no_english_version(site):
    page = site.read("campaigns/arabic/index.html")
    assert 'data-lang-missing="en"' in page
    assert 'hreflang="en"' not in page.split("</head>")[0]  # no alternate to a page that does not exist


def test_navigation_follows_the_menu_and_leads_back_to_the_main_site(site):
    page = site.read("en/campaigns/first/demands/index.html")
    nav = between(page, '<nav class="campaign-nav"', "</nav>")
    assert re.findall(r'<a href="([^"]+)"', nav) == ["/en/campaigns/first/", "/en/campaigns/first/demands/"]
    assert 'aria-current="page">Our demands</a>' in nav
    assert '<a class="campaign-header__back" href="/en/">A campaign by 7amleh</a>' in page
    assert "<a href=\"/en/\">Back to 7amleh's website</a>" in page
    assert '<a href="https://partner.example.org/">A partner</a>' in page


def test_home_has_hero_figures_and_call_to_action(site):
    page = site.read("en/campaigns/first/index.html")
    assert "<title>First campaign · 7amleh</title>" in page
    assert '<span class="figures__number">1,119</span>' in page
    assert '<span class="figures__more">more than</span> <span class="figures__number">3,000</span>' in page
    assert '<a class="button campaign-action__button" href="https://petitions.example.org/fair-platforms">' in page
    arabic = site.read("campaigns/arabic/index.html")
    # a sign-up to the campaign's own list, besides the footer's form
    action = between(arabic, '<section class="campaign-action"', "</section>")
    assert f'<input type="hidden" name="l" value="{PLATFORMS_LIST}">' in action
    assert 'name="l" value="5b3e3a2c' not in action  # not the footer's lists
    assert 'id="fs-e"' in arabic  # the footer's form is still there


def test_share_links_are_plain_addresses_with_the_page_url():
    links = dict(share_links("https://7amleh.org/en/campaigns/first/", "Fair & free"))
    assert links["X"] == "https://x.com/intent/post?url=https%3A%2F%2F7amleh.org%2Fen%2Fcampaigns%2Ffirst%2F&text=Fair%20%26%20free"
    assert links["E-mail"].startswith("mailto:?subject=Fair%20%26%20free&body=https%3A")


def test_listing_shows_active_and_past_campaigns_in_each_language(site):
    en = site.read("en/campaigns/index.html")
    assert en.index("Current campaigns") < en.index("First campaign") < en.index("Past campaigns")
    # the Arabic-only campaign is listed in English too, in Arabic, leading to its Arabic page
    assert ('<a href="/campaigns/arabic/" lang="ar" dir="rtl" hreflang="ar">حملة بالعربية</a>') in en
    assert "In Arabic only" in en
    assert "Current campaign · since March 1, 2023" in en and "Past campaign · January 1, 2022 to June 30, 2022" in en
    ar = site.read("campaigns/index.html")
    assert '<a href="/campaigns/first/">حملة أولى</a>' in ar and "الحملات السابقة" in ar
    assert '<a href="/en/campaigns/" hreflang="en" lang="en" rel="alternate">' in ar
    # the main menu links to the listing
    assert re.search(r'<a href="/en/campaigns/"\s*>Campaigns</a>', site.read("en/about/index.html"))


def test_sitemap_lists_campaign_pages_with_their_alternates(site):
    sitemap = site.read("sitemap.xml")
    assert "<loc>https://7amleh.org/campaigns/arabic/</loc>" in sitemap
    assert "https://7amleh.org/en/campaigns/arabic/" not in sitemap
    block = sitemap[sitemap.index("<loc>https://7amleh.org/en/campaigns/first/demands/</loc>"):]
    block = block[:block.index("</url>")]
    assert 'hreflang="ar" href="https://7amleh.org/campaigns/first/demands/"' in block
    assert "<loc>https://7amleh.org/en/campaigns/</loc>" in sitemap


def test_sitemap_dates_campaign_pages(site):
    sitemap = site.read("sitemap.xml")
    block = sitemap[sitemap.index("<loc>https://7amleh.org/en/campaigns/first/demands/</loc>"):]
    # no Date: or Modified: line and no git history: the day the file was last changed
    changed = datetime.datetime.fromtimestamp((site.content / "campaigns/first/demands.en.md").stat().st_mtime,
                                              datetime.timezone.utc).date().isoformat()
    assert block[:block.index("</url>")].count(f"<lastmod>{changed}</lastmod>") == 1


def test_page_lastmod_prefers_the_files_own_date_then_git():
    page = types.SimpleNamespace(source_rel="campaigns/a/x.en.md", source_path="/nowhere")
    history = {"campaigns/a/x.en.md": (1_600_000_000, 1_700_000_000)}
    assert page_lastmod(page, history) == "2023-11-14"  # its last commit
    page.date = datetime.datetime(2023, 3, 5, 10, 0)
    assert page_lastmod(page, history) == "2023-03-05"
    page.modified = datetime.datetime(2024, 1, 2)
    assert page_lastmod(page, history) == "2024-01-02"


def test_the_translation_report_lists_campaign_pages(site):
    english = html.unescape(site.read("_reports/translations/en/index.html"))
    campaigns = english[english.index("<h2>Campaign pages</h2>"):english.index("<h2>In one language on purpose</h2>")]
    extra = campaigns[campaigns.index('<code dir="ltr">campaigns/first/extra/</code>'):]
    assert extra.split("</tr>")[0].count('<td class="missing">') == 1  # in a bilingual campaign, Arabic is missing
    arabic_only = campaigns[campaigns.index('<code dir="ltr">campaigns/arabic/</code>'):].split("</tr>")[0]
    assert '<td class="not-needed">' in arabic_only and '<td class="missing">' not in arabic_only
    assert ("<li><code dir=\"ltr\">campaigns/arabic/</code>: its campaign is published in Arabic only "
            "(campaigns/arabic/campaign.yaml)</li>") in english
    assert "<code dir=\"ltr\">pages/" not in campaigns and '<code dir="ltr">about/</code>' not in campaigns


ONE = {
    "campaigns/one/campaign.yaml": "title: {ar: واحدة, en: One}\ndescription: {ar: وصف., en: About.}\n"
                                   "status: active\nstart: 2023-01-01\n",
    "campaigns/one/index.ar.md": "Title: واحدة\n\nنص.\n",
}


@pytest.mark.parametrize("body, words", [
    ("See [our demands](/en/campaigns/one/demandz/).", "the link /en/campaigns/one/demandz/ leads to a page or file"),
    ("See [the top](#tpo).", "the link #tpo points to #tpo, which is not on that page"),
    ("![A protest](/images/missing.jpg)", "the link /images/missing.jpg leads to a page or file"),
])
def test_a_broken_link_or_image_in_a_campaign_page_names_its_markdown_file_and_line(tmp_path, body, words):
    site = TinySite(tmp_path).write({**ONE, "campaigns/one/index.en.md": f"Title: One\n\nIntro.\n\n{body}\n"})
    with pytest.raises(BuildError) as caught:
        site.build()
    assert f"campaigns/one/index.en.md:5: {words}" in str(caught.value)
    assert "output/" not in str(caught.value) and "a theme template writes this link" not in str(caught.value)


def test_an_image_without_description_in_a_campaign_page_is_a_warning_but_no_summary_is_needed(tmp_path):
    site = TinySite(tmp_path).write({
        **ONE, "campaigns/one/index.en.md": "Title: One\n\n![](/campaigns/one/logo.svg)\n",
        "campaigns/one/logo.svg": FILES["campaigns/first/logo.svg"],
        "campaigns/one/campaign.yaml": ONE["campaigns/one/campaign.yaml"] + "logo: logo.svg\n"})
    report = site.build()
    assert [(w.path, w.line, str(w.message)) for w in report.check_warnings] == [
        ("campaigns/one/index.en.md", 3, "the image logo.svg has no description")]


def test_campaign_pages_are_in_the_context_for_search(site):
    by_lang = {pages[0].lang: pages for pages in site.campaign_pages}
    assert sorted(p.url for p in by_lang["en"]) == ["en/campaigns/first/", "en/campaigns/first/demands/",
                                                    "en/campaigns/first/extra/"]
    assert {p.url for p in by_lang["ar"]} == {"campaigns/first/", "campaigns/first/demands/", "campaigns/arabic/"}
    page = next(p for p in by_lang["en"] if p.url.endswith("demands/"))
    assert page.title == "Demands" and "Fairness" in page.content and page.campaign.slug == "first"


def test_charts_are_drawn_in_campaign_pages(tmp_path):
    site = TinySite(tmp_path).write({
        "data/violation-codes.yaml": (CHARTS / "codes.yaml").read_text(encoding="utf-8"),
        "data/violations/q1.yaml": (CHARTS / "q1.yaml").read_text(encoding="utf-8"),
        "campaigns/report/campaign.yaml": ("title: {ar: تقرير, en: Report}\ndescription: {ar: وصف, en: About}\n"
                                           "status: past\nstart: 2023-01-01\nend: 2023-03-31\n"),
        "campaigns/report/index.en.md": "Title: Report\n\nCounts:\n\n{chart q1 by=platform}\n",
        "campaigns/report/index.ar.md": "Title: تقرير\n\n{chart q1 kind=column by=period}\n",
        "pages/about.ar.md": "Title: عن حملة\nSummary: عن.\n\nنص.\n",  # the dataset's methodology link
        "pages/about.en.md": "Title: About\nSummary: About.\n\nText.\n",
    })
    site.build()
    en = site.read("en/campaigns/report/index.html")
    assert '<figure class="chart" id="chart-q1-bar-platform">' in en
    assert '<svg class="chart__svg chart--bar" role="img"' in en and "<table>" in en and 'href="/en/data/q1.csv"' in en
    assert '<figure class="chart" id="chart-q1-column-period">' in site.read("campaigns/report/index.html")


def test_the_sample_campaigns_look_different_and_keep_readable_colours(sample_site):
    colours = {}
    for slug in ("annual-report-2022", "stop-digital-discrimination", "my-privacy-my-right"):
        css = (sample_site / "campaigns" / slug / "campaign.css").read_text(encoding="utf-8")
        colours[slug] = re.search(r"--color-primary: (#[0-9a-f]{6});", css)[1]
        assert contrast(colours[slug], "#ffffff") >= 4.5
    assert len(set(colours.values())) == 3 and "#0b5563" not in colours.values()  # the main site's
    report = (sample_site / "en/campaigns/annual-report-2022/index.html").read_text(encoding="utf-8")
    assert '<section class="campaign-figures campaign-figures--report"' in report  # the overlay's block
    assert '<h2 id="figures-t">The year in figures</h2>' in report
    for number in ("13", "3,000", "54", "76", "150", "1,119"):
        assert f'<span class="figures__number">{number}</span>' in report
    assert "ECOSOC" in report and "Global Network Initiative" in report
    violations = (sample_site / "en/campaigns/annual-report-2022/violations/index.html").read_text(encoding="utf-8")
    assert violations.count('<figure class="chart"') == 3
    assert not (sample_site / "en/campaigns/my-privacy-my-right").exists()


def test_new_campaign_scaffolds_a_folder_that_builds_without_warnings(tmp_path):
    content = tmp_path / "content"
    TinySite(tmp_path)  # vocabularies
    result = subprocess.run([sys.executable, "-m", "invoke", "new-campaign", "fair-moderation", "--content", str(content)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    folder = content / "campaigns" / "fair-moderation"
    assert sorted(p.name for p in folder.iterdir()) == ["campaign.yaml", "index.ar.md", "index.en.md"]
    assert "# " in (folder / "campaign.yaml").read_text(encoding="utf-8")  # commented for staff
    TinySite(tmp_path).build()
    assert (tmp_path / "output/en/campaigns/fair-moderation/index.html").is_file()
    again = subprocess.run([sys.executable, "-m", "invoke", "new-campaign", "fair-moderation", "--content", str(content)],
                           cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 1 and "already exists" in again.stderr
