"""Bounded fuzzing (Hypothesis) of everything that reads what a person wrote: the Markdown reader
(metadata and body) and the YAML readers (vocabularies, codes, datasets, campaign.yaml).

Whatever the input, the answer is the item or a ContentError naming the file — never another
exception, never a hang: each example has a deadline, and the examples are fixed
(derandomize) so CI runs the same ones every time.
"""

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pelican.settings import read_settings

from bilingual.errors import ContentError
from bilingual.languages import language_settings
from bilingual.reader import CheckedMarkdownReader
from campaigns.schema import parse_campaign
from charts.schema import parse_codes, parse_dataset
from conftest import ROOT, SETTINGS
from publications.vocabulary import parse_vocabulary
from test_sanitiser import Audit

BOUNDED = settings(max_examples=250, deadline=3000, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
LANGUAGES = ["ar", "en"]

# Pieces a Markdown file is made of, hostile ones included; Hypothesis strings them together.
METADATA_KEYS = ["Title", "Date", "Summary", "Status", "Lang", "Type", "Topics", "Authors", "PDF", "Cover", "Slug",
                 "Category", "Modified", "title", "X-Other"]
METADATA_VALUES = ["Annual report 2022", "تقرير حملة", "2023-02-20", "2023-02-30", "٢٠٢٦-١١-٣٠", "draft", "report",
                   "privacy", "pdfs/x.pdf", "../../etc/passwd", "<script>alert(1)</script>", "", "a\x00b", "x\x0by",
                   "[link](javascript:alert(1))", "<!--<script>", "*" * 50]
BODY_PIECES = ["Text.", "نص عربي.", "\n", "\n\n", "    ", "- ", "> ", "1. ", "# ", "```", "*", "_", "[", "]", "(", ")",
               "![x](", "{static}/images/a.png", "https://evil.example/", "<", ">", "</", "<div>", "<script>",
               "<img src=x onerror=alert(1)>", "<iframe src=//x>", "{chart q1 by=platform}", "{: onclick=x }",
               "&#106;avascript:", "<!--", "-->", "|a|b|\n|-|-|\n", "[^1]", "[^1]: note", "\t", "\u200f", "\ufeff",
               "\r", "\r\n", "\x00", "\u2028"]

header_line = st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(METADATA_KEYS), st.sampled_from(METADATA_VALUES))
VALID_HEAD = ["Title: A title", "Date: 2023-02-20"]  # most examples get past the metadata, into Markdown
markdown = st.builds(lambda valid, head, body: "\n".join(VALID_HEAD * valid + head) + "\n\n" + "".join(body),
                     st.integers(0, 1), st.lists(header_line, max_size=3), st.lists(st.sampled_from(BODY_PIECES), max_size=60))


@pytest.fixture(scope="module")
def reader(tmp_path_factory):
    content = tmp_path_factory.mktemp("fuzz")
    (content / "news").mkdir()
    overrides = {**language_settings("en", "ar", {lang: {} for lang in LANGUAGES}), "PATH": str(content)}
    return CheckedMarkdownReader(read_settings(str(SETTINGS), override=overrides)), content / "news" / "fuzz.en.md"


@BOUNDED
@given(markdown)
def test_the_markdown_reader_answers_an_item_or_a_content_error(reader, text):
    checked, path = reader
    path.write_text(text, encoding="utf-8", newline="")
    started = time.perf_counter()
    try:
        content, metadata = checked.read(str(path))
    except ContentError as error:
        assert error.path == "news/fuzz.en.md"
        return
    finally:
        assert time.perf_counter() - started < 3
    for html in (content, metadata.get("summary") or ""):
        audit = Audit()  # a second parser's reading: only allowed elements, attributes and addresses
        audit.feed(html)
        audit.close()
        assert audit.bad == [], html


YAML_PIECES = ["a", "ar", "en", "title", "privacy", "id", "rows", "- ", ": ", "\n", "  ", "{", "}", "[", "]", ",",
               "'", '"', "&a ", "*a", "!!python/object:os.system", "!!binary", "<<: ", "? ", "|", ">", "#", "%YAML 1.1",
               "---", "...", "2023-02-30", "-3", "1e999", "\t", "\x00", "نص", "\ufeff"]
yaml_text = st.lists(st.sampled_from(YAML_PIECES), max_size=80).map("".join)
CODES = (ROOT / "tests" / "charts" / "codes.yaml").read_text(encoding="utf-8")


def answers_or_content_error(parse, text):
    try:
        parse(text)
    except ContentError as error:
        assert error.path and "Traceback" not in error.describe()


@BOUNDED
@given(yaml_text)
def test_vocabulary_reader(text):
    answers_or_content_error(lambda t: parse_vocabulary(t, "data/topics.yaml", LANGUAGES), text)


@BOUNDED
@given(yaml_text)
def test_codes_and_dataset_readers(text):
    dimensions = parse_codes(CODES, "data/violation-codes.yaml", LANGUAGES)
    answers_or_content_error(lambda t: parse_codes(t, "data/violation-codes.yaml", LANGUAGES), text)
    answers_or_content_error(lambda t: parse_dataset(t, "data/violations/q1.yaml", LANGUAGES, dimensions), text)


@BOUNDED
@given(yaml_text)
def test_campaign_reader(tmp_path_factory, text):
    content = tmp_path_factory.getbasetemp()
    answers_or_content_error(lambda t: parse_campaign(t, "campaigns/fair/campaign.yaml", site_languages=LANGUAGES,
                                                      content_path=str(content), themes=["bold"],
                                                      mailing_lists=["news"]), text)
