"""A small edit changes a handful of search files (docs/decisions/0011-stable-search-files.md).

A publish sends a file whose name is new or whose bytes changed. Cards are named by a ref taken
from the item's URL; shards hold term counts, not scores, are cut where their own terms say, and
are named by their content; the manifest keeps its name. So adding a sentence to one item changes
its card (if the sentence reaches the excerpt), the shards of the sentence's terms and the
manifest, and adding or deleting an item renames no other card.
"""

import json
import shutil
import sys

import pytest

from bilingual.build import build_site
from conftest import ROOT, SETTINGS, tree_digest
from search.analyser import analyse

sys.path.insert(0, str(ROOT))
from benchmarks.corpus import make_corpus  # noqa: E402

PREFIX = {"ar": "", "en": "en/"}
EDITED = "publications/item-00001.en.md"
SENTENCE = "The committee documented a further complaint about account suspensions."


def search_files(tree, lang):
    """The search files of a language by name (without their .gz and .br twins, which go with them)."""
    data = f"{PREFIX[lang]}search/data/"
    return {path[len(data):]: digest for path, digest in tree.items() if path.startswith(data) and path.endswith(".json")}


def cards(tree, lang):
    return {path: digest for path, digest in search_files(tree, lang).items() if path.startswith("docs/")}


def shard_of(manifest, term):
    """The name of the shard whose range holds `term` (engine.js's shardFor)."""
    utf16 = [key.encode("utf-16-be") for key in manifest["keys"]]
    n = max(i for i, key in enumerate(utf16) if i == 0 or key <= term.encode("utf-16-be"))
    return manifest["shards"][n]


def sent(before, after):
    return {path for path in after if before.get(path) != after[path]} | (set(before) - set(after))


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The corpus built three times: as generated, with one sentence added to one item's body,
    then with one item added and another deleted."""
    tmp = tmp_path_factory.mktemp("stable")
    corpus = make_corpus(ROOT / "content", tmp / "corpus", 150)
    trees = {}

    def build(name):
        build_site(SETTINGS, content=corpus, output=tmp / name)
        trees[name] = tree_digest(tmp / name)
        return tmp / name

    build("first")
    edited = corpus / EDITED
    edited.write_text(edited.read_text(encoding="utf-8").rstrip("\n") + f" {SENTENCE}\n", encoding="utf-8")
    site = build("edited")
    manifest = json.loads((site / "en/search/data/manifest.json").read_bytes())
    edited_ref = next(path.stem for path in (site / "en/search/data/docs").glob("*.json")
                      if json.loads(path.read_bytes())["url"] == "en/publications/item-00001/")
    shutil.copy2(corpus / "publications/item-00002.en.md", corpus / "publications/item-99999.en.md")
    (corpus / "news/item-00003.en.md").unlink()
    build("added")
    return trees, manifest, edited_ref


def test_one_sentence_changes_its_card_the_manifest_and_the_shards_of_its_terms_only(builds):
    trees, manifest, edited_ref = builds
    before, after = search_files(trees["first"], "en"), search_files(trees["edited"], "en")
    changed = sent(before, after)
    terms = set(analyse(SENTENCE))
    shards = {f"shards/{shard_of(manifest, term)}.json" for term in terms}
    assert len(terms) >= 5 and shards <= changed  # every term's count changed in the edited item
    new_shards = {path for path in changed if path.startswith("shards/") and path in after}
    # a cut point may rarely move with an edit, and then one more shard changes
    assert shards <= new_shards and len(new_shards) <= len(shards) + 1, new_shards - shards
    others = {path for path in changed if not path.startswith("shards/")}
    assert others <= {"manifest.json", f"docs/{edited_ref}.json"}  # the card only if the sentence shows in it
    assert len(changed) <= 2 * len(new_shards) + 2  # new and old shard names, the manifest, the card
    print(f"\n{len(terms)} terms in {len(shards)} shards; search files sent or deleted: {sorted(changed)}")
    # the other language and the search pages do not change at all
    assert search_files(trees["first"], "ar") == search_files(trees["edited"], "ar")
    for lang in PREFIX:
        page = f"{PREFIX[lang]}search/index.html"
        assert trees["first"][page] == trees["edited"][page]


def test_adding_or_deleting_an_item_renames_no_other_card(builds):
    trees, _, _ = builds
    before, after = cards(trees["edited"], "en"), cards(trees["added"], "en")
    assert len(after) == len(before)  # one added, one deleted
    kept = set(before) & set(after)
    assert len(kept) == len(before) - 1 and all(before[path] == after[path] for path in kept)
    assert cards(trees["edited"], "ar") == cards(trees["added"], "ar")
