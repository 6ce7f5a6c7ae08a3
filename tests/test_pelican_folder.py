"""A Pelican folder builds as it is: `Slug:` and `Category:` lines that agree with the file's place are
accepted and change nothing; a disagreeing one names both values; a folder without vocabularies is told
which file to add."""

import sys

import pytest

from bilingual.build import build_site
from bilingual.errors import BuildError, ContentError
from bilingual.metadata import check_place
from conftest import ROOT, SETTINGS, TinySite, tree_digest

sys.path.insert(0, str(ROOT))
from benchmarks.corpus import make_corpus  # noqa: E402
from benchmarks.stock import build_stock  # noqa: E402

NEWS_EN = "Title: Second\n{place}Date: 2023-02-20\nSummary: S.\n\nBody.\n"
NEWS_AR = "Title: الثاني\nDate: 2023-02-20\nSummary: ملخص.\n\nنص.\n"
PUBLICATION = "Title: A report\n{place}Date: 2023-01-01\nType: report\nTopics: privacy\nSummary: One.\n\nBody.\n"
PAGE = "Title: About\n{place}\nAbout us.\n"


def site(root, place_news="", place_publication="", place_page=""):
    return TinySite(root).write({
        "news/second.en.md": NEWS_EN.format(place=place_news),
        "news/second.ar.md": NEWS_AR,
        "publications/report.en.md": PUBLICATION.format(place=place_publication),
        "pages/about.en.md": PAGE.format(place=place_page),
    })


def stopped(tiny_site):
    with pytest.raises(BuildError) as caught:
        tiny_site.build()
    return [p for p in caught.value.problems if isinstance(p, ContentError)], str(caught.value)


def test_agreeing_lines_are_accepted_and_the_site_is_byte_for_byte_the_same(tmp_path):
    plain = site(tmp_path / "plain")
    plain.build()
    # As Pelican reads them: the category by its slug (case, spaces, markup and punctuation go), the slug as written.
    lines = site(tmp_path / "lines", place_news="Slug: second\nCategory:   NEWS  \n",
                 place_publication="Slug:  report \nCategory: <b>Publications</b>!\n", place_page="Slug: about\n")
    lines.build()
    assert tree_digest(lines.output) == tree_digest(plain.output)
    assert "<b>Publications</b>" not in lines.read("en/publications/report/index.html")
    assert (lines.output / "en" / "news" / "second" / "index.html").is_file()


@pytest.mark.parametrize("place, line, words", [
    ("Slug: first\n", 2, "'Slug: first' does not agree with the file name, which says 'second'"),
    ("Slug: Second\n", 2, "'Slug: Second' does not agree with the file name, which says 'second'"),  # Pelican keeps case
    ("Slug: second/../../etc\n", 2, "'Slug: second/../../etc' does not agree"),
    ("Slug:\n", 2, "'Slug: ' does not agree with the file name"),
    ("Category: Publications\n", 2, "'Category: Publications' does not agree with the folder, which says 'news'"),
    ("Category: أخبار\n", 2, "'Category: أخبار' does not agree with the folder, which says 'news'"),
    ("Category: <script>alert(1)</script>\n", 2,
     "'Category: <script>alert(1)</script>' does not agree with the folder"),
])
def test_a_disagreeing_line_stops_the_build_naming_file_line_and_both_values(tmp_path, place, line, words):
    tiny = site(tmp_path)
    tiny.build()
    before = tree_digest(tiny.output)
    tiny.write({"news/second.en.md": f"Title: Second\n{place}Date: 2023-02-20\nSummary: S.\n\nBody.\n"})
    problems, text = stopped(tiny)
    assert [(p.path, p.line) for p in problems] == [("news/second.en.md", line)]
    assert words in text and "how to fix:" in text
    assert tree_digest(tiny.output) == before  # the previous output survives


def test_a_category_line_on_a_page_agrees_only_with_its_folder(tmp_path):
    problems, text = stopped(site(tmp_path, place_page="Category: News\n"))
    assert [(p.path, p.line) for p in problems] == [("pages/about.en.md", 2)]
    assert "which says 'pages'" in text


def test_check_place_compares_as_pelican_reads():
    slug = str.lower  # stands in for Pelican's slugify of a category name
    check_place("news/a.en.md", {"slug": ("a", 2), "category": ("News", 3)}, slug="a", folder="news",
                category_slug=slug)
    with pytest.raises(ContentError) as caught:
        check_place("news/a.en.md", {"category": ("Blog", 3)}, slug="a", folder="news", category_slug=slug)
    assert (caught.value.path, caught.value.line) == ("news/a.en.md", 3)


def test_a_folder_without_authors_is_told_which_file_to_add(tmp_path):
    tiny = site(tmp_path)
    (tiny.content / "data" / "authors.yaml").unlink()
    problems, text = stopped(tiny)
    assert [p.path for p in problems] == ["data/authors.yaml"]
    assert "the default author '7amleh' (AUTHOR in the settings) needs data/authors.yaml" in text
    assert "'7amleh:' on a line of its own and under it, indented, ar: …, en: …" in text
    assert "the repository's own list, content/data/authors.yaml, can be copied as a start" in text


def test_a_folder_without_topics_is_told_which_file_to_add_for_each_item_using_one(tmp_path):
    tiny = site(tmp_path)
    (tiny.content / "data" / "topics.yaml").unlink()
    problems, text = stopped(tiny)
    assert [(p.path, p.line) for p in problems] == [("publications/report.en.md", 4)]
    assert "unknown topic 'privacy': the content folder has no data/topics.yaml" in text
    assert "add data/topics.yaml to the content folder" in text


def test_a_folder_without_topics_builds_when_no_item_uses_one(tmp_path):
    tiny = site(tmp_path)
    tiny.write({"publications/report.en.md": PUBLICATION.format(place="").replace("Topics: privacy\n", "")})
    (tiny.content / "data" / "topics.yaml").unlink()
    tiny.build()


def test_the_repositorys_own_list_is_offered_only_when_it_exists(tmp_path):
    """Settings elsewhere (no content/ beside them): the hint says what to write, and offers no file."""
    settings = tmp_path / "settings" / "pelicanconf.py"
    settings.parent.mkdir()
    settings.write_text(SETTINGS.read_text(encoding="utf-8").replace('THEME = "themes/base"',
                                                                      f'THEME = "{ROOT}/themes/base"'),
                        encoding="utf-8")
    tiny = site(tmp_path / "site")
    (tiny.content / "data" / "authors.yaml").unlink()
    with pytest.raises(BuildError) as caught:
        build_site(settings, content=tiny.content, output=tiny.output, overrides={"PLUGIN_PATHS": [str(ROOT / "plugins")]})
    text = str(caught.value)
    assert "needs data/authors.yaml" in text and "can be copied" not in text


def test_the_bench_corpus_with_pelican_lines_builds_as_stock_pelican_reads_it(tmp_path):
    """invoke bench's corpus, 20 items per language, every item with its Slug: and Category: lines."""
    corpus = make_corpus(ROOT / "content", tmp_path / "corpus", 20, campaigns=1, campaign_pages=2, pelican_lines=True)
    assert "Slug: item-00000\nCategory: News\n" in (corpus / "news" / "item-00000.en.md").read_text(encoding="utf-8")
    report = build_site(SETTINGS, content=corpus, output=tmp_path / "output", strict=True)
    assert report.warnings == []
    assert (tmp_path / "output" / "news" / "item-00000" / "index.html").is_file()
    assert (tmp_path / "output" / "en" / "publications" / "item-00001" / "index.html").is_file()
    # and stock Pelican reads the same corpus to as many pages as without the lines, with nothing to say about them
    plain = make_corpus(ROOT / "content", tmp_path / "plain", 20, campaigns=1, campaign_pages=2)
    assert build_stock(corpus, tmp_path / "stock-lines") == build_stock(plain, tmp_path / "stock-plain")
    assert len(list((tmp_path / "stock-lines").rglob("*.html"))) == len(list((tmp_path / "stock-plain").rglob("*.html")))
