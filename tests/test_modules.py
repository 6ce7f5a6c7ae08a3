"""The plain modules, without building a site."""

import json

import pytest

from bilingual.alternates import Alternate, SiteIndex
from bilingual.errors import ContentError
from bilingual.l10n import format_date, format_number, format_size
from bilingual.metadata import file_language, parse_date, read_header
from bilingual.sitemap import render_sitemap
from publications.jsonld import publication_jsonld

LANGS = {"ar": {}, "en": {}}


def test_header_lines_continuations_bom_and_the_blank_line_that_ends_it():
    text = "\ufeffTitle: A long\n    title\nDate: 2023-02-20\n\nBody: not metadata\n"
    assert read_header(text) == {"title": ("A long title", 1), "date": ("2023-02-20", 3)}


def test_header_stops_where_the_body_starts_without_a_blank_line():
    assert read_header("Title: T\nThis is body text.\nDate: 2023-01-01\n") == {"title": ("T", 1)}


@pytest.mark.parametrize("value, ok", [("2023-02-20", True), ("2023-02-20 10:30", True), ("2023-02-20T10:30:05", True),
                                       ("20/2/2023", False), ("2023-02-30", False), ("2023-2-3", False), ("", False)])
def test_dates_are_iso_only(value, ok):
    assert (parse_date(value) is not None) == ok


@pytest.mark.parametrize("name, message", [("news/x.md", "must be named"), ("news/x.fr.md", "unknown language 'fr'"),
                                           ("news/X_Y.en.md", "must be lower-case"), ("news/x.ar.txt", "must be named")])
def test_file_names_must_carry_slug_and_known_language(name, message):
    with pytest.raises(ContentError, match=message):
        file_language(name, LANGS)


def test_unknown_language_suggests_the_nearest():
    with pytest.raises(ContentError) as caught:
        file_language("news/x.eng.md", LANGS)
    assert "did you mean 'en'?" in str(caught.value)


def index_with(*entries):
    index = SiteIndex({"ar": "", "en": "en/"})
    for lang, url, source in entries:
        index.add(lang, url, source)
    return index


def test_alternates_lead_to_the_translation_or_to_the_other_home():
    index = index_with(("ar", "", None), ("en", "en/", None), ("ar", "news/a/", "news/a.ar.md"),
                       ("en", "en/news/a/", "news/a.en.md"), ("ar", "news/b/", "news/b.ar.md"))
    assert index.alternates("ar", "news/a/") == [Alternate("en", "en/news/a/", True)]
    assert index.alternates("en", "en/news/a/") == [Alternate("ar", "news/a/", True)]
    assert index.alternates("ar", "news/b/") == [Alternate("en", "en/", False)]
    assert index.translations("ar", "news/b/") == {"ar": "news/b/"}


def test_one_url_claimed_by_two_sources_is_an_error_naming_both():
    index = index_with(("en", "en/about/", "pages/about.en.md"))
    with pytest.raises(ContentError, match="pages/about.en.md"):
        index.add("en", "en/about/", "news/about.en.md")


def test_sitemap_x_default_is_the_main_language_or_the_only_one():
    index = index_with(("ar", "a/", "a.ar.md"), ("en", "en/a/", "a.en.md"), ("en", "en/b/", "b.en.md"))
    xml = render_sitemap(index, "https://example.org")
    assert xml.count("<url>") == 3
    assert 'hreflang="x-default" href="https://example.org/a/"' in xml
    assert 'hreflang="x-default" href="https://example.org/en/b/"' in xml


def test_cldr_dates_numbers_and_sizes():
    import datetime
    day = datetime.date(2023, 2, 20)
    assert format_date(day, "ar", "latn") == "20 شباط 2023"  # Levantine month names by default (ar_PS)
    assert format_date(day, "ar", "arab") == "٢٠ شباط ٢٠٢٣"
    assert format_date(day, "ar", "latn", months="both") == "20 شباط (فبراير) 2023"
    assert format_date(day, "ar", "latn", months="transliterated") == "20 فبراير 2023"
    assert format_date(day, "ar", "latn", "MMMM y", months="both") == "شباط (فبراير) 2023"
    assert format_date(day, "en", "latn", months="both") == "February 20, 2023"  # only Arabic has two sets
    assert format_date(day, "en", "latn") == "February 20, 2023"
    assert format_number(1119, "ar", "arab") == "١٬١١٩"
    assert format_size(45_983, "en", "latn") == "46 kB"
    assert format_size(1_250_000, "en", "latn") == "1.2 MB"


def test_json_ld_cannot_close_its_script_element():
    text = publication_jsonld(url="u", title="</script><script>alert(1)", summary="s", lang="en", type_code="report",
                              published="2023-01-01", modified="2023-01-01", authors=[("Organization", "7amleh")],
                              publisher={"name": "7amleh", "url": "u"})
    assert "</" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)"
