"""search/index.py builds the index lunr.py's Builder builds, to the byte: lunr.py stays the reference."""

import pytest
from lunr.builder import Builder

import search.index
from bilingual.build import build_site
from conftest import ROOT, SETTINGS
from search import analyser, shards
from search.settings import DEFAULTS


def lunr_py_index(documents, boosts):
    """Plain lunr.py 0.8.0: its Builder, its tokenizer, our pipeline functions run token by token."""
    builder = Builder()
    builder.pipeline.add(*analyser.PIPELINE_FUNCTIONS)
    builder.search_pipeline.add(*analyser.PIPELINE_FUNCTIONS)
    builder.ref("ref")
    for field, boost in boosts.items():
        builder.field(field, boost=boost, extractor=lambda document, field=field: analyser.words(document[field]))
    for document in documents:
        builder.add(document)
    return builder.build()


@pytest.fixture(scope="module")
def sample_documents(tmp_path_factory):
    """The documents the search plugin indexes when it builds the sample site, per language."""
    seen = {}
    term_counts = search.index.term_counts

    def recording(documents, fields):
        seen[len(seen)] = (documents, {field: DEFAULTS["boosts"][field] for field in fields})
        return term_counts(documents, fields)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search.index, "term_counts", recording)
        patch.setenv("SITE_BUILD_SERIAL", "1")  # both languages in this process, where the recording is
        build_site(SETTINGS, content=ROOT / "content", output=tmp_path_factory.mktemp("index") / "output")
    return list(seen.values())


def test_the_sample_sites_indexes_equal_lunr_py_s_json(sample_documents):
    assert len(sample_documents) == 2  # one index per language
    for documents, boosts in sample_documents:
        assert len(documents) > 10 and boosts == DEFAULTS["boosts"]
        ours = search.index.build(documents, boosts).serialize()
        reference = lunr_py_index(documents, boosts).serialize()
        assert len(ours["invertedIndex"]) > 300
        assert shards.to_json(ours) == shards.to_json(reference)
        assert [ref for ref, _ in ours["fieldVectors"]] == [ref for ref, _ in reference["fieldVectors"]]


def test_small_indexes_equal_lunr_py_s_too():
    """Cases the sample site may not hold: an empty field, a word repeated in one field and across
    fields, stop-words only, digits and Latin words, other boosts."""
    documents = [
        {"ref": "0", "title": "المدرسة والمدرسة مدرسة", "headings": "", "body": "في من على"},
        {"ref": "1", "title": "Schools", "headings": "school SCHOOL schooling 2022 ٢٠٢٢", "body": "مدرسة " * 40},
        {"ref": "2", "title": "", "headings": "", "body": ""},
        {"ref": "a", "title": "حملة", "headings": "حملة الحملات", "body": "7amleh حملة report reports"},
    ]
    for boosts in ({"title": 10, "headings": 4, "body": 1}, {"title": 1.5, "headings": 1, "body": 0.25}):
        ours = search.index.build(documents, boosts).serialize()
        assert shards.to_json(ours) == shards.to_json(lunr_py_index(documents, boosts).serialize())


def test_a_field_empty_in_every_document_equals_lunr_py_s_index():
    """A small site with no headings anywhere: the field's average length is 0, which lunr.py never
    divides by because no term of that field exists."""
    documents = [{"ref": "0", "title": "تقرير", "headings": "", "body": "نص التقرير"},
                 {"ref": "1", "title": "Report", "headings": "", "body": "the report text"}]
    boosts = DEFAULTS["boosts"]
    ours = search.index.build(documents, boosts).serialize()
    assert shards.to_json(ours) == shards.to_json(lunr_py_index(documents, boosts).serialize())


def test_words_are_analysed_once_into_what_lunr_py_s_pipeline_gives(sample_documents):
    texts = [document[field] for documents, boosts in sample_documents for document in documents for field in boosts]
    assert [analyser.analyse(text) for text in texts] == [analyser.analyse_with_lunr(text) for text in texts]
