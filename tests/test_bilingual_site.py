"""The sample site: URLs, languages, alternates, feeds, sitemap and metadata in the HTML."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

PAGES = {
    # what: (Arabic path, English path)
    "home": ("index.html", "en/index.html"),
    "listing": ("publications/index.html", "en/publications/index.html"),
    "publication": ("publications/annual-report-2022/index.html", "en/publications/annual-report-2022/index.html"),
    "news": ("news/7amleh-publishes-annual-report-2022/index.html",
             "en/news/7amleh-publishes-annual-report-2022/index.html"),
    "page": ("about/index.html", "en/about/index.html"),
    "type": ("types/annual-report/index.html", "en/types/annual-report/index.html"),
    "topic": ("topics/privacy/index.html", "en/topics/privacy/index.html"),
    "author": ("authors/7amleh/index.html", "en/authors/7amleh/index.html"),
}


def html(site, rel):
    return (site / rel).read_text(encoding="utf-8")


def url_of(rel):
    return rel.removesuffix("index.html")


@pytest.mark.parametrize("what", PAGES)
def test_every_page_declares_language_direction_and_alternates(sample_site, what):
    ar, en = PAGES[what]
    for rel, lang, direction, other in ((ar, "ar", "rtl", en), (en, "en", "ltr", ar)):
        page = html(sample_site, rel)
        assert f'<html lang="{lang}" dir="{direction}">' in page
        assert f'<link rel="canonical" href="https://7amleh.org/{url_of(rel)}">' in page
        assert f'hreflang="{"en" if lang == "ar" else "ar"}" href="https://7amleh.org/{url_of(other)}"' in page
        assert f'hreflang="x-default" href="https://7amleh.org/{url_of(ar)}"' in page
        assert f'<meta property="og:locale" content="{"ar_AR" if lang == "ar" else "en_GB"}">' in page
        assert f'<meta property="og:locale:alternate" content="{"en_GB" if lang == "ar" else "ar_AR"}">' in page
        # the switcher leads to this page's own translation
        switch = re.search(r'<div class="lang-switch" data-lang-switch>(.*?)</div>', page, re.S).group(1)
        assert f'href="/{url_of(other)}"' in switch


def test_untranslated_item_says_so_and_offers_the_other_home(sample_site):
    page = html(sample_site, "publications/combating-hate-speech-guide/index.html")
    assert not (sample_site / "en/publications/combating-hate-speech-guide").exists()
    assert 'data-lang-missing="en"' in page
    assert "هذه الصفحة غير متوفرة باللغة الإنجليزية." in page
    assert '<a href="/en/" hreflang="en">اذهب إلى الصفحة الرئيسية باللغة الإنجليزية</a>' in page
    assert 'hreflang="en" href="https://7amleh.org/en/publications' not in page
    # listed only where it exists, and Arabic listings say which items exist in English too
    assert "combating-hate-speech-guide" not in html(sample_site, "en/publications/index.html")
    listing = html(sample_site, "publications/index.html")
    assert listing.count("متوفر أيضًا باللغة الإنجليزية") == 3


def test_item_pages_live_at_category_and_slug(sample_site):
    for rel in ("publications/annual-report-2022/index.html", "en/news/7amleh-publishes-annual-report-2022/index.html",
                "about/index.html", "en/goals/index.html", "en/activities/index.html"):
        assert (sample_site / rel).is_file(), rel


def test_publication_page_shows_type_date_authors_pdf_and_json_ld(sample_site):
    page = html(sample_site, "en/publications/annual-report-2022/index.html")
    assert '<a class="badge" href="/en/types/annual-report/">Annual report</a>' in page
    assert '<time datetime="2023-02-20">February 20, 2023</time>' in page
    assert 'href="/pdfs/annual-report-2022.en.pdf"' in page
    assert re.search(r"PDF, \d+ kB", page)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Report"
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == "2023-02-20"
    assert data["encoding"]["contentUrl"] == "https://7amleh.org/pdfs/annual-report-2022.en.pdf"
    assert data["workTranslation"] == [{"@type": "CreativeWork", "inLanguage": "ar",
                                        "url": "https://7amleh.org/publications/annual-report-2022/"}]
    assert "<p>" not in data["description"]


def test_arabic_dates_and_labels_come_from_cldr_and_the_catalog(sample_site):
    page = html(sample_site, "publications/annual-report-2022/index.html")
    assert '<time datetime="2023-02-20">20 شباط 2023</time>' in page
    assert ">تقرير سنوي</a>" in page
    assert "انتقل إلى المحتوى" in page  # skip link


def test_listings_show_type_date_and_summary(sample_site):
    page = html(sample_site, "en/publications/index.html")
    for type_label, title in (("Annual report", "Annual Report 2022"), ("Survey", "Survey: Palestinians"),
                              ("Legal analysis", "Legal analysis: the Bill")):
        assert re.search(rf'class="badge"[^>]*>{type_label}</a>\s*<time', page)
        assert title in page
    assert "one of the 13 publications 7amleh released in 2022" in page  # a summary


def test_listing_pages_exist_per_type_topic_and_author_in_each_language(sample_site):
    ar_types = {p.parent.name for p in (sample_site / "types").glob("*/index.html")}
    en_types = {p.parent.name for p in (sample_site / "en/types").glob("*/index.html")}
    assert ar_types == {"annual-report", "guide", "legal-analysis", "survey"}
    assert en_types == {"annual-report", "legal-analysis", "survey"}
    assert "Privacy and data protection" in html(sample_site, "en/topics/privacy/index.html")
    assert "الخصوصية وحماية البيانات" in html(sample_site, "topics/privacy/index.html")


def test_feeds_have_absolute_links_in_their_own_language(sample_site):
    for rel, prefix in (("feeds/all.atom.xml", ""), ("en/feeds/all.atom.xml", "en/")):
        feed = ET.parse(sample_site / rel).getroot()
        ns = {"a": "http://www.w3.org/2005/Atom"}
        links = [link.get("href") for link in feed.findall("a:entry/a:link", ns)]
        assert links, rel
        assert all(link.startswith(f"https://7amleh.org/{prefix}") for link in links), links
        if not prefix:
            assert not any("/en/" in link for link in links)
        self_link = feed.find("a:link[@rel='self']", ns).get("href")
        assert self_link == f"https://7amleh.org/{rel}"


def test_sitemap_lists_both_languages_with_hreflang_alternates(sample_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(sample_site / "sitemap.xml").getroot()
    urls = {u.find("s:loc", ns).text: u for u in root.findall("s:url", ns)}
    report_ar = urls["https://7amleh.org/publications/annual-report-2022/"]
    alternates = {link.get("hreflang"): link.get("href") for link in report_ar.findall("x:link", ns)}
    assert alternates == {
        "ar": "https://7amleh.org/publications/annual-report-2022/",
        "en": "https://7amleh.org/en/publications/annual-report-2022/",
        "x-default": "https://7amleh.org/publications/annual-report-2022/",
    }
    assert report_ar.find("s:lastmod", ns).text == "2023-02-20"
    assert "https://7amleh.org/en/publications/annual-report-2022/" in urls
    guide = urls["https://7amleh.org/publications/combating-hate-speech-guide/"]
    assert {link.get("hreflang") for link in guide.findall("x:link", ns)} == {"ar", "x-default"}
    assert not any(loc.endswith("404.html") for loc in urls)


def test_static_files_are_written_once(sample_site):
    assert (sample_site / "theme/css/site.css").is_file()
    assert not (sample_site / "en/theme").exists()
    assert (sample_site / "pdfs/annual-report-2022.ar.pdf").is_file()
    assert not (sample_site / "en/pdfs").exists()
    assert (sample_site / "theme/fonts/LICENSE-noto-sans-arabic.txt").is_file()


def test_arabic_font_is_preloaded_on_arabic_pages_only(sample_site):
    preload = 'rel="preload" href="/theme/fonts/noto-sans-arabic-400-subset.woff2"'
    assert preload in html(sample_site, "index.html")
    assert preload not in html(sample_site, "en/index.html")


def test_no_page_references_another_host_for_assets(sample_site):
    for path in sample_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assets = re.findall(r'<(?:script|img|link)[^>]+(?:src|href)="([^"]+)"', page)
        external = [a for a in assets if a.startswith(("http:", "https:", "//"))
                    and not re.search(rf'rel="(canonical|alternate)"[^>]*href="{re.escape(a)}"', page)]
        assert external == [], (path, external)
