"""Languages are settings plus a catalog; dates and numbers follow CLDR; output is deterministic."""

import io
import os
import runpy
import shutil
import subprocess
import sys

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from conftest import ROOT, TinySite, tree_digest

HEBREW = {"name": "עברית", "dir": "rtl", "locale": "he", "og_locale": "he_IL"}
LANGUAGES = {
    "ar": {"name": "العربية", "dir": "rtl", "locale": "ar", "og_locale": "ar_AR"},
    "en": {"name": "English", "dir": "ltr", "locale": "en", "og_locale": "en_GB"},
    "he": HEBREW,
}


def with_language(mailing_list, code, text):
    """MAILING_LIST with `text` as every label of one more language (a language needs them all)."""
    labelled = {key: {**value, code: text} if isinstance(value, dict) else value for key, value in mailing_list.items()}
    labelled["lists"] = {name: {**entry, code: text} for name, entry in mailing_list["lists"].items()}
    return labelled


def add_catalog(theme, lang, strings):
    catalog = Catalog(locale=lang)
    for msgid, msgstr in strings.items():
        catalog.add(msgid, msgstr)
    folder = theme / "translations" / lang / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    (folder / "messages.po").write_bytes(buffer.getvalue())


def test_a_third_right_to_left_language_is_settings_plus_a_catalog(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes" / "base", theme, ignore=shutil.ignore_patterns("*.mo"))
    add_catalog(theme, "he", {"Home": "דף הבית", "Skip to content": "דלגו לתוכן"})
    site = TinySite(tmp_path).write({
        "data/authors.yaml": "7amleh:\n  ar: حملة\n  en: 7amleh\n  he: חמלה\n",
        "data/topics.yaml": "",
        "pages/about.ar.md": "Title: عن حملة\n\nنص.\n",
        "pages/about.en.md": "Title: About\n\nText.\n",
        "pages/about.he.md": "Title: אודות\n\nטקסט.\n",
        "news/only-english.en.md": "Title: Only in English\nDate: 2023-02-20\n\nText.\n",
    })
    mailing_list = with_language(runpy.run_path(str(ROOT / "pelicanconf.py"))["MAILING_LIST"], "he", "עברית")
    site.build(LANGUAGES=LANGUAGES, THEME=str(theme), MAILING_LIST=mailing_list)
    about = site.read("he/about/index.html")
    assert '<html lang="he" dir="rtl">' in about
    assert "דלגו לתוכן" in about and "דף הבית" in about
    for code, url in (("ar", "about/"), ("en", "en/about/")):
        assert f'<link rel="alternate" hreflang="{code}" href="https://7amleh.org/{url}">' in about
        assert f'href="/{url}" hreflang="{code}" lang="{code}" rel="alternate"' in about
    assert '<meta property="og:locale" content="he_IL">' in about
    # the switcher of an English-only item says, in Hebrew's place, which languages lack it
    only = site.read("en/news/only-english/index.html")
    assert 'data-lang-missing="he"' in only and 'data-lang-missing="ar"' in only
    assert "This page is not available in Hebrew." in only
    assert 'hreflang="he" href="https://7amleh.org/he/about/"' in site.read("sitemap.xml")


def test_arabic_indic_numerals_are_a_setting(tiny):
    tiny.write({"news/first.ar.md": "Title: خبر\nDate: 2023-02-20\n\nنص.\n"})
    tiny.build()
    assert "20 شباط 2023" in tiny.read("news/first/index.html")
    tiny.build(NUMERALS="arab")
    assert "٢٠ شباط ٢٠٢٣" in tiny.read("news/first/index.html")


def test_arabic_month_names_are_levantine_unless_the_setting_says_otherwise(tiny):
    """docs/decisions/0009: تشرين الثاني by default, both names or the transliterated one by setting."""
    tiny.write({"news/first.ar.md": "Title: خبر\nDate: 2026-11-30\n\nنص.\n",
                "news/first.en.md": "Title: News\nDate: 2026-11-30\n\nText.\n"})
    tiny.build()
    assert '<time datetime="2026-11-30">30 تشرين الثاني 2026</time>' in tiny.read("news/first/index.html")
    tiny.build(ARABIC_MONTHS="both")
    assert "30 تشرين الثاني (نوفمبر) 2026" in tiny.read("news/first/index.html")
    assert "تشرين الثاني (نوفمبر)" in tiny.read("news/index.html")  # listings too
    assert "November 30, 2026" in tiny.read("en/news/first/index.html")  # English has one set
    tiny.build(ARABIC_MONTHS="transliterated")
    assert "30 نوفمبر 2026" in tiny.read("news/first/index.html")


def test_listings_paginate_and_the_switcher_of_page_two_leads_to_the_other_listing(tiny):
    for n in range(1, 13):
        tiny.write({f"news/item-{n}.ar.md": f"Title: خبر {n}\nDate: 2023-01-{n:02d}\n\nنص.\n"})
    tiny.write({"news/item-1.en.md": "Title: News 1\nDate: 2023-01-01\n\nText.\n"})
    tiny.build(DEFAULT_PAGINATION=5)
    page2 = tiny.read("news/page/2/index.html")
    assert '<link rel="canonical" href="https://7amleh.org/news/page/2/">' in page2
    assert 'rel="prev" href="/news/"' in page2 and 'rel="next" href="/news/page/3/"' in page2
    assert "الصفحة 2 من 3" in page2
    assert 'href="/en/news/" hreflang="en" lang="en" rel="alternate"' in page2
    assert not (tiny.output / "en/news/page/2").exists()


def test_two_builds_in_different_processes_and_folders_are_byte_identical(tmp_path):
    outputs = []
    for seed in ("1", "2"):  # different hash seeds: set and dict ordering must not leak into output
        output = tmp_path / f"build-{seed}" / "output"
        subprocess.run([sys.executable, "-m", "invoke", "build", "--output", str(output)], cwd=ROOT, check=True,
                       capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(tree_digest(output))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 40
