"""The search index in the built site: contract, files, determinism, exact sharding, bad settings."""

import hashlib
import json
import re
from collections import Counter

import pytest
import yaml
from lunr.index import Index
from lunr.query import Query

from bilingual.errors import BuildError
from conftest import ROOT
from search import index as search_index
from search.refs import stable_refs
from search_node import search_in_node

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
PREFIX = {"ar": "", "en": "en/"}


def manifest_path(site, lang):
    page = (site / PREFIX[lang] / "search" / "index.html").read_text(encoding="utf-8")
    return site / re.search(r'data-search-manifest="/([^"]+)"', page).group(1)


def data_files(site, lang):
    folder = manifest_path(site, lang).parent
    return sorted(p for p in folder.rglob("*.json"))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_search_page_keeps_the_contract_and_is_the_only_page_with_search_scripts(sample_site, lang):
    page = (sample_site / PREFIX[lang] / "search" / "index.html").read_text(encoding="utf-8")
    assert "data-search-results" in page
    assert f'<form class="search-form" role="search" action="/{PREFIX[lang]}search/" method="get"' in page
    assert 'name="q"' in page and "<noscript>" in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts and all(re.fullmatch(r'<script src="/theme/js/[^"]+\.js\?v=[0-9a-f]+" defer>', s) for s in scripts), scripts
    # what a Content-Security-Policy without 'unsafe-inline' allows: no inline code or styles
    assert not re.search(r"<[^>]+\s(on\w+|style)=", page)
    home = (sample_site / PREFIX[lang] / "index.html").read_text(encoding="utf-8")
    assert "/theme/js/search/" not in home and "lunr" not in home  # only the search page loads search code
    assert f'<form class="site-search" role="search" action="/{PREFIX[lang]}search/" method="get">' in home


def shard_terms(site, lang, name):
    return json.loads((manifest_path(site, lang).parent / "shards" / f"{name}.json").read_bytes())


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_shards_are_named_by_content_and_cards_by_a_ref_from_the_url(sample_site, lang):
    manifest_file = manifest_path(sample_site, lang)
    assert manifest_file.name == "manifest.json"  # a stable name: the search page names it
    manifest = json.loads(manifest_file.read_bytes())
    files = data_files(sample_site, lang)
    assert len(files) == 1 + len(manifest["shards"]) + len(manifest["refs"])
    for name in manifest["shards"]:
        data = (manifest_file.parent / "shards" / f"{name}.json").read_bytes()
        assert name == hashlib.sha256(data).hexdigest()[:10]
    urls = {}
    for ref in manifest["refs"]:
        assert re.fullmatch(r"[0-9a-z]{4,}", ref)
        urls[ref] = json.loads((manifest_file.parent / "docs" / f"{ref}.json").read_bytes())["url"]
    assert stable_refs(urls.values()) == {url: ref for ref, url in urls.items()}
    assert len(manifest["lengths"]) == len(manifest["fields"]) * len(manifest["refs"])
    assert all(isinstance(n, int) and n >= 0 for n in manifest["lengths"])


def test_each_shard_holds_the_counts_of_the_terms_between_two_keys(sample_site):
    manifest = json.loads(manifest_path(sample_site, "ar").read_bytes())
    keys = manifest["keys"]
    assert keys == sorted(keys, key=lambda t: t.encode("utf-16-be")) and len(set(keys)) == len(keys)
    assert manifest["fields"] == ["title", "headings", "body"] and manifest["boosts"] == [10, 4, 1]
    refs = set(manifest["refs"])
    for n, (key, name) in enumerate(zip(keys, manifest["shards"])):
        entries = shard_terms(sample_site, "ar", name)
        terms = [entry[0] for entry in entries]
        assert terms == sorted(terms, key=lambda t: t.encode("utf-16-be"))
        assert n == 0 or all(term >= key for term in terms)
        assert n + 1 == len(keys) or all(term < keys[n + 1] for term in terms)
        for entry in entries:
            assert len(entry) == 4  # the term, then [ref, count, …] for each field
            for found in entry[1:]:
                assert set(found[::2]) <= refs and all(isinstance(c, int) and c > 0 for c in found[1::2])
    items = list((ROOT / "content").glob("*/*.ar.md")) + list((ROOT / "content").glob("campaigns/*/*.ar.md"))
    assert len(manifest["refs"]) == len(items)  # every Arabic item and campaign page
    assert "في" in manifest["stopWords"]


def test_drafts_and_hidden_pages_are_not_searchable(tiny):
    tiny.write({
        "news/shown.ar.md": "Title: خبر منشور\nDate: 2023-01-01\n\nكلمة فريدة.\n",
        "news/draft.ar.md": "Title: مسودة\nDate: 2023-01-02\nStatus: draft\n\nكلمة فريدة.\n",
        "pages/hidden.ar.md": "Title: مخفية\nStatus: hidden\n\nكلمة فريدة.\n",
    })
    tiny.build()
    cards = [json.loads(p.read_bytes()) for p in data_files(tiny.output, "ar") if p.parent.name == "docs"]
    assert [card["url"] for card in cards] == ["news/shown/"]
    assert cards[0]["kind"] == "أخبار" and cards[0]["datetime"] == "2023-01-01"
    # English has nothing yet: its search page is built and finds nothing
    assert json.loads(manifest_path(tiny.output, "en").read_bytes())["keys"] == []
    assert search_in_node(tiny.output, "en", ["news"]) == [[]]


def whole_index(site, lang):
    """The lunr index of a site built in one shard, made from its published counts and lengths
    by search/index.py (which tests/test_search_index.py holds equal to lunr.py's Builder)."""
    manifest = json.loads(manifest_path(site, lang).read_bytes())
    assert len(manifest["shards"]) == 1
    fields, refs = manifest["fields"], manifest["refs"]
    counts = {f"{field}/{ref}": Counter() for ref in refs for field in fields}
    for term, *by_field in shard_terms(site, lang, manifest["shards"][0]):
        for field, found in zip(fields, by_field):
            for ref, count in zip(found[::2], found[1::2]):
                counts[f"{field}/{ref}"][term] = count
    lengths = {f"{field}/{ref}": manifest["lengths"][n * len(fields) + f]
               for n, ref in enumerate(refs) for f, field in enumerate(fields)}
    # one shard holds every term: the published lengths are the counts' totals
    assert lengths == {field_ref: sum(found.values()) for field_ref, found in counts.items()}
    return search_index.from_counts(counts, dict(zip(fields, manifest["boosts"])), lengths).serialize()


def python_scores(serialized, query):
    """lunr.py's answer on a whole index, with the clauses the browser builds (engine.js)."""
    index = Index.load(serialized)
    terms = []
    for term in __import__("search").analyser.analyse(query):
        if term not in terms:
            terms.append(term)
    q = index.create_query()
    for term in terms:
        q.term(term, use_pipeline=False)
    if terms and query and query[-1].isalnum() and len(terms[-1]) >= 2:
        q.term(terms[-1], use_pipeline=False, wildcard=Query.WILDCARD_TRAILING, boost=0.5)
    return {hit["ref"]: hit["score"] for hit in index.query(q)}


def test_sharding_changes_no_score_and_lunr_py_agrees_with_lunr_js(tmp_path):
    from bilingual.build import build_site
    from conftest import SETTINGS

    sites = {}
    for name, budget in (("whole", 10 ** 9), ("shards", 300)):
        sites[name] = tmp_path / name
        build_site(SETTINGS, content=ROOT / "content", output=sites[name], overrides={"SEARCH": {"shard_bytes": budget}})
    for lang in ("ar", "en"):
        queries = [q["q"] for q in QUERIES[lang]]
        assert len(json.loads(manifest_path(sites["whole"], lang).read_bytes())["keys"]) == 1
        assert len(json.loads(manifest_path(sites["shards"], lang).read_bytes())["keys"]) > 20
        whole = search_in_node(sites["whole"], lang, queries)
        sharded = search_in_node(sites["shards"], lang, queries)
        serialized = whole_index(sites["whole"], lang)
        for query, a, b in zip(queries, whole, sharded):
            assert [hit["url"] for hit in a] == [hit["url"] for hit in b], query
            assert all(abs(x["score"] - y["score"]) < 1e-3 for x, y in zip(a, b)), query
            expected = python_scores(serialized, query)
            assert {hit["ref"] for hit in a} <= set(expected), query
            assert all(abs(hit["score"] - expected[hit["ref"]]) < 1e-6 for hit in a), query


@pytest.mark.parametrize("setting, complaint", [
    ({"shards": 4}, "SEARCH: unknown key 'shards' (search plugin)"),
    ({"boosts": {"title": 10}}, "SEARCH['boosts'] must give a positive number"),
])
def test_bad_search_settings_stop_the_build_and_keep_the_output(tiny, setting, complaint):
    tiny.write({"news/one.ar.md": "Title: خبر\nDate: 2023-01-01\n\nنص.\n"})
    tiny.build()
    before = tiny.read("news/one/index.html")
    with pytest.raises(BuildError) as stopped:
        tiny.build(SEARCH=setting)
    assert "pelicanconf.py" in str(stopped.value) and complaint in str(stopped.value)
    assert tiny.read("news/one/index.html") == before
