"""The search plugin's plain modules, without building a site."""

import pytest

from bilingual.errors import ContentError
from search import documents, shards
from search.settings import DEFAULTS, search_settings


def test_html_is_split_into_headings_and_body_without_code_nobody_reads():
    headings, body = documents.html_fields(
        "<h2>الحملات</h2><p>نص <em>مهم</em>&amp; آخر</p><script>var x = 1;</script>"
        "<figure><svg><title>chart</title></svg><figcaption>شكل</figcaption></figure><h3>Sub</h3>")
    assert headings == "الحملات Sub"
    assert body == "نص مهم& آخر شكل"


def test_excerpts_end_at_a_space():
    assert documents.excerpt("short", 10) == "short"
    assert documents.excerpt("one two three four", 10) == "one two …"


def test_a_shard_key_is_the_shortest_start_that_sorts_after_the_previous_shard():
    assert shards.boundary("مدرس", "مدرسه") == "مدرسه"
    assert shards.boundary("abc", "abd") == "abd"
    assert shards.boundary("abz", "b") == "b"
    assert shards.boundary("azzz", "bcd") == "b"


def test_terms_are_cut_into_consecutive_groups_near_the_budget():
    index = {f"term{n:03d}": {"_index": n, "title": {}, "body": {str(n): {}}} for n in range(100)}
    groups = shards.term_groups(index, budget=400)
    assert [t for g in groups for t in g] == sorted(index)
    assert 5 < len(groups) < 50
    # a single term bigger than the budget gets a shard of its own
    index["huge"] = {"_index": 100, "title": {}, "body": {str(n): {} for n in range(500)}}
    assert ["huge"] in shards.term_groups(index, budget=400)


def test_terms_sort_as_javascript_compares_strings():
    astral, private = "\U0001D400", "\uFF41"  # UTF-16: D835 DC00 sorts before FF41
    assert sorted([private, astral], key=shards.utf16_key) == [astral, private]


def test_search_settings_have_defaults_and_refuse_unknown_keys():
    assert search_settings({}) == DEFAULTS
    assert search_settings({"SEARCH": {"excerpt_chars": 500}})["excerpt_chars"] == 500
    with pytest.raises(ContentError, match="search plugin"):
        search_settings({"SEARCH": {"shard_size": 1}})
