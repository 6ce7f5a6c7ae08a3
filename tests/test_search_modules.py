"""The search plugin's plain modules, without building a site."""

import random
from collections import Counter

import pytest

from bilingual.errors import ContentError
from search import documents, shards
from search.refs import REF_CHARS, digits as refs_digits, stable_refs
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
    costs = [(f"term{n:04d}", 40) for n in range(2000)]
    groups = shards.term_groups(costs, budget=800)
    assert [t for g in groups for t in g] == [term for term, _ in costs]
    sizes = [40 * len(g) for g in groups]
    assert min(sizes[:-1]) >= 400 and 700 < sum(sizes) / len(sizes) < 900  # at least half the budget, about it on average
    # a single term bigger than the budget gets a shard of its own
    assert ["huge"] in shards.term_groups(costs[:50] + [("huge", 5000)] + costs[50:100], budget=800)


def test_cuts_depend_on_the_terms_near_them_not_on_the_shards_before():
    rng = random.Random(5)
    costs = [(f"term{n:04d}", rng.randint(20, 200)) for n in range(3000)]
    before = shards.term_groups(costs, budget=2000)
    changed = []
    for n in range(0, 3000, 30):  # a term's postings grow, or a term is added: the shard around it changes
        grown = shards.term_groups([(term, cost + 8 if i == n else cost) for i, (term, cost) in enumerate(costs)], 2000)
        added = shards.term_groups(costs[:n] + [(f"term{n:04d}a", 40)] + costs[n:], 2000)
        changed.append(len([g for g in grown if g not in before]))
        differ = [g for g in added if g not in before]
        assert any(f"term{n:04d}a" in g for g in differ)
        changed.append(len(differ) - 1)
    # rarely does a cut move (then the next one or two shards change too), never far
    assert sum(changed) <= len(changed) // 10 and max(changed) <= 3, changed


def test_refs_come_from_the_url_and_grow_only_where_they_collide():
    urls = [f"news/item-{n}/" for n in range(3000)]
    refs = stable_refs(urls)
    assert len(set(refs.values())) == len(urls) and all(len(ref) >= REF_CHARS for ref in refs.values())
    assert stable_refs(reversed(urls)) == refs  # the same set of items, the same refs
    longer = [url for url, ref in refs.items() if len(ref) > REF_CHARS]
    assert all(refs[url].startswith(refs_digits(url)[:REF_CHARS]) for url in longer)
    fewer = stable_refs(urls[:1000])
    assert all(refs[url] == ref for url, ref in fewer.items() if len(ref) == REF_CHARS and len(refs[url]) == REF_CHARS)
    assert sum(fewer[url] != refs[url] for url in fewer) <= len(longer)  # only collisions move a ref


def test_postings_count_each_term_per_field_and_ref():
    counts = {"title/b": Counter({"x": 2}), "body/b": Counter({"x": 1, "y": 3}), "title/a": Counter({"x": 1}),
              "body/a": Counter()}
    assert shards.postings(counts, ["title", "body"]) == {"x": [["a", 1, "b", 2], ["b", 1]], "y": [[], ["b", 3]]}


def test_terms_sort_as_javascript_compares_strings():
    astral, private = "\U0001D400", "\uFF41"  # UTF-16: D835 DC00 sorts before FF41
    assert sorted([private, astral], key=shards.utf16_key) == [astral, private]


def test_search_settings_have_defaults_and_refuse_unknown_keys():
    assert search_settings({}) == DEFAULTS
    assert search_settings({"SEARCH": {"excerpt_chars": 500}})["excerpt_chars"] == 500
    with pytest.raises(ContentError, match="search plugin"):
        search_settings({"SEARCH": {"shard_size": 1}})
