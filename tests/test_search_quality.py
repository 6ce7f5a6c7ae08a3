"""The labelled query set (tests/search_queries.yaml) on the sample site: in Node, and in Chromium
typing into the real search box. Every expected item in the top 10, every expected first result first."""

import pytest
import yaml

from conftest import ROOT
from search_node import search_in_node

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yaml").read_text(encoding="utf-8"))
PREFIX = {"ar": "", "en": "en/"}


def misses(lang, urls_per_query):
    """Every way the results fall short of the labels, as readable lines."""
    problems = []
    for query, urls in zip(QUERIES[lang], urls_per_query):
        expected = [PREFIX[lang] + path for path in query["expect"]]
        missing = [url for url in expected if url not in urls[:10]]
        if missing:
            problems.append(f"{query['q']!r}: {missing} not in the top 10 {urls[:10]}")
        if "first" in query and (not urls or urls[0] != PREFIX[lang] + query["first"]):
            problems.append(f"{query['q']!r}: first is {urls[:1]}, not {query['first']}")
    return problems


def test_the_query_set_is_big_enough():
    assert len(QUERIES["ar"]) >= 40 and len(QUERIES["en"]) >= 20


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_query_set_in_node(sample_site, lang):
    results = search_in_node(sample_site, lang, [q["q"] for q in QUERIES[lang]])
    assert misses(lang, [[hit["url"] for hit in hits] for hits in results]) == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_query_set_typed_into_the_search_box_in_chromium(browser, served_site, sample_site, lang):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{served_site}/{PREFIX[lang]}search/")
    box = page.locator("#search-q")
    found = []
    for query in QUERIES[lang]:
        box.fill("")
        box.press_sequentially(query["q"])
        box.press("Enter")
        page.wait_for_function("q => document.querySelector('[data-search-results]').dataset.searchQuery === q",
                               arg=query["q"].strip())
        hrefs = page.locator("[data-search-results] li h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        found.append([href.lstrip("/") for href in hrefs])
    page.close()
    assert errors == []
    assert misses(lang, found) == []
    # the browser shows what Node computes from the same files
    node = search_in_node(sample_site, lang, [q["q"] for q in QUERIES[lang]])
    assert found == [[hit["url"] for hit in hits] for hits in node]
